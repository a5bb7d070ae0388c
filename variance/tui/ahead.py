"""The screens not yet shown, built one by one while the first screen is read.

A screen's first visit composed it, mounted its widgets and filled them from the comparison
(at a thousand versions 0.15 to 0.4 s of CPU for each screen, before its first frame). Once the
first screen is shown and the lookups are worked out, the others are built here, one at a time
with a pause between them so that keys pressed meanwhile are answered between two; a screen
built ahead follows the app's state as a shown one does (`screens.live`), and its first visit
then only lays it out and draws it. A screen the user opened before its turn is not built again.
The app lets the screen being built finish mounting before it shuts down, and a screen whose
mount comes once the app is closing is left unfilled (`screens.live`).

A screen built here is styled as it mounts, so it is marked as styled by the app's current
stylesheet: Textual otherwise styles every screen of the app again (and parses the whole
stylesheet again, twice) on a screen's first visit, a tenth of a second at a thousand versions.
The dialogs opened most (the keys, the filter) are built ahead too, after the screens, and
installed: the app shows the same one each time. The default styles of the widgets every
dialog is made of are parsed here (`ready_styles`): Textual parses a widget class's styles, and with them every
stylesheet the app holds again, on its first mount, which was the first filter dialog's cost.
"""

from __future__ import annotations

import sys
from collections.abc import Awaitable, Callable, Iterable, Mapping

from textual.app import App
from textual.screen import Screen
from textual.widget import Widget

__all__ = ["ScreensAhead", "PAUSE", "ready_styles"]

PAUSE = 0.05
"""Seconds between two screens built ahead."""


class ScreensAhead:
    """Builds the screens of `modes` ahead; `screen(mode)` gives the one built, or a new one."""

    def __init__(self, app: App, modes: Mapping[str, Callable[[], Screen]],
                 done: Callable[[], None] = lambda: None,
                 dialogs: Mapping[str, Callable[[], Screen]] | None = None) -> None:
        self.app, self.modes, self.done = app, dict(modes), done
        """`done` is called once every screen is built (or was shown)."""
        self.dialogs = dict(dialogs or {})
        """Dialogs shown again and again (the keys, the filter): installed under their name
        and built after the screens, one at a time, unless already installed."""
        self.built: dict[str, Screen] = {}
        """Screens built and not yet shown, by mode."""
        self.todo: list[str] = []
        self.ready = False
        """True once every screen is built or was shown (benchmarks wait for it)."""
        self._mounting: Awaitable[None] | None = None
        """The mount of the screen built last, awaited before the app shuts down."""

    def dialog(self, name: str) -> str:
        """The name of the dialog to push, installed (and built) now if not yet."""
        if name in self.todo:
            self.todo.remove(name)
        if not self.app.is_screen_installed(name):
            self.app.install_screen(self.dialogs[name](), name)
        return name

    def screen(self, mode: str) -> Screen:
        """The screen of `mode` for the app to show (its `MODES` entry calls this)."""
        if mode in self.todo:
            self.todo.remove(mode)
        return self.built.pop(mode, None) or self.modes[mode]()

    def start(self, shown: str) -> None:
        """Build every screen but `shown`, in the order of the screen keys."""
        if self.todo or self.built or self.ready:
            return
        self.todo = [mode for mode in self.modes if mode != shown] + list(self.dialogs)
        self.app.set_timer(PAUSE, self._next)

    async def stop(self) -> None:
        """Build no more, and let the screen being built finish mounting: a screen whose
        widgets were closed under it by the app's shut-down would fail its own mount."""
        self.todo.clear()
        if self._mounting is not None:
            await self._mounting

    def _next(self) -> None:
        if any(not screen.is_mounted for screen in self.built.values()):
            self.app.set_timer(PAUSE, self._next)     # the last one is still being composed
            return
        while self.todo:
            mode = self.todo.pop(0)
            if mode in self.dialogs:
                if self.app.is_screen_installed(mode):   # opened before its turn
                    continue
                screen = self.dialogs[mode]()
                self.app.install_screen(screen, mode)
            elif self.app._screen_stacks.get(mode):     # opened before its turn
                continue
            else:
                screen = self.modes[mode]()
                self.built[mode] = screen
            _, self._mounting = self.app._get_screen(screen)   # starts it outside every stack
            screen._css_update_count = self.app._css_update_count  # styled as it mounts
            self.app.set_timer(PAUSE, self._next)
            return
        self.done()
        self.ready = True


def ready_styles(app: App, screens: Iterable[type[Screen]], *widgets: type[Widget]) -> None:
    """Parse now the default styles of `screens`, of the widget classes their modules use,
    and of `widgets`, as Textual would on each one's first mount."""
    classes: set[type] = {*screens, *widgets}
    for screen in screens:
        classes.update(value for value in vars(sys.modules[screen.__module__]).values()
                       if isinstance(value, type) and issubclass(value, Widget))
    stylesheet = app.stylesheet
    for cls in classes:
        node: Widget = object.__new__(cls)   # its default styles depend only on its class
        for read_from, css, tie_breaker, scope in node._get_default_css():
            stylesheet.add_source(css, read_from=read_from, is_default_css=True,
                                  tie_breaker=tie_breaker, scope=scope)
    stylesheet.parse()                   # once, here

"""The screens not yet shown, built one by one while the first screen is read.

A screen's first visit composed it, mounted its widgets and filled them from the comparison
(at a thousand versions 0.15 to 0.4 s of CPU for each screen, before its first frame). Once the
first screen is shown and the lookups are worked out, the others are built here, one at a time
with a pause between them so that keys pressed meanwhile are answered between two; a screen
built ahead follows the app's state as a shown one does (`screens.live`), and its first visit
then only lays it out and draws it. A screen the user opened before its turn is not built again.
The app lets the screen being built finish mounting before it shuts down, and a screen whose
mount comes once the app is closing is left unfilled (`screens.live`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping

from textual.app import App
from textual.screen import Screen

__all__ = ["ScreensAhead", "PAUSE"]

PAUSE = 0.05
"""Seconds between two screens built ahead."""


class ScreensAhead:
    """Builds the screens of `modes` ahead; `screen(mode)` gives the one built, or a new one."""

    def __init__(self, app: App, modes: Mapping[str, Callable[[], Screen]]) -> None:
        self.app, self.modes = app, dict(modes)
        self.built: dict[str, Screen] = {}
        """Screens built and not yet shown, by mode."""
        self.todo: list[str] = []
        self.ready = False
        """True once every screen is built or was shown (benchmarks wait for it)."""
        self._mounting: Awaitable[None] | None = None
        """The mount of the screen built last, awaited before the app shuts down."""

    def screen(self, mode: str) -> Screen:
        """The screen of `mode` for the app to show (its `MODES` entry calls this)."""
        if mode in self.todo:
            self.todo.remove(mode)
        return self.built.pop(mode, None) or self.modes[mode]()

    def start(self, shown: str) -> None:
        """Build every screen but `shown`, in the order of the screen keys."""
        if self.todo or self.built or self.ready:
            return
        self.todo = [mode for mode in self.modes if mode != shown]
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
            if self.app._screen_stacks.get(mode):     # opened before its turn
                continue
            screen = self.modes[mode]()
            _, self._mounting = self.app._get_screen(screen)   # starts it outside every stack
            self.built[mode] = screen
            self.app.set_timer(PAUSE, self._next)
            return
        self.ready = True

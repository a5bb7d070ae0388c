"""A screen that follows the app's state, redrawing only while it is the one shown.

Every screen watches some of the app's reactive attributes (`comparison`, `view`, `theme`...).
A change made elsewhere (a filter chosen on the statements screen) must not rebuild the six
screens the user is not looking at: a screen not shown remembers what changed and redraws
once, when it is shown again.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.message import Message
from textual.screen import Screen

__all__ = ["LiveScreen"]


class LiveScreen(Screen):
    def __init__(self) -> None:
        super().__init__()
        self._pending: dict[Callable[[], None], None] = {}
        """Redraws owed, in the order they were asked for, until the screen is shown."""

    def follow(self, attribute: str, redraw: Callable[[], None]) -> None:
        """Call `redraw` when the app's `attribute` changes: now if this screen is shown,
        else when it is shown next (once, however often it changed meanwhile)."""
        def changed(_value: object = None) -> None:
            if self.is_current:
                redraw()
            else:
                self._pending[redraw] = None

        self.watch(self.app, attribute, changed, init=False)

    async def _on_message(self, message: Message) -> None:
        """A screen built ahead (`ahead.py`) whose mount comes once the app is closing is not
        filled: its widgets may already be closed under it."""
        if isinstance(message, events.Mount) and getattr(self.app, "_exit", False):
            return
        await super()._on_message(message)

    def on_screen_resume(self) -> None:
        pending, self._pending = list(self._pending), {}
        for redraw in pending:
            redraw()

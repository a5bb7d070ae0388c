"""The footer of every screen, drawn again only when the keys it shows change.

Textual's `Footer` rebuilds its keys whenever the bindings might have changed: each focus
change, each screen switch, each `refresh_bindings`. Rebuilding thirty keys costs more than
moving the cursor; this footer compares what it would show with what it shows and keeps it
when they are the same.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer

__all__ = ["KeyFooter"]


class KeyFooter(Footer):
    def __init__(self) -> None:
        super().__init__()
        self._shown: tuple | None = None
        """The keys the footer was last built with: (key, action, description, enabled, tooltip)."""

    def bindings_changed(self, screen: Screen) -> None:
        shown = tuple((b.key, b.action, b.description, enabled, tooltip)
                      for _, b, enabled, tooltip in screen.active_bindings.values() if b.show)
        if self._bindings_ready and shown == self._shown:
            return
        super().bindings_changed(screen)
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._shown = shown

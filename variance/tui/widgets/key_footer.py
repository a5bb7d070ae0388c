"""The footer of every screen, drawn again only when the keys it shows change.

Textual's `Footer` rebuilds its keys whenever the bindings might have changed: each focus
change, each screen switch, each `refresh_bindings`. Rebuilding thirty keys costs more than
moving the cursor; this footer compares what it would show with what it shows and keeps it
when they are the same. The keys bound to the footer's style (compact or not: all but the
palette's) are made in it: Textual makes each compact and then, bound to the footer, wide
again, each a restyle of the key and its parts, 50 ms of CPU for a screen's thirty keys at its
first visit (1,000 versions or five, the same keys).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

__all__ = ["KeyFooter"]


class KeyFooter(Footer):
    def __init__(self) -> None:
        super().__init__()
        self._shown: tuple | None = None
        """The keys the footer was last built with: (key, action, description, enabled, tooltip)."""

    @staticmethod
    def _keys(screen: Screen) -> tuple:
        return tuple((b.key, b.action, b.description, enabled, tooltip)
                     for _, b, enabled, tooltip in screen.active_bindings.values() if b.show)

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self._shown = self._keys(self.screen)
        for widget in super().compose():
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                widget.set_reactive(FooterKey.compact, self.compact)   # bound to the footer's
            yield widget

    def bindings_changed(self, screen: Screen) -> None:
        if not screen.is_current:  # covered by a dialog: drawn again, if need be, when shown
            return
        if self._bindings_ready and self._shown is not None and self._keys(screen) == self._shown:
            return
        super().bindings_changed(screen)

"""A DataTable that keeps its rendered cells when only focus or hover changes.

Textual's `DataTable` empties every render cache on each style update, and moving the focus
(switching screens, opening a dialog and closing it) is a style update: at a thousand versions
each return to the coverage matrix rendered every visible cell again, 0.25 to 0.7 s for rows
of a thousand glyphs. The caches are already keyed by the focus and hover state, so a render
made while focused stays right for the next time the table is focused; this table empties them
only when the theme changes (the one style change that alters what a cell looks like here).
"""

from __future__ import annotations

from textual.widget import Widget
from textual.widgets import DataTable

__all__ = ["KeptTable"]


class KeptTable(DataTable):
    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._drawn_theme: tuple[str, bool] | None = None
        """The theme the cached cells were rendered in."""

    def notify_style_update(self) -> None:
        theme = (self.app.theme, self.app.current_theme.dark) if self.is_attached else None
        if theme is not None and theme == self._drawn_theme:
            Widget.notify_style_update(self)  # the widget's own style caches, not the cells
            self._get_styles_to_render_cell.cache_clear()
            self.refresh()
            return
        self._drawn_theme = theme
        super().notify_style_update()

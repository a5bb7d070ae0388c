"""A DataTable that keeps its rendered cells when only focus or hover changes.

Textual's `DataTable` empties every render cache on each style update, and moving the focus
(switching screens, opening a dialog and closing it) is a style update: at a thousand versions
each return to the coverage matrix rendered every visible cell again, 0.25 to 0.7 s for rows
of a thousand glyphs. The caches are already keyed by the focus and hover state, so a render
made while focused stays right for the next time the table is focused; this table empties them
only when the theme changes (the one style change that alters what a cell looks like here).

Even so a focus change renders every cell again, as the focus state is part of the cache key.
Outside the cursor and the mouse, a cell's look depends only on its value, its row's style and
its width: those cells are also kept by exactly that, whatever the focus or the table's update
count, until the theme changes, and while the cell holds the same value: a table cleared and
filled again with the same cell objects (the matrix after a filter change, for the rows the
filter did not alter) draws none of them again.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import DataTable

__all__ = ["KeptTable", "KEPT_CELLS"]

KEPT_CELLS = 20_000
"""Rendered cells kept at most; past it the kept cells are let go and rendered again as seen."""


class KeptTable(DataTable):
    _pass: dict[object, Style] | None = None
    """The styles worked out during the render under way (none outside one)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._drawn_theme: tuple[str, bool] | None = None
        """The theme the cached cells were rendered in."""
        self._kept: dict[tuple, tuple[object, list[list[Segment]]]] = {}
        """(row, column, row style, width, height) → (the cell's value, its lines)."""

    def _render_cell(self, row_index: int, column_index: int, base_style: Style, width: int,
                     cursor: bool = False, hover: bool = False) -> list[list[Segment]]:
        if cursor or hover or row_index < 0 or column_index < 0:
            return self._draw_cell(row_index, column_index, base_style, width, cursor, hover)
        row_key = self._row_locations.get_key(row_index)
        if row_key is None:
            return self._draw_cell(row_index, column_index, base_style, width, cursor, hover)
        value = self._get_row_renderables(row_index).cells[column_index]
        key = (row_index, column_index, base_style, width, self.rows[row_key].height)
        kept = self._kept.get(key)
        if kept is not None and kept[0] is value:
            return kept[1]
        lines = self._draw_cell(row_index, column_index, base_style, width, cursor, hover)
        if len(self._kept) >= KEPT_CELLS:
            self._kept.clear()
        self._kept[key] = (value, lines)
        return lines

    def render_lines(self, crop: Region) -> list[Strip]:
        self._pass = {}
        try:
            return super().render_lines(crop)
        finally:
            self._pass = None

    @property
    def rich_style(self) -> Style:
        """The table's style, worked out once per render (`DataTable` asks it for every line,
        and it walks every ancestor's styles each time)."""
        if self._pass is None:
            return super().rich_style
        if "" not in self._pass:
            self._pass[""] = super().rich_style
        return self._pass[""]

    def _get_row_style(self, row_index: int, base_style: Style) -> Style:
        """A row's style, worked out once per render for each kind of row (header, fixed, odd,
        even), as `DataTable` gives it."""
        if self._pass is None:
            return super()._get_row_style(row_index, base_style)
        kind = (-1 if row_index == -1 else -2 if row_index < self.fixed_rows else
                row_index % 2 if self.zebra_stripes else -3, base_style)
        if kind not in self._pass:
            self._pass[kind] = super()._get_row_style(row_index, base_style)
        return self._pass[kind]

    def _draw_cell(self, row_index: int, column_index: int, base_style: Style, width: int,
                   cursor: bool, hover: bool) -> list[list[Segment]]:
        """Render one cell, as `DataTable` does (a subclass may draw some cells faster)."""
        return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)

    def notify_style_update(self) -> None:
        theme = (self.app.theme, self.app.current_theme.dark) if self.is_attached else None
        if theme is not None and theme == self._drawn_theme:
            Widget.notify_style_update(self)  # the widget's own style caches, not the cells
            self._get_styles_to_render_cell.cache_clear()
            self.refresh()
            return
        self._drawn_theme = theme
        self._kept.clear()
        super().notify_style_update()

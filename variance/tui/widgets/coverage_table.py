"""The statement × document matrix: which version carries each statement, and how changed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable
from textual.widgets.data_table import RowDoesNotExist

from ...model import Severity, Statement
from ..paint import SEVERITY_STYLE, to_rich
from ..view import GLYPH, WIDE, Lookup, ViewFilter, short_labels
from .glyph_strip import GlyphStrip
from .kept_table import KeptTable

__all__ = ["CoverageTable", "CELLS"]

CELLS = {
    "absent": Content.styled("  ·", "$text-muted"), "only": Content.styled("only", "bold $text-success"),
    "anchor": Content.styled("◆", "bold"), "same": Content("="),
    **{s.value: Content.styled(glyph, SEVERITY_STYLE[s]) for s, glyph in
       ((Severity.LOW, "· low"), (Severity.MEDIUM, "● med"), (Severity.HIGH, "▲ high"))},
}
"""Every cell the matrix can hold, by name."""
GLYPHS = {
    "absent": Content.styled(GLYPH["absent"], "$text-muted"),
    "only": Content.styled(GLYPH["only"], "bold $text-success"),
    "anchor": Content.styled(GLYPH["anchor"], "bold"), "same": Content(GLYPH["same"]),
    **{s.value: Content.styled(GLYPH[s.value], SEVERITY_STYLE[s]) for s in Severity},
}
"""The same, one character each, for the strip a wide corpus gets instead of columns (`WIDE`)."""
WINDOW = 64
"""A strip is drawn this many glyphs beyond each side of what the screen shows, so that a short
horizontal scroll draws nothing again (`GlyphStrip`)."""


class CoverageTable(KeptTable):
    """Rows are statements (row key = statement id), columns documents (column key = id)."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("h", "cursor_left", "Left", show=False),
        Binding("l", "cursor_right", "Right", show=False),
    ]

    @dataclass
    class Chosen(Message):
        statement_id: int
        document: str | None

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="cell", zebra_stripes=True, **kwargs)
        self._strips: dict[tuple[str, ...], GlyphStrip] = {}
        """Each strip drawn, by its glyphs: a row whose glyphs did not change when the filter
        did keeps the same strip, and so its rendered cell (`KeptTable`)."""
        self._labels: dict[int, tuple[Text, Text]] = {}
        """Each statement's id and words cells."""
        self._drawn: tuple | None = None
        """(comparison, filter, theme, kept statement) the rows were last made for."""
        self._window: tuple[int, int] | None = None
        """The glyphs of each strip drawn: those the horizontal scroll shows, and `WINDOW` more
        each side (None: all)."""

    def show(self, statements: Sequence[Statement], lookup: Lookup, view: ViewFilter,
             keep: int | None) -> None:
        drawn = (lookup.comparison, view, self.app.theme, tuple(st.id for st in statements))
        if drawn == self._drawn:       # the same rows (a filter set and set back): keep them
            self.select_statement(keep)
            return
        if self._drawn is None or self._drawn[2] != self.app.theme or self._drawn[0] is not drawn[0]:
            self._strips.clear()
            self._labels.clear()
        self._drawn = drawn
        self.clear(columns=True)
        ids = [d.id for d in lookup.comparison.documents]
        strip = len(ids) > WIDE
        self.add_column("", key="#")
        if strip:
            self.add_column(f"{len(ids)} versions, in order", key="strip")
        else:
            labels = short_labels(ids)
            for doc_id in ids:
                self.add_column(("★" if doc_id == lookup.comparison.reference else "")
                                + labels[doc_id], key=doc_id)
        self.add_column("statement (as the compared version words it)", key="text")
        cells = {name: self._rich(cell) for name, cell in CELLS.items()}
        spans = {glyph.plain: self._rich(glyph).spans for glyph in GLYPHS.values()}
        styles = {char: spans[char][0].style if spans[char] else None for char in spans}
        for st in statements:
            if strip:
                row: list[Text | GlyphStrip] = [self._strip(lookup.strip(st, view), styles)]
            else:
                row = [cells[n] for n in lookup.cells(st, view)]
            label, words = self._label(st, lookup)
            self.add_row(label, *row, words, key=str(st.id))
        self.select_statement(keep)

    def _rich(self, content: Content) -> Text:
        return to_rich(content, self.app.theme_variables)

    def _label(self, st: Statement, lookup: Lookup) -> tuple[Text, Text]:
        """The statement's id and words, made once per comparison and theme: the same cell
        values keep their rendered cells when the filter changes (`KeptTable`)."""
        if st.id not in self._labels:
            words = " ".join(lookup.text(lookup.anchor(st)).split())[:80]
            self._labels[st.id] = (self._rich(Content.styled(f"S{st.id}", "bold")),
                                   self._rich(Content.styled(words, "$text-muted")))
        return self._labels[st.id]

    def _strip(self, runs: tuple[str, ...], styles: dict[str, str | Style | None]) -> GlyphStrip:
        if runs not in self._strips:
            self._strips[runs] = GlyphStrip([(run, styles[run[0]]) for run in runs])
        return self._strips[runs]

    def _draw_cell(self, row_index: int, column_index: int, base_style: Style, width: int,
                   cursor: bool, hover: bool) -> list[list[Segment]]:
        """A strip is drawn straight from its segments, in the styles `DataTable` would give
        it, and only around what the screen shows of it (`GlyphStrip`): through Rich's
        renderer, splitting and cropping its hundreds of runs, each row of a thousand glyphs
        took milliseconds, and a screenful of them (after each filter change) a third of a
        second."""
        if row_index >= 0 and column_index >= 0:
            value = self._get_row_renderables(row_index).cells[column_index]
            if isinstance(value, GlyphStrip):
                fixed = row_index < self.fixed_rows or column_index < self.fixed_columns
                component, post = self._get_styles_to_render_cell(
                    False, False, fixed, hover, cursor, self.show_cursor, self._show_hover_cursor,
                    self.cursor_foreground_priority == "css", self.cursor_background_priority == "css")
                pre = base_style + Style.from_meta({"row": row_index, "column": column_index}) + component
                if self._window is None:
                    self._window = self._seen()
                return [value.line(pre, post, width, self.cell_padding, self._window)]
        return super()._draw_cell(row_index, column_index, base_style, width, cursor, hover)

    def _visible(self) -> tuple[int, int]:
        """The glyphs of a strip the screen shows, `[start, end)`."""
        label = self.ordered_columns[0].get_render_width(self) if self.ordered_columns else 0
        into = int(self.scroll_x) - label - self.cell_padding
        return max(0, into), max(0, into + self.size.width)

    def _seen(self) -> tuple[int, int]:
        """The glyphs to draw: those shown, and `WINDOW` more each side (to a multiple of it)."""
        start, end = self._visible()
        return max(0, start - WINDOW) // WINDOW * WINDOW, (end + 2 * WINDOW) // WINDOW * WINDOW

    def watch_scroll_x(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_x(old_value, new_value)
        self._redraw_strips()

    def _on_resize(self, event: events.Resize) -> None:
        self._redraw_strips()
        super()._on_resize(event)

    def _redraw_strips(self) -> None:
        """Once the screen shows glyphs outside the window drawn, draw the strips again."""
        if self._window is None:
            return
        start, end = self._visible()
        if self._window[0] <= start and end <= self._window[1]:
            return
        self._window = None
        strip = self.get_column_index("strip") if "strip" in self.columns else -1
        self._kept = {key: kept for key, kept in self._kept.items() if key[1] != strip}
        self._row_render_cache.clear()
        self._line_cache.clear()
        self.refresh()

    def select_statement(self, statement_id: int | None) -> bool:
        if statement_id is None:
            return False
        try:
            row = self.get_row_index(str(statement_id))
        except RowDoesNotExist:
            return False
        self.move_cursor(row=row)
        return True

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        column = event.cell_key.column_key.value
        document = column if column not in ("#", "strip", "text") else None
        self.post_message(self.Chosen(int(event.cell_key.row_key.value), document))

"""The statement × document matrix: which version carries each statement, and how changed."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable
from textual.widgets.data_table import RowDoesNotExist

from ...model import Severity, Statement
from ..paint import SEVERITY_STYLE, to_rich
from ..view import Lookup, ViewFilter, short_labels
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
    "absent": Content.styled("·", "$text-muted"), "only": Content.styled("■", "bold $text-success"),
    "anchor": Content.styled("◆", "bold"), "same": Content("="),
    **{s.value: Content.styled(glyph, SEVERITY_STYLE[s]) for s, glyph in
       ((Severity.LOW, "○"), (Severity.MEDIUM, "●"), (Severity.HIGH, "▲"))},
}
"""The same, one character each, for the strip a wide corpus gets instead of columns."""
MAX_COLUMNS = 16
"""More documents than this and each row shows one strip of glyphs, a glyph per document."""


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
        self._strips: dict[str, GlyphStrip] = {}
        """Each strip drawn, by its glyphs: a row whose glyphs did not change when the filter
        did keeps the same strip, and so its rendered cell (`KeptTable`)."""
        self._labels: dict[int, tuple[Text, Text]] = {}
        """Each statement's id and words cells."""
        self._drawn: tuple | None = None
        """(comparison, filter, theme, kept statement) the rows were last made for."""

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
        strip = len(ids) > MAX_COLUMNS
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
        styles = {GLYPHS[name].plain: self._rich(glyph).spans for name, glyph in GLYPHS.items()}
        for st in statements:
            if strip:
                row: list[Text | GlyphStrip] = [self._strip(_glyphs(st, lookup, view), styles)]
            else:
                row = [cells[n] for n in self._cells(st, ids, lookup, view)]
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

    @staticmethod
    def _cells(st: Statement, ids: list[str], lookup: Lookup, view: ViewFilter) -> list[str]:
        """The name of each document's cell (a key of `CELLS`)."""
        present = {m.document for m in st.members}
        if len(present) == 1:
            return ["only" if doc_id in present else "absent" for doc_id in ids]
        anchor = lookup.anchor(st).document
        worst = lookup.severities(st, view)
        return ["absent" if doc_id not in present else "anchor" if doc_id == anchor else
                worst[doc_id].value if doc_id in worst else "same" for doc_id in ids]

    def _strip(self, glyphs: str, styles: dict[str, list]) -> GlyphStrip:
        if glyphs not in self._strips:
            self._strips[glyphs] = GlyphStrip([
                (run.group(), styles[run.group()[0]][0].style if styles[run.group()[0]] else None)
                for run in _RUNS.finditer(glyphs)])
        return self._strips[glyphs]

    def _draw_cell(self, row_index: int, column_index: int, base_style: Style, width: int,
                   cursor: bool, hover: bool) -> list[list[Segment]]:
        """A strip is drawn straight from its segments, in the styles `DataTable` would give
        it: through Rich's renderer, splitting and cropping its hundreds of runs, each row of a
        thousand glyphs took milliseconds, and a screenful of them (after each filter change)
        a third of a second."""
        if row_index >= 0 and column_index >= 0:
            value = self._get_row_renderables(row_index).cells[column_index]
            if isinstance(value, GlyphStrip):
                fixed = row_index < self.fixed_rows or column_index < self.fixed_columns
                component, post = self._get_styles_to_render_cell(
                    False, False, fixed, hover, cursor, self.show_cursor, self._show_hover_cursor,
                    self.cursor_foreground_priority == "css", self.cursor_background_priority == "css")
                pre = base_style + Style.from_meta({"row": row_index, "column": column_index}) + component
                return [value.line(pre, post, width, self.cell_padding)]
        return super()._draw_cell(row_index, column_index, base_style, width, cursor, hover)

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


_RUNS = re.compile(r"(.)\1*")
"""A run of one glyph."""
_CHAR = {name: glyph.plain for name, glyph in GLYPHS.items()}
"""Each cell's glyph (one character each, all different)."""


def _glyphs(st: Statement, lookup: Lookup, view: ViewFilter) -> str:
    """The statement's strip, a glyph per document in input order."""
    order = lookup.order
    chars = [_CHAR["absent"]] * len(order)
    present = {m.document for m in st.members}
    if len(present) == 1:
        chars[order[next(iter(present))]] = _CHAR["only"]
        return "".join(chars)
    for doc in present:
        chars[order[doc]] = _CHAR["same"]
    for doc, severity in lookup.severities(st, view).items():
        if doc in present:
            chars[order[doc]] = _CHAR[severity.value]
    chars[order[lookup.anchor(st).document]] = _CHAR["anchor"]
    return "".join(chars)


class GlyphStrip:
    """A strip of glyphs drawn as ready-made segments: Rich's `Text` works out each span's
    style again on every render, which at hundreds of runs a row made the matrix slow to draw."""

    def __init__(self, runs: list[tuple[str, str | Style | None]]) -> None:
        self.segments = [Segment(text, Style.parse(style) if isinstance(style, str) else style)
                         for text, style in runs]
        self.plain = "".join(text for text, _ in runs)
        self.styles = {segment.style for segment in self.segments}

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        return self.segments

    def line(self, pre: Style, post: Style, width: int, padding: int) -> list[Segment]:
        """The strip as one line of a table's cell `width` cells wide, `padding` blank cells
        each side, each segment's style between `pre` and `post` (as Textual's `Styled`)."""
        styled: dict[Style | None, Style] = {}   # a handful of glyph styles, hundreds of runs
        for style in self.styles:
            styled[style] = pre + style + post
        blank = Segment(" " * padding, pre + post)
        line = [blank, *(Segment(text, styled[style]) for text, style, _ in self.segments), blank]
        if len(self.plain) + 2 * padding != width:
            line = Segment.adjust_line_length(line, width, pre + post)
        return line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(len(self.plain), len(self.plain))

"""The statement × document matrix: which version carries each statement, and how changed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby

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
        self._strips: dict[tuple[str, ...], GlyphStrip] = {}
        """Each strip drawn, by its glyphs: a row whose glyphs did not change when the filter
        did keeps the same strip, and so its rendered cell (`KeptTable`)."""
        self._drawn: tuple | None = None
        """(comparison, filter, theme, kept statement) the rows were last made for."""

    def show(self, statements: Sequence[Statement], lookup: Lookup, view: ViewFilter,
             keep: int | None) -> None:
        drawn = (lookup.comparison, view, self.app.theme, tuple(st.id for st in statements))
        if drawn == self._drawn:       # the same rows (a filter set and set back): keep them
            self.select_statement(keep)
            return
        if self._drawn is None or self._drawn[2] != self.app.theme:
            self._strips.clear()
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
        def rich(content: Content) -> Text:
            return to_rich(content, self.app.theme_variables)

        cells = {name: rich(cell) for name, cell in CELLS.items()}
        glyphs = {name: rich(glyph) for name, glyph in GLYPHS.items()}
        for st in statements:
            names = self._cells(st, ids, lookup, view)
            row = [self._strip(names, glyphs)] if strip else [cells[n] for n in names]
            words = " ".join(lookup.text(lookup.anchor(st)).split())[:80]
            self.add_row(rich(Content.styled(f"S{st.id}", "bold")), *row,
                         rich(Content.styled(words, "$text-muted")), key=str(st.id))
        self.select_statement(keep)

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

    def _strip(self, names: list[str], glyphs: dict[str, Text]) -> GlyphStrip:
        key = tuple(names)
        if key not in self._strips:
            self._strips[key] = _strip(names, glyphs)
        return self._strips[key]

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


def _strip(names: list[str], glyphs: dict[str, Text]) -> GlyphStrip:
    """One glyph per document, a run of equal glyphs one segment (a thousand versions make a
    thousand glyphs, mostly runs of `·`)."""
    runs = []
    for name, run in groupby(names):
        glyph = glyphs[name]
        runs.append((glyph.plain * len(list(run)), glyph.spans[0].style if glyph.spans else None))
    return GlyphStrip(runs)


class GlyphStrip:
    """A strip of glyphs drawn as ready-made segments: Rich's `Text` works out each span's
    style again on every render, which at hundreds of runs a row made the matrix slow to draw."""

    def __init__(self, runs: list[tuple[str, str | Style | None]]) -> None:
        self.segments = [Segment(text, Style.parse(style) if isinstance(style, str) else style)
                         for text, style in runs]
        self.plain = "".join(text for text, _ in runs)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        return self.segments

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(len(self.plain), len(self.plain))

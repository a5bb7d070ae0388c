"""The statement × document matrix: which version carries each statement, and how changed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable
from textual.widgets.data_table import RowDoesNotExist

from ..paint import SEVERITY_STYLE, to_rich
from ..view import Lookup, ViewFilter, short_labels
from ...model import Statement

__all__ = ["CoverageTable"]

_GLYPH = {"high": "▲ high", "medium": "● med", "low": "· low"}


class CoverageTable(DataTable):
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

    def show(self, statements: Sequence[Statement], lookup: Lookup, view: ViewFilter,
             keep: int | None) -> None:
        self.clear(columns=True)
        ids = [d.id for d in lookup.comparison.documents]
        labels = short_labels(ids)
        self.add_column("", key="#")
        for doc_id in ids:
            mark = "★" if doc_id == lookup.comparison.reference else ""
            self.add_column(mark + labels[doc_id], key=doc_id)
        self.add_column("statement (as the compared version words it)", key="text")
        for st in statements:
            cells = [self._cell(st, doc_id, lookup, view) for doc_id in ids]
            words = " ".join(lookup.text(lookup.anchor(st)).split())
            row = [Content.styled(f"S{st.id}", "bold"), *cells, Content.styled(words[:80], "$text-muted")]
            self.add_row(*(to_rich(c, self.app.theme_variables) for c in row), key=str(st.id))
        self.select_statement(keep)

    @staticmethod
    def _cell(st: Statement, doc_id: str, lookup: Lookup, view: ViewFilter) -> Content:
        member = st.member(doc_id)
        if member is None:
            return Content.styled("  ·", "$text-muted")
        if len(st.members) == 1:
            return Content.styled("only", "bold $success")
        if member is lookup.anchor(st):
            return Content.styled("◆", "bold")
        worst = lookup.severity(st, view, doc_id)
        if worst is None:
            return Content("=")
        return Content.styled(_GLYPH[worst.value], SEVERITY_STYLE[worst])

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
        document = column if column not in ("#", "text") else None
        self.post_message(self.Chosen(int(event.cell_key.row_key.value), document))

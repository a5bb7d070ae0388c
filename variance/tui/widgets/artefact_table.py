"""Every flagged artefact: where it is, what kind, the words, and why it was flagged."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable

from ..paint import to_rich
from ...model import Artefact

__all__ = ["ArtefactTable"]


class ArtefactTable(DataTable):
    """Row keys are positions in `Comparison.artefacts`."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    @dataclass
    class Highlighted(Message):
        index: int

    @dataclass
    class Chosen(Message):
        index: int

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)

    def show(self, artefacts: tuple[Artefact, ...]) -> None:
        self.clear(columns=True)
        self.add_columns("document", "kind", "text", "why")
        for i, a in enumerate(artefacts):
            row = [Content(a.document), Content.styled(a.kind.value, "bold $text-error"),
                   Content.styled(a.text, "reverse"), Content(a.message)]
            self.add_row(*(to_rich(c, self.app.theme_variables) for c in row), key=str(i))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.post_message(self.Highlighted(int(event.row_key.value)))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(int(event.row_key.value)))

"""Every flagged artefact: where it is, what kind, the words, and why it was flagged."""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.message import Message

from ...model import Artefact
from ..paint import to_rich
from .lazy import fill_lazily
from .row_table import RowTable

__all__ = ["ArtefactTable"]


class ArtefactTable(RowTable):
    """Row keys are positions in `Comparison.artefacts`."""

    @dataclass
    class Highlighted(Message):
        index: int

    @dataclass
    class Chosen(Message):
        index: int

    def show(self, artefacts: tuple[Artefact, ...]) -> None:
        """Replace the rows: a screenful at once, the others after (`fill_lazily`)."""
        self.clear(columns=True)
        self.add_columns("document", "kind", "text", "why")
        variables = self.app.theme_variables

        def add(positions: range) -> None:
            for i in positions:
                a = artefacts[i]
                row = [Content(a.document), Content.styled(a.kind.value, "bold $text-error"),
                       Content.styled(a.text, "reverse"), Content(a.message)]
                self.add_row(*(to_rich(c, variables) for c in row), key=str(i))

        fill_lazily(self, len(artefacts), add)

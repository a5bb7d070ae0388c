"""Every decision in the decisions file: kind, status, statements, author, time, note."""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.message import Message

from ...model.decisions import AppliedDecision, DecisionStatus
from ..paint import to_rich
from .row_table import RowTable

__all__ = ["DecisionTable"]

_STATUS_STYLE = {DecisionStatus.ACTIVE: "$text-success", DecisionStatus.EDITED: "$text-success",
                 DecisionStatus.STALE: "bold $text-error", DecisionStatus.ABSENT: "$text-warning",
                 DecisionStatus.OVERRIDDEN: "$text-warning"}


class DecisionTable(RowTable):
    """Row keys are positions in `Comparison.decisions.decisions`."""

    @dataclass
    class Highlighted(Message):
        index: int

    @dataclass
    class Chosen(Message):
        index: int

    def show(self, decisions: tuple[AppliedDecision, ...]) -> None:
        self.clear(columns=True)
        self.add_columns("kind", "status", "statements", "author", "time (UTC)", "note")
        for i, a in enumerate(decisions):
            d = a.decision
            row = [Content.styled(d.kind.value, "bold"), Content.styled(a.status.value, _STATUS_STYLE[a.status]),
                   Content(" ".join(f"S{s}" for s in a.statements)), Content(d.author),
                   Content(f"{d.time:%Y-%m-%d %H:%M}"), Content(d.note or a.why)]
            self.add_row(*(to_rich(c, self.app.theme_variables) for c in row), key=str(i))

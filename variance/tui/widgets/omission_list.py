"""Statements of the reference other versions dropped, most telling first, with the reasons."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...model import Statement
from ..view import Lookup, short_labels

__all__ = ["OmissionList"]


class OmissionList(OptionList):
    """One option per omission, as `omissions.rank_omissions` ranks them; option id = statement id."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    @dataclass
    class Chosen(Message):
        statement_id: int

    def show(self, omissions: Sequence[tuple[Statement, float, list[str]]], lookup: Lookup) -> None:
        ids = [d.id for d in lookup.comparison.documents]
        labels = short_labels(ids)
        options: list[Option | None] = []
        for st, score, reasons in omissions:
            present = {m.document for m in st.members}
            missing = ", ".join(labels[i] for i in ids if i not in present)
            head = Content.assemble((f"S{st.id}  ", "bold"), (f"{score:.2f}  ", "bold $text-warning"),
                                    Content(" · ").join(Content(r) for r in reasons))
            words = " ".join(lookup.text(st.member(lookup.comparison.reference)).split())
            if options:
                options.append(None)
            options.append(Option(Content("\n").join([
                head, Content(words), Content.styled(f"missing from {missing}", "$text-muted")]),
                id=str(st.id)))
        self.set_options(options)
        if options:
            self.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(int(event.option.id)))

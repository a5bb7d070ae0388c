"""Statements of the reference other versions dropped, most telling first, with the reasons."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...model import Omission
from ..view import Lookup, short_labels

__all__ = ["OmissionList"]


class OmissionList(OptionList):
    """One option per omission, as `Comparison.omissions` ranks them; option id = statement id."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    @dataclass
    class Chosen(Message):
        statement_id: int

    def show(self, omissions: Sequence[Omission], lookup: Lookup) -> None:
        labels = short_labels([d.id for d in lookup.comparison.documents])
        options: list[Option | None] = []
        for omission in omissions:
            st = lookup.comparison.statement(omission.statement)
            missing = ", ".join(labels[i] for i in omission.dropped_by)
            head = Content.assemble((f"S{st.id}  ", "bold"), (f"{omission.score:.2f}  ", "bold $text-warning"),
                                    Content(" · ").join(Content(r) for r in omission.reasons))
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

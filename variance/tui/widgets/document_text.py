"""One version's full text, a sentence per option, each coloured by how it fares elsewhere."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...model import SentenceKind
from ..paint import STATUS_STYLE
from ..view import FINDINGS, Lookup, Status, ViewFilter

__all__ = ["DocumentText"]

_KIND_STYLE = {SentenceKind.HEADLINE: "bold", SentenceKind.METADATA: "italic"}


class DocumentText(OptionList):
    """Option ids are sentence indexes; paragraphs are separated by a blank rule."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    @dataclass
    class Highlighted(Message):
        document: str
        sentence: int

    @dataclass
    class Chosen(Message):
        document: str
        sentence: int

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.document: str | None = None
        self.statuses: list[Status] = []

    def show(self, document: str, lookup: Lookup, view: ViewFilter) -> None:
        doc = lookup.comparison.document(document)
        self.document = document
        self.statuses = [lookup.status(document, s.index, view) for s in doc.sentences]
        options: list[Option | None] = []
        for s, status in zip(doc.sentences, self.statuses):
            if options and s.paragraph != doc.sentences[s.index - 1].paragraph:
                options.append(None)
            text = Content.styled(doc.text[s.start:s.end], _KIND_STYLE.get(s.kind, ""))
            text = text.stylize(STATUS_STYLE[status])
            for a in lookup.artefacts.get(document, ()):
                if a.start < s.end and s.start < a.end:
                    text = text.stylize("reverse", max(a.start, s.start) - s.start,
                                        min(a.end, s.end) - s.start)
            options.append(Option(text, id=str(s.index)))
        self.set_options(options)

    def select_sentence(self, index: int | None) -> None:
        if index is not None and self.option_count:
            self.highlighted = self.get_option_index(str(index))

    def next_finding(self, step: int) -> bool:
        """Move to the next (step 1) or previous (step -1) changed, unique or artefact sentence."""
        if self.highlighted is None:
            here = -1 if step > 0 else len(self.statuses)
        else:
            here = int(self.get_option_at_index(self.highlighted).id)
        order = range(here + 1, len(self.statuses)) if step > 0 else range(here - 1, -1, -1)
        for i in order:
            if self.statuses[i] in FINDINGS:
                self.select_sentence(i)
                return True
        return False

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.post_message(self.Highlighted(self.document, int(event.option.id)))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(self.document, int(event.option.id)))

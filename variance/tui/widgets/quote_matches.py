"""One quote in every version: verdict, similarity, quotation marks, speaker, and the passage
with its word diff against the quote. `enter` on a passage shows it in its document."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...model import Comparison
from ...model.quotes import QuoteCheck, QuoteMatch, Verdict
from ..paint import passage_wording, verdict_badge
from ..view import ViewFilter
from .lazy import fill_lazily

__all__ = ["QuoteMatches"]

"""How an attribution was resolved, when not by a name next to the words."""
_DIFFED = (Verdict.CHANGED, Verdict.COSMETIC, Verdict.PARAPHRASED)
"""Verdicts whose passage is shown with its word diff against the quote."""


class QuoteMatches(OptionList):
    """One option per document (then the passages found besides); option ids index `matches`."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    @dataclass
    class Chosen(Message):
        match: QuoteMatch

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.matches: list[QuoteMatch] = []

    def show(self, check: QuoteCheck, comparison: Comparison, view: ViewFilter) -> None:
        self.matches = [*check.results, *check.also]
        conflicting = {doc for c in check.conflicts for _, docs in c.speakers for doc in docs}
        matches = self.matches

        def add(positions: range) -> None:
            self.add_options(Option(self._prompt(matches[i], i >= len(check.results), check, comparison,
                                                 view, matches[i].document in conflicting), id=str(i))
                             for i in positions)

        self.clear_options()
        fill_lazily(self, len(matches), add)     # a passage per version: a screenful first
        if matches:
            self.highlighted = 0

    @staticmethod
    def _prompt(m: QuoteMatch, also: bool, check: QuoteCheck, comparison: Comparison,
                view: ViewFilter, conflicting: bool) -> Content:
        head = Content.assemble(("also " if also else "", "$text-muted"), (m.document, "bold"), "  ",
                                verdict_badge(m.verdict))
        if m.document == check.source and not also:
            head += Content.styled("  (printed here)", "$text-muted")
        if m.verdict is Verdict.ABSENT:
            return head + Content.styled(f"  closest stretch {m.similarity:.2f}", "$text-muted")
        head += Content.assemble(f"  {m.similarity:.2f}  ",
                                 ("quoted" if m.quoted else "not quoted", "" if m.quoted else "$text-muted"))
        text = comparison.document(m.document).text
        passage = passage_wording(text, m.start, m.end, m.changes, view) if m.verdict in _DIFFED \
            else Content(text[m.start:m.end])
        return Content("\n").join([head, _speaker(m, conflicting), Content("  ") + passage])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(self.matches[int(event.option.id)]))


def _speaker(m: QuoteMatch, conflicting: bool) -> Content:
    a = m.attribution
    if a is None:
        return Content.styled("  attributed to nobody", "$text-muted")
    style = "bold $text-error" if conflicting and a.kind == "person" else "bold $kind-attribution"
    how = f", {a.how}" if a.how else ""
    return Content.assemble("  ", ("⚠ " if conflicting and a.kind == "person" else "", style),
                            (a.speaker, style), (f"  “{a.cue}”{how}", "$text-muted"))

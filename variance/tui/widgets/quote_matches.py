"""One quote in every version: verdict, similarity, quotation marks, speaker, and the passage
with its word diff against the quote. `enter` on a passage shows it in its document.

A passage's option depends on the filter only through which of its changes the filter shows.
The options made for the quote shown are kept by that (`_Kept`): a filter change (`c`) makes
again only the passages whose shown changes it alters, and a filter that comes back reuses the
options made before, with their wrapped lines. At a thousand versions `c` made and wrapped
again the first two hundred passages, about 550 coloured pieces of word diff, on every press.
"""

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

KEPT = 4_000
"""Options kept for the quote shown, at most (a quote's passages under two filters)."""

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
        self._shown: tuple[QuoteCheck, Comparison, ViewFilter] | None = None
        """What the options show now."""
        self._kept: dict[tuple[int, tuple[bool, ...]], Option] = {}
        """The options made for the quote shown, by position and the changes they show."""

    def show(self, check: QuoteCheck, comparison: Comparison, view: ViewFilter) -> None:
        """Show `check`'s passages under `view`; the same again is left as it is, and under
        another filter only the passages whose shown changes differ are made again (the
        highlighted passage stays highlighted)."""
        shown = self._shown
        same_quote = shown is not None and shown[0] is check and shown[1] is comparison
        if same_quote and shown is not None and shown[2] == view:
            return
        if not same_quote:
            self._kept = {}
        self._shown = (check, comparison, view)
        self.matches = [*check.results, *check.also]
        conflicting = {doc for c in check.conflicts for _, docs in c.speakers for doc in docs}
        matches, kept = self.matches, self._kept

        def option(i: int) -> Option:
            m = matches[i]
            key = (i, tuple(view.shows(c) for c in m.changes))
            made = kept.get(key)
            if made is None:
                if len(kept) >= KEPT:
                    kept.clear()
                made = kept[key] = Option(self._prompt(m, i >= len(check.results), check, comparison,
                                                       view, m.document in conflicting), id=str(i))
            return made

        highlighted = self.highlighted if same_quote else None
        self.clear_options()
        fill_lazily(self, len(matches), lambda positions: self.add_options(option(i) for i in positions),
                    at_least=(highlighted or 0) + 1)     # a passage per version: a screenful first
        if matches:
            self.highlighted = min(highlighted or 0, len(matches) - 1)

    def forget(self) -> None:
        """Make every option again at the next `show` (the theme changed)."""
        self._shown, self._kept = None, {}

    def empty(self) -> None:
        """Show no passage."""
        self.forget()
        self.matches = []
        self.clear_options()

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

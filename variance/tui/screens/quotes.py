"""Every direct quote of the corpus checked in every version, and quotes the user types.

The quotes are found and checked (`Comparison.quotes`, and `pipeline.check_quote` for typed ones) in
workers; the screen shows what they post. `enter` on a quote puts the cursor on its versions,
`enter` on a version's passage shows it in the Document screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import Header, Static

from ...model import Comparison
from ...model.quotes import QuoteCheck, QuoteGroup, Verdict
from ...pipeline import check_quote
from ..paint import verdict_badge, verdict_legend
from ..widgets import QuoteMatches, QuoteTable
from ..widgets.key_footer import KeyFooter
from ..widgets.quote_table import QuoteRow
from .live import LiveScreen
from .quote_input import QuoteInputScreen

__all__ = ["QuotesScreen"]


class QuotesScreen(LiveScreen):
    TITLE = "variance · Quotes"
    BINDINGS = [
        Binding("t", "type_quote", "Check a quote", tooltip="Check words you type in every version"),
        Binding("escape", "focus_table", "Back to quotes", show=False),
    ]

    @dataclass
    class Found(Message):
        comparison: Comparison
        groups: list[QuoteGroup]
        typed: list[QuoteCheck]

    @dataclass
    class Checked(Message):
        comparison: Comparison
        check: QuoteCheck

    def __init__(self) -> None:
        super().__init__()
        self.groups: list[QuoteGroup] = []
        self.typed: list[str] = []
        """Quotes the user typed, the latest first."""
        self.typed_checks: dict[str, QuoteCheck] = {}
        """The typed quotes checked in the current comparison."""
        self.rows: list[QuoteRow] = []
        self.checked: Comparison | None = None
        """The comparison the rows were checked in."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(verdict_legend(), id="quote-legend")
        yield QuoteTable(id="quote-table")
        yield Static(id="quote-heading")
        yield QuoteMatches(id="quote-matches")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.follow("comparison", self._recheck)
        self.follow("theme", self._redraw)
        self.follow("view", self._passages)
        self._recheck()

    def _recheck(self, _=None) -> None:
        """Check every quote again (the comparison changed), the typed ones too."""
        self._say(f"Checking every direct quote in {len(self.app.comparison.documents)} versions…")
        self.typed_checks = {}
        self._check_all(self.app.comparison, list(self.typed))

    @work(thread=True, exclusive=True, group="quotes", exit_on_error=False, description="check the corpus' quotes")
    def _check_all(self, comparison: Comparison, typed: Sequence[str]) -> None:
        groups = list(comparison.quotes.groups) if comparison.quotes is not None else []
        self.post_message(self.Found(comparison, groups,
                                     [check_quote(comparison, text) for text in typed]))

    @work(thread=True, exclusive=True, group="typed", exit_on_error=False, description="check the typed quote")
    def _check_typed(self, comparison: Comparison, text: str) -> None:
        self.post_message(self.Checked(comparison, check_quote(comparison, text)))

    @on(Found)
    def _found(self, message: Found) -> None:
        if message.comparison is not self.app.comparison:
            return
        self.groups, self.checked = message.groups, message.comparison
        self.typed_checks.update((c.text, c) for c in message.typed)
        self._refill(keep=self._cursor())

    @on(Checked)
    def _checked(self, message: Checked) -> None:
        text = message.check.text
        if message.comparison is not self.app.comparison:
            self._check_typed(self.app.comparison, text)
            return
        self.typed = [text] + [t for t in self.typed if t != text]
        self.typed_checks[text] = message.check
        if self.checked is message.comparison:
            self._refill(keep=0)
        self.query_one(QuoteTable).focus()

    def _redraw(self, _value: object = None) -> None:
        """The theme changed: the same rows, drawn again."""
        self.query_one(QuoteMatches).forget()
        self._refill()

    def _passages(self, _value: object = None) -> None:
        """The filter changed: the table's cells do not depend on it, the passages' word
        diffs do."""
        if self.checked is not None and self.rows:
            self._show_row(self.query_one(QuoteTable).cursor_row)

    def _refill(self, *, keep: int | None = None) -> None:
        if self.checked is None:
            return
        self.rows = [QuoteRow("typed", self.typed_checks[t]) for t in self.typed
                     if t in self.typed_checks] + [
            QuoteRow("—" if g.statement is None else f"S{g.statement}", c)
            for g in self.groups for c in g.checks]
        table = self.query_one(QuoteTable)
        table.show(self.rows, self.checked, keep=self._cursor() if keep is None else keep)
        table.border_title = self._summary()
        if self.rows:
            self._show_row(table.cursor_row)
        else:
            self._say("No direct quote in these versions: t checks words you type.")
            self.query_one(QuoteMatches).empty()

    def _cursor(self) -> int | None:
        table = self.query_one(QuoteTable)
        return table.cursor_row if table.row_count else None

    def _summary(self) -> str:
        quotes = sum(len(g.checks) for g in self.groups)
        conflicts = sum(bool(c.conflicts) for g in self.groups for c in g.checks)
        line = f"{quotes} direct quote{'s' * (quotes != 1)}"
        if conflicts:
            line += f" · {conflicts} attribution conflict{'s' * (conflicts != 1)}"
        return line + (f" · {len(self.typed)} typed" if self.typed else "")

    def _say(self, text: str) -> None:
        self.query_one("#quote-heading", Static).update(Content.styled(text, "$text-muted"))

    def on_quote_table_highlighted(self, message: QuoteTable.Highlighted) -> None:
        self._show_row(message.index)

    def _show_row(self, index: int) -> None:
        row = self.rows[index]
        self.query_one("#quote-heading", Static).update(self._heading(row))
        self.query_one(QuoteMatches).show(row.check, self.checked, self.app.view)

    def on_quote_table_chosen(self, message: QuoteTable.Chosen) -> None:
        self.query_one(QuoteMatches).focus()

    def on_quote_matches_chosen(self, message: QuoteMatches.Chosen) -> None:
        m = message.match
        if m.verdict is Verdict.ABSENT:
            self.notify(f"{m.document} does not carry this quote.", timeout=3)
            return
        self.app.open_document(m.document, m.start)

    @staticmethod
    def _heading(row: QuoteRow) -> Content:
        check = row.check
        where = {"—": "in no statement (a headline or metadata line)"}.get(row.label, row.label)
        if check.source:
            where += f" · printed in {check.source}"
        counts = [verdict_badge(v) + f" {n}" for v in Verdict
                  if (n := sum(r.verdict is v for r in check.results))]
        lines = [Content.styled(f"“{check.text}”", "bold"),
                 Content.styled(where, "$text-muted") + "  " + Content("  ").join(counts)]
        lines += [Content.styled(f"⚠ {c.message}", "bold $text-error") for c in check.conflicts]
        return Content("\n").join(lines)

    def action_type_quote(self) -> None:
        def chosen(text: str | None) -> None:
            if text:
                self._say(f"Checking “{text}” in every version…")
                self._check_typed(self.app.comparison, text)

        self.app.push_screen(QuoteInputScreen(self.typed[0] if self.typed else ""), chosen)

    def action_focus_table(self) -> None:
        self.query_one(QuoteTable).focus()

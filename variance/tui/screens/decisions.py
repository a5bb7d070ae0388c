"""Every decision made on this corpus; `enter` opens the statement it names."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Header, Static

from ...render.labels import decision_label
from ..widgets import DecisionTable
from ..widgets.key_footer import KeyFooter
from .live import LiveScreen

__all__ = ["DecisionsScreen"]


class DecisionsScreen(LiveScreen):
    TITLE = "variance · Decisions"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="decisions-file")
        yield DecisionTable(id="decisions")
        yield Static(id="decision-spans")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.follow("comparison", self._refill)
        self._refill()

    def _decisions(self):
        report = self.app.comparison.decisions
        return report.decisions if report else ()

    def _refill(self, _=None) -> None:
        report = self.app.comparison.decisions
        where = self.query_one("#decisions-file", Static)
        if report is None:
            where.update(Content.styled("No decisions file: start with --decisions FILE to make "
                                        "decisions.", "$text-muted"))
        else:
            made = len(report.decisions)
            where.update(Content.assemble((report.path or "", "bold"), f"  {made} decision{'s' * (made != 1)}",
                                          (f"  sha256 {report.sha256}" if report.sha256 else "  (not written yet)",
                                           "$text-muted")))
        table = self.query_one(DecisionTable)
        table.show(self._decisions())
        table.display = bool(self._decisions())
        if not self._decisions():
            self.query_one("#decision-spans", Static).update(Content.styled(
                "No decisions yet: on the Statements screen, u unlinks, l links, m merges, s splits, "
                "a adds a note, v marks verified.", "$text-muted"))

    def on_decision_table_highlighted(self, message: DecisionTable.Highlighted) -> None:
        a = self._decisions()[message.index]
        lines = [Content.styled(decision_label(a), "italic")]
        if a.why:
            lines.append(Content.styled(a.why, "$text-warning"))
        lines += [Content.assemble((f"{s.role.value:<9} ", "$text-muted"), (s.document, "bold"),
                                   f"  {s.start}-{s.end}  “{s.text}”") for s in a.decision.spans]
        self.query_one("#decision-spans", Static).update(Content("\n").join(lines))

    def on_decision_table_chosen(self, message: DecisionTable.Chosen) -> None:
        a = self._decisions()[message.index]
        if a.statements:
            self.app.open_statement(a.statements[0])

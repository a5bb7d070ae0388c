"""The main screen: statements on the left, the highlighted one's versions on the right."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header

from ..widgets import StatementDetail, StatementList

__all__ = ["StatementsScreen"]


class StatementsScreen(Screen):
    TITLE = "variance · Statements"
    BINDINGS = [
        Binding("escape", "focus_list", "Back to list", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield StatementList(id="statement-list")
            yield StatementDetail(id="statement-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.watch(self.app, "comparison", self._refill, init=False)
        self.watch(self.app, "view", self._refill, init=False)
        self.watch(self.app, "statement_id", self._follow, init=False)
        self._refill()

    def _refill(self, _=None) -> None:
        app = self.app
        statements = app.lookup.visible(app.view)
        self.query_one(StatementList).show(statements, app.lookup, app.view, keep=app.statement_id)
        if not statements:
            self.query_one(StatementDetail).clear("No statement has a change the filter keeps "
                                                  "(f changes the filter).")
        self._follow(app.statement_id)

    def _follow(self, statement_id: int | None) -> None:
        """Show the statement the app is on (chosen here, in another screen, or by a search)."""
        st = self.app.lookup.statements.get(statement_id)
        if st is None:
            return
        self.query_one(StatementList).select_statement(statement_id)
        detail = self.query_one(StatementDetail)
        if detail.statement is not st or detail.view is not self.app.view:
            detail.show(st, self.app.lookup, self.app.view)

    def on_statement_list_highlighted(self, message: StatementList.Highlighted) -> None:
        self.app.statement_id = message.statement_id

    def on_statement_list_chosen(self, message: StatementList.Chosen) -> None:
        self.app.statement_id = message.statement_id
        self.query_one(StatementDetail).focus()

    def action_focus_list(self) -> None:
        self.query_one(StatementList).focus()

"""The statement × document matrix; `enter` opens the statement under the cursor."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Header, Static

from ..widgets import CoverageTable
from ..widgets.coverage_table import CELLS
from ..widgets.key_footer import KeyFooter
from .live import LiveScreen

__all__ = ["CoverageScreen"]

LEGEND = Content.assemble(
    ("★", "bold"), " reference  ", CELLS["anchor"], " compared against  ", CELLS["same"],
    " unchanged  ", CELLS["low"], " ", CELLS["medium"], " ", CELLS["high"], " worst change  ",
    CELLS["only"], " one version only  ", ("·", "$text-muted"), " absent")


class CoverageScreen(LiveScreen):
    TITLE = "variance · Coverage"
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(LEGEND, id="coverage-legend")
        yield CoverageTable(id="coverage")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.follow("comparison", self._refill)
        self.follow("theme", self._refill)
        self.follow("view", self._refill)
        self._refill()

    def on_screen_resume(self) -> None:
        self.query_one(CoverageTable).select_statement(self.app.statement_id)

    def _refill(self, _=None) -> None:
        app = self.app
        self.query_one(CoverageTable).show(app.lookup.visible(app.view), app.lookup, app.view,
                                           keep=app.statement_id)

    def on_coverage_table_chosen(self, message: CoverageTable.Chosen) -> None:
        self.app.open_statement(message.statement_id)

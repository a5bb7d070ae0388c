"""Omissions that matter: the reference's statements other versions dropped, most telling
first (`Comparison.omissions`); `enter` opens the statement."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Header, Static

from ..widgets import OmissionList
from ..widgets.key_footer import KeyFooter
from .live import LiveScreen

__all__ = ["OmissionsScreen"]


class OmissionsScreen(LiveScreen):
    TITLE = "variance · Omissions"
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="omissions-about")
        yield OmissionList(id="omissions")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.follow("comparison", self._refill)
        self.follow("theme", self._refill)
        self._refill()
        self.query_one(OmissionList).focus()

    def _refill(self, _=None) -> None:
        comparison = self.app.comparison
        omissions = comparison.omissions
        self.query_one(OmissionList).show(omissions, self.app.lookup)
        about = self.query_one("#omissions-about", Static)
        if not omissions:
            about.update(Content.styled(f"No other version dropped a statement of the reference "
                                        f"{comparison.reference}.", "$text-muted"))
            return
        about.update(Content.assemble(
            f"{len(omissions)} statements of ", (comparison.reference, "bold"),
            " are missing from other versions\n",
            ("most telling first: a direct quote 3, numbers 2, named people 2, plus the share of "
             "versions missing it", "$text-muted")))

    def on_omission_list_chosen(self, message: OmissionList.Chosen) -> None:
        self.app.open_statement(message.statement_id)

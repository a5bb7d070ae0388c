"""Every flagged artefact with its evidence; `enter` shows it in its document."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from ..widgets import ArtefactTable

__all__ = ["ArtefactsScreen"]


class ArtefactsScreen(Screen):
    def compose(self) -> ComposeResult:
        yield Header()
        yield ArtefactTable(id="artefacts")
        yield Static(id="artefact-evidence")
        yield Footer()

    def on_mount(self) -> None:
        self.watch(self.app, "comparison", self._refill, init=False)
        self.watch(self.app, "theme", self._refill, init=False)
        self._refill()

    def _refill(self, _=None) -> None:
        artefacts = self.app.comparison.artefacts
        table = self.query_one(ArtefactTable)
        table.show(artefacts)
        table.display = bool(artefacts)
        if not artefacts:
            self.query_one("#artefact-evidence", Static).update(Content.styled(
                "No artefacts flagged in these versions.", "$text-muted"))

    def on_artefact_table_highlighted(self, message: ArtefactTable.Highlighted) -> None:
        a = self.app.comparison.artefacts[message.index]
        lines = [Content.assemble((a.kind.value, "bold $error"), f" in {a.document}: ",
                                  (a.text, "reverse"), f"\n{a.message}")]
        lines += [Content.assemble(("evidence: ", "$text-muted"), e) for e in a.evidence]
        self.query_one("#artefact-evidence", Static).update(Content("\n").join(lines))

    def on_artefact_table_chosen(self, message: ArtefactTable.Chosen) -> None:
        a = self.app.comparison.artefacts[message.index]
        self.app.open_document(a.document, a.start)

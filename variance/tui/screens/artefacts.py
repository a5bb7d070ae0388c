"""Every flagged artefact with its evidence; `enter` shows it in its document."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Header, Static

from ..widgets import ArtefactTable
from ..widgets.key_footer import KeyFooter
from .live import LiveScreen

__all__ = ["ArtefactsScreen"]


class ArtefactsScreen(LiveScreen):
    TITLE = "variance · Artefacts"
    def compose(self) -> ComposeResult:
        yield Header()
        yield ArtefactTable(id="artefacts")
        yield Static(id="artefact-evidence")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.follow("comparison", self._refill)
        self.follow("theme", self._refill)
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
        lines = [Content.assemble((a.kind.value, "bold $text-error"), f" in {a.document}: ",
                                  (a.text, "reverse"), f"\n{a.message}"), self._in_context(a)]
        lines += [Content.assemble(("evidence: ", "$text-muted"), e) for e in a.evidence]
        self.query_one("#artefact-evidence", Static).update(Content("\n").join(lines))

    def _in_context(self, a) -> Content:
        """The sentence the artefact sits in, the artefact shown reversed."""
        doc = self.app.comparison.document(a.document)
        i = self.app.lookup.sentence_at(a.document, a.start)
        if i is None:
            return Content("")
        s = doc.sentences[i]
        start, end = min(s.start, a.start), max(s.end, a.end)
        return Content.assemble(("in context: ", "$text-muted"), doc.text[start:a.start],
                                (doc.text[a.start:a.end], "reverse"), doc.text[a.end:end])

    def on_artefact_table_chosen(self, message: ArtefactTable.Chosen) -> None:
        a = self.app.comparison.artefacts[message.index]
        self.app.open_document(a.document, a.start)

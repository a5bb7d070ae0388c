"""One version's full text, each sentence coloured by its status; `enter` opens its statement."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Header, Select, Static

from ...render.provenance import source_line
from ..paint import kinds_legend, status_badge
from ..view import Status
from ..widgets import DocumentText
from ..widgets.key_footer import KeyFooter
from .live import LiveScreen

__all__ = ["DocumentScreen"]

LEGEND = Content(" ").join(status_badge(s) for s in Status)


class DocumentScreen(LiveScreen):
    TITLE = "variance · Document"
    BINDINGS = [
        Binding("n", "finding(1)", "Next finding"),
        Binding("p", "finding(-1)", "Previous finding"),
        Binding("right_square_bracket", "version(1)", "Next version", show=False),
        Binding("left_square_bracket", "version(-1)", "Previous version", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="document-bar"):
            yield Select([(d.id, d.id) for d in self.app.comparison.documents], value=self.document,
                         allow_blank=False, id="document-choice")
            yield Static(LEGEND, id="document-legend")
        yield Static(id="document-source", markup=False)
        yield DocumentText(id="document-text")
        yield Static(id="document-finding")
        yield KeyFooter()

    def on_mount(self) -> None:
        def focused() -> None:
            self._follow(self.app.document_focus)

        self.follow("comparison", self._refill)
        self.follow("view", focused)             # the same versions: the selector stays as it is
        self.follow("document_focus", focused)
        self._refill()
        self.query_one(DocumentText).focus()

    @property
    def document(self) -> str:
        focus = self.app.document_focus
        return focus[0] if focus else self.app.comparison.reference

    def _refill(self, _=None) -> None:
        choice = self.query_one(Select)
        with choice.prevent(Select.Changed):
            choice.set_options((d.id, d.id) for d in self.app.comparison.documents)
        self._follow(self.app.document_focus)

    def _follow(self, focus: tuple[str, int] | None) -> None:
        """Show the focused document, the cursor on the sentence holding the focused offset."""
        lookup = self.app.lookup
        text = self.query_one(DocumentText)
        text.show(self.document, lookup, self.app.view)
        self.query_one("#document-source", Static).update(
            source_line(self.app.comparison.document(self.document)))
        choice = self.query_one(Select)
        if choice.value != self.document:
            with choice.prevent(Select.Changed):
                choice.value = self.document
        offset = focus[1] if focus else 0
        text.select_sentence(lookup.sentence_at(self.document, offset))

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.value != self.document:
            self.app.document_focus = (str(event.value), 0)
            self.query_one(DocumentText).focus()

    def action_finding(self, step: int) -> None:
        if not self.query_one(DocumentText).next_finding(step):
            self.notify("No further finding in this version.", timeout=2)

    def action_version(self, step: int) -> None:
        ids = [d.id for d in self.app.comparison.documents]
        self.app.document_focus = (ids[(ids.index(self.document) + step) % len(ids)], 0)

    def on_document_text_highlighted(self, message: DocumentText.Highlighted) -> None:
        self.query_one("#document-finding", Static).update(self._describe(message.sentence))

    def on_document_text_chosen(self, message: DocumentText.Chosen) -> None:
        st = self.app.lookup.statement_of(message.document, message.sentence)
        if st is None:
            self.notify("This line is a headline or metadata: it is in no statement.", timeout=3)
            return
        self.app.open_statement(st.id)

    def _describe(self, sentence: int) -> Content:
        """What the highlighted sentence is: its statement and changes, or its artefacts."""
        lookup, view = self.app.lookup, self.app.view
        status = lookup.status(self.document, sentence, view)
        parts = [status_badge(status)]
        st = lookup.statement_of(self.document, sentence)
        if st is not None:
            parts.append(Content(f"S{st.id}, carried by {len(st.members)} of "
                                 f"{len(lookup.comparison.documents)} versions"))
            if st.diffs:
                parts.append(kinds_legend(st, view))
        s = lookup.comparison.document(self.document).sentences[sentence]
        for a in lookup.artefacts.get(self.document, ()):
            if a.start < s.end and s.start < a.end:
                parts.append(Content.styled(f"{a.kind.value}: {a.message}", "$text-error"))
        return Content(" · ").join(parts)

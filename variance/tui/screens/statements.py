"""The main screen: statements on the left, the highlighted one's versions on the right; the
editor's keys (unlink, link, merge, split, note, verify, undo) decide on the statement shown."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Header

from ...decisions import (
    decide_link,
    decide_merge,
    decide_note,
    decide_split,
    decide_unlink,
    decide_verify,
    link_candidates,
    merge_candidates,
)
from ...model import Comparison, Statement
from ...render.terminal import terminal_text
from ..widgets import StatementDetail, StatementList
from ..widgets.key_footer import KeyFooter
from .live import LiveScreen
from .note import NoteScreen
from .pick import PickScreen
from .split import SplitScreen

__all__ = ["StatementsScreen"]

DECIDE = Binding.Group("Decide")


class StatementsScreen(LiveScreen):
    TITLE = "variance · Statements"
    BINDINGS = [
        Binding("escape", "focus_list", "Back to list", show=False),
        Binding("u", "unlink", "Unlink", group=DECIDE, tooltip="Unlink one version's member from this statement"),
        Binding("l", "link", "Link", group=DECIDE,
                tooltip="Link a sentence of another version into this statement (most alike first)"),
        Binding("m", "merge", "Merge", group=DECIDE,
                tooltip="Merge this statement with another one (most alike first)"),
        Binding("s", "split", "Split", group=DECIDE,
                tooltip="Split some versions off into a statement of their own"),
        Binding("a", "note", "Note", group=DECIDE, tooltip="Add a note to this statement"),
        Binding("v", "verify", "Verified", group=DECIDE, tooltip="Mark this statement verified as it stands"),
        Binding("ctrl+z", "undo", "Undo", show=False, tooltip="Undo the last decision made here"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield StatementList(id="statement-list")
            yield StatementDetail(id="statement-detail")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.follow("comparison", self._refill)
        self.follow("view", self._refill)
        self.follow("statement_id", lambda: self._follow(self.app.statement_id))
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
        if self.query_one(StatementList).current == message.statement_id:  # not a stale one
            self.app.statement_id = message.statement_id

    def on_statement_list_chosen(self, message: StatementList.Chosen) -> None:
        self.app.statement_id = message.statement_id
        self.query_one(StatementDetail).focus()

    def action_focus_list(self) -> None:
        self.query_one(StatementList).focus()

    def _on_screen(self) -> tuple[Statement | None, Comparison]:
        """The statement shown, as computed (exact text, exact ids), and its comparison."""
        exact = self.app.exact
        return next((s for s in exact.statements if s.id == self.app.statement_id), None), exact

    def action_unlink(self) -> None:
        st, c = self._on_screen()
        if st is None or len(st.members) < 2:
            self.notify("Only a statement carried by two versions or more has a member to unlink.",
                        severity="warning")
            return
        def options(_cancelled: object) -> list[tuple[str, Content]]:   # in a worker: a line per version
            return [(m.document, _line(m.document, c.document(m.document).text[m.start:m.end]))
                    for m in st.members]

        def chosen(document: str | None) -> None:
            if document:
                self.app.decide(decide_unlink(c, st, document, author=self.app.author))

        self.app.push_screen(PickScreen(f"Unlink from S{st.id} the member of:", options), chosen)

    def action_link(self) -> None:
        st, c = self._on_screen()
        if st is None:
            return
        found: dict = {}

        def options(cancelled: Callable[[], bool]) -> list[tuple[str, Content]]:   # in a worker: reads every version
            found.update((f"{k.document}:{k.start}", k) for k in link_candidates(c, st, cancelled=cancelled))
            return [(key, _line(k.document, k.text, f"words {k.similarity:.2f}"
                                + (f" · meaning {k.meaning:.2f}" if k.meaning is not None else "")
                                + (f" · now in S{k.statement}" if k.statement else "")))
                    for key, k in found.items()]

        def chosen(key: str | None) -> None:
            if key:
                self.app.decide(decide_link(c, st, found[key], author=self.app.author))

        self.app.push_screen(PickScreen(f"Link into S{st.id} (most alike in words or meaning first):", options), chosen)

    def action_merge(self) -> None:
        st, c = self._on_screen()
        if st is None:
            return
        ranked: dict = {}

        def options(cancelled: Callable[[], bool]) -> list[tuple[str, Content]]:   # in a worker: reads every member
            scored = merge_candidates(c, st, cancelled=cancelled)
            ranked.update((str(other.id), other) for other, _ in scored)
            return [(str(other.id), _line(f"S{other.id}", c.document(other.members[0].document).text[
                other.members[0].start:other.members[0].end], f"{score:.2f} · {len(other.members)} versions"))
                for other, score in scored]

        def chosen(key: str | None) -> None:
            if key:
                self.app.decide(decide_merge(c, st, ranked[key], author=self.app.author))

        self.app.push_screen(PickScreen(f"Merge S{st.id} with (most alike first):", options), chosen)

    def action_split(self) -> None:
        st, c = self._on_screen()
        if st is None or len(st.members) < 2:
            self.notify("Only a statement carried by two versions or more can be split.", severity="warning")
            return

        def chosen(documents: list[str] | None) -> None:
            if documents:
                self.app.decide(decide_split(c, st, documents, author=self.app.author))

        members = [(m.document, f"{terminal_text(m.document)}  {_short(c.document(m.document).text[m.start:m.end])}")
                   for m in st.members]
        self.app.push_screen(SplitScreen(members), chosen)

    def action_note(self) -> None:
        st, c = self._on_screen()
        if st is None:
            return

        def chosen(note: str | None) -> None:
            if note:
                self.app.decide(decide_note(c, st, note, author=self.app.author))

        self.app.push_screen(NoteScreen(), chosen)

    def action_verify(self) -> None:
        st, c = self._on_screen()
        if st is not None:
            self.app.decide(decide_verify(c, st, author=self.app.author))

    def action_undo(self) -> None:
        self.app.undo()


def _line(head: str, text: str, tail: str = "") -> Content:
    line = Content.styled(terminal_text(head), "bold")
    if tail:
        line = line + Content.styled(f"  {tail}", "$text-muted")
    return line + Content(f"\n    {_short(text)}")


def _short(text: str, most: int = 110) -> str:
    text = " ".join(terminal_text(text).split())
    return text if len(text) <= most else text[:most - 1] + "…"

"""The selected statement: every version's wording side by side (stacked when narrow)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ...model import Member, Statement
from ...render.labels import decision_label
from ..paint import kinds_legend, member_wording
from ..view import Lookup, ViewFilter
from .version_column import VersionColumn

__all__ = ["StatementDetail"]

MIN_COLUMN = 26
"""Narrowest readable column; below it the versions stack (CSS class `-stacked`)."""
SHOWN = 12
"""Versions drawn at first (the reference first); `+` draws all of a larger statement."""


class StatementDetail(VerticalScroll, can_focus=True):
    BINDINGS = [
        Binding("j", "scroll_down", "Scroll down", show=False),
        Binding("k", "scroll_up", "Scroll up", show=False),
        Binding("plus", "all_versions", "All versions", key_display="+"),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.statement: Statement | None = None
        self.view: ViewFilter | None = None
        self.lookup: Lookup | None = None
        self.show_all = False
        self._count = 0
        """Columns drawn for the statement shown."""
        self._can_show_all = False
        """Whether `+` was offered when the bindings were last refreshed."""

    def compose(self) -> ComposeResult:
        yield Static(id="detail-title")
        yield Static(id="decided")
        yield Horizontal(id="columns")
        yield Static(id="more")
        yield Static(id="legend")
        yield Static(id="absent")

    def clear(self, message: str) -> None:
        """Show a message instead of a statement."""
        self.statement = self.view = None
        self.query_one("#detail-title", Static).update(Content.styled(message, "$text-muted"))
        for column in self.query_one("#columns", Horizontal).query_children(VersionColumn):
            column.display = False
        self._count = 0
        for name in ("#decided", "#more", "#legend", "#absent"):
            self.query_one(name, Static).update("")

    def show(self, st: Statement, lookup: Lookup, view: ViewFilter) -> None:
        if st is not self.statement:
            self.show_all = False
        self.statement, self.lookup, self.view = st, lookup, view
        anchor = lookup.anchor(st)
        order = lookup.order
        members = [place for m in sorted(st.members, key=lambda m: (m is not anchor, order[m.document]))
                   for place in st.places(m.document)]  # a repeat right after its main member
        shown = members if self.show_all else members[:SHOWN]
        self.query_one("#detail-title", Static).update(self._title(st, lookup))
        self.query_one("#decided", Static).update(self._decided(st, lookup))
        with self.app.batch_update():
            self._draw(shown, anchor, st, lookup, view)
        hidden = len(members) - len(shown)
        self._count = len(shown)
        if self.check_action("all_versions", ()) != self._can_show_all:
            self._can_show_all = not self._can_show_all
            self.refresh_bindings()
        more = self.query_one("#more", Static)
        more.display = hidden > 0
        more.update(Content.styled(f"{hidden} more versions carry it: + shows them all", "$text-muted"))
        self.query_one("#legend", Static).update(
            Content("changes: ").append(kinds_legend(st, view)) if st.diffs else "")
        self.query_one("#absent", Static).update(self._absent(st, lookup))
        self._fit()
        self.scroll_home(animate=False)

    def _draw(self, shown: list[Member], anchor: Member, st: Statement, lookup: Lookup,
              view: ViewFilter) -> None:
        """Reuse the columns already mounted (hiding those left over, up to `SHOWN`), mounting
        only what more this statement needs: moving through the list mounts nothing, and the
        columns `+` added are removed when the next statement needs fewer."""
        columns = self.query_one("#columns", Horizontal)
        pool = list(columns.query_children(VersionColumn))
        fresh = []
        for i, m in enumerate(shown):
            wording, title, subtitle, role = self._column(m, m is anchor, st, lookup, view)
            if i < len(pool):
                pool[i].draw(wording, title=title, subtitle=subtitle, role=role)
            else:
                fresh.append(VersionColumn(wording, title=title, subtitle=subtitle, role=role))
        for column in pool[len(shown):]:
            column.display = False
        if len(pool) > max(len(shown), SHOWN):   # after `+`: keep no more than a statement needs
            columns.remove_children(pool[max(len(shown), SHOWN):])
        if fresh:
            columns.mount_all(fresh)

    def action_all_versions(self) -> None:
        self.show_all = True
        self.show(self.statement, self.lookup, self.view)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "all_versions":
            return self.statement is not None and not self.show_all and \
                len(self.statement.members) > SHOWN
        return True

    @staticmethod
    def _decided(st: Statement, lookup: Lookup) -> Content:
        """What the editor decided on this statement, one line each."""
        report = lookup.comparison.decisions
        lines = [Content.styled(f"✎ {decision_label(a, st.id)}", "italic $text-accent")
                 for a in (report.on_statement(st.id) if report else ())]
        return Content("\n").join(lines)

    @staticmethod
    def _absent(st: Statement, lookup: Lookup) -> Content:
        present = {m.document for m in st.members}
        absent = [d.id for d in lookup.comparison.documents if d.id not in present]
        if not absent:
            return Content("")
        named = ", ".join(absent[:SHOWN])
        if len(absent) > SHOWN:
            named += f" and {len(absent) - SHOWN} more"
        return Content.styled(f"absent from: {named}", "$text-muted")

    @staticmethod
    def _column(member: Member, is_anchor: bool, st: Statement, lookup: Lookup,
                view: ViewFilter) -> tuple[Content, str, str, str]:
        """A version's column: its wording, title, subtitle and role."""
        doc = lookup.comparison.document(member.document)
        again = member in st.repeats
        diff = None if again else st.diff(member.document)
        role = "witness"
        if member.document == lookup.comparison.reference and not again:
            role = "reference"
        elif is_anchor and st.diffs:
            role = "anchor"
        title = {"reference": "★ ", "anchor": "◆ "}.get(role, "") + doc.id
        subtitle = f"drift {diff.drift:.2f} · conf {member.confidence:.2f}" if diff else \
            {"reference": "reference", "anchor": "compared against"}.get(role, "")
        if again:
            main = st.member(member.document)
            subtitle = f"said again, {'later' if main and member.start > main.start else 'earlier'}"
        if member.partial:
            subtitle += (" · " if subtitle else "") + "part of a sentence"
        report = lookup.comparison.decisions
        if report is not None and member.document in report.linked(st.id) and not again:
            subtitle = f"linked by the editor · {subtitle}" if subtitle else "linked by the editor"
        wording = member_wording(doc.text, member, diff, view, doc.sentence_extent(member.sentences))
        return wording, title, subtitle, role

    @staticmethod
    def _title(st: Statement, lookup: Lookup) -> Content:
        total = len(lookup.comparison.documents)
        head = Content.styled(f"S{st.id}", "bold")
        if len(st.members) == 1:
            return head + Content.styled(
                f"  only in {st.members[0].document}: no other version carries it", "$text-success")
        line = f"  carried by {len(st.members)} of {total} versions · score {st.score:.2f}"
        if st.member(lookup.comparison.reference) is None:
            line += f" · the reference does not carry it; compared against {lookup.anchor(st).document}"
        return head + line

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """Stack when a column would be too narrow; counts the columns drawn, not the hidden
        ones kept for the next statement."""
        count = self._count
        self.set_class(self.size.width // max(count, 1) < MIN_COLUMN, "-stacked")

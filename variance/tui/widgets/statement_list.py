"""The list of statements with their badges: versions carrying it, worst change, drift, quote."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from ...model import Comparison, Statement
from ..paint import statement_prompt
from ..view import Lookup, ViewFilter

__all__ = ["StatementList"]


class StatementList(OptionList):
    """One two-line option per statement; its option id is the statement id."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    _prompts: dict[tuple, Content]
    """Each statement's prompt by (id, severity shown), for the comparison `_prompted`."""
    _prompted: Comparison | None = None

    @dataclass
    class Highlighted(Message):
        statement_id: int

    @dataclass
    class Chosen(Message):
        statement_id: int

    def show(self, statements: Sequence[Statement], lookup: Lookup, view: ViewFilter,
             keep: int | None) -> None:
        """Replace the options, keeping the cursor on statement `keep` when it is still listed
        (quietly: the statement the app is on does not change by refilling the list)."""
        if self._prompted is not lookup.comparison:
            self._prompts, self._prompted = {}, lookup.comparison
        with self.prevent(OptionList.OptionHighlighted):
            self.set_options(Option(self._prompt(st, lookup, view), id=str(st.id)) for st in statements)
            if not self.select_statement(keep) and self.option_count:
                self.highlighted = 0

    def _prompt(self, st: Statement, lookup: Lookup, view: ViewFilter) -> Content:
        """The statement's two lines, made once per comparison and severity shown: the filter
        changes only the severity, and a prompt kept is measured and wrapped already (`c` made
        and measured the 84 prompts of 1,000 versions again, 20 to 40 ms of CPU)."""
        key = (st.id, lookup.severity(st, view))
        if (prompt := self._prompts.get(key)) is None:
            prompt = self._prompts[key] = statement_prompt(st, lookup, view)
        return prompt

    @property
    def current(self) -> int | None:
        """The statement under the cursor."""
        if self.highlighted is None or not self.option_count:
            return None
        return int(self.get_option_at_index(self.highlighted).id)

    def select_statement(self, statement_id: int | None) -> bool:
        """Move the cursor to a statement; False if the list does not hold it."""
        if statement_id is None:
            return False
        try:
            index = self.get_option_index(str(statement_id))
        except OptionDoesNotExist:
            return False
        if self.highlighted != index:
            self.highlighted = index
        return True

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.post_message(self.Highlighted(int(event.option.id)))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(int(event.option.id)))

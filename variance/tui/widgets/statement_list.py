"""The list of statements with their badges: versions carrying it, worst change, drift, quote."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from ...model import Statement
from ..paint import statement_prompt
from ..view import Lookup, ViewFilter

__all__ = ["StatementList"]


class StatementList(OptionList):
    """One two-line option per statement; its option id is the statement id."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

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
        with self.prevent(OptionList.OptionHighlighted):
            self.set_options(Option(statement_prompt(st, lookup, view), id=str(st.id))
                             for st in statements)
            if not self.select_statement(keep) and self.option_count:
                self.highlighted = 0

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

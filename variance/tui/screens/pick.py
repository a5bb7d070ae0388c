"""Pick one of a list: the member to unlink, the sentence to link, the statement to merge with.

The options are given, or found by a function run in a worker (ranking the sentences of a
thousand versions takes a second of CPU): the dialog opens at once with a loading indicator, and
the options appear when the worker posts them. The worker starts once the dialog is drawn: a
thread started before took the interpreter's lock from the first frame, which then came 30 to
50 ms later. Closing the dialog cancels the worker, and the function finding the options is
given a question to ask as it goes (`Find`): a search left running shared the interpreter
with the keys pressed after `escape`, for half a second at a thousand versions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from ..widgets.dialog_lists import DialogOptionList
from ..widgets.lazy import fill_lazily

__all__ = ["PickScreen"]

Options = Sequence[tuple[str, Content]]
"""(id, prompt) of each option."""
Find = Callable[[Callable[[], bool]], Options]
"""Finds the options in a worker; asks its argument, as it goes, whether to stop (the dialog
closed), and then returns whatever it has."""


class PickScreen(ModalScreen[str | None]):
    """Returns the id of the chosen option, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    @dataclass
    class Found(Message):
        options: Options

    def __init__(self, title: str, options: Options | Find, hint: str = "") -> None:
        super().__init__()
        self.title_text, self.source, self.hint = title, options, hint
        self.options: Options = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield DialogOptionList(id="pick")
            yield Label(self.hint or "enter chooses · escape cancels", classes="dialog-hint")

    def on_mount(self) -> None:
        choices = self.query_one(OptionList)
        choices.focus()
        if callable(self.source):
            choices.loading = True
            self.call_after_refresh(self._find, self.source)
        else:
            self._show(self.source)

    @work(thread=True, exclusive=True, exit_on_error=False, description="find the options")
    def _find(self, find: Find) -> None:
        worker = get_current_worker()
        options = list(find(lambda: worker.is_cancelled))
        if not worker.is_cancelled:
            self.post_message(self.Found(options))

    def action_cancel(self) -> None:
        """Close, stopping the search for options if it still runs."""
        self.workers.cancel_node(self)
        self.dismiss(None)

    @on(Found)
    def _found(self, message: Found) -> None:
        self.query_one(OptionList).loading = False
        self._show(message.options)

    def _show(self, options: Options) -> None:
        self.options = options
        choices = self.query_one(OptionList)
        fill_lazily(choices, len(options), lambda positions: choices.add_options(
            Option(options[i][1], id=options[i][0]) for i in positions))
        if options:
            choices.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

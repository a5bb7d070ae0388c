"""Pick one of a list: the member to unlink, the sentence to link, the statement to merge with."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from ..widgets.lazy import fill_lazily

__all__ = ["PickScreen"]


class PickScreen(ModalScreen[str | None]):
    """Returns the id of the chosen option, or None when cancelled."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, title: str, options: Sequence[tuple[str, Content]], hint: str = "") -> None:
        super().__init__()
        self.title_text, self.options, self.hint = title, list(options), hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield OptionList(id="pick")
            yield Label(self.hint or "enter chooses · escape cancels", classes="dialog-hint")

    def on_mount(self) -> None:
        choices = self.query_one(OptionList)
        fill_lazily(choices, len(self.options), lambda positions: choices.add_options(
            Option(self.options[i][1], id=self.options[i][0]) for i in positions))
        if self.options:
            choices.highlighted = 0
        choices.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

"""Choose the versions that split off a statement into a statement of their own."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, SelectionList

from ..widgets.dialog_lists import DialogSelectionList
from ..widgets.lazy import fill_lazily

__all__ = ["SplitScreen"]


class SplitScreen(ModalScreen[list[str] | None]):
    """Returns the document ids ticked (some, not all), or None when cancelled."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel"),
                Binding("enter", "split", "Split", priority=True)]

    def __init__(self, members: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self.members = list(members)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Split off the versions ticked (space ticks):", classes="dialog-title")
            yield DialogSelectionList[str](id="split")
            yield Label("space ticks · enter splits · escape cancels", classes="dialog-hint")

    def on_mount(self) -> None:
        choices: SelectionList[str] = self.query_one(SelectionList)
        fill_lazily(choices, len(self.members), lambda positions: choices.add_options(
            (self.members[i][1], self.members[i][0]) for i in positions))
        if self.members:
            choices.highlighted = 0
        choices.focus()

    def action_split(self) -> None:
        chosen = list(self.query_one(SelectionList).selected)
        if not chosen or len(chosen) == len(self.members):
            self.notify("Tick some of the versions, not all of them.", severity="warning")
            return
        self.dismiss(chosen)

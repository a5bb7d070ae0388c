"""Write a note on a statement."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

__all__ = ["NoteScreen"]


class NoteScreen(ModalScreen[str | None]):
    """Returns the note, or None when cancelled."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("A note on this statement:", classes="dialog-title")
            yield Input(placeholder="checked against the ministry's Chinese text, 27 April", id="note")
            yield Label("enter saves it in the decisions file · escape cancels", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        note = " ".join(event.value.split())
        if not note:
            self.notify("Type the note first.", severity="warning")
            return
        self.dismiss(note)

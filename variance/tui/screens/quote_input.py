"""Ask for a quote to check in every version."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

__all__ = ["QuoteInputScreen"]


class QuoteInputScreen(ModalScreen[str | None]):
    """Returns the words to check, or None when cancelled."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, text: str = "") -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Check a quote in every version:", classes="dialog-title")
            yield Input(self.text, placeholder="the words as printed, or as you remember them",
                        id="quote-input")
            yield Label("enter checks · escape cancels · the verdicts appear in the quote list, "
                        "marked typed", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = " ".join(event.value.split()).strip("“”\"‘’«» ")
        if not any(ch.isalnum() for ch in text):
            self.notify("Type the words of a quote to check.", severity="warning")
            return
        self.dismiss(text)

"""Ask where to write the report and in which format."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet

__all__ = ["ExportRequest", "ExportScreen", "FORMATS"]

FORMATS = ("html", "json")


@dataclass(frozen=True)
class ExportRequest:
    path: str
    format: str
    """"html" (the self-contained report page) or "json" (format 2)."""


class ExportScreen(ModalScreen[ExportRequest | None]):
    """Returns what to write, or None when cancelled. A path ending in .json or .html sets the
    format; the radio buttons set the path's ending."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Export the comparison", classes="dialog-title")
            with RadioSet(id="export-format"):
                for name in FORMATS:
                    yield RadioButton(name.upper(), value=name == "html", name=name, id=f"format-{name}")
            yield Input("variance-report.html", placeholder="path to write", id="export-path")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export", variant="primary", id="export")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        path = self.query_one(Input)
        stem, dot, ext = path.value.rpartition(".")
        if dot and ext in FORMATS and ext != event.pressed.name:
            path.value = f"{stem}.{event.pressed.name}"

    def on_input_submitted(self) -> None:
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "export":
            self._submit()
        else:
            self.dismiss(None)

    def _submit(self) -> None:
        path = self.query_one(Input).value.strip()
        if not path:
            self.notify("Give a path to write.", severity="warning")
            return
        ext = path.rpartition(".")[2].lower()
        pressed = self.query_one(RadioSet).pressed_button
        self.dismiss(ExportRequest(path, ext if ext in FORMATS else pressed.name))

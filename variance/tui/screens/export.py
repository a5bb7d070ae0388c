"""Ask where to write the report and in which format."""

from __future__ import annotations

from dataclasses import dataclass
from importlib.util import find_spec

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet

__all__ = ["ExportRequest", "ExportScreen", "formats"]


@dataclass(frozen=True)
class ExportRequest:
    path: str
    format: str
    """"json" or "html"."""


def formats() -> tuple[str, ...]:
    """The formats this installation can write (HTML once `render.html` is there)."""
    return ("html", "json") if find_spec("variance.render.html") else ("json",)


class ExportScreen(ModalScreen[ExportRequest | None]):
    """Returns what to write, or None when cancelled."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def compose(self) -> ComposeResult:
        available = formats()
        with Vertical(classes="dialog"):
            yield Label("Export the comparison", classes="dialog-title")
            with RadioSet(id="export-format"):
                for i, name in enumerate(available):
                    yield RadioButton(name.upper(), value=i == 0, name=name)
            yield Input(f"variance.{available[0]}", placeholder="path to write", id="export-path")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export", variant="primary", id="export")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        path = self.query_one(Input)
        stem, dot, ext = path.value.rpartition(".")
        if dot and ext in ("html", "json"):
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
        pressed = self.query_one(RadioSet).pressed_button
        fmt = pressed.name if pressed else "json"
        if path.endswith((".html", ".json")):
            fmt = path.rsplit(".", 1)[1] if path.rsplit(".", 1)[1] in formats() else fmt
        self.dismiss(ExportRequest(path, fmt))

"""Choose which change kinds and severities the screens colour and the lists keep.

The app makes one and shows it again (`ahead.py`), set each time to the filter shown
(`set_filter`): what was ticked and cancelled the time before is not kept.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import (
    Button,
    Checkbox,
    Label,
    RadioButton,
    RadioSet,
    SelectionList,
)

from ...model import ChangeKind, Severity
from ..view import ViewFilter

__all__ = ["FilterScreen"]


class FilterScreen(ModalScreen[ViewFilter | None]):
    """Returns the new filter, or None when cancelled."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel"),
        Binding("a", "apply", "Apply"),
    ]

    def __init__(self, current: ViewFilter) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Label("Show changes of these kinds and at least this severity:",
                        classes="dialog-title")
            with Horizontal(id="filter-choices"):
                yield SelectionList[ChangeKind](
                    *((k.value, k, k in self.current.kinds) for k in ChangeKind), id="filter-kinds")
                with Vertical(id="filter-side"):
                    with RadioSet(id="filter-severity"):
                        for s in Severity:
                            yield RadioButton(s.value, value=s is self.current.min_severity,
                                              name=s.value, id=f"severity-{s.value}")
                    yield Checkbox("hide cosmetic", self.current.hide_cosmetic, id="filter-cosmetic")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Apply", variant="primary", id="apply")
                yield Button("Show all", id="reset")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one(SelectionList).focus()

    def set_filter(self, current: ViewFilter) -> None:
        """Show `current`, the cursor on the first kind (the dialog opened again)."""
        self.current = current
        if not self.is_mounted:
            return                       # composed from `current` when it mounts
        kinds: SelectionList[ChangeKind] = self.query_one(SelectionList)
        for kind in ChangeKind:
            (kinds.select if kind in current.kinds else kinds.deselect)(kind)
        kinds.highlighted = 0
        self.query_one(f"#severity-{current.min_severity.value}", RadioButton).value = True
        self.query_one(Checkbox).value = current.hide_cosmetic
        kinds.focus()

    def action_apply(self) -> None:
        self.dismiss(self.chosen())

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "apply":
            self.action_apply()
        elif event.button.id == "reset":
            self.dismiss(ViewFilter())
        else:
            self.dismiss(None)

    def chosen(self) -> ViewFilter:
        pressed = self.query_one(RadioSet).pressed_button
        return ViewFilter(kinds=frozenset(self.query_one(SelectionList).selected),
                          min_severity=Severity(pressed.name) if pressed else Severity.LOW,
                          hide_cosmetic=self.query_one(Checkbox).value)

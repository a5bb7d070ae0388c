"""Choose the version every other one is compared against."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from ...model import Comparison
from ..widgets.dialog_lists import DialogOptionList
from ..widgets.lazy import fill_lazily

__all__ = ["ReferenceScreen"]


class ReferenceScreen(ModalScreen[str | None]):
    """Returns the chosen document id, or None when cancelled."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, comparison: Comparison) -> None:
        super().__init__()
        self.comparison = comparison

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Compare every version against:", classes="dialog-title")
            yield DialogOptionList(id="references")
            yield Label("enter chooses · escape cancels", classes="dialog-hint")

    def on_mount(self) -> None:
        """The current reference first, the cursor on it, then the others in input order: a
        screenful is filled at once wherever the reference stands (at a thousand versions the
        list was filled down to it, hundreds of rows before the dialog showed)."""
        choices = self.query_one(OptionList)
        reference = self.comparison.reference
        documents = sorted(self.comparison.documents, key=lambda d: d.id != reference)
        fill_lazily(choices, len(documents), lambda positions: choices.add_options(
            self._option(documents[i]) for i in positions))
        if documents:
            choices.highlighted = 0

    def _option(self, doc) -> Option:
        current = doc.id == self.comparison.reference
        drift = self.comparison.document_drift(doc.id)
        line = Content.assemble(("★ " if current else "  ", "bold"), (doc.id, "bold" if current else ""),
                                (f"  drift {drift:.2f}" if drift is not None else "", "$text-muted"))
        if doc.title:
            line = line + Content.styled(f"\n    {doc.title}", "italic $text-muted")
        return Option(line, id=doc.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

"""Search the text of every version; `enter` on a hit opens it."""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from ..view import Lookup, SearchHit
from ..widgets.dialog_lists import DialogOptionList

__all__ = ["SearchScreen"]

CONTEXT = 40
"""Characters of context shown either side of a match."""


def _flat(text: str) -> str:
    """Line breaks and runs of spaces as one space, so a hit reads on one line."""
    return re.sub(r"\s+", " ", text)


class SearchScreen(ModalScreen[SearchHit | None]):
    """Returns the chosen hit, or None when cancelled."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel"),
        Binding("down", "focus_hits", "Hits", show=False),
    ]

    def __init__(self, lookup: Lookup, query: str = "") -> None:
        super().__init__()
        self.lookup = lookup
        self.query_text = query
        self.hits: list[SearchHit] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Search every version:", classes="dialog-title")
            yield Input(self.query_text, placeholder="words to find", id="search-input")
            yield DialogOptionList(id="search-hits")
            yield Label("", id="search-count", classes="dialog-hint")

    def on_mount(self) -> None:
        self._update(self.query_text)

    def on_input_changed(self, event: Input.Changed) -> None:
        self._update(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if self.hits:
            self.dismiss(self.hits[0])

    def action_focus_hits(self) -> None:
        self.query_one("#search-hits", OptionList).focus()

    def _update(self, query: str) -> None:
        self.query_text = query
        self.hits = self.lookup.search(query)
        hits = self.query_one("#search-hits", OptionList)
        hits.set_options(Option(self._prompt(hit), id=str(i)) for i, hit in enumerate(self.hits))
        count = f"{len(self.hits)} hits" if query.strip() else ""
        self.query_one("#search-count", Label).update(
            count + (" · enter opens the first, ↓ picks one" if self.hits else ""))

    def _prompt(self, hit: SearchHit) -> Content:
        text = self.lookup.comparison.document(hit.document).text
        start, end = max(0, hit.start - CONTEXT), min(len(text), hit.end + CONTEXT)
        where = f"S{hit.statement}" if hit.statement is not None else "—"
        return Content.assemble(
            (f"{hit.document}  ", "bold"), (f"{where:<5} ", "$text-muted"),
            "…" * (start > 0) + _flat(text[start:hit.start]), (_flat(text[hit.start:hit.end]), "reverse"),
            _flat(text[hit.end:end]) + "…" * (end < len(text)))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.hits[int(event.option.id)])

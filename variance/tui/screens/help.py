"""Every key of the app, by where it works.

The app makes this screen once and shows the same one each time (`VarianceApp.action_help`):
the keys do not change while it runs, and a help made again composed, styled and measured its
table anew on every `?`. Its table keeps its rendered cells between two openings (`KeptTable`).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label

from ..widgets.kept_table import KeptTable

__all__ = ["HelpScreen"]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "dismiss(None)", "Close")]

    def __init__(self, rows: list[tuple[str, str, str]]) -> None:
        """`rows` are (where, keys, what) triples."""
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="help"):
            yield Label("Keys", classes="dialog-title")
            table = KeptTable(cursor_type="row", id="help-keys")
            table.add_columns("where", "key", "does")
            table.add_rows(self.rows)
            yield table
            yield Label("escape closes · ctrl+p lists the same actions", classes="dialog-hint")

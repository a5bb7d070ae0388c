"""A table read row by row: `j`/`k` move, highlighting or choosing a row posts its index.

Subclasses define their own `Highlighted` and `Chosen` messages (so screens handle, say,
`on_quote_table_chosen`); row keys are the indices those messages carry.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import DataTable

from .kept_table import KeptTable

__all__ = ["RowTable"]


class RowTable(KeptTable):
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if event.row_key is not None and event.row_key.value is not None:   # an empty table has none
            self.post_message(self.Highlighted(int(event.row_key.value)))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key is not None and event.row_key.value is not None:
            self.post_message(self.Chosen(int(event.row_key.value)))

"""One version's wording of a statement, framed, with its document id and drift on the frame."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

__all__ = ["VersionColumn", "ROLES"]

ROLES = ("reference", "anchor", "witness")
"""What a column is: the reference, the member compared against, or another version."""


class VersionColumn(Static):
    """A framed block; the CSS class `-reference` marks the reference, `-anchor` the member
    compared against when the reference does not carry the statement."""

    def __init__(self, wording: Content, *, title: str, subtitle: str, role: str) -> None:
        super().__init__(wording, classes=f"-{role}")
        self.border_title = title
        self.border_subtitle = subtitle

    def draw(self, wording: Content, *, title: str, subtitle: str, role: str) -> None:
        """Show another version's wording in this column (columns are reused, not remounted)."""
        self.update(wording)
        self.border_title, self.border_subtitle = title, subtitle
        for name in ROLES:
            self.set_class(name == role, f"-{name}")
        self.display = True

"""One version's wording of a statement, framed, with its document id and drift on the frame."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

__all__ = ["VersionColumn"]


class VersionColumn(Static):
    """A framed block; the CSS class `-reference` marks the reference, `-anchor` the member
    compared against when the reference does not carry the statement."""

    def __init__(self, wording: Content, *, title: str, subtitle: str, role: str) -> None:
        super().__init__(wording, classes=f"-{role}")
        self.border_title = title
        self.border_subtitle = subtitle

"""Styled text for the terminal view, without importing rich's `Text` (and the styles, colours
and segments it brings: 10-15 ms of a command's start-up) where nothing is coloured.

A `Styled` keeps what the view builds, as `rich.text.Text` takes it: a base style and a first
string, then pieces appended with their styles, or another `Styled`. In a pipe or a file only
its characters are written (`plain`: the strings as rich's `Text` keeps them, without the
control codes it strips); a console that renders styles gets `to_rich()`, the same calls
made again on a rich `Text`, which is then the `Text` the view built before.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Union

if TYPE_CHECKING:
    from rich.text import Text

__all__ = ["Styled", "Shown", "as_rich"]

_STRIPPED: dict[int, None] = {code: None for code in (7, 8, 11, 12, 13)}
"""What rich's `Text` removes from every string it is given (`rich.control.strip_control_codes`:
bell, backspace, vertical tab, form feed, carriage return)."""
_CONTROL = re.compile("[\x07\x08\x0b\x0c\x0d]")


def _kept(text: str) -> str:
    """`text` as rich's `Text` keeps it (a search first: most strings hold none of them)."""
    return text.translate(_STRIPPED) if _CONTROL.search(text) else text


class Styled:
    """One piece of the view's text: `Styled("S12", style="bold").append(" 2/5 versions")`."""

    __slots__ = ("style", "plain", "_first", "_parts", "_assembled")
    justify = overflow = no_wrap = tab_size = None
    """As a rich `Text` made without them: the console's defaults."""
    end = "\n"

    def __init__(self, text: str = "", style: str = "") -> None:
        self.style = style
        """The base style, of the whole text."""
        self.plain = _kept(text)
        """The characters, as rich's `Text.plain` gives them."""
        self._first = text
        self._parts: list[tuple[str | Styled, str | None]] = []
        self._assembled = False

    def append(self, text: str, style: str | None = None) -> Styled:
        """`text` after the rest, in `style`; this text."""
        self._parts.append((text, style))
        self.plain += _kept(text)
        return self

    def append_text(self, other: Styled) -> Styled:
        """`other`, its styles kept, after the rest; this text."""
        self._parts.append((other, None))
        self.plain += other.plain
        return self

    @classmethod
    def assemble(cls, *parts: str | tuple[str, str]) -> Styled:
        """As `Text.assemble`: strings, or (string, style) pairs, one after the other."""
        made = cls()
        made._assembled = True
        for part in parts:
            made.append(part) if isinstance(part, str) else made.append(*part)
        return made

    def to_rich(self) -> Text:
        """The rich `Text` these calls make."""
        from rich.text import Text

        text = Text.assemble(style=self.style) if self._assembled else Text(self._first, style=self.style)
        for part, style in self._parts:
            if isinstance(part, Styled):
                text.append_text(part.to_rich())
            else:
                text.append(part, style=style)
        return text


Shown = Union[Styled, "Text"]
"""What the view prints: its own `Styled`, or a rich `Text` (other views' lines)."""


def as_rich(text: Shown) -> Text:
    """`text` as a rich `Text`, for a console that renders it."""
    return text.to_rich() if isinstance(text, Styled) else text

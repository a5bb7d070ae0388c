"""The option lists of the dialogs, measured only as far as a screen can show.

A dialog's list is as tall as its options (`height: auto`) up to the dialog's own height, and
scrolls beyond. Textual measures the height of every option to size it, at a width two cells
wider than the one it measures them at to draw (the scrollbar), and keeps one width's
measure per option: each layout measured every option twice (the split dialog's two hundred
members four times, 40 ms of CPU at a thousand versions, as each cut its 117 characters to
the dialog's width through Rich's grapheme splitting). Here the options are measured for the
size only until they are taller than the terminal, which no dialog can be, and that measure
is kept apart, per option and width, so the one for drawing stays.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar
from weakref import WeakKeyDictionary

from textual.geometry import Size
from textual.widgets import OptionList, SelectionList
from textual.widgets.option_list import Option

__all__ = ["DialogOptionList", "DialogSelectionList"]

Value = TypeVar("Value")
"""What a selection list's option stands for."""


class ScreenTall:
    """The content height of an option list, measured up to the viewport's height."""

    _size_heights: WeakKeyDictionary[Option, tuple[int, int]]
    """Each option's (width, height) measured for the size."""

    def get_content_height(self: Any, container: Size, viewport: Size, width: int) -> int:
        heights = self.__dict__.setdefault("_size_heights", WeakKeyDictionary())
        width -= self.get_component_styles("option-list--option").padding.width
        total = 0
        for option in self.options:
            kept = heights.get(option)
            if kept is None or kept[0] != width:
                kept = heights[option] = (width, self._get_visual(option).get_height(self.styles, width))
            total += kept[1] + option._divider
            if total > viewport.height:
                break
        return total


class DialogOptionList(ScreenTall, OptionList):
    """An option list of a dialog."""


class DialogSelectionList(ScreenTall, SelectionList[Value], Generic[Value]):
    """A selection list of a dialog."""

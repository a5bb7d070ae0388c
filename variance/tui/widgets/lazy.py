"""Long lists and tables filled a screenful first, the rest as the reader gets near their end.

A thousand versions give lists of thousands of rows (artefacts, a quote's passages, the versions
to pick from). Adding them all before the first paint keeps a key waiting for seconds, and
adding them all in the background after it still costs a second of CPU for rows nobody may
scroll to; only a screenful is seen at once. `fill_lazily` adds the first rows at once (enough
to fill the screen and reach the row the cursor must be on), then a chunk more each time the
cursor or the scroll comes within two screens of the last row added, until every row is there
(and once the widget is laid out, as it grows: a list laid out after it was filled checks
then, once the frame it is laid out for is drawn). A new fill of the same widget stops the
one before, and so does emptying the widget: clearing a list changes its size, which asked
the fill before for more rows, and a quote's passages shown again began with the 101st
version's.
"""

from __future__ import annotations

from collections.abc import Callable
from weakref import WeakKeyDictionary

from textual.scroll_view import ScrollView

__all__ = ["fill_lazily", "FIRST", "CHUNK"]

FIRST = 100
"""Rows added before the first paint: more than a tall terminal shows."""
CHUNK = 100
"""Rows added each time the reader nears the end of those added so far."""

_FILLS: WeakKeyDictionary[ScrollView, _Fill] = WeakKeyDictionary()
"""The fill of each widget: a new one replaces the one before."""


class _Fill:
    """The rows of one fill: how many there are, how many are added, how to add more."""

    def __init__(self, count: int, add: Callable[[range], None]) -> None:
        self.count, self.add, self.added = count, add, 0

    def more(self, widget: ScrollView) -> None:
        """Add a chunk if fewer than two screens are left below the scroll position; none
        while the widget is not laid out (a screen built ahead, not yet shown: an option
        list knows its height only then, and was filled whole)."""
        if self.added >= self.count or not widget.is_attached or _FILLS.get(widget) is not self:
            return
        if _rows(widget) != self.added:     # emptied (for the next fill) or filled by other hands
            return
        if not widget.size.height:
            return
        if widget.max_scroll_y - widget.scroll_y >= 2 * max(1, widget.size.height):
            return
        end = min(self.added + CHUNK, self.count)
        self.add(range(self.added, end))
        self.added = end
        widget.call_after_refresh(self.more, widget)   # a tall screen may need another chunk


def _more(widget: ScrollView) -> None:
    """More rows if the reader is near the end, asked once the frame being drawn is out: a
    list is measured as it is laid out for its first frame, and rows added then were
    measured before that frame too (the split dialog's second hundred members, 40 ms of
    CPU at a thousand versions)."""
    if (fill := _FILLS.get(widget)) is not None:
        fill.more(widget)


def _rows(widget: ScrollView) -> int:
    """Rows the widget holds: options of an option list, rows of a table."""
    count = getattr(widget, "option_count", None)
    return count if count is not None else getattr(widget, "row_count", 0)


def fill_lazily(widget: ScrollView, count: int, add: Callable[[range], None], *,
                at_least: int = 0) -> None:
    """Call `add` with the positions `0..count` in order: the first `FIRST` (and at least
    `at_least`) now, the others `CHUNK` at a time whenever fewer than two screens of
    `widget` are left below its scroll position."""
    if widget not in _FILLS:   # one watcher per widget, whatever it is filled with next
        widget.watch(widget, "scroll_y", lambda _value: widget.call_later(_more, widget), init=False)
        widget.watch(widget, "virtual_size", lambda _value: widget.call_later(_more, widget), init=False)
    fill = _FILLS[widget] = _Fill(count, add)
    fill.added = min(count, max(FIRST, at_least))
    add(range(fill.added))
    if fill.added < count:
        widget.call_after_refresh(fill.more, widget)

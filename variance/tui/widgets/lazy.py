"""Long lists and tables filled a screenful first, the rest a chunk per refresh.

A thousand versions give lists of thousands of rows (artefacts, a quote's passages, the versions
to pick from). Adding them all before the first paint keeps a key waiting for seconds; only a
screenful is seen at once. `fill_lazily` adds the first rows at once (enough to fill the screen
and reach the row the cursor must be on), then the rest a chunk after each refresh, so keys are
answered between chunks. A new fill of the same widget stops the one before.
"""

from __future__ import annotations

from collections.abc import Callable
from weakref import WeakKeyDictionary

from textual.widget import Widget

__all__ = ["fill_lazily", "FIRST", "CHUNK"]

FIRST = 100
"""Rows added before the first paint: more than a tall terminal shows."""
CHUNK = 100
"""Rows added after each refresh, until every row is there."""

_FILLS: WeakKeyDictionary[Widget, object] = WeakKeyDictionary()
"""The fill each widget is running; an older one stops when it sees a newer one here."""


def fill_lazily(widget: Widget, count: int, add: Callable[[range], None], *, at_least: int = 0,
                done: Callable[[], None] | None = None) -> None:
    """Call `add` with the positions `0..count` in order: the first `FIRST` (and at least
    `at_least`) now, the others `CHUNK` at a time after each refresh of `widget`; then `done`."""
    token = object()
    _FILLS[widget] = token
    first = min(count, max(FIRST, at_least))
    add(range(first))

    def more(start: int) -> None:
        if _FILLS.get(widget) is not token or not widget.is_attached:
            return
        end = min(start + CHUNK, count)
        add(range(start, end))
        if end < count:
            widget.call_after_refresh(more, end)
        elif done is not None:
            done()

    if first < count:
        widget.call_after_refresh(more, first)
    elif done is not None:
        done()

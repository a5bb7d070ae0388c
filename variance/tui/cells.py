"""Typographic punctuation measured on Rich's fast path.

Rich measures and cuts text by terminal cells. A text made only of characters it knows to be
one cell wide (ASCII, Latin-1 and Latin Extended, Greek, Cyrillic, box drawing) is measured
by its length and cut by slicing; any other character sends the whole text through its
grapheme splitter, character by character in Python. Its list leaves out the punctuation of
every news story: curly quotes, dashes, the ellipsis (U+2010 to U+205E) and the currency
signs (U+20A0 on). At a thousand versions, the split dialog's first frame cut 425 members'
texts to its width through the splitter (50 ms of CPU), and every screen drawing a quoted
sentence paid the same per line. `widen` adds those characters to the list, each checked
against Rich's own table to be one cell wide and not a mark, a format character or a
separator that would join or change its neighbours, so every text measures and cuts to the
same cells as before, only faster.
"""

from __future__ import annotations

import unicodedata

__all__ = ["widen", "ADDED"]

ADDED = [(0x2010, 0x2027), (0x2030, 0x205E), (0x20A0, 0x20C0)]
"""The ranges of characters added to Rich's one-cell list (bounds included), where Rich's
table says they are one cell wide."""


def _one_cell(code: int) -> bool:
    from rich.cells import get_character_cell_size

    ch = chr(code)
    return (get_character_cell_size(ch) == 1 and unicodedata.category(ch)[0] not in "MCZ"
            and not unicodedata.combining(ch))


def widen() -> None:
    """Put the characters of `ADDED` on Rich's fast path (once; idempotent). A Rich whose
    fast path is not made as this expects is left as it is."""
    import rich.cells
    import rich.segment

    known = getattr(rich.cells, "_SINGLE_CELLS", None)
    if getattr(rich.cells, "_variance_widened", False):
        return
    if not isinstance(known, frozenset) or not all(
            callable(getattr(module, "_is_single_cell_widths", None)) for module in (rich.cells, rich.segment)):
        return                                   # another Rich: its own path, slower, the same cells
    wider = known | frozenset(chr(c) for start, end in ADDED for c in range(start, end + 1) if _one_cell(c))
    rich.cells._SINGLE_CELLS = wider
    rich.cells._is_single_cell_widths = wider.issuperset
    rich.segment._is_single_cell_widths = wider.issuperset
    rich.cells._variance_widened = True

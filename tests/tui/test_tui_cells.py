"""The punctuation put on Rich's fast path measures and cuts to the cells Rich's own grapheme
splitter gives, so the screens draw the same."""

from __future__ import annotations

import random

import rich.cells as cells

from variance.tui.cells import ADDED, widen


def _texts() -> list[str]:
    added = [chr(c) for start, end in ADDED for c in range(start, end + 1)]
    pool = added + list("abc XYZ,.") + ["é", "ß", "Ж"]
    rng = random.Random(17)
    return ["“Blinken said — in Beijing — that…”", "‘partners’ – not ‘rivals’ € 5‰"] + [
        "".join(rng.choice(pool) for _ in range(rng.randint(1, 60))) for _ in range(300)]


def _chopped(text: str, width: int) -> list[str]:
    """The text cut into lines of `width` cells by the splitter."""
    lines = []
    while text:
        line, text = cells._split_text(text, width) if len(text) > width else (text, "")
        lines.append(line)
    return lines


def test_widened_texts_measure_and_cut_as_the_splitter_does() -> None:
    widen()
    for text in _texts():
        slow_width = sum(cells.get_character_cell_size(ch) for ch in text)
        if not cells._is_single_cell_widths(text):   # a character Rich's table does not give one cell
            continue
        assert cells.cell_len(text) == slow_width == len(text)
        for cut in (0, 1, 7, len(text) // 2, len(text) - 1):
            if 0 <= cut < len(text):
                assert cells.set_cell_size(text, cut) == cells._split_text(text, cut)[0]
                assert cells.split_text(text, cut) == cells._split_text(text, cut)
                assert cells.chop_cells(text, cut + 1) == _chopped(text, cut + 1)


def test_every_added_character_is_one_cell_and_no_mark() -> None:
    widen()
    added = cells._SINGLE_CELLS - frozenset(map(chr, range(0x2000)))
    assert "“" in added and "—" in added and "…" in added and "€" in added
    assert "\u200d" not in cells._SINGLE_CELLS and "\u2028" not in cells._SINGLE_CELLS
    assert all(cells.get_character_cell_size(ch) == 1 for ch in added)


def test_a_rich_made_otherwise_is_left_as_it_is(monkeypatch) -> None:
    monkeypatch.setattr(cells, "_variance_widened", False, raising=False)
    monkeypatch.delattr(cells, "_SINGLE_CELLS")
    fast = cells._is_single_cell_widths
    widen()                                       # no error: the app starts on Rich's own path
    assert cells._is_single_cell_widths is fast
    assert not cells._variance_widened

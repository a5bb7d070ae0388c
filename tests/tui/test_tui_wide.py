"""The wide coverage matrix drawn only around what the screen shows, and the app's keys kept
clear of the garbage collector's full passes."""

from __future__ import annotations

import gc

import pytest
from rich.segment import Segment
from rich.style import Style

from variance.tui import make_app
from variance.tui.heap import QUIET
from variance.tui.widgets import CoverageTable
from variance.tui.widgets import coverage_table as coverage
from variance.tui.widgets.glyph_strip import GlyphStrip

RUNS = [("·" * 5, "dim"), ("=", None), ("▲" * 3, "red"), ("·" * 40, "dim"), ("◆", "bold"),
        ("○" * 7, "yellow"), ("·" * 20, "dim")]


@pytest.fixture(scope="module")
def wide_comparison(tmp_path_factory):
    """Sixty synthetic versions of seed 001 (benchmarks/synth.py)."""
    from conftest import synthetic_comparison

    return synthetic_comparison(tmp_path_factory.mktemp("wide"), 60)


def _cells(line: list[Segment]) -> list[tuple[str, Style | None]]:
    return [(ch, seg.style) for seg in line for ch in seg.text]


@pytest.mark.parametrize("window", [(0, 10), (6, 9), (30, 52), (50, 77), (0, 200)])
def test_a_strip_drawn_in_a_window_is_the_whole_strip_there(window):
    strip = GlyphStrip(RUNS)
    pre, post = Style(bgcolor="blue"), Style(italic=True)
    whole = _cells(strip.line(pre, post, 81, 2))
    part = _cells(strip.line(pre, post, 81, 2, window))
    assert len(part) == len(whole) == 81
    start, end = window[0] + 2, min(window[1], len(strip.plain)) + 2
    assert part[start:end] == whole[start:end]
    assert "".join(ch for ch, _ in part).strip(" ") != ""


def _row_text(table: CoverageTable, y: int) -> str:
    return table.render_line(y).text


@pytest.mark.asyncio
async def test_the_matrix_scrolled_sideways_shows_the_glyphs_there(wide_comparison, monkeypatch):
    monkeypatch.setattr(coverage, "WINDOW", 2)     # a window far narrower than 60 versions
    app = make_app(comparison=wide_comparison)
    async with app.run_test(size=(20, 30)) as pilot:   # a few glyphs of each strip shown
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.press("2")
        await pilot.pause()
        table = app.screen.query_one(CoverageTable)
        st = wide_comparison.statements[0]
        plain = table.get_cell(str(st.id), "strip").plain
        label = table.ordered_columns[0].get_render_width(table)
        for x in (0, 12, 30, 50, 61, 4):
            table.scroll_to(x=x, animate=False, immediate=True)
            await pilot.pause()
            first = x - label - table.cell_padding    # the glyph at the table's left edge
            shown = _row_text(table, 1)
            skip = max(0, -first)
            seen = plain[max(0, first):max(0, first) + len(shown) - skip]
            assert shown[skip:skip + len(seen)] == seen, (x, shown, plain)


@pytest.mark.asyncio
async def test_full_collections_wait_for_the_keyboard_to_rest(seeds_comparison):
    before = gc.get_threshold()
    app = make_app(comparison=seeds_comparison)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert gc.get_threshold()[:2] == before[:2] and gc.get_threshold()[2] > 1_000_000
        await pilot.press("2", "1")
        app.collector.key()
        gc.collect(1)                                  # the old generation has grown
        assert gc.get_count()[2] > 0
        app.collector.tick()                           # a key just now: no full pass
        assert gc.get_count()[2] > 0
        app.collector.last_key -= 2 * QUIET
        app.collector.tick()
        assert gc.get_count()[2] == 0
    assert gc.get_threshold() == before

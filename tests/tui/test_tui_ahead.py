"""The screens built ahead while the first is read (`variance/tui/ahead.py`), on the seeds."""

from __future__ import annotations

import pytest

from variance.tui import make_app
from variance.tui.ahead import ScreensAhead
from variance.tui.widgets import CoverageTable, DocumentText

pytestmark = pytest.mark.asyncio


async def _built(app, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    while not app.ahead.ready:
        await pilot.pause(0.05)
    await pilot.pause()


async def test_every_screen_is_built_ahead_and_shown_filled(seeds_comparison):
    app = make_app(comparison=seeds_comparison)
    async with app.run_test(size=(120, 40)) as pilot:
        await _built(app, pilot)
        assert set(app.ahead.built) == set(app.MODES) - {"statements"}
        built = app.ahead.built["coverage"]
        await pilot.press("2")
        assert app.screen is built
        assert app.screen.query_one(CoverageTable).row_count == len(seeds_comparison.statements)
        await pilot.press("3")
        assert app.screen.query_one(DocumentText).option_count > 0


async def test_a_screen_built_ahead_shows_a_filter_chosen_elsewhere(seeds_comparison):
    app = make_app(comparison=seeds_comparison)
    async with app.run_test(size=(120, 40)) as pilot:
        await _built(app, pilot)
        await pilot.press("c")        # cosmetic changes shown, on the statements screen
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        table = app.screen.query_one(CoverageTable)
        assert table._drawn is not None and table._drawn[1] == app.view


@pytest.mark.parametrize("built", [1, 2, 4])
async def test_quitting_while_a_screen_is_built_ends_cleanly(seeds_comparison, monkeypatch, built):
    """The app asked to end just as a screen built ahead is started: no internal error."""
    step = ScreensAhead._next

    def next_then_quit(self: ScreensAhead) -> None:
        step(self)
        if len(self.built) >= built:
            self.app.exit()

    monkeypatch.setattr(ScreensAhead, "_next", next_then_quit)
    app = make_app(comparison=seeds_comparison)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        for _ in range(40):
            if not app.is_running:
                break
            await pilot.pause(0.05)
    assert app.failure is None and app.return_code in (0, None)

"""SVG snapshots of the main screens on the seeds (pytest-textual-snapshot).

After an intended change of the look, or of what the engine finds in the seeds, look at the
new pictures and accept them with `pytest tests/tui/test_tui_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from variance.model import Artefact, ArtefactKind
from variance.tui import make_app
from variance.tui.widgets import QuoteTable

SIZE = (120, 40)


@pytest.fixture
def seeds_app(seeds_comparison):
    """The app on the seeds with one known artefact, whatever the artefact detector finds."""
    doc = next(d for d in seeds_comparison.documents if "baliand" in d.text)
    start = doc.text.index("baliand")
    glued = Artefact(doc.id, start, start + 7, "baliand", ArtefactKind.GLUED,
                     "'baliand' reads as two words the other versions use: 'bali and'", ("Bali and",))
    return lambda: make_app(comparison=replace(seeds_comparison, artefacts=(glued,)))


def test_statements_screen(snap_compare, seeds_app):
    assert snap_compare(seeds_app(), press=["j"], terminal_size=SIZE)


def test_statements_screen_at_80_by_24_stacks_the_versions(snap_compare, seeds_app):
    assert snap_compare(seeds_app(), press=["j"], terminal_size=(80, 24))


def test_coverage_screen(snap_compare, seeds_app):
    assert snap_compare(seeds_app(), press=["2", "j"], terminal_size=SIZE)


def test_document_screen_on_an_artefact(snap_compare, seeds_app):
    assert snap_compare(seeds_app(), press=["4", "enter"], terminal_size=SIZE)


def test_artefacts_screen(snap_compare, seeds_app):
    assert snap_compare(seeds_app(), press=["4"], terminal_size=SIZE)


async def _on_the_conflict(pilot):
    """Open the quotes, wait for the checks, put the cursor on the seeds' attribution conflict."""
    app = pilot.app
    await pilot.pause()
    await pilot.press("5")
    await app.workers.wait_for_complete()
    await pilot.pause()
    table = app.screen.query_one(QuoteTable)
    table.move_cursor(row=next(i for i, row in enumerate(app.screen.rows) if row.check.conflicts))
    await pilot.pause()


def test_quotes_screen_on_the_attribution_conflict(snap_compare, seeds_app):
    assert snap_compare(seeds_app(), run_before=_on_the_conflict, terminal_size=SIZE)

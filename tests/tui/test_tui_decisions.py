"""The editor's keys on the Statements screen, driven with Pilot: each decision is written to
the file, read back, applied to what the screen shows, undone with ctrl+z, listed on the
Decisions screen, and a fresh run from the file gives the same statements."""

from __future__ import annotations

import shutil

import pytest
from conftest import SEEDS

from variance.decisions import DecisionFile, read_decisions
from variance.model import Options
from variance.model.decisions import DecisionKind, SpanRole
from variance.pipeline import compare
from variance.tui import make_app
from variance.tui.screens import DecisionsScreen, NoteScreen, PickScreen, SplitScreen
from variance.tui.widgets import DecisionTable, StatementDetail

pytestmark = pytest.mark.asyncio
FAST = Options(artefacts=False, quotes=False)


@pytest.fixture
def corpus(tmp_path):
    root = tmp_path / "corpus"
    shutil.copytree(SEEDS, root)
    return root


def app_on(root):
    path = str(root / "variance-decisions.toml")
    comparison = compare([str(root)], FAST, decisions=DecisionFile(path, None))
    return make_app(comparison=comparison, decisions=DecisionFile(path, None), author="ana"), path


async def settle(app, pilot):
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def widest(app):
    return max(app.comparison.statements, key=lambda s: (len(s.members), -s.id))


def holder(c, document, start):
    return next(st for st in c.statements for m in st.members + st.repeats
                if m.document == document and m.start <= start < m.end)


def same_statements(a, b) -> bool:
    def shape(c):
        return sorted(tuple(sorted((m.document, m.start, m.end) for m in st.members + st.repeats))
                      for st in c.statements)
    return shape(a) == shape(b)


async def open_statement(app, pilot, st):
    await settle(app, pilot)
    app.statement_id = st.id
    await pilot.pause()


async def test_u_unlinks_the_member_chosen_and_the_file_says_so(corpus):
    app, path = app_on(corpus)
    async with app.run_test(size=(140, 44)) as pilot:
        await open_statement(app, pilot, st := widest(app))
        await pilot.press("u")
        assert isinstance(app.screen, PickScreen)
        gone = st.members[1]
        await pilot.press("down", "enter")
        await settle(app, pilot)
        [d] = read_decisions(path).decisions
        assert (d.kind, d.author) == (DecisionKind.UNLINK, "ana")
        assert d.side(SpanRole.MEMBER)[0].document == gone.document
        rest = holder(app.comparison, st.members[0].document, st.members[0].start)
        assert rest.member(gone.document) is None
        assert "unlinked by the editor" in str(app.screen.query_one("#decided").render())


async def test_l_links_the_most_alike_sentence_of_another_version(corpus):
    app, path = app_on(corpus)
    async with app.run_test(size=(140, 44)) as pilot:
        await open_statement(app, pilot, st := widest(app))
        await pilot.press("l")
        assert isinstance(app.screen, PickScreen)
        await settle(app, pilot)                  # the sentences are ranked in a worker
        await pilot.press("enter")
        await settle(app, pilot)
        [d] = read_decisions(path).decisions
        linked = d.side(SpanRole.MEMBER)[0]
        now = holder(app.comparison, st.members[0].document, st.members[0].start)
        assert any(m.document == linked.document and m.start <= linked.start < m.end
                   for m in now.members + now.repeats)
        assert app.statement_id == now.id


async def test_m_merges_two_statements(corpus):
    app, path = app_on(corpus)
    async with app.run_test(size=(140, 44)) as pilot:
        await open_statement(app, pilot, widest(app))
        await pilot.press("m")
        await settle(app, pilot)                  # the statements are ranked in a worker
        await pilot.press("enter")
        await settle(app, pilot)
        [d] = read_decisions(path).decisions
        assert d.kind is DecisionKind.MERGE
        ids = {holder(app.comparison, s.document, s.start).id for s in d.spans}
        assert len(ids) == 1 and "merged by the editor" in str(app.screen.query_one("#decided").render())


async def test_s_splits_the_versions_ticked_off(corpus):
    app, path = app_on(corpus)
    async with app.run_test(size=(140, 44)) as pilot:
        await open_statement(app, pilot, st := widest(app))
        await pilot.press("s")
        assert isinstance(app.screen, SplitScreen)
        await pilot.press("space", "enter")
        await settle(app, pilot)
        [d] = read_decisions(path).decisions
        assert d.kind is DecisionKind.SPLIT
        off = holder(app.comparison, st.members[0].document, st.members[0].start)
        rest = holder(app.comparison, st.members[1].document, st.members[1].start)
        assert off is not rest


async def test_a_adds_a_note_shown_on_the_statement(corpus):
    app, path = app_on(corpus)
    async with app.run_test(size=(140, 44)) as pilot:
        await open_statement(app, pilot, widest(app))
        await pilot.press("a")
        assert isinstance(app.screen, NoteScreen)
        await pilot.press(*"checked, 27 April", "enter")
        await settle(app, pilot)
        [d] = read_decisions(path).decisions
        assert (d.kind, d.note) == (DecisionKind.NOTE, "checked, 27 April")
        assert "checked, 27 April" in str(app.screen.query_one(StatementDetail).query_one("#decided").render())


async def test_v_then_ctrl_z_verifies_and_undoes(corpus):
    app, path = app_on(corpus)
    async with app.run_test(size=(140, 44)) as pilot:
        before = app.comparison
        await open_statement(app, pilot, widest(app))
        await pilot.press("v")
        await settle(app, pilot)
        assert [d.kind for d in read_decisions(path).decisions] == [DecisionKind.VERIFY]
        assert "verified by the editor (ana," in str(app.screen.query_one("#decided").render())
        await pilot.press("ctrl+z")
        await settle(app, pilot)
        assert read_decisions(path).decisions == ()
        assert same_statements(app.comparison, before)
        await pilot.press("ctrl+z")  # nothing left to undo: the file stays as it is
        await settle(app, pilot)
        assert read_decisions(path).decisions == ()


async def test_the_decisions_screen_lists_every_decision_and_a_rerun_agrees(corpus):
    app, path = app_on(corpus)
    async with app.run_test(size=(140, 44)) as pilot:
        await open_statement(app, pilot, widest(app))
        await pilot.press("u", "down", "enter")
        await settle(app, pilot)
        await pilot.press("v")
        await settle(app, pilot)
        await pilot.press("7")
        await pilot.pause()
        assert isinstance(app.screen, DecisionsScreen)
        assert app.screen.query_one(DecisionTable).row_count == 2
        again = compare([str(corpus)], FAST, decisions=read_decisions(path))
        assert same_statements(again, app.comparison)
        await pilot.press("enter")
        await pilot.pause()
        assert app.statement_id in app.comparison.decisions.decisions[0].statements



async def test_escape_stops_the_search_for_link_candidates(corpus, monkeypatch):
    """`escape` while the link dialog still looks for sentences cancels the search: it stops
    reading versions (it would share the interpreter with the next keys), and nothing of it
    reaches the screen."""
    import variance.tui.screens.statements as statements_screen
    from variance.decisions import link_candidates

    read: list[bool] = []
    escaped: list[bool] = []

    def slowly(c, st, most=40, *, cancelled):
        def asked() -> bool:          # one question per version: wait for the escape at the first
            read.append(True)
            while len(read) == 1 and not escaped:
                pass
            return cancelled()
        return link_candidates(c, st, most, cancelled=asked)

    monkeypatch.setattr(statements_screen, "link_candidates", slowly)
    app, _ = app_on(corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("l")
        assert isinstance(app.screen, PickScreen)
        await pilot.pause()
        await pilot.press("escape")
        escaped.append(True)
        await settle(app, pilot)
        assert not isinstance(app.screen, PickScreen)
        assert len(read) <= 1             # the first version's question said stop (if it had begun)
    found = link_candidates(app.exact, widest(app), cancelled=lambda: False)
    assert found and link_candidates(app.exact, widest(app), cancelled=lambda: True) == ()

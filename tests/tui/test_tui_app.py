"""The terminal UI driven at the keyboard with Textual's Pilot, on the seed articles."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from conftest import SEEDS

from variance.model import Artefact, ArtefactKind, ChangeKind, Severity
from variance.tui import make_app
from variance.tui.screens import (
    ExportScreen,
    FilterScreen,
    HelpScreen,
    ReferenceScreen,
    SearchScreen,
)
from variance.tui.view import FINDINGS, ViewFilter
from variance.tui.widgets import (
    ArtefactTable,
    CoverageTable,
    DocumentText,
    StatementDetail,
    StatementList,
    VersionColumn,
)

pytestmark = pytest.mark.asyncio


async def started(app, pilot):
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def column_titles(app) -> list[str]:
    return [str(c.border_title) for c in app.screen.query(VersionColumn) if c.display]


async def test_j_and_k_move_through_statements_and_the_detail_follows(seeds_comparison):
    app = make_app(comparison=seeds_comparison)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        first, second = seeds_comparison.statements[:2]
        assert app.statement_id == first.id
        await pilot.press("j")
        assert app.statement_id == second.id
        assert app.screen.query_one(StatementDetail).statement is second
        assert len(column_titles(app)) == len(second.members)
        await pilot.press("k")
        assert app.screen.query_one(StatementDetail).statement is first


async def test_the_reference_column_is_marked_and_comes_first(seeds_comparison):
    app = make_app(comparison=seeds_comparison)
    st = max(seeds_comparison.statements, key=lambda s: len(s.members))
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        app.statement_id = st.id
        await pilot.pause()
        titles = column_titles(app)
        assert titles[0] == f"★ {seeds_comparison.reference}"
        assert app.screen.query(VersionColumn).first().has_class("-reference")
        assert sorted(t.lstrip("★ ") for t in titles) == sorted(m.document for m in st.members)


async def test_enter_focuses_the_detail_and_escape_returns_to_the_list(seeds_comparison):
    app = make_app(comparison=seeds_comparison)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        assert isinstance(app.focused, StatementList)
        await pilot.press("enter")
        assert isinstance(app.focused, StatementDetail)
        await pilot.press("escape")
        assert isinstance(app.focused, StatementList)


@pytest.mark.parametrize("size, stacked", [((80, 24), True), ((220, 50), False)])
async def test_versions_stack_when_the_terminal_is_narrow(seeds_comparison, size, stacked):
    app = make_app(comparison=seeds_comparison)
    st = next(s for s in seeds_comparison.statements if len(s.members) == 3)
    async with app.run_test(size=size) as pilot:
        await started(app, pilot)
        app.statement_id = st.id
        await pilot.pause()
        assert app.screen.query_one(StatementDetail).has_class("-stacked") is stacked


async def test_enter_in_the_coverage_matrix_opens_that_statement(seeds_comparison):
    app = make_app(comparison=seeds_comparison)
    target = seeds_comparison.statements[3]
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("2")
        assert app.current_mode == "coverage"
        table = app.screen.query_one(CoverageTable)
        assert table.row_count == len(seeds_comparison.statements)
        await pilot.press("j", "j", "j", "l", "enter")
        await pilot.pause()
        assert app.current_mode == "statements"
        assert app.statement_id == target.id
        assert app.screen.query_one(StatementDetail).statement is target


async def test_the_coverage_matrix_marks_who_carries_what(seeds_comparison):
    app = make_app(comparison=seeds_comparison)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("2")
        table = app.screen.query_one(CoverageTable)
        for st in seeds_comparison.statements[:10]:
            for doc in seeds_comparison.documents:
                cell = table.get_cell(str(st.id), doc.id).plain.strip()
                if st.member(doc.id) is None:
                    assert cell == "·"
                elif len(st.members) == 1:
                    assert cell == "only"
                else:
                    assert cell in ("◆", "=", "· low", "● med", "▲ high")


async def test_n_and_p_jump_between_findings_and_enter_opens_the_statement(seeds_comparison):
    app = make_app(comparison=seeds_comparison)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("3")
        text = app.screen.query_one(DocumentText)
        assert text.document == seeds_comparison.reference
        await pilot.press("n", "n")
        second = int(text.highlighted_option.id)
        await pilot.press("p")
        first = int(text.highlighted_option.id)
        assert first < second
        assert text.statuses[first] in FINDINGS and text.statuses[second] in FINDINGS
        await pilot.press("enter")
        await pilot.pause()
        st = app.lookup.statement_of(seeds_comparison.reference, first)
        assert app.current_mode == "statements" and app.statement_id == st.id


async def test_square_brackets_switch_the_version_shown(seeds_comparison):
    app = make_app(comparison=seeds_comparison)
    ids = [d.id for d in seeds_comparison.documents]
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("3", "right_square_bracket")
        await pilot.pause()
        expected = ids[(ids.index(seeds_comparison.reference) + 1) % len(ids)]
        text = app.screen.query_one(DocumentText)
        assert text.document == expected
        assert text.option_count >= len(seeds_comparison.document(expected).sentences)


async def test_r_switches_the_reference_in_a_worker(seeds_comparison):
    app = make_app(comparison=seeds_comparison)
    new = next(d.id for d in seeds_comparison.documents if d.id.startswith("002"))
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("r")
        assert isinstance(app.screen, ReferenceScreen)
        choices = app.screen.query_one("#references")
        choices.highlighted = choices.get_option_index(new)
        await pilot.press("enter")
        await started(app, pilot)
        assert app.comparison.reference == new
        assert f"reference {new}" in app.sub_title
        assert all(d.against == new for st in app.comparison.statements for d in st.diffs
                   if st.member(new))
        shared = next(st for st in app.comparison.statements if st.member(new) and st.diffs)
        app.statement_id = shared.id
        await pilot.pause()
        assert column_titles(app)[0] == f"★ {new}"


async def test_f_filters_by_kind_and_severity(seeds_comparison):
    app = make_app(comparison=seeds_comparison)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("f")
        assert isinstance(app.screen, FilterScreen)
        kinds = app.screen.query_one("#filter-kinds")
        kinds.deselect_all()
        kinds.select(ChangeKind.QUOTE)
        await pilot.click("#apply")
        await pilot.pause()
        assert app.view.kinds == frozenset({ChangeKind.QUOTE})
        listed = app.screen.query_one(StatementList)
        kept = [app.lookup.statements[int(o.id)] for o in listed.options]
        assert 0 < len(kept) < len(seeds_comparison.statements)
        assert all(any(c.kind is ChangeKind.QUOTE for d in st.diffs for c in d.changes) for st in kept)
        assert "quote" in app.sub_title
        await pilot.press("f")
        await pilot.click("#reset")
        await pilot.pause()
        assert listed.option_count == len(seeds_comparison.statements)


async def test_f_opened_again_shows_the_filter_in_force_not_what_was_cancelled(seeds_comparison):
    """The app shows one filter dialog each time: ticks cancelled with escape are forgotten,
    and the dialog shows the filter the screens apply."""
    app = make_app(comparison=seeds_comparison)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("f")
        dialog = app.screen
        dialog.query_one("#filter-kinds").deselect_all()
        await pilot.click("#severity-high")
        await pilot.press("escape")
        assert app.view == ViewFilter()
        await pilot.press("f")
        await pilot.pause()
        assert app.screen is dialog
        assert set(dialog.query_one("#filter-kinds").selected) == set(ChangeKind)
        assert dialog.query_one("#filter-severity").pressed_button.id == "severity-low"
        await pilot.click("#severity-high")
        await pilot.click("#apply")
        await pilot.pause()
        assert app.view.min_severity is Severity.HIGH
        await pilot.press("c", "f")      # cosmetic changes shown meanwhile
        await pilot.pause()
        assert dialog.query_one("#filter-severity").pressed_button.id == "severity-high"
        assert dialog.query_one("#filter-cosmetic").value is False
        assert dialog.chosen() == app.view


async def test_the_severity_filter_keeps_high_changes_only(seeds_comparison):
    app = make_app(comparison=seeds_comparison)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("f")
        await pilot.click("#severity-high")
        await pilot.click("#apply")
        await pilot.pause()
        assert app.view.min_severity is Severity.HIGH
        legend = str(app.screen.query_one("#legend").render())
        assert "cosmetic" not in legend and "wording" not in legend


async def test_cosmetic_changes_are_hidden_until_c(seeds_comparison):
    app = make_app(comparison=seeds_comparison)
    st = next(s for s in seeds_comparison.statements
              if any(c.kind is ChangeKind.COSMETIC for d in s.diffs for c in d.changes))
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        app.statement_id = st.id
        await pilot.pause()
        assert app.view.hide_cosmetic
        assert "cosmetic" not in str(app.screen.query_one("#legend").render())
        await pilot.press("c")
        await pilot.pause()
        assert not app.view.hide_cosmetic
        assert "cosmetic" in str(app.screen.query_one("#legend").render())
        assert "cosmetic shown" in app.sub_title


async def test_search_opens_the_statement_that_holds_the_words(seeds_comparison):
    app = make_app(comparison=seeds_comparison)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"fentanyl")
        assert app.screen.hits and "hits" in str(app.screen.query_one("#search-count").render())
        await pilot.press("enter")
        await pilot.pause()
        st = app.screen.query_one(StatementDetail).statement
        assert any("fentanyl" in app.lookup.text(m) for m in st.members)


async def test_search_hit_outside_statements_opens_the_document(seeds_comparison):
    app = make_app(comparison=seeds_comparison)
    ref = seeds_comparison.document(seeds_comparison.reference)
    headline = ref.sentence_text(0)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("slash")
        app.screen.query_one("#search-input").value = headline
        await pilot.pause()
        hit = app.screen.hits[0]
        assert hit.document == ref.id and hit.statement is None
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_mode == "document"
        assert app.screen.query_one(DocumentText).highlighted_option.id == "0"


async def test_e_exports_json_format_1_with_the_current_reference(seeds_comparison, tmp_path):
    app = make_app(comparison=seeds_comparison)
    target = tmp_path / "out.json"
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("e")
        assert isinstance(app.screen, ExportScreen)
        app.screen.query_one("#export-path").value = str(target)
        await pilot.press("enter")
        await started(app, pilot)
        data = json.loads(target.read_text(encoding="utf-8"))
        assert data["format"] == 2 and data["reference"] == seeds_comparison.reference
        assert len(data["statements"]) == len(seeds_comparison.statements)
        assert any(f"Wrote {target}" in n.message for n in app._notifications)


async def test_e_exports_the_html_report_chosen_by_the_format_buttons(seeds_comparison, tmp_path):
    app = make_app(comparison=seeds_comparison)
    target = tmp_path / "report.html"
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("e")
        path = app.screen.query_one("#export-path")
        path.value = str(target)
        await pilot.click("#format-json")
        assert path.value == str(tmp_path / "report.json")
        await pilot.click("#format-html")
        assert path.value == str(target)
        await pilot.click("#export")
        await started(app, pilot)
        page = target.read_text(encoding="utf-8")
        assert page.startswith("<!DOCTYPE html>") or page.lower().startswith("<!doctype html>")
        assert "Great Hall of the People" in page


async def test_an_export_that_cannot_be_written_is_a_notification(seeds_comparison, tmp_path):
    app = make_app(comparison=seeds_comparison)
    target = tmp_path / "missing" / "out.json"
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("e")
        app.screen.query_one("#export-path").value = str(target)
        await pilot.press("enter")
        await started(app, pilot)
        errors = [n for n in app._notifications if n.severity == "error"]
        assert errors and str(target) in errors[0].message
        assert app.is_running and app.current_mode == "statements"


async def test_export_refuses_to_write_over_an_input(seeds_comparison):
    app = make_app(comparison=seeds_comparison)
    source = seeds_comparison.documents[0].path
    before = open(source, "rb").read()
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("e")
        app.screen.query_one("#export-path").value = source
        await pilot.click("#export")
        await started(app, pilot)
        assert any("input" in n.message for n in app._notifications if n.severity == "error")
    assert open(source, "rb").read() == before


async def test_question_mark_lists_every_key(seeds_comparison):
    app = make_app(comparison=seeds_comparison)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one("#help-keys")
        keys = {str(table.get_row_at(i)[1]) for i in range(table.row_count)}
        assert {"r", "f", "/", "c", "e", "?", "q", "n", "p", "j", "k", "enter"} <= keys
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        help_screen = app.get_screen("help")
        await pilot.press("2", "question_mark")      # opened again, elsewhere: the same keys
        assert app.screen is help_screen
        table = app.screen.query_one("#help-keys")
        assert {str(table.get_row_at(i)[1]) for i in range(table.row_count)} == keys
        await pilot.press("question_mark")
        assert app.current_mode == "coverage" and not isinstance(app.screen, HelpScreen)


async def test_the_command_palette_lists_the_same_actions(seeds_comparison):
    app = make_app(comparison=seeds_comparison)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Reference", "Filter", "Search", "Cosmetic", "Export", "Keys", "Quit",
                "Statements", "Coverage", "Document", "Artefacts"} <= titles
        await pilot.press("ctrl+p", *"coverage")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_mode == "coverage"


async def test_enter_on_an_artefact_shows_it_in_its_document(seeds_comparison):
    doc = next(d for d in seeds_comparison.documents if "baliand" in d.text)
    start = doc.text.index("baliand")
    artefact = Artefact(doc.id, start, start + 7, "baliand", ArtefactKind.GLUED,
                        "two words glued together", ("bali and",))
    app = make_app(comparison=replace(seeds_comparison, artefacts=(artefact,)))
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("4")
        assert app.screen.query_one(ArtefactTable).row_count == 1
        assert "bali and" in str(app.screen.query_one("#artefact-evidence").render())
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_mode == "document"
        text = app.screen.query_one(DocumentText)
        sentence = int(text.highlighted_option.id)
        assert text.document == doc.id and "baliand" in doc.sentence_text(sentence)
        assert "glued" in str(app.screen.query_one("#document-finding").render())


async def test_no_artefacts_says_so(seeds_comparison):
    app = make_app(comparison=replace(seeds_comparison, artefacts=()))
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("4")
        assert "No artefacts" in str(app.screen.query_one("#artefact-evidence").render())


async def test_loading_from_paths_shows_progress_then_the_statements():
    app = make_app([str(SEEDS)])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.comparison is None or app.current_mode == "statements"
        await started(app, pilot)
        assert app.current_mode == "statements"
        assert app.screen.query_one(StatementList).option_count == len(app.comparison.statements)


async def test_an_unreadable_input_ends_the_app_with_its_message(tmp_path):
    app = make_app([str(tmp_path / "nowhere")])
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
    assert app.return_code == 2
    assert "nowhere" in app.failure and "\n" not in app.failure


@pytest.fixture(scope="module")
def wide_comparison(tmp_path_factory):
    """Twenty synthetic versions of seed 001 (benchmarks/synth.py)."""
    from conftest import synthetic_comparison

    return synthetic_comparison(tmp_path_factory.mktemp("wide"), 20)


async def test_a_wide_corpus_gets_one_glyph_per_version_in_the_matrix(wide_comparison):
    app = make_app(comparison=wide_comparison)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("2")
        table = app.screen.query_one(CoverageTable)
        assert len(table.columns) == 3
        for st in wide_comparison.statements[:5]:
            strip = table.get_cell(str(st.id), "strip").plain
            assert len(strip) == len(wide_comparison.documents)
            assert sum(ch != "·" for ch in strip) == len(st.members)
        await pilot.press("enter")
        assert app.current_mode == "statements"


async def test_a_statement_of_many_versions_draws_twelve_until_m(wide_comparison):
    app = make_app(comparison=wide_comparison)
    st = max(wide_comparison.statements, key=lambda s: len(s.members))
    assert len(st.members) > 12
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        app.statement_id = st.id
        await pilot.pause()
        assert len(column_titles(app)) == 12
        assert f"{len(st.members) - 12} more" in str(app.screen.query_one("#more").render())
        await pilot.press("enter", "plus")
        await pilot.pause()
        assert len(column_titles(app)) == len(st.members)
        other = min(wide_comparison.statements, key=lambda s: len(s.members))
        app.statement_id = other.id                   # the columns + added are not kept hidden
        await pilot.pause()
        await pilot.pause()
        assert len(column_titles(app)) == len(other.members)
        assert len(app.screen.query(VersionColumn)) <= 12


async def test_a_statement_opened_from_elsewhere_is_scrolled_into_the_list(seeds_comparison):
    app = make_app(comparison=seeds_comparison)
    target = seeds_comparison.statements[-1]
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("2")
        table = app.screen.query_one(CoverageTable)
        table.move_cursor(row=table.row_count - 1)
        await pilot.press("enter")
        await pilot.pause()
        assert app.statement_id == target.id
        listed = app.screen.query_one(StatementList)
        assert listed.scroll_offset.y > 0
        assert listed.highlighted == listed.get_option_index(str(target.id))


async def test_an_unknown_reference_ends_the_app_naming_the_documents():
    from variance.model import Options

    app = make_app([str(SEEDS)], Options(reference="nope"))
    async with app.run_test(size=(80, 24)) as pilot:
        # The failed worker's state change reaches the app some messages after the worker ends:
        # wait for the app to end itself rather than for the workers.
        for _ in range(600):
            if app.return_code is not None:
                break
            await pilot.pause(0.05)
    assert app.return_code == 2
    assert "'nope'" in app.failure and "001_fd0f5f049c184f2c" in app.failure


async def test_the_reference_dialog_lists_the_reference_first_then_the_others_in_order(seeds_comparison):
    app = make_app(comparison=seeds_comparison)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("r")
        choices = app.screen.query_one("#references")
        ids = [choices.get_option_at_index(i).id for i in range(choices.option_count)]
        others = [d.id for d in seeds_comparison.documents if d.id != seeds_comparison.reference]
        assert ids == [seeds_comparison.reference, *others]
        assert choices.highlighted == 0

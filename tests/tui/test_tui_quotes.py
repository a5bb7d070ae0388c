"""The Quotes and Omissions screens driven with Textual's Pilot, on the seed articles."""

from __future__ import annotations

import hashlib

import pytest

from variance.model import ChangeKind, Document, Options
from variance.pipeline import compare_documents
from variance.quotes.check import Verdict, corpus_quotes
from variance.tui import make_app
from variance.tui.paint import VERDICT_GLYPH
from variance.tui.screens import HelpScreen, QuoteInputScreen
from variance.tui.widgets import (
    DocumentText,
    OmissionList,
    QuoteMatches,
    QuoteTable,
    StatementDetail,
)

pytestmark = pytest.mark.asyncio

TYPED = "China is willing to cooperate, but cooperation must be bilateral"


async def settled(app, pilot):
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def open_quotes(app, pilot):
    await settled(app, pilot)
    await pilot.press("5")
    await settled(app, pilot)


def row_texts(table: QuoteTable) -> list[str]:
    return [" ".join(str(cell) for cell in table.get_row_at(i)) for i in range(table.row_count)]


def heading(app) -> str:
    return str(app.screen.query_one("#quote-heading").render())


async def test_5_lists_every_direct_quote_with_a_verdict_per_version(seeds_comparison):
    checks = [c for g in corpus_quotes(seeds_comparison) for c in g.checks]
    app = make_app(comparison=seeds_comparison)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_quotes(app, pilot)
        assert app.current_mode == "quotes"
        table = app.screen.query_one(QuoteTable)
        assert table.row_count == len(checks)
        assert table.border_title.startswith(f"{len(checks)} direct quotes")
        cells = [str(cell).strip()[:1] for cell in table.get_row_at(0)[1:-1]]
        assert cells == [VERDICT_GLYPH[r.verdict] for r in checks[0].results]
        assert checks[0].text in heading(app)
        matches = app.screen.query_one(QuoteMatches)
        assert [m.document for m in matches.matches[:len(seeds_comparison.documents)]] == \
            [d.id for d in seeds_comparison.documents]


async def test_c_colours_the_passages_cosmetic_changes_and_takes_them_back(seeds_comparison):
    """`c` on the Quotes screen makes again only the passages it changes: what it shows is what
    passages made afresh under the new filter show, and `c` again gives the first look back,
    the quote and the passage under the cursor kept."""
    def cosmetic(m) -> bool:
        return any(c.kind is ChangeKind.COSMETIC for c in m.changes)

    app = make_app(comparison=seeds_comparison)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_quotes(app, pilot)
        screen, table = app.screen, app.screen.query_one(QuoteTable)
        matches = screen.query_one(QuoteMatches)
        row = next(i for i, r in enumerate(screen.rows) if any(map(cosmetic, r.check.results)))
        table.move_cursor(row=row)
        await settled(app, pilot)
        passage = next(i for i, m in enumerate(matches.matches) if cosmetic(m))
        matches.highlighted = passage
        await settled(app, pilot)
        check = screen.rows[row].check

        def shown() -> list[str]:
            return [o.prompt.markup for o in matches.options]

        def afresh() -> list[str]:
            conflicting = {doc for c in check.conflicts for _, docs in c.speakers for doc in docs}
            return [QuoteMatches._prompt(m, i >= len(check.results), check, app.comparison, app.view,
                                         m.document in conflicting).markup
                    for i, m in enumerate(matches.matches[:len(matches.options)])]

        hidden = shown()
        assert hidden == afresh()
        await pilot.press("c")
        await settled(app, pilot)
        assert not app.view.hide_cosmetic
        assert (table.cursor_row, matches.highlighted) == (row, passage)
        assert shown()[passage] != hidden[passage] and shown() == afresh()
        await pilot.press("c")
        await settled(app, pilot)
        assert shown() == hidden and matches.highlighted == passage


async def test_the_seeds_attribution_conflict_is_marked(seeds_comparison):
    app = make_app(comparison=seeds_comparison)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_quotes(app, pilot)
        table = app.screen.query_one(QuoteTable)
        marked = [i for i, text in enumerate(row_texts(table)) if "⚠" in text]
        assert len(marked) == 1
        assert "Blinken" in row_texts(table)[marked[0]] and "Xi Jinping" in row_texts(table)[marked[0]]
        table.move_cursor(row=marked[0])
        await pilot.pause()
        assert "attributed to different people" in heading(app)
        prompts = [str(o.prompt) for o in app.screen.query_one(QuoteMatches).options]
        assert any("⚠ Anthony Blinken" in p for p in prompts)
        assert any("⚠ Xi Jinping" in p for p in prompts)


async def test_a_typed_quote_gets_a_verdict_from_every_version(seeds_comparison):
    app = make_app(comparison=seeds_comparison)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_quotes(app, pilot)
        rows = app.screen.query_one(QuoteTable).row_count
        await pilot.press("t")
        assert isinstance(app.screen, QuoteInputScreen)
        await pilot.press(*TYPED, "enter")
        await settled(app, pilot)
        table = app.screen.query_one(QuoteTable)
        assert table.row_count == rows + 1
        assert str(table.get_row_at(0)[0]) == "typed" and table.cursor_row == 0
        assert TYPED in heading(app)
        matches = app.screen.query_one(QuoteMatches)
        verdicts = {m.document[:3]: m.verdict for m in matches.matches}
        assert verdicts["001"] is Verdict.VERBATIM and verdicts["002"] is Verdict.CHANGED
        changed = next(str(o.prompt) for o, m in zip(matches.options, matches.matches)
                       if m.verdict is Verdict.CHANGED)
        assert "should be a two-way street" in changed and "Foreign Ministry" in changed


async def test_enter_on_a_passage_shows_it_in_its_document(seeds_comparison):
    app = make_app(comparison=seeds_comparison)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_quotes(app, pilot)
        await pilot.press("enter")
        matches = app.screen.query_one(QuoteMatches)
        assert app.focused is matches
        target = next(i for i, m in enumerate(matches.matches) if m.verdict is not Verdict.ABSENT)
        match = matches.matches[target]
        matches.highlighted = target
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_mode == "document"
        text = app.screen.query_one(DocumentText)
        doc = seeds_comparison.document(match.document)
        sentence = doc.sentences[int(text.highlighted_option.id)]
        assert text.document == match.document
        assert sentence.start <= match.start < sentence.end


async def test_enter_on_a_version_without_the_quote_says_so(seeds_comparison):
    app = make_app(comparison=seeds_comparison)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_quotes(app, pilot)
        await pilot.press("enter")
        matches = app.screen.query_one(QuoteMatches)
        matches.highlighted = next(i for i, m in enumerate(matches.matches) if m.verdict is Verdict.ABSENT)
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_mode == "quotes"
        assert any("does not carry this quote" in n.message for n in app._notifications)
        await pilot.press("escape")
        assert isinstance(app.focused, QuoteTable)


async def test_6_ranks_the_omissions_and_enter_opens_the_statement(seeds_comparison):
    ranked = seeds_comparison.omissions
    app = make_app(comparison=seeds_comparison)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(app, pilot)
        await pilot.press("6")
        await pilot.pause()
        omissions = app.screen.query_one(OmissionList)
        ids = [int(o.id) for o in omissions.options if o.id is not None]
        assert ids == [o.statement for o in ranked]
        top = str(omissions.get_option(str(ranked[0].statement)).prompt)
        assert "direct quote" in top and "missing from" in top
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_mode == "statements"
        assert app.screen.query_one(StatementDetail).statement.id == ranked[0].statement


async def test_a_corpus_without_quotes_says_so_and_still_checks_typed_words():
    texts = ["The minister visited the port on Monday. Trade grew by five percent.",
             "The minister visited the harbour on Monday. Trade grew by 5 percent."]
    docs = [Document(id=f"v{i}", path=f"v{i}.txt", text=t, sha256=hashlib.sha256(t.encode()).hexdigest())
            for i, t in enumerate(texts)]
    app = make_app(comparison=compare_documents(docs, Options()))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_quotes(app, pilot)
        assert app.screen.query_one(QuoteTable).row_count == 0
        assert "No direct quote" in heading(app)
        await pilot.press("t", *"visited the port", "enter")
        await settled(app, pilot)
        verdicts = [m.verdict for m in app.screen.query_one(QuoteMatches).matches]
        assert verdicts[0] is Verdict.VERBATIM and verdicts[1] is not Verdict.VERBATIM


async def test_the_new_screens_are_in_the_help_and_the_palette(seeds_comparison):
    app = make_app(comparison=seeds_comparison)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(app, pilot)
        assert {"Quotes", "Omissions"} <= {c.title for c in app.get_system_commands(app.screen)}
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one("#help-keys")
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert ["everywhere", "5"] in [r[:2] for r in rows] and ["everywhere", "6"] in [r[:2] for r in rows]
        assert ["quotes", "t"] in [r[:2] for r in rows]


async def test_switching_the_reference_checks_the_quotes_again(seeds_comparison):
    new = next(d.id for d in seeds_comparison.documents if d.id.startswith("002"))
    app = make_app(comparison=seeds_comparison)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_quotes(app, pilot)
        await pilot.press("r")
        choices = app.screen.query_one("#references")
        choices.highlighted = choices.get_option_index(new)
        await pilot.press("enter")
        await settled(app, pilot)
        await settled(app, pilot)
        table = app.screen.query_one(QuoteTable)
        assert table.columns[new].label.plain.startswith("★")
        assert table.row_count == sum(len(g.checks) for g in corpus_quotes(app.comparison))


async def test_at_80_by_24_who_says_what_stays_on_screen(seeds_comparison):
    app = make_app(comparison=seeds_comparison)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_quotes(app, pilot)
        await pilot.press("t", *"the United States does not seek a new Cold War", "enter")
        await settled(app, pilot)
        table = app.screen.query_one(QuoteTable)
        assert table.virtual_size.width <= table.scrollable_content_region.width
        assert str(table.get_row_at(0)[-1]).startswith("“the United States")

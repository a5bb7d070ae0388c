"""The HTML report in a real browser: Debian's headless Chromium driven by Playwright.

These tests are never skipped: CI installs /usr/bin/chromium (.ci/run), and a machine without it
fails here, loudly. They click what a reader clicks and look at what is then on screen.
"""

from __future__ import annotations

import hashlib

import pytest
from playwright.sync_api import Page, sync_playwright

from variance.model import Document, Options
from variance.pipeline import compare_documents
from variance.render.html import render_html

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
PAYLOAD = ('<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'
           '<svg onload="window.__pwned = 3"></svg>')


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def seeds_report(tmp_path_factory, seeds_comparison):
    path = tmp_path_factory.mktemp("report") / "seeds.html"
    path.write_text(render_html(seeds_comparison), encoding="utf-8")
    return path


class Opened:
    """A page with the report open, and every console error and uncaught exception it raised."""

    def __init__(self, browser, path, *, width=1400, hash=""):
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page: Page = browser.new_page(viewport={"width": width, "height": 1000})
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(path.as_uri() + hash)
        self.page.wait_for_selector("#filters:not([hidden])")

    def visible_cards(self) -> list[str]:
        return self.page.eval_on_selector_all("article.card:not([hidden])", "els => els.map(e => e.id)")

    def in_viewport(self, selector: str) -> bool:
        box = self.page.locator(selector).bounding_box()
        return box is not None and 0 <= box["y"] < self.page.viewport_size["height"]


@pytest.fixture
def opened(browser, seeds_report):
    page = Opened(browser, seeds_report)
    yield page
    page.page.close()


def test_opens_with_every_statement_and_no_console_errors(opened, seeds_comparison):
    total = len(seeds_comparison.statements)
    assert len(opened.visible_cards()) == total
    assert opened.page.locator("#f-count").inner_text() == f"all {total} statements"
    assert opened.errors == []


def test_a_kind_filter_keeps_only_statements_with_that_kind(opened):
    before = set(opened.visible_cards())
    opened.page.click("button.kind[data-kind=negation]")
    shown = opened.visible_cards()
    assert shown and set(shown) < before
    kinds = opened.page.eval_on_selector_all(
        "article.card:not([hidden])", "els => els.map(e => e.dataset.kinds)")
    assert all("negation" in k.split() for k in kinds)
    hidden_row = next(c for c in before - set(shown)).split("-")[1]
    assert opened.page.locator(f"tr[data-row='{hidden_row}']").is_hidden()
    opened.page.click("button.kind[data-kind=negation]")
    assert set(opened.visible_cards()) == before


def test_minimum_severity_quotes_and_omissions_filters(opened):
    page = opened.page
    page.select_option("#f-severity", "3")
    worst = page.eval_on_selector_all("article.card:not([hidden])", "els => els.map(e => +e.dataset.worst)")
    assert worst and set(worst) == {3}
    page.select_option("#f-severity", "0")
    page.check("#f-quoted")
    quoted = opened.visible_cards()
    assert quoted and all(page.locator(f"#{c}").get_attribute("data-quoted") is not None for c in quoted)
    page.uncheck("#f-quoted")
    page.check("#f-omitted")
    omitted = opened.visible_cards()
    assert omitted and all(page.locator(f"#{c}").get_attribute("data-omitted") is not None for c in omitted)
    assert "showing" in page.locator("#f-count").inner_text()
    page.click("#f-reset")
    assert page.locator("#f-count").inner_text().startswith("all ")


def test_search_finds_the_wording_and_escape_clears_it(opened, seeds_comparison):
    texts = {d.id: d.text for d in seeds_comparison.documents}
    saying = {f"statement-{s.id}" for s in seeds_comparison.statements for m in s.members + s.repeats
              if "two-way street" in "".join(texts[m.document][p.start:p.end] for p in m.spans)}
    assert saying
    page = opened.page
    page.keyboard.press("/")
    page.keyboard.insert_text("two-way street")  # one input event: no partial query applied first
    page.wait_for_function("""() => {
        const shown = [...document.querySelectorAll('article.card:not([hidden])')];
        return document.querySelector('#f-count').value.startsWith('showing') && shown.length > 0
            && shown.every(card => card.innerText.includes('two-way street'));
    }""", timeout=10000)
    assert saying <= set(opened.visible_cards())
    page.keyboard.press("Escape")
    page.wait_for_function("document.querySelector('#f-count').value.startsWith('all ')")
    assert page.locator("#f-count").inner_text().startswith("all ")


def test_cosmetic_changes_are_hidden_until_asked_for(opened):
    page = opened.page
    cosmetic = page.locator("#statements .ch.k-cosmetic del").first
    assert cosmetic.count() == 1 and cosmetic.is_hidden()
    page.uncheck("#f-cosmetic")
    cosmetic.scroll_into_view_if_needed()
    assert cosmetic.is_visible()


def test_a_click_in_the_matrix_scrolls_to_the_statement(opened, seeds_comparison):
    shared = next(s for s in seeds_comparison.statements if len(s.members) > 3)
    column = 1 + next(i for i, d in enumerate(seeds_comparison.documents) if shared.member(d.id)
                      and d.id != seeds_comparison.reference)
    opened.page.click(f"tr[data-row='{shared.id}'] td:nth-of-type({column})")
    opened.page.wait_for_function(f"location.hash === '#statement-{shared.id}'")
    assert opened.in_viewport(f"#statement-{shared.id}")
    assert opened.page.locator(f"#statement-{shared.id} .version.flash").count() == 1


def test_a_deep_link_opens_at_its_statement(browser, seeds_report, seeds_comparison):
    single = next(s for s in seeds_comparison.statements if len(s.members) == 1)
    opened = Opened(browser, seeds_report, hash=f"#statement-{single.id}")
    assert opened.in_viewport(f"#statement-{single.id}")
    opened.page.close()


def test_a_link_to_a_statement_the_filters_hide_shows_it(opened):
    page = opened.page
    spelling = page.locator("button.kind[data-kind=spelling]")
    spelling.click()
    link = next(a for a in page.locator("#omissions a.sid").all()
                if page.locator(a.get_attribute("href")).is_hidden())
    card = page.locator(link.get_attribute("href"))
    link.click()
    assert card.is_visible() and opened.in_viewport(link.get_attribute("href"))
    spelling.click()
    spelling.click()                # filtering again hides it; the URL still points at it
    assert card.is_hidden()
    link.click()
    assert card.is_visible() and opened.in_viewport(link.get_attribute("href"))


def test_keyboard_reaches_a_statement_from_the_matrix(opened, seeds_comparison):
    first = seeds_comparison.statements[0].id
    opened.page.focus(f"tr[data-row='{first}'] th a")
    opened.page.keyboard.press("Enter")
    opened.page.wait_for_function(f"location.hash === '#statement-{first}'")
    assert opened.in_viewport(f"#statement-{first}")


def test_the_quotes_section_warns_of_the_conflict_and_a_cell_opens_its_passage(opened):
    page = opened.page
    block = page.locator("#quotes .conflicts")
    assert block.is_visible()
    assert "Anthony Blinken" in block.inner_text() and "Xi Jinping" in block.inner_text()
    row = page.locator("#quotes .qrow").first
    cell = row.locator("button.qv:not(.v-absent)").first
    panel = page.locator("#" + cell.get_attribute("aria-controls"))
    assert panel.is_hidden()
    cell.hover()
    assert "similarity 1.00" in cell.get_attribute("title")
    cell.click()
    assert panel.is_visible() and cell.get_attribute("aria-expanded") == "true"
    assert "two-way" in panel.inner_text() and "verbatim" in panel.inner_text()
    cell.click()
    assert panel.is_hidden() and opened.errors == []


def test_a_conflicts_version_link_opens_the_folded_quote_at_that_passage(opened):
    page = opened.page
    link = page.locator("#quotes .conflicts a[href^='#qp-']").last
    panel = page.locator(link.get_attribute("href"))
    assert panel.is_hidden()
    link.click()
    panel.wait_for(state="visible", timeout=5000)   # the page opens it on hashchange, a later task
    assert panel.is_visible() and opened.in_viewport(link.get_attribute("href"))
    assert "Xi Jinping" in panel.inner_text() and "President Xi asserted" in panel.inner_text()
    changed = panel.locator(".ch ins")
    assert changed.count() >= 1 and changed.first.is_visible()
    other = panel.locator("xpath=ancestor::div[contains(@class, 'qrow')]").locator("button.qv").first
    other.click()                   # one passage of a quote open at a time
    assert panel.is_hidden() and opened.errors == []


def test_article_text_that_looks_like_code_is_shown_and_never_run(browser, tmp_path):
    docs = []
    for doc_id, text in (("a", f"Xi met Blinken in Beijing on Friday. {PAYLOAD}"),
                         (f"b{PAYLOAD}", f"Xi met Blinken in Beijing on April 26. {PAYLOAD} Xi said "
                                         f"“relations {PAYLOAD} must improve”.")):
        docs.append(Document(id=doc_id, path=f"{doc_id}.txt", text=text, title=PAYLOAD, outlet=PAYLOAD,
                             sha256=hashlib.sha256(text.encode()).hexdigest()))
    path = tmp_path / "hostile.html"
    path.write_text(render_html(compare_documents(docs, Options())), encoding="utf-8")
    opened = Opened(browser, path)
    page = opened.page
    page.wait_for_timeout(200)
    assert page.evaluate("window.__pwned") is None and opened.dialogs == [] and opened.errors == []
    assert page.locator("main img, main svg").count() == 0
    assert page.get_by_text(PAYLOAD).count() >= 1
    page.click("#quotes button.qv")
    assert PAYLOAD in page.locator("#quotes .qp.open").inner_text()
    assert page.evaluate("window.__pwned") is None and opened.errors == []
    page.close()


def test_narrow_screen_stacks_the_versions_and_a_screenshot_is_written(browser, seeds_report, tmp_path,
                                                                        seeds_comparison):
    shared = next(s for s in seeds_comparison.statements if len(s.members) > 3)
    opened = Opened(browser, seeds_report, width=420, hash=f"#statement-{shared.id}")
    boxes = [opened.page.locator(f"#statement-{shared.id} .version").nth(i).bounding_box() for i in range(2)]
    assert boxes[1]["y"] > boxes[0]["y"] and abs(boxes[1]["x"] - boxes[0]["x"]) < 2
    shot = tmp_path / "narrow.png"
    opened.page.screenshot(path=str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
    assert opened.errors == []
    opened.page.close()


@pytest.fixture(scope="module")
def wide_report(tmp_path_factory):
    """Twenty copies of one readout, one of them with a doubled word: the card folds most of
    its versions, and the artefact list and full texts are drawn by the page."""
    base = "Xi met Blinken in Beijing on Friday. Both sides agreed to keep talking."
    docs = []
    for i in range(20):
        text = base.replace("keep", "keep keep") if i == 7 else base.replace("Friday", f"day {i}")
        text = base.replace("Friday", "Sunday evening") if i == 19 else text
        docs.append(Document(id=f"copy{i:02}", path=f"copy{i:02}.txt", text=text,
                             sha256=hashlib.sha256(text.encode()).hexdigest()))
    path = tmp_path_factory.mktemp("wide") / "wide.html"
    path.write_text(render_html(compare_documents(docs, Options())), encoding="utf-8")
    return path


def test_folded_versions_are_drawn_when_opened_and_found_by_search(browser, wide_report):
    opened = Opened(browser, wide_report)
    page = opened.page
    card = page.locator("article.card").first
    more = card.locator("details.more")
    assert more.locator(".version").count() == 0
    more.locator("summary").click()
    page.wait_for_selector("body[data-lazy=ready]")
    more.locator(".version").first.wait_for()      # drawn once the folded versions are unpacked
    assert more.locator(".version").count() == 20 - 13
    page.fill("#f-text", "sunday evening")        # only the last version, folded, says it
    page.wait_for_function("document.getElementById('f-count').value.indexOf('showing') === 0")
    assert card.is_visible() and opened.errors == []
    page.close()


def test_an_artefact_deep_link_draws_the_text_and_opens_it_at_the_mark(browser, wide_report):
    opened = Opened(browser, wide_report, hash="#artefact-8-1")
    page = opened.page
    page.wait_for_selector("#artefact-8-1")
    assert page.locator("#artefact-8-1").inner_text().lower() == "keep keep"
    page.wait_for_function("document.querySelector('#doc-8 details.fulltext').open")
    assert opened.in_viewport("#artefact-8-1") and opened.errors == []
    page.close()


def test_printing_draws_every_folded_part(browser, wide_report):
    opened = Opened(browser, wide_report)
    page = opened.page
    page.wait_for_selector("body[data-lazy=ready]")
    assert page.locator(".lazy:not([data-drawn])").count() > 0
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator("details.more .version").count() == 2 * 7      # both statements fold 7
    assert page.locator(".lazy:not([data-drawn])").count() == 0 and opened.errors == []
    page.close()


def _phone(browser, path):
    opened = Opened(browser, path, width=420)
    page = opened.page
    assert page.evaluate("document.documentElement.scrollWidth") <= 420   # nothing scrolls the page sideways
    return opened, page


def test_at_phone_width_the_documents_table_stacks_each_version(browser, seeds_report):
    opened, page = _phone(browser, seeds_report)
    rows = page.locator("table.docs tbody tr")
    for i in range(rows.count()):
        cells = rows.nth(i).locator("td")
        boxes = [cells.nth(j).bounding_box() for j in range(cells.count())]
        assert all(b["x"] >= 0 and b["x"] + b["width"] <= 420 for b in boxes)
        assert boxes[-1]["y"] > boxes[1]["y"]            # the sha256 under the name, not beside it
    labels = page.eval_on_selector("table.docs tbody tr td:nth-child(4)",
                                   "td => getComputedStyle(td, '::before').content")
    assert labels == '"date"' and opened.errors == []
    page.close()


def test_at_phone_width_the_matrix_scrolls_within_itself_under_its_first_column(browser, wide_report):
    opened, page = _phone(browser, wide_report)
    wrap = page.locator(".matrix-wrap")
    assert wrap.evaluate("w => w.scrollWidth > w.clientWidth")
    first = page.locator("#matrix tbody tr th").first
    cell = page.locator("#matrix tbody tr td").first
    before = first.bounding_box()
    assert cell.bounding_box()["x"] + cell.bounding_box()["width"] <= 420   # cells on screen beside it
    wrap.evaluate("w => { w.scrollLeft = w.scrollWidth; }")
    page.wait_for_timeout(50)
    assert first.bounding_box()["x"] == before["x"] and opened.errors == []
    page.close()


# A large report draws its cards, matrix, later documents rows and quote passages as they are
# looked at (html_island). The seeds are drawn that way here too, so the drawn page can be held
# against the markup one.

DRAWN = """() => {
    window.dispatchEvent(new Event('beforeprint'));
    const text = e => e.innerText.replace(/\\s+/g, ' ').trim();
    return {cards: [...document.querySelectorAll('article.card')].map(c => [c.id, text(c)]),
            matrix: text(document.getElementById('matrix')), documents: text(document.querySelector('table.docs')),
            artefacts: text(document.getElementById('artefacts')), pending: document.querySelectorAll('.pending').length};
}"""


@pytest.fixture(scope="module")
def drawn_report(tmp_path_factory, seeds_comparison):
    path = tmp_path_factory.mktemp("drawn") / "seeds-drawn.html"
    path.write_text(render_html(seeds_comparison, lazy=True), encoding="utf-8")
    return path


@pytest.fixture
def drawn(browser, drawn_report):
    page = Opened(browser, drawn_report)
    yield page
    page.page.close()


def test_a_drawn_report_shows_and_prints_what_the_markup_report_does(browser, seeds_report, drawn_report):
    seen = []
    for path in (seeds_report, drawn_report):
        opened = Opened(browser, path)
        opened.page.wait_for_selector("body[data-lazy=ready]")
        seen.append(opened.page.evaluate(DRAWN))
        assert opened.errors == []
        opened.page.close()
    markup, drawn = seen
    assert drawn["cards"] == markup["cards"] and len(drawn["cards"]) > 50
    assert drawn["matrix"] == markup["matrix"] and drawn["documents"] == markup["documents"]
    assert drawn["artefacts"] == markup["artefacts"] and drawn["pending"] == 0


def test_a_drawn_report_draws_only_the_cards_near_the_screen(drawn):
    page = drawn.page
    page.wait_for_selector("body[data-lazy=ready]")
    undrawn = page.locator("article.card:not(.single):not([data-drawn])")
    assert undrawn.count() > 0 and page.locator("article.card[data-drawn]").count() < 40
    assert drawn.errors == []


def test_a_deep_link_to_a_card_not_drawn_yet_opens_it_drawn(browser, drawn_report, seeds_comparison):
    far = [s for s in seeds_comparison.statements if len(s.members) > 1][-1]
    opened = Opened(browser, drawn_report, hash=f"#statement-{far.id}")
    page = opened.page
    page.wait_for_selector(f"#statement-{far.id}[data-drawn] .version")
    page.wait_for_timeout(300)                   # cards drawn above it must not push it away
    assert page.locator(f"#statement-{far.id} .version").count() == len(far.members) + len(far.repeats)
    assert opened.in_viewport(f"#statement-{far.id}") and opened.errors == []
    page.close()


def test_in_a_drawn_report_filters_hide_cards_and_matrix_rows(drawn):
    page = drawn.page
    rows = "els => els.map(e => 'statement-' + e.dataset.row)"
    before = set(drawn.visible_cards())
    assert set(page.eval_on_selector_all("#matrix tr[data-row]", rows)) <= before
    page.click("button.kind[data-kind=negation]")
    shown = set(drawn.visible_cards())
    assert shown and shown < before
    assert set(page.eval_on_selector_all("#matrix tr[data-row]", rows)) <= shown
    page.select_option("#f-severity", "3")
    worst = page.eval_on_selector_all("article.card:not([hidden])", "els => els.map(e => +e.dataset.worst)")
    assert set(worst) <= {3}
    page.click("#f-reset")
    assert set(drawn.visible_cards()) == before and drawn.errors == []


def test_in_a_drawn_report_search_finds_the_wording_of_cards_not_drawn(drawn, seeds_comparison):
    texts = {d.id: d.text for d in seeds_comparison.documents}
    saying = {f"statement-{s.id}" for s in seeds_comparison.statements for m in s.members + s.repeats
              if "two-way street" in "".join(texts[m.document][p.start:p.end] for p in m.spans)}
    page = drawn.page
    page.fill("#f-text", "two-way street")
    page.wait_for_function("document.querySelector('#f-count').value.startsWith('showing')", timeout=10000)
    assert saying <= set(drawn.visible_cards()) and drawn.errors == []


def test_in_a_drawn_report_a_matrix_click_scrolls_to_the_drawn_statement(drawn, seeds_comparison):
    shared = [s for s in seeds_comparison.statements if len(s.members) > 3][-1]
    column = 1 + next(i for i, d in enumerate(seeds_comparison.documents) if shared.member(d.id)
                      and d.id != seeds_comparison.reference)
    page = drawn.page
    page.evaluate("""id => {                   // scroll the matrix's box to the statement's row
        const rows = JSON.parse(document.getElementById('report-data').textContent).matrix.rows;
        const wrap = document.querySelector('.matrix-wrap'), tr = wrap.querySelector('tr[data-row]');
        wrap.scrollTop = rows.findIndex(r => r[0] === id) * tr.offsetHeight;
    }""", shared.id)
    page.locator(f"tr[data-row='{shared.id}']").scroll_into_view_if_needed()
    page.click(f"tr[data-row='{shared.id}'] td:nth-of-type({column})")
    page.wait_for_selector(f"#statement-{shared.id} .version.flash")
    assert page.evaluate("location.hash") == f"#statement-{shared.id}"
    assert drawn.in_viewport(f"#statement-{shared.id}") and drawn.errors == []


def test_in_a_drawn_report_a_quote_cell_and_a_link_open_the_passage(browser, drawn_report):
    opened = Opened(browser, drawn_report)
    page = opened.page
    cell = page.locator("#quotes .qrow").first.locator("button.qv:not(.v-absent)").first
    panel_id = cell.get_attribute("aria-controls")
    assert page.locator("#" + panel_id).count() == 0           # not drawn before it is asked for
    cell.click()
    page.wait_for_selector(f"#{panel_id}.open")
    assert "verbatim" in page.locator("#" + panel_id).inner_text()
    link = page.locator("#quotes .conflicts a[href^='#qp-']").last
    target = link.get_attribute("href")
    link.click()
    page.wait_for_selector(f"{target}.open", timeout=5000)
    assert "Xi Jinping" in page.locator(target).inner_text() and opened.errors == []
    page.close()


@pytest.fixture(scope="module")
def many_report(tmp_path_factory):
    """Sixty copies of one readout, drawn as it is looked at: more documents rows than the
    markup holds, and more matrix columns than a phone shows."""
    base = "Xi met Blinken in Beijing on Friday. Both sides agreed to keep talking. The talks lasted hours."
    docs = []
    for i in range(60):
        text = base.replace("Friday", f"day {i}") if i % 3 else base.replace(" The talks lasted hours.", "")
        docs.append(Document(id=f"copy{i:02}", path=f"copy{i:02}.txt", text=text,
                             sha256=hashlib.sha256(text.encode()).hexdigest()))
    path = tmp_path_factory.mktemp("many") / "many.html"
    path.write_text(render_html(compare_documents(docs, Options()), lazy=True), encoding="utf-8")
    return path


def test_the_documents_table_draws_its_later_rows_as_it_scrolls(browser, many_report):
    opened = Opened(browser, many_report)
    page = opened.page
    rows = page.locator("table.docs tbody tr:not(.more-docs)")
    assert rows.count() < 60
    page.locator(".docs-wrap").evaluate("w => { w.scrollTop = w.scrollHeight; }")
    page.wait_for_function("document.querySelectorAll('table.docs tbody tr:not(.more-docs)').length === 60")
    assert rows.last.locator("td").nth(1).inner_text().startswith("copy59") and opened.errors == []
    page.close()


def test_a_windowed_matrix_names_the_right_version_after_scrolling(browser, many_report):
    opened = Opened(browser, many_report, width=420)
    page = opened.page
    first = page.locator("#matrix tbody tr[data-row]").first
    assert first.locator("td:not(.gap)").count() < 60                 # only the columns in view
    page.locator(".matrix-wrap").evaluate("w => { w.scrollLeft = w.scrollWidth; }")
    page.wait_for_function("document.querySelector('#matrix tbody tr[data-row] td:last-child:not(.gap)')")
    last = first.locator("td").last
    last.hover()
    assert last.get_attribute("title").startswith("copy59 · S")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert first.locator("td:not(.gap)").count() == 60 and opened.errors == []
    page.close()


def test_in_a_drawn_report_article_text_that_looks_like_code_is_shown_and_never_run(browser, tmp_path):
    docs = []
    for doc_id, text in (("a", f"Xi met Blinken in Beijing on Friday. {PAYLOAD}"),
                         (f"b{PAYLOAD}", f"Xi met Blinken in Beijing on April 26. {PAYLOAD} Xi said "
                                         f"“relations {PAYLOAD} must improve”.")):
        docs.append(Document(id=doc_id, path=f"{doc_id}.txt", text=text, title=PAYLOAD, outlet=PAYLOAD,
                             sha256=hashlib.sha256(text.encode()).hexdigest()))
    path = tmp_path / "hostile-drawn.html"
    path.write_text(render_html(compare_documents(docs, Options()), lazy=True), encoding="utf-8")
    opened = Opened(browser, path)
    page = opened.page
    page.wait_for_selector("body[data-lazy=ready]")
    page.click("#quotes button.qv")
    page.wait_for_selector("#quotes .qp.open")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator("article.card[data-drawn] .version").count() >= 2
    assert page.evaluate("window.__pwned") is None and opened.dialogs == [] and opened.errors == []
    assert page.locator("main img, main svg").count() == 0
    assert PAYLOAD in page.locator("#statements").inner_text() and PAYLOAD in page.locator("#quotes .qp.open").inner_text()
    page.close()


def test_artefacts_and_texts_draw_later_versions_as_the_page_scrolls_and_when_linked(browser, many_report):
    opened = Opened(browser, many_report, hash="#doc-55")
    page = opened.page
    page.wait_for_selector("#doc-55 .fulltext")                   # drawn when linked, then its text
    assert opened.in_viewport("#doc-55")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator(".docblock").count() == 60 and page.locator(".docblock .fulltext").count() == 60
    assert page.locator(".more-blocks").count() == 0 and opened.errors == []
    page.close()
    opened = Opened(browser, many_report)
    page = opened.page
    page.wait_for_selector("body[data-lazy=ready]")
    assert page.locator(".docblock").count() < 60
    page.locator("footer").scroll_into_view_if_needed()
    page.wait_for_function("document.querySelectorAll('.docblock').length === 60")
    assert opened.errors == []
    page.close()

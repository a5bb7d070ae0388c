"""The HTML report: the data it is built from, escaping, self-containment, determinism, a gold
file, and the `variance report` command (formats, default output, refusals, atomic writes).

The gold file `tests/data/gold/small-report.html` is the report of `small_comparison()`, a
comparison built by hand so that only rendering changes move it. After an intended change to the
template, CSS or JS, rewrite it and review the diff:

    VARIANCE_UPDATE_GOLD=1 pytest tests/test_html.py -k gold
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import os
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SEEDS

from variance import __version__
from variance.cli import main
from variance.coverage.omissions import rank_omissions
from variance.model import (
    SEVERITY_RANK,
    Artefact,
    ArtefactKind,
    Change,
    ChangeKind,
    Comparison,
    Document,
    Member,
    Op,
    Options,
    PairDiff,
    Sentence,
    Severity,
    Statement,
)
from variance.pipeline import compare_documents
from variance.quotes import budgeted_quotes
from variance.quotes.check import corpus_quotes
from variance.render.html import (
    FOLD_AFTER,
    QUOTES_OPEN,
    omissions_that_matter,
    quotes_data,
    render_html,
    report_data,
)
from variance.text.quotemarks import quote_spans

GOLD = Path(__file__).parent / "data" / "gold" / "small-report.html"
HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'


class Page(HTMLParser):
    """Tags, attributes and text of a page, as a browser's tokenizer sees them."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def all(self, tag: str) -> list[dict]:
        return [attrs for t, attrs in self.tags if t == tag]


def _doc(doc_id: str, text: str, **fields) -> Document:
    spans, start = [], 0
    for i, part in enumerate(text.split("\n")):
        spans.append(Sentence(i, start, start + len(part), i))
        start += len(part) + 1
    return Document(id=doc_id, path=f"{doc_id}.txt", text=text, sha256=hashlib.sha256(text.encode()).hexdigest(),
                    sentences=tuple(spans), **fields)


def _change(op, ref_doc, ref_span, wit_doc, wit_span, kind) -> Change:
    return Change(op, *ref_span, *wit_span, ref_doc.text[slice(*ref_span)], wit_doc.text[slice(*wit_span)],
                  kind, {ChangeKind.COSMETIC: Severity.LOW, ChangeKind.NUMBER: Severity.HIGH,
                         ChangeKind.WORDING: Severity.MEDIUM}[kind])


def small_comparison() -> Comparison:
    """Three versions, three statements, one artefact, article text that tries to run code, and
    a quote the readout gives to Xi and the outlet, changed, to Blinken."""
    a = _doc("readout", 'Xi met Blinken on April 26.\nXi said "no progress means regression".',
             title="Readout <b>bold</b>", outlet="MFA", date="2024-04-26")
    b = _doc("wire", "Xi met Blinken on Friday.\nIt was warm " + HOSTILE, title=HOSTILE)
    c = _doc("outlet", f"xi met Blinken on April 26.\nSpain spain.\nBlinken said “no progress means regressions, {HOSTILE}”.")
    m = {(d.id, i): Member(d.id, (i,), s.start, s.end, 0.8, ("blinken", "met"))
         for d in (a, b, c) for i, s in enumerate(d.sentences)}
    s1 = Statement(1, (m["readout", 0], m["wire", 0], m["outlet", 0]), 0.8, (
        PairDiff("wire", "readout", 0.25, (_change(Op.REPLACE, a, (18, 26), b, (18, 24), ChangeKind.NUMBER),)),
        PairDiff("outlet", "readout", 0.0, (_change(Op.REPLACE, a, (0, 2), c, (0, 2), ChangeKind.COSMETIC),)),
    ))
    s2 = Statement(2, (m["readout", 1],), 1.0)
    s3 = Statement(3, (m["wire", 1],), 1.0)
    doubled = Artefact("outlet", 28, 39, "Spain spain", ArtefactKind.DOUBLED, "word repeated", ("Spain",))
    docs = {d.id: d for d in (a, b, c)}
    statements = tuple(replace(st, quoted=any(quote_spans(docs[m.document].text[m.start:m.end]) for m in st.members))
                       for st in (s1, s2, s3))
    comparison = Comparison(Options(), (a, b, c), statements, "readout", artefacts=(doubled,))
    return replace(comparison, quotes=budgeted_quotes(comparison), omissions=rank_omissions(comparison))


# --- the data the page is built from -------------------------------------------------------------

def test_every_members_pieces_rebuild_its_exact_wording(seeds_comparison):
    data = report_data(seeds_comparison)
    for st in data["shared"]:
        for m in st["members"]:
            assert "".join(p.get("text", p.get("ins", "")) for p in m["pieces"]) == m["text"]


def test_a_part_of_a_sentence_comes_inside_the_rest_of_it_and_a_repeat_says_where(seeds_comparison):
    """A member that is a clause shows its sentence around it (dimmed); a version that says a
    statement twice shows the second place in the same card."""
    c = seeds_comparison
    for s in report_data(c)["shared"]:
        for m in s["members"] + s["repeats"]:
            doc = c.document(m["document"])
            if m["partial"]:
                whole = " ".join(x for x in (m["before"], m["text"], m["after"]) if x)
                assert whole in doc.text and m["text"] in whole
    page = render_html(c)
    assert 'class="ctx"' in page and "part of a sentence" in page
    repeats = [r for s in report_data(c)["shared"] for r in s["repeats"]]
    assert repeats and all(f"said again, {r['where']}" in page for r in repeats)


def test_deleted_words_are_the_references_own_slices(seeds_comparison):
    ref = seeds_comparison.document(seeds_comparison.reference).text
    for st in report_data(seeds_comparison)["shared"]:
        if st["anchor_is_reference"]:
            for m in st["members"]:
                assert all(p["del"] in ref for p in m["pieces"] if p.get("del"))


def test_matrix_cells_say_who_carries_each_statement_and_how_changed(seeds_comparison):
    data = report_data(seeds_comparison)
    ids = [d["id"] for d in data["documents"]]
    by_id = {s.id: s for s in seeds_comparison.statements}
    for row in data["matrix"]:
        st = by_id[row["id"]]
        assert row["cells"].count("r") == 1
        for doc_id, cell in zip(ids, row["cells"]):
            diff = st.diff(doc_id)
            if st.member(doc_id) is None:
                assert cell == "a"
            elif diff is not None:
                worst = max((SEVERITY_RANK[c.severity] for c in diff.changes
                             if c.kind is not ChangeKind.COSMETIC), default=0)
                assert cell == str(worst)


def test_documents_table_counts_the_share_of_the_reference_carried(seeds_comparison):
    rows = {r["id"]: r for r in report_data(seeds_comparison)["documents"]}
    ref = seeds_comparison.reference
    ref_statements = [s for s in seeds_comparison.statements if s.member(ref)]
    assert rows[ref]["is_reference"] and rows[ref]["carried"] == len(ref_statements)
    for doc in seeds_comparison.documents:
        carried = sum(1 for s in ref_statements if s.member(doc.id))
        assert rows[doc.id]["carried"] == carried
        assert rows[doc.id]["carried_share"] == round(carried / len(ref_statements), 4)
        assert rows[doc.id]["sha256"] == doc.sha256 and rows[doc.id]["sentences"] == len(doc.body_sentences)


def test_omissions_that_matter_list_what_versions_dropped_most_telling_first(seeds_comparison):
    omissions = omissions_that_matter(seeds_comparison)
    ref = seeds_comparison.reference
    assert omissions, "the readout carries statements other versions drop"
    for o in omissions:
        st = next(s for s in seeds_comparison.statements if s.id == o["id"])
        assert o["text"] == seeds_comparison.document(ref).text[st.member(ref).start:st.member(ref).end]
        assert o["dropped_by"] and all(st.member(d) is None for d in o["dropped_by"])
    assert [o["score"] for o in omissions] == sorted((o["score"] for o in omissions), reverse=True)
    assert "no progress means regression" in omissions[0]["text"] and "direct quote" in omissions[0]["reasons"]


def test_artefacts_are_listed_per_document_with_their_statement_and_text():
    groups = {g["document"]: g for g in report_data(small_comparison())["artefacts"]}
    found = groups["outlet"]["found"]
    assert [(a["kind"], a["text"], a["mark"]) for a in found] == [("doubled", "Spain spain", 1)]
    pieces = groups["outlet"]["text"]
    assert "".join(p["text"] for p in pieces) == small_comparison().document("outlet").text
    assert [p for p in pieces if "n" in p] == [{"text": "Spain spain", "n": 1, "kind": "doubled"}]
    assert groups["readout"]["found"] == []


def test_an_artefact_links_to_its_statement_and_overlaps_share_one_mark():
    comparison = small_comparison()
    case = Artefact("readout", 0, 14, "Xi met Blinken", ArtefactKind.CASE, "case", ())
    glued = Artefact("readout", 3, 6, "met", ArtefactKind.GLUED, "glued", ())
    group = report_data(replace(comparison, artefacts=(glued, case)))["artefacts"][0]
    assert [(a["text"], a["statement"], a["mark"]) for a in group["found"]] == \
        [("Xi met Blinken", 1, 1), ("met", 1, 1)]
    assert [p.get("n") for p in group["text"]] == [1, None]
    lazy = _lazy(render_html(replace(comparison, artefacts=(glued, case))))
    assert [a["mark"] for a in lazy["documents"][0]["found"]] == [1, 1]
    assert [p.get("n") for p in lazy["documents"][0]["text"]] == [1, None]


def _islands(page: str) -> dict:
    """The page's compressed islands, each unpacked, by name."""
    island = page.split('<script type="application/json" id="report-data">')[1].split("</script>")[0]
    return {name: json.loads(gzip.decompress(base64.b64decode(packed)))
            for name, packed in json.loads(island)["islands"].items()}


def _lazy(page: str) -> dict:
    """What the page draws on demand: folded versions, and every document's artefact list and
    full text (`documents`, from the islands of groups of documents, in order)."""
    found = _islands(page)
    chunks = sorted((int(n.split("-")[1]), v) for n, v in found.items() if n.startswith("docs-"))
    return {**found, "documents": [d for _, chunk in chunks for d in chunk]}


def test_versions_beyond_the_fold_and_the_texts_travel_compressed_and_whole():
    comparison = small_comparison()
    many = tuple(_doc(f"copy{i:02}", "Xi met Blinken on April 26.") for i in range(20))
    members = tuple(Member(d.id, (0,), 0, 27, 0.9, ("blinken",)) for d in many)
    big = replace(comparison, documents=comparison.documents + many,
                  statements=(replace(comparison.statements[0],
                                      members=comparison.statements[0].members + members),)
                  + comparison.statements[1:])
    page = render_html(big)
    lazy = _lazy(page)
    shown = len(re.findall(r'class="version[ "]', page))
    assert shown == FOLD_AFTER + 1 and len(lazy["folded"]["1"]) == 23 - shown
    assert "".join(p["text"] for p in lazy["documents"][3]["text"]) == many[0].text
    assert 'data-fold="1"' in page and "10 more versions" in page


def test_statements_one_version_carries_are_grouped_by_that_version():
    data = report_data(small_comparison())
    assert [(g["document"], [s["id"] for s in g["statements"]]) for g in data["single"]] == \
        [("readout", [2]), ("wire", [3])]
    assert [s["id"] for s in data["shared"]] == [1]


def test_a_comparison_without_statements_or_reference_still_renders():
    empty = Comparison(Options(), (_doc("only", "One line."),), (), None)
    page = render_html(empty)
    assert "1 version compared, 0 statements" in page


# --- the quotes section --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seeds_quotes(seeds_comparison):
    return corpus_quotes(seeds_comparison), report_data(seeds_comparison)["quotes"]


def test_every_quote_of_the_corpus_is_listed_with_the_same_verdicts(seeds_comparison, seeds_quotes):
    groups, quotes = seeds_quotes
    checks = [c for g in groups for c in g.checks]
    assert quotes["count"] == len(checks) > 20
    assert [g["statement"] for g in quotes["groups"]] == [g.statement for g in groups]
    rows = [q for g in quotes["groups"] for q in g["quotes"]]
    assert [q["n"] for q in rows] == list(range(1, len(checks) + 1))
    assert [q["text"] for q in rows] == [c.text for c in checks]
    ids = [d.id for d in seeds_comparison.documents]
    for q, check in zip(rows, checks):
        assert [(c["document"], c["column"], c["verdict"]) for c in q["cells"]] == \
            [(r.document, ids.index(r.document) + 1, r.verdict.value) for r in check.results]
    counts = {v["verdict"]: v["count"] for v in quotes["verdicts"]}
    for verdict, n in counts.items():
        assert n == sum(r.verdict.value == verdict for c in checks for r in c.results)
    assert sum(counts.values()) == len(checks) * len(ids)


def test_the_seeds_conflict_blinken_against_xi_is_listed_with_its_versions(seeds_comparison, seeds_quotes):
    _, quotes = seeds_quotes
    [conflict] = quotes["conflicts"]
    assert conflict["text"] == "the United States and China work together"
    readout, wire = "001_fd0f5f049c184f2c", "002_5a4b68be5e1a8af6"
    assert [(s["speaker"], [d["id"] for d in s["documents"]]) for s in conflict["speakers"]] == \
        [("Anthony Blinken", [readout]), ("Xi Jinping", [wire])]
    row = next(q for g in quotes["groups"] for q in g["quotes"] if q["n"] == conflict["quote"])
    assert row["conflict"] and row["text"] == conflict["text"]
    wire_cell = next(c for c in row["cells"] if c["document"] == wire)
    assert "Xi Jinping" in [a["speaker"]["speaker"] for a in wire_cell["also"]]
    page = render_html(seeds_comparison)
    block = page.split('<div class="conflicts"')[1].split("</div>")[0]
    assert f'href="#quote-{conflict["quote"]}"' in block and "Anthony Blinken" in block and "Xi Jinping" in block
    assert f'id="quote-{conflict["quote"]}"' in page and f'id="qp-{conflict["quote"]}-3"' in page


def test_quote_passages_rebuild_each_versions_exact_wording(seeds_comparison, seeds_quotes):
    groups, quotes = seeds_quotes
    matches = [r for g in groups for c in g.checks for r in c.results]
    cells = [c for g in quotes["groups"] for q in g["quotes"] for c in q["cells"]]
    assert any(c["verdict"] == "changed" and any("kind" in p for p in c["pieces"]) for c in cells)
    for m, cell in zip(matches, cells, strict=True):
        if m.verdict.value == "absent":
            assert cell["pieces"] is None and cell["speaker"] is None
            continue
        text = seeds_comparison.document(m.document).text
        assert "".join(p.get("text", p.get("ins", "")) for p in cell["pieces"]) == text[m.start:m.end]
        assert cell["speaker"] == (m.attribution and {"speaker": m.attribution.speaker, "kind": m.attribution.kind,
                                                      "cue": m.attribution.cue, "via": m.attribution.via,
                                                      "how": m.attribution.how})


def test_the_quotes_beyond_the_first_statements_fold(seeds_comparison, seeds_quotes):
    _, quotes = seeds_quotes
    folded = sum(len(g["quotes"]) for g in quotes["groups"] if g["first"] > QUOTES_OPEN)
    page = render_html(seeds_comparison)
    section = page.split('<section id="quotes">')[1].split("</section>")[0]
    assert folded and f"<summary>{folded} more quotes</summary>" in section
    shown = section.split('<details class="more-quotes">')[0]
    assert shown.count('class="qrow') == quotes["count"] - folded >= QUOTES_OPEN
    assert '<a href="#quotes">Quotes</a>' in page


def test_a_quote_given_to_two_people_with_markup_in_it_is_shown_as_text():
    page = render_html(small_comparison())
    parsed = Page(page)
    assert parsed.all("img") == [] and len(parsed.all("script")) == 2
    text = "".join(parsed.text)
    assert "1 attribution conflict: the same words are given to different people" in text
    assert f"no progress means regressions, {HOSTILE}" in text
    section = page.split('<section id="quotes">')[1].split("</section>")[0]
    assert section.count('class="qrow') == 2 and "in no statement" in section
    assert '<span class="ch k-' in section        # the outlet's changed passage shows its word diff


def test_beyond_the_budget_only_the_references_quotes_are_checked_and_the_page_says_so(monkeypatch):
    import variance.quotes.corpus as quotecheck
    import variance.render.html as html
    from variance.model.quotes import LeftOut

    comparison = small_comparison()            # the readout's 28-character quote, the outlet's longer one
    size = sum(len(d.text) for d in comparison.documents)
    assert html.quotes_checked(comparison)[1] is None
    monkeypatch.setattr(quotecheck, "QUOTE_BUDGET", 28 * size)
    comparison = small_comparison()
    groups, left_out = html.quotes_checked(comparison)
    assert left_out == LeftOut(quotes=2, versions=3, only="readout")
    assert [(g.statement, [c.text for c in g.checks]) for g in groups] == [(2, ["no progress means regression"])]
    text = "".join(Page(render_html(comparison)).text)
    assert "Only the 1 quote of the reference, readout, was checked: the 3 versions print 2 different quotes" in text
    monkeypatch.setattr(quotecheck, "QUOTE_BUDGET", 27 * size)
    comparison = small_comparison()
    assert html.quotes_checked(comparison) == ([], LeftOut(quotes=2, versions=3, only=None))
    text = "".join(Page(render_html(comparison)).text)
    assert "Quotes were not checked: the 3 versions print 2 different quotes" in text
    assert 'class="qrow' not in render_html(comparison)


def test_a_corpus_without_quotes_says_so():
    comparison = compare_documents([_doc("a", "Xi met Blinken in Beijing."), _doc("b", "Xi met Blinken.")], Options())
    quotes = quotes_data(comparison)
    assert (quotes["count"], quotes["groups"], quotes["conflicts"]) == (0, [], [])
    assert [v["count"] for v in quotes["verdicts"]] == [0] * 5
    assert "No version prints a direct quote." in render_html(comparison)


# --- the page ------------------------------------------------------------------------------------

def test_article_text_file_names_and_metadata_are_escaped():
    comparison = small_comparison()
    hostile_id = _doc('x"><script>window.__pwned=3</script>', "Plain text.")
    comparison = replace(comparison, documents=comparison.documents + (hostile_id,))
    page = render_html(comparison)
    parsed = Page(page)
    assert len(parsed.all("script")) == 2      # the data island and the report's own code
    assert parsed.all("img") == []
    assert not [(t, a) for t, a in parsed.tags if any(name.startswith("on") for name in a)]
    text = "".join(parsed.text)
    assert HOSTILE in text and "Readout <b>bold</b>" in text
    island = page.split('<script type="application/json" id="report-data">')[1].split("</script>")[0]
    assert hostile_id.id in json.loads(island)["documents"]


def test_the_page_loads_nothing_from_anywhere():
    page = render_html(small_comparison())
    parsed = Page(page)
    assert not [a for t, a in parsed.tags if "src" in a or t == "link"]
    assert all(a["href"].startswith("#") for t, a in parsed.tags if "href" in a)
    assert not re.search(r"url\(|@import|https?://", page.split("<style>")[1].split("</style>")[0])


def test_same_input_same_bytes(seeds_comparison):
    assert render_html(seeds_comparison) == render_html(seeds_comparison)


def test_gold_small_report():
    page = render_html(small_comparison()).replace(f"variance {__version__}", "variance VERSION")
    if os.environ.get("VARIANCE_UPDATE_GOLD"):
        GOLD.parent.mkdir(parents=True, exist_ok=True)
        GOLD.write_text(page, encoding="utf-8")
    assert page == GOLD.read_text(encoding="utf-8"), \
        "the report changed; if intended: VARIANCE_UPDATE_GOLD=1 pytest tests/test_html.py -k gold"



def test_the_compiled_template_is_kept_and_a_cache_that_fails_changes_nothing(monkeypatch, tmp_path):
    """The template compiled once is loaded back on the next run (same page); an edited template
    is compiled again; a cache folder that cannot be made, or a damaged cache file, costs only the
    compilation."""
    comparison = small_comparison()
    monkeypatch.setenv("VARIANCE_CACHE_DIR", str(tmp_path / "cache"))
    first = render_html(comparison)
    kept = list((tmp_path / "cache" / "templates").rglob("*.cache"))
    assert len(kept) == 1
    assert render_html(comparison) == first
    kept[0].write_bytes(kept[0].read_bytes()[:40])
    assert render_html(comparison) == first
    (tmp_path / "file").write_text("not a folder")
    monkeypatch.setenv("VARIANCE_CACHE_DIR", str(tmp_path / "file"))
    assert render_html(comparison) == first


# --- the command ---------------------------------------------------------------------------------

@pytest.fixture
def runner():
    return CliRunner()


def test_report_writes_one_html_file_and_says_where(runner, tmp_path):
    out = tmp_path / "r.html"
    result = runner.invoke(main, ["report", str(SEEDS), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and result.stderr == f"variance: wrote {out}\n"
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")
    assert os.listdir(tmp_path) == ["r.html"]


def test_two_runs_write_byte_identical_reports(runner, tmp_path):
    for name in ("a.html", "b.html"):
        assert runner.invoke(main, ["report", str(SEEDS), "-o", str(tmp_path / name)]).exit_code == 0
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()


def test_without_o_the_report_goes_to_variance_report_html_here(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["report", str(SEEDS)])
    assert result.exit_code == 0
    assert result.stderr == "variance: wrote variance-report.html\n"
    assert (tmp_path / "variance-report.html").read_text(encoding="utf-8").startswith("<!doctype html>")


def test_dash_o_dash_writes_the_page_to_stdout(runner):
    result = runner.invoke(main, ["report", str(SEEDS), "-o", "-"])
    assert result.exit_code == 0 and result.stdout.startswith("<!doctype html>") and result.stderr == ""


def test_json_and_format_json_give_json_format_1_with_artefacts(runner, tmp_path):
    flag = runner.invoke(main, ["report", str(SEEDS), "--json"])
    option = runner.invoke(main, ["report", str(SEEDS), "--format", "json"])
    assert flag.exit_code == option.exit_code == 0 and flag.stdout == option.stdout
    data = json.loads(flag.stdout)
    assert data["format"] == 2 and set(data) >= {"documents", "reference", "statements", "artefacts"}
    out = tmp_path / "r.json"
    assert runner.invoke(main, ["report", str(SEEDS), "-o", str(out)]).exit_code == 0
    assert out.read_text(encoding="utf-8") == flag.stdout


def test_format_text_prints_the_terminal_view(runner, tmp_path):
    result = runner.invoke(main, ["report", str(SEEDS), "--format", "text"])
    assert result.exit_code == 0
    assert "absent from:" in result.stdout and "<html" not in result.stdout
    out = tmp_path / "r.txt"
    assert runner.invoke(main, ["report", str(SEEDS), "-o", str(out)]).exit_code == 0
    assert "absent from:" in out.read_text(encoding="utf-8")


def test_json_and_another_format_disagree(runner):
    result = runner.invoke(main, ["report", str(SEEDS), "--json", "--format", "html"])
    assert result.exit_code == 2 and "--json and --format html disagree" in result.stderr


@pytest.mark.parametrize("via_folder", [False, True])
def test_report_over_an_input_file_is_refused_before_writing(runner, tmp_path, via_folder):
    story = tmp_path / "story.html"
    story.write_text("<html><body><p>Xi met Blinken in Beijing on Friday.</p></body></html>", encoding="utf-8")
    (tmp_path / "other.txt").write_text("Xi met Blinken in Beijing.", encoding="utf-8")
    before = story.read_bytes()
    inputs = [str(tmp_path)] if via_folder else [str(story), str(tmp_path / "other.txt")]
    result = runner.invoke(main, ["report", *inputs, "-o", str(tmp_path / "." / "story.html")])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "is one of the input files" in result.stderr
    assert story.read_bytes() == before and sorted(os.listdir(tmp_path)) == ["other.txt", "story.html"]


def test_output_in_a_missing_folder_is_one_line_exit_2(runner, tmp_path):
    result = runner.invoke(main, ["report", str(SEEDS), "-o", str(tmp_path / "nope" / "r.html")])
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and "nope does not exist" in result.stderr
    (tmp_path / "file").write_text("x", encoding="utf-8")
    result = runner.invoke(main, ["report", str(SEEDS), "-o", str(tmp_path / "file" / "r.html")])
    assert result.exit_code == 2 and "file is a file, not a folder" in result.stderr
    result = runner.invoke(main, ["report", str(SEEDS), "-o", str(tmp_path)])
    assert result.exit_code == 2 and "is a folder; give a file name" in result.stderr


def test_unwritable_folder_is_one_line_exit_2(runner, tmp_path, monkeypatch):
    import tempfile

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    result = runner.invoke(main, ["report", str(SEEDS), "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 2
    assert result.stderr == f"variance: error: {tmp_path / 'r.html'}: cannot write in {tmp_path}: Permission denied\n"
    assert os.listdir(tmp_path) == []


def test_rewriting_a_report_keeps_its_permissions_and_leaves_no_temporary_file(runner, tmp_path):
    out = tmp_path / "r.html"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o640)
    assert runner.invoke(main, ["report", str(SEEDS), "-o", str(out)]).exit_code == 0
    assert out.stat().st_mode & 0o777 == 0o640 and os.listdir(tmp_path) == ["r.html"]
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")


def test_a_report_written_into_an_input_folder_is_flagged(runner, tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("Xi met Blinken in Beijing on Friday.", encoding="utf-8")
    result = runner.invoke(main, ["report", str(tmp_path), "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 0
    assert "is inside the input folder" in result.stderr and "will read it as a document" in result.stderr


@pytest.mark.parametrize("body", [
    {"b": "«quoted» “text” \u2028 \x00\x1f \\ \" é 中文 \U0001F600", "a": [1, True, None, -0.0, 0.25, 0.8123]},
    {"small": [1e-05, 9.99e-05, 1e-07, 3.2e-10, 0.0001], "large": [1e16, 1.2345678901234568e17, 1e300]},
    {"text": "0.00001 and 5e-3 as words", "n": 2 ** 70, "keys": {3: "keys that are no strings", 1: "b"}},
    [{"z": 1, "a": {"y": [0.1 + 0.2, 123456.789]}}],
])
def test_islands_hold_the_json_the_standard_library_writes(body):
    """The page's islands are written by orjson where it writes what `json` writes (keys
    sorted, compact, UTF-8), else by `json`: the same bytes either way."""
    from variance.render.html_island import _json

    assert _json(body) == json.dumps(body, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()

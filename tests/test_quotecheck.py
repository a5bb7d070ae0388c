"""Quote checks on the seeds: verdicts, speakers and quotation marks from tests/data/quote_cases.tsv,
attribution conflicts, every quote of a document and of the corpus, omissions that matter, and
the `quote` and `quotes` commands with their exit codes."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SEEDS
from hypothesis import given, settings
from hypothesis import strategies as st

from variance.cli import main
from variance.model import Document, Options
from variance.model.quotes import Verdict
from variance.pipeline import compare_documents
from variance.quotes.attribution import same_speaker
from variance.quotes.check import check_quote, corpus_quotes, document_quotes
from variance.render.json_out import check_json

CASES = Path(__file__).parent / "data" / "quote_cases.tsv"
BILATERAL = "China is willing to cooperate, but cooperation must be bilateral"
MULTIPLICITY = ("The multiplicity and complexity of challenges facing the world require the United "
                "States and China to work together")
ROWS = [r for r in csv.reader(CASES.open(encoding="utf-8"), delimiter="\t") if r and not r[0].startswith("#")]


def doc_id(comparison, prefix: str) -> str:
    return next(d.id for d in comparison.documents if d.id.startswith(prefix))


@pytest.fixture(scope="module")
def checks(seeds_comparison):
    """One check per distinct quote of the case table."""
    return {q: check_quote(seeds_comparison, q) for q in dict.fromkeys(r[0] for r in ROWS)}


@pytest.mark.parametrize("quote, prefix, verdict, speaker, quoted", ROWS,
                         ids=[f"{r[1]}-{r[2]}-{r[0][:30]}" for r in ROWS])
def test_quote_cases(seeds_comparison, checks, quote, prefix, verdict, speaker, quoted):
    result = checks[quote].result(doc_id(seeds_comparison, prefix))
    assert result.verdict.value == verdict
    got = result.attribution.speaker if result.attribution else "-"
    assert got == speaker or (speaker != "-" and got != "-" and same_speaker(got, speaker))
    assert result.quoted == (quoted == "yes")


def test_a_changed_quote_shows_what_changed(seeds_comparison, checks):
    result = checks[BILATERAL].result(doc_id(seeds_comparison, "002"))
    passage = seeds_comparison.document(result.document).text[result.start:result.end]
    assert passage == "China is willing to cooperate, but cooperation should be a two-way street"
    changes = [(c.reference, c.witness, c.kind.value) for c in result.changes]
    assert ("must", "should", "negation") in changes
    assert ("bilateral", "a two-way street", "wording") in changes


def test_words_given_to_blinken_in_one_version_and_to_xi_in_another_are_a_conflict(seeds_comparison):
    check = check_quote(seeds_comparison, MULTIPLICITY)
    assert len(check.conflicts) == 1
    speakers = dict(check.conflicts[0].speakers)
    assert speakers["Anthony Blinken"] == (doc_id(seeds_comparison, "001"),)
    assert speakers["Xi Jinping"] == (doc_id(seeds_comparison, "002"),)
    also = [m for m in check.also if m.document.startswith("002")]
    assert also and also[0].attribution.cue == "President Xi asserted"


def test_a_person_and_a_ministry_statement_are_not_a_conflict(checks):
    assert checks[BILATERAL].conflicts == ()


def test_fail_on_counts_a_verdict_and_every_worse_one(checks):
    check = checks[BILATERAL]  # 001 verbatim, 002 changed, three absent
    assert check.fails(Verdict.CHANGED) and check.fails(Verdict.PARAPHRASED)
    assert check.fails(Verdict.ABSENT)


def two_copies(text_a: str, text_b: str):
    docs = [Document(i, "-", t, hashlib.sha256(t.encode()).hexdigest())
            for i, t in (("a", text_a), ("b", text_b))]
    return compare_documents(docs, Options())


def test_identical_versions_fail_nothing():
    text = "The minister said the plan “will cut emissions by 40 percent by 2030”, officials added."
    comparison = two_copies(text, text.replace("“", '"').replace("”", '"'))
    check = check_quote(comparison, "will cut emissions by 40 percent by 2030")
    assert [r.verdict for r in check.results] == [Verdict.VERBATIM, Verdict.VERBATIM]
    assert not check.fails(Verdict.CHANGED)
    changed = check_quote(two_copies(text, text.replace("40", "14")), "will cut emissions by 40 percent by 2030")
    assert changed.result("b").verdict is Verdict.CHANGED
    assert [c.kind.value for c in changed.result("b").changes] == ["number"]


def test_every_quote_of_one_document_is_checked_in_all(seeds_comparison):
    source = doc_id(seeds_comparison, "004")
    quotes = document_quotes(seeds_comparison, source)
    assert len(quotes) == 9 and all(q.source == source for q in quotes)
    assert all(q.result(source).verdict is Verdict.VERBATIM for q in quotes)
    first = quotes[0]
    assert first.text.startswith("As major countries, we should set a good example")
    assert first.result(doc_id(seeds_comparison, "001")).verdict is Verdict.PARAPHRASED


def test_the_corpus_quotes_are_grouped_by_statement(seeds_comparison):
    groups = corpus_quotes(seeds_comparison)
    texts = [c.text for g in groups for c in g.checks]
    assert len(texts) == len(set(texts)) == 29  # "No progress means regression" is checked once
    lessons = next(g for g in groups if any(c.text.startswith("Over the past 45 years") for c in g.checks))
    assert any(c.text.startswith("Help each other succeed") for c in lessons.checks)
    assert any(c.text.startswith("China and the U.S. should help") for c in lessons.checks)
    assert groups[-1].statement is None
    assert [c.text for c in groups[-1].checks] == ["The world needs stable China-US relations"]
    assert sum(len(c.conflicts) for g in groups for c in g.checks) == 1


def test_json_gives_the_exact_slice_and_nothing_for_an_absent_version(seeds_comparison, checks):
    data = check_json(checks[BILATERAL], seeds_comparison)
    assert data["quote"] == BILATERAL
    for r in data["results"]:
        assert set(r) >= {"document", "verdict", "text", "start", "end", "similarity", "quoted",
                          "attribution", "changes"}
        if r["verdict"] == "absent":
            assert r["text"] is r["start"] is r["end"] is None
        else:
            assert seeds_comparison.document(r["document"]).text[r["start"]:r["end"]] == r["text"]


# --- the command line ------------------------------------------------------------------------

@pytest.fixture
def runner():
    return CliRunner()


def test_quote_prints_each_version_with_its_verdict_speaker_and_diff(runner):
    result = runner.invoke(main, ["quote", BILATERAL, str(SEEDS)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "1 verbatim, 1 changed, 3 absent" in out
    assert "[-must-]{+should+}⟨negation⟩" in out
    assert "China’s Foreign Ministry" in out and "Xi Jinping" in out
    assert max(len(line) for line in out.splitlines()) <= 80
    assert result.stderr == ""


def test_quote_reports_the_attribution_conflict(runner):
    result = runner.invoke(main, ["quote", MULTIPLICITY, str(SEEDS)])
    assert "conflict: the same words are attributed to different people" in result.stdout
    assert "also 002_5a4b68be5e1a8af6" in result.stdout


def test_quote_json_is_format_1(runner):
    result = runner.invoke(main, ["quote", BILATERAL, str(SEEDS), "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["format"] == 2 and data["quote"] == BILATERAL
    assert [r["verdict"] for r in data["results"]] == ["absent", "verbatim", "changed", "absent", "absent"]


@pytest.mark.parametrize("fail_on, code", [("changed", 1), ("paraphrased", 1), ("absent", 1)])
def test_fail_on_exits_1_when_a_version_is_that_bad(runner, fail_on, code):
    result = runner.invoke(main, ["quote", BILATERAL, str(SEEDS), "--fail-on", fail_on])
    assert result.exit_code == code
    assert "verbatim" in result.stdout


def test_fail_on_exits_0_when_every_version_keeps_the_quote(runner):
    files = [str(SEEDS / "001_fd0f5f049c184f2c.txt"), str(SEEDS / "002_5a4b68be5e1a8af6.txt")]
    result = runner.invoke(main, ["quote", "China is willing to cooperate", *files, "--fail-on", "changed"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["quote", BILATERAL, *files, "--fail-on", "paraphrased"])
    assert result.exit_code == 0  # 002 changed it: not as bad as paraphrased
    result = runner.invoke(main, ["quote", BILATERAL, *files, "--fail-on", "changed"])
    assert result.exit_code == 1


def test_quote_from_a_document_lists_its_quotes_in_a_table(runner):
    result = runner.invoke(main, ["quote", "--from", "004_7c4914b47a5c438c", str(SEEDS)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("9 direct quotes in 004_7c4914b47a5c438c")
    assert "“first red line”" in result.stdout and "paraphr." in result.stdout
    data = json.loads(runner.invoke(main, ["quote", "--from", "004_7c4914b47a5c438c", str(SEEDS),
                                           "--json"]).stdout)
    assert data["document"] == "004_7c4914b47a5c438c" and len(data["quotes"]) == 9


def test_quotes_lists_every_direct_quote_grouped_by_statement(runner):
    result = runner.invoke(main, ["quotes", str(SEEDS)])
    assert result.exit_code == 0, result.output
    assert "“two-way”" in result.stdout and "In no statement" in result.stdout
    assert "attributed to different" in result.stdout
    data = json.loads(runner.invoke(main, ["quotes", str(SEEDS), "--json"]).stdout)
    assert sum(len(g["quotes"]) for g in data["groups"]) == 29


@pytest.mark.parametrize("args, message", [
    (["quote", BILATERAL], "give the quote, then the files"),
    (["quote", "“ … ”", str(SEEDS)], "has no words"),
    (["quote", "--from", "nope", str(SEEDS)], "no document 'nope'"),
    (["quote", BILATERAL, "missing-folder"], "missing-folder"),
    (["quotes", "missing-folder"], "missing-folder"),
])
def test_usage_and_input_errors_exit_2_with_one_line(runner, args, message):
    result = runner.invoke(main, args)
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_quote_usage_names_the_text_and_paths(runner):
    result = runner.invoke(main, ["quote", "--help"])
    assert "Usage: main quote [OPTIONS] [TEXT] PATH..." in result.stdout or \
        "quote [OPTIONS] [TEXT] PATH..." in result.stdout
    assert "--fail-on" in result.stdout and "--from" in result.stdout


def test_the_quote_modules_load_no_ui_library():
    import subprocess
    import sys

    code = ("import variance.quotes.check, variance.quotes.attribution, variance.quotes.passages, sys\n"
            "print(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in ('rich', 'textual', 'jinja2'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == ""


piece = st.sampled_from(["China", "said", "he", "the minister", "Xi", "“", "”", '"', "‘", "’", ". ",
                         ", ", "\n", " ", "will", "not", "40", "according to", "Blinken noted",
                         "the statement added", "é", "—", "U.S."])


@settings(max_examples=40, deadline=None)
@given(st.lists(piece, min_size=1, max_size=30), st.lists(piece, min_size=1, max_size=30),
       st.lists(piece, min_size=1, max_size=8))
def test_any_text_gives_consistent_checks(a, b, q):
    comparison = two_copies(" ".join(a), " ".join(b))
    text = " ".join(q)
    if not any(ch.isalnum() for ch in text):
        return
    check = check_quote(comparison, text)
    for r in check.results + check.also:
        doc = comparison.document(r.document)
        assert 0 <= r.start <= r.end <= len(doc.text)
        assert 0.0 <= r.similarity <= 1.0 and 0.0 <= r.overlap <= 1.0
        if r.attribution:
            assert doc.text[r.attribution.start:r.attribution.end] == r.attribution.cue
    for g in corpus_quotes(comparison):
        assert all(c.source in ("a", "b") for c in g.checks)


def test_the_pipeline_checks_the_corpus_quotes_once_for_every_view(seeds_comparison):
    from variance.quotes.check import corpus_quotes

    found = seeds_comparison.quotes
    assert found is not None and found.left_out is None
    assert [[c.text for c in g.checks] for g in found.groups] == \
        [[c.text for c in g.checks] for g in corpus_quotes(seeds_comparison)]


def story_comparison(texts: list[str]):
    docs = [Document(f"v{i}", f"v{i}.txt", t, hashlib.sha256(t.encode()).hexdigest()) for i, t in enumerate(texts)]
    return compare_documents(docs, Options())


def check_from(comparison, doc: str):
    """The check of the first direct quote `doc` prints, from `doc`."""
    return document_quotes(comparison, doc)[0]


def test_a_quote_checked_against_its_own_document_is_verbatim(seeds_comparison):
    # 000 prints the quote with "said Xi" glued inside its closing mark
    for group in corpus_quotes(seeds_comparison):
        for check in group.checks:
            own = check.result(check.source)
            assert (own.verdict, own.similarity, own.changes) == (Verdict.VERBATIM, 1.0, ()), check.text


def test_an_absent_version_never_scores_above_one_that_carries_the_quote(seeds_comparison):
    for group in corpus_quotes(seeds_comparison):
        for check in group.checks:
            found = [r.similarity for r in check.results if r.verdict is not Verdict.ABSENT]
            absent = [r.similarity for r in check.results if r.verdict is Verdict.ABSENT]
            assert not found or not absent or max(absent) <= min(found), check.text


def test_the_passage_stops_at_the_sentence_end():
    comparison = story_comparison([
        "The port will reopen. “We will reopen the docks on Monday,” said port director Elena Marsh.",
        "The port will reopen. “We will reopen the docks,” Marsh said. On Monday the union met."])
    result = check_quote(comparison, "We will reopen the docks on Monday").result("v1")
    assert comparison.document("v1").text[result.start:result.end] == "We will reopen the docks"


INTRO = "Floods closed the lower town on Tuesday. Schools will stay shut for a week. "


def test_a_paraphrase_the_alignment_links_to_the_quote_is_found():
    comparison = story_comparison([
        INTRO + "“Rising water will swallow the lower town within a decade,” said flood warden Priya Nair. "
                "The council will meet on Friday.",
        INTRO + "Flood warden Priya Nair said the rising water could swallow the old districts in ten years. "
                "The council will meet on Friday.",
        INTRO + "The council will meet on Friday."])
    check = check_from(comparison, "v0")
    linked, dropped = check.result("v1"), check.result("v2")
    assert linked.verdict is Verdict.PARAPHRASED and linked.overlap < 0.45   # below what search needs
    assert comparison.document("v1").text[linked.start:linked.end].startswith("Flood warden Priya Nair said")
    assert dropped.verdict is Verdict.ABSENT


def test_a_translated_title_is_found_in_the_quotation_marks_of_the_aligned_sentence():
    body = "The studio announced the sequel on Monday. Tickets go on sale next week. Its new film, {}, opens " \
           "on December 24 in 3,000 cinemas. The director did not comment."
    comparison = story_comparison([body.format("“Running Out of Time 2”"), body.format("“Bomb Disposal Expert 2”"),
                                   "The studio announced the sequel on Monday. The director did not comment."])
    check = check_from(comparison, "v0")
    found = check.result("v1")
    assert found.verdict is Verdict.PARAPHRASED
    assert comparison.document("v1").text[found.start:found.end] == "Bomb Disposal Expert 2"
    assert check.result("v2").verdict is Verdict.ABSENT
    other = story_comparison(["The harbour froze in January. Ferries stopped for a week.",
                              "Ferries stopped for a week after the harbour froze."])
    assert {r.verdict for r in check_quote(other, "Running Out of Time 2").results} == {Verdict.ABSENT}


def test_the_meaning_of_the_corpus_quotes_is_asked_in_one_call_and_only_where_words_find_nothing(
        seeds_comparison, monkeypatch, no_network):
    """Every quote the words leave absent somewhere, and the sentences of the versions where they
    do, go to the sentence encoder together; quotes every version carries verbatim ask nothing."""
    import variance.align.embed as embed

    real = embed.default_encoder()
    asked: list[list[str]] = []

    class Counting:
        def encode(self, texts):
            asked.append(list(texts))
            return real.encode(texts)

        def __getattr__(self, name):    # what encodes nothing: whether vectors are cached, reading them
            return getattr(real, name)

    monkeypatch.setattr(embed, "default_encoder", lambda: Counting())
    groups = corpus_quotes(seeds_comparison)
    assert len(asked) == 1
    by_meaning = [r for g in groups for c in g.checks for r in c.results if r.meaning is not None]
    assert by_meaning and all(r.verdict is Verdict.PARAPHRASED for r in by_meaning)
    assert [[r.verdict for r in c.results] for g in groups for c in g.checks] == \
        [[r.verdict for r in c.results] for g in seeds_comparison.quotes.groups for c in g.checks]
    asked.clear()
    text = "“We will keep talking about trade and security,” the minister said on Friday in Geneva."
    assert corpus_quotes(two_copies(text, text)) and asked == []
    assert not no_network

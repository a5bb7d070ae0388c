"""The decisions on the command line: listed with their status, applied by every command that
compares, carried into JSON and the report, and a bad file is one line and exit 2."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner
from conftest import SEEDS
from decisionkit import decide, member_spans, span_of, unlink

from variance.cli import main
from variance.decisions import save_decisions
from variance.model import Options
from variance.model.decisions import DecisionKind, SpanRole
from variance.pipeline import compare


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The seeds with a decisions file beside them: an unlink, a link with a note, a verify."""
    root = tmp_path_factory.mktemp("decided") / "corpus"
    shutil.copytree(SEEDS, root)
    c = compare([str(root)], Options(artefacts=False, quotes=False))
    shared = [st for st in c.statements if len(st.members) >= 3]
    lacking = next(d for d in c.documents if shared[1].member(d.id) is None)
    s = lacking.body_sentences[-1]
    made = [unlink(c, shared[0], shared[0].members[-1].document),
            decide(DecisionKind.LINK, [span_of(lacking, s.start, s.end, SpanRole.MEMBER),
                                       *member_spans(c, shared[1])], minutes=1,
                   note="checked against the ministry's Chinese text, 27 April"),
            decide(DecisionKind.VERIFY, member_spans(c, shared[2]), minutes=2, author="bo")]
    save_decisions(str(root / "variance-decisions.toml"), add=made)
    return root, made


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_decisions_lists_each_with_author_time_and_status(corpus):
    root, _ = corpus
    result = run("decisions", str(root))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "3 decisions: 3 active" in out and "sha256 " in out
    assert "unlink" in out and "linked by the editor: checked against the ministry's" in out
    assert "bo, 2026-04-27 09:32 UTC" in out


def test_decisions_json_carries_author_time_and_statements(corpus):
    root, made = corpus
    data = json.loads(run("decisions", str(root), "--json").stdout)["decisions"]
    assert data["file"].endswith("variance-decisions.toml") and len(data["sha256"]) == 64
    assert [(d["id"], d["author"], d["time"], d["status"]) for d in data["decisions"]] == [
        (d.id, d.author, d.time.strftime("%Y-%m-%dT%H:%M:%SZ"), "active") for d in made]
    assert all(d["statements"] for d in data["decisions"])


def test_align_and_report_apply_the_file_beside_the_corpus(corpus):
    root, made = corpus
    plain = json.loads(run("align", str(SEEDS), "--json").stdout)
    decided = json.loads(run("align", str(root), "--json").stdout)
    assert "decisions" not in plain and len(decided["decisions"]["decisions"]) == 3
    unlinked, linked, _ = decided["decisions"]["decisions"]
    assert len(unlinked["statements"]) == 2 and len(linked["statements"]) == 1
    [holder] = [st for st in decided["statements"] if st["id"] == linked["statements"][0]]
    assert made[1].spans[0].text in [m["text"] for m in holder["members"]]
    page = run("report", str(root), "-o", "-", "--format", "html").stdout
    assert "linked by the editor" in page and "unlinked by the editor" in page
    assert "checked against the ministry&#39;s Chinese text, 27 April" in page
    assert decided["decisions"]["sha256"] in page
    text = run("align", str(root)).stdout
    assert "✎ verified by the editor (bo, 2026-04-27 09:32 UTC)" in text


def test_quote_and_quotes_read_the_same_decisions(corpus):
    root, _ = corpus
    assert run("quotes", str(root)).exit_code == 0
    assert run("quote", "cooperation must be bilateral", str(root)).exit_code == 0


def test_a_decisions_file_given_elsewhere_is_used(corpus, tmp_path):
    root, _ = corpus
    elsewhere = tmp_path / "mine.toml"
    shutil.copy(root / "variance-decisions.toml", elsewhere)
    data = json.loads(run("align", str(SEEDS), "--json", "--decisions", str(elsewhere)).stdout)
    assert data["decisions"]["file"] == str(elsewhere)


def test_a_missing_decisions_file_given_is_exit_2(tmp_path):
    result = run("align", str(SEEDS), "--decisions", str(tmp_path / "nope.toml"))
    assert result.exit_code == 2 and "nope.toml: no such decisions file" in result.stderr
    assert run("decisions", str(SEEDS)).exit_code == 2


def test_a_malformed_file_is_one_line_exit_2_and_left_alone(corpus, tmp_path):
    root, _ = corpus
    bad = tmp_path / "corpus"
    shutil.copytree(root, bad)
    path = bad / "variance-decisions.toml"
    path.write_text(path.read_text().replace('kind = "verify"', 'kind = "verified"'))
    before = path.read_bytes()
    for command in ("align", "report", "decisions", "quotes"):
        result = run(command, str(bad), "-o", "-") if command == "report" else run(command, str(bad))
        assert result.exit_code == 2
        [line] = result.stderr.splitlines()
        assert line.startswith(f"variance: error: {path}, line ") and "unknown kind 'verified'" in line
    assert path.read_bytes() == before


def test_stale_decisions_are_flagged_and_can_fail_a_script(corpus, tmp_path):
    root, made = corpus
    edited = tmp_path / "corpus"
    shutil.copytree(root, edited)
    moved = made[0].spans[0]
    doc = next(p for p in edited.iterdir() if p.stem == moved.document)
    doc.write_text(doc.read_text().replace(moved.text, moved.text.replace(" ", "  ", 1)))
    result = run("decisions", str(edited), "--fail-on-stale")
    assert result.exit_code == 1 and "STALE" in result.stdout
    warned = run("align", str(edited))
    assert "1 stale decision not applied" in warned.stderr

"""The scale benchmark's synthetic corpora (benchmarks/synth.py) and its link scoring
(benchmarks/synth_score.py): same seed, same bytes; every gold span says truly what its text carries;
the scorer counts right and wrong links as documented. Speed is never asserted."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from synth import ADDITIONS, HEADLINE, base_story, write_corpus
from synth_score import Corpus, ceiling_pairs, load_corpus, prf, score_pairs

from variance.load.paths import load_paths
from variance.model import Options
from variance.pipeline import compare_documents
from variance.render.json_out import comparison_to_json
from variance.text.normalize import key_words


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("synth")
    texts = write_corpus(out, 40, seed=7)
    return texts, json.loads((out / "gold.json").read_text(encoding="utf-8"))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_base_story_is_seed_001_in_40_sentences():
    base = base_story()
    assert sum(len(p) for p in base) == 40
    assert base[0][0].text == "President Xi Jinping meets with U.S. Secretary of State Anthony Blinken"
    assert base[-1][-1].text == "Wang Yi participated in the meeting."


def test_same_seed_same_bytes_and_smaller_corpora_are_prefixes(tmp_path):
    write_corpus(tmp_path / "a", 8, seed=3)
    write_corpus(tmp_path / "b", 8, seed=3)
    write_corpus(tmp_path / "c", 3, seed=3)
    write_corpus(tmp_path / "d", 3, seed=4)
    a, b, c, d = (snapshot(tmp_path / x / "texts") for x in "abcd")
    assert a == b
    assert (tmp_path / "a" / "gold.json").read_bytes() == (tmp_path / "b" / "gold.json").read_bytes()
    assert c == {name: a[name] for name in c}
    assert c != d


def test_gold_spans_are_sentences_of_the_text(corpus):
    texts, gold = corpus
    assert sorted(gold["files"]) == sorted(p.stem for p in texts.iterdir())
    for name, entry in gold["files"].items():
        text = (texts / f"{name}.txt").read_text(encoding="utf-8")
        covered = list(text)
        previous_end = 0
        for span in entry["spans"] + ([{"start": entry["dateline"][0], "end": entry["dateline"][1]}]
                                      if entry["dateline"] else []):
            piece = text[span["start"]:span["end"]]
            assert piece and piece == piece.strip() and "\n" not in piece
            covered[span["start"]:span["end"]] = " " * len(piece)
        assert not "".join(covered).strip(), f"{name}: text outside every gold span"
        for span in entry["spans"]:
            assert span["start"] >= previous_end
            previous_end = span["end"]


def test_every_span_is_closest_to_the_base_sentences_it_claims(corpus):
    """House style, paraphrase, typos, splits and merges never make the gold lie: by shared
    words, the nearest base sentence (or addition template) is always one the span claims."""
    texts, gold = corpus
    base = {b["id"]: set(key_words(b["text"])) for b in gold["base"] if b["id"] != HEADLINE}
    templates = [set(key_words(t)) for t in ADDITIONS]

    def nearest(words: set[str], options: dict | list) -> int:
        items = options.items() if isinstance(options, dict) else enumerate(options)
        return max(items, key=lambda kv: len(words & kv[1]) / len(words | kv[1]))[0]

    for name, entry in gold["files"].items():
        text = (texts / f"{name}.txt").read_text(encoding="utf-8")
        for span in entry["spans"][1:]:  # [0] is the headline
            words = set(key_words(text[span["start"]:span["end"]]))
            if span["addition"] is not None:
                assert span["base"] == [] and nearest(words, templates) == span["addition"]
            else:
                assert nearest(words, base) in span["base"], (name, span)


def test_versions_vary_as_syndication_does(corpus):
    texts, gold = corpus
    body_ids = {b["id"] for b in gold["base"]} - {HEADLINE}
    edits = {e for entry in gold["files"].values() for span in entry["spans"] for e in span["edits"]}
    assert {"split", "merge", "style", "paraphrase", "misspelled", "glued", "doubled"} <= edits
    carried = [{i for span in entry["spans"] for i in span["base"]} - {HEADLINE} for entry in gold["files"].values()]
    assert all(len(ids) >= 0.7 * len(body_ids) - 1 for ids in carried)
    assert any(len(ids) < len(body_ids) for ids in carried)
    assert any(span["addition"] is not None for entry in gold["files"].values() for span in entry["spans"])
    orders = {tuple(i for span in entry["spans"] for i in span["base"]) for entry in gold["files"].values()}
    assert any(list(o) != sorted(o) for o in orders)


def test_variance_reads_every_body_sentence_inside_the_gold(corpus):
    """The benchmark's bridge from variance's JSON to the gold: offsets agree with the files and
    no body sentence variance reads falls outside the gold (it would go unscored)."""
    texts, gold = corpus
    docs = load_paths([str(texts)], Options())[:6]
    gold6 = {**gold, "files": {d.id: gold["files"][d.id] for d in docs}}
    result = comparison_to_json(compare_documents(docs), parts=("documents", "statements"))
    scored = load_corpus(result, gold6, texts)
    body = [s for d in result["documents"] for s in d["sentences"] if s["kind"] == "body"]
    assert len(scored.mask) == len(body)


def small_corpus() -> Corpus:
    """A merges base sentences 1 and 2; B carries them apart; C carries 1 only."""
    docs = ["A", "B", "C"]
    doc_of = np.array([0, 1, 1, 2], dtype=np.int64)
    mask = np.array([0b110, 0b010, 0b100, 0b010], dtype=np.uint64)
    index = {("A", 0): 0, ("B", 0): 1, ("B", 1): 2, ("C", 0): 3}
    return Corpus(docs, doc_of, mask, index, ["a12", "b1", "b2", "c1"])


def pairs_of(*groups: list[int]):
    for g in groups:
        g = np.array(g, dtype=np.int64)
        a, b = np.triu_indices(len(g), 1)
        yield g[a], g[b]


def test_scoring_counts_links_between_versions_sharing_a_base_sentence():
    c = small_corpus()
    assert c.gold_links() == 4  # unit 1: A-B, A-C, B-C; unit 2: A-B
    right, wrong = score_pairs(c, pairs_of([0, 1, 3], [2]))
    assert (right, wrong) == (3, 0)
    assert prf(right, wrong, 4) == (1.0, 0.75, pytest.approx(6 / 7))
    assert score_pairs(c, pairs_of([0, 1, 2, 3])) == (4, 1)  # B2-C1 share nothing: one wrong link
    assert score_pairs(c, ceiling_pairs(c)) == (3, 0)  # the merge costs A-B on unit 2

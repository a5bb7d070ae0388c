"""The hand-made alignment gold for seeds/ (tests/data/seed_links.tsv) and its scoring."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from variance.model import Comparison

GOLD = Path(__file__).parent / "data" / "seed_links.tsv"


@dataclass(frozen=True)
class GoldPair:
    same: bool
    doc_a: str
    text_a: str
    doc_b: str
    text_b: str
    tier: str = "sentence"
    """sentence, partial or repeat (see the file's header)."""


def read_gold(path: Path = GOLD) -> list[GoldPair]:
    rows = [r for r in csv.reader(path.open(encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE)
            if r and not r[0].startswith("#")]
    return [GoldPair(r[0] == "same", r[1], r[2], r[3], r[4], *(r[5:6] or ["sentence"])) for r in rows]


def find_sentence(comparison: Comparison, prefix: str, text: str) -> int:
    """Index of the one sentence of the document whose id starts with `prefix` containing `text`."""
    doc = next(d for d in comparison.documents if d.id.startswith(prefix))
    hits = [s.index for s in doc.sentences if text in doc.text[s.start:s.end]]
    assert len(hits) == 1, f"{text!r} is in {len(hits)} sentences of {doc.id}"
    return doc.id, hits[0]


def statement_of(comparison: Comparison) -> dict[tuple[str, int], set[int]]:
    """(document, sentence) -> the statements any place of that sentence belongs to."""
    where: dict[tuple[str, int], set[int]] = {}
    for st in comparison.statements:
        for m in st.members + st.repeats:
            for s in m.sentences:
                where.setdefault((m.document, s), set()).add(st.id)
    return where


def statements_saying(comparison: Comparison, prefix: str, text: str) -> set[int]:
    """The statements of every place whose spans overlap the one occurrence of `text`."""
    doc = next(d for d in comparison.documents if d.id.startswith(prefix))
    assert doc.text.count(text) == 1, f"{text!r} is {doc.text.count(text)} times in {doc.id}"
    lo = doc.text.index(text)
    hi = lo + len(text)
    return {st.id for st in comparison.statements for m in st.members + st.repeats
            if m.document == doc.id and any(p.start < hi and lo < p.end for p in m.spans)}


def _linked(comparison: Comparison, where, pair: GoldPair) -> bool:
    if pair.tier == "sentence":
        a = find_sentence(comparison, pair.doc_a, pair.text_a)
        b = find_sentence(comparison, pair.doc_b, pair.text_b)
        return bool(where.get(a, set()) & where.get(b, set()))
    return bool(statements_saying(comparison, pair.doc_a, pair.text_a)
                & statements_saying(comparison, pair.doc_b, pair.text_b))


def score(comparison: Comparison, gold: list[GoldPair], tier: str | None = None) -> dict:
    """Precision and recall of 'same statement' over the gold pairs (of one tier, if given),
    and the pairs got wrong."""
    where = statement_of(comparison)
    tp = fp = fn = 0
    wrong = []
    for pair in gold:
        if tier is not None and pair.tier != tier:
            continue
        linked = _linked(comparison, where, pair)
        tp += pair.same and linked
        fn += pair.same and not linked
        fp += (not pair.same) and linked
        if linked != pair.same:
            wrong.append(pair)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return {"precision": precision, "recall": recall, "wrong": wrong, "counts": (tp, fp, fn)}

"""Scoring a grouping of sentences against the gold of `synth.py`, as links between versions.

As in `align_mqm.py`, cross-document links between base-sentence ids. Gold: two versions that
both carry base sentence i make one link (A, B, i); an added local sentence counts as its
template's id. Predicted: every pair of sentences from two versions that are grouped together
(put in one statement by variance, or scored > 50 by the baseline); a pair that carries a common
id i gives the link (A, B, i), a pair that carries none gives a wrong link (A, i, B, j) for each id
i of one and j of the other. Both sets are deduplicated, so a split sentence matched twice counts
once. Headlines (base id 0) are shown, not aligned, and are left out. Each sentence's ids are a
bit mask, so millions of pairs are scored with numpy.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import ADDITIONS, HEADLINE

__all__ = ["Corpus", "load_corpus", "load_places", "statement_pairs", "place_pairs", "ceiling_pairs",
           "score_pairs", "repeat_links", "prf"]

ADDITION_BIT = 40
"""Addition template t is unit ADDITION_BIT + t (the base story has ids 0..39)."""
assert ADDITION_BIT + len(ADDITIONS) <= 64


class Corpus:
    """The body sentences variance found, each with the gold units (bit mask) it overlaps."""

    def __init__(self, docs: list[str], doc_of: np.ndarray, mask: np.ndarray,
                 index: dict[tuple[str, int], int], texts: list[str],
                 repeats: frozenset[tuple[int, int]] = frozenset()):
        self.docs, self.doc_of, self.mask, self.index, self.texts = docs, doc_of, mask, index, texts
        self.bits = _bit_table(mask)
        self.repeats = repeats
        """(document, unit) pairs where the gold has the document say the unit twice (a lead
        that repeats a later sentence): a link between those two places is right."""
        self.places = False
        """Rows are places (members, repeats) rather than sentences: two places of one document
        in one statement that share no unit are a wrong link."""

    def gold_links(self) -> int:
        """Pairs of versions sharing a unit, summed over units, and the repeats."""
        total = 0
        for bit in range(64):
            has = (self.mask >> np.uint64(bit)) & np.uint64(1)
            n = len(np.unique(self.doc_of[has.astype(bool)]))
            total += n * (n - 1) // 2
        return total + len(self.repeats)


def _bit_table(mask: np.ndarray) -> np.ndarray:
    """Column k holds the k-th set bit of each mask, or -1."""
    rows = [[b for b in range(64) if int(m) >> b & 1] for m in mask]
    width = max((len(r) for r in rows), default=1) or 1
    return np.array([r + [-1] * (width - len(r)) for r in rows], dtype=np.int64).reshape(len(rows), width)


def _unit_mask(span: dict) -> int:
    units = [b for b in span["base"] if b != HEADLINE]
    if span["addition"] is not None:
        units.append(ADDITION_BIT + span["addition"])
    return sum(1 << u for u in units)


def load_corpus(result: dict, gold: dict, texts_dir: Path) -> Corpus:
    """Map each body sentence of variance's JSON to the gold spans it overlaps."""
    docs = sorted(d["id"] for d in result["documents"])
    position = {d: i for i, d in enumerate(docs)}
    doc_of, masks, index, texts = [], [], {}, []
    for doc in result["documents"]:
        spans = gold["files"][doc["id"]]["spans"]
        text = (texts_dir / f"{doc['id']}.txt").read_text(encoding="utf-8")
        for s in doc["sentences"]:
            if s["text"] != text[s["start"]:s["end"]]:
                raise SystemExit(f"{doc['id']}: sentence {s['index']} offsets do not match the file text")
            if s["kind"] != "body":
                continue
            mask = 0
            for span in spans:
                if span["start"] < s["end"] and s["start"] < span["end"]:
                    mask |= _unit_mask(span)
            if mask:  # a headline or a dateline taken for body text: not scored
                index[(doc["id"], s["index"])] = len(masks)
                doc_of.append(position[doc["id"]])
                masks.append(mask)
                texts.append(s["text"])
    return Corpus(docs, np.array(doc_of, dtype=np.int64), np.array(masks, dtype=np.uint64), index, texts,
                  repeat_links(gold, docs))


def _place_mask(spans: list[dict], pieces: list[list[int]]) -> int:
    """The gold units a place's `[start, end)` pieces overlap; a merged sentence counts only
    the units of the parts it overlaps."""
    mask = 0
    for a, b in pieces:
        for span in spans:
            if not (span["start"] < b and a < span["end"]):
                continue
            if "parts" in span:
                mask |= sum(1 << u for s, e, u in span["parts"] if s < b and a < e and u != HEADLINE)
            else:
                mask |= _unit_mask(span)
    return mask


def repeat_links(gold: dict, docs: list[str]) -> frozenset[tuple[int, int]]:
    """(document, unit) for every unit a document's gold says twice, once as a repeat."""
    out = set()
    for d, name in enumerate(docs):
        spans = gold["files"][name]["spans"]
        for span in spans:
            if "repeat" in span["edits"]:
                for u in span["base"]:
                    if any(u in other["base"] for other in spans if other is not span):
                        out.add((d, u))
    return frozenset(out)


def load_places(result: dict, gold: dict, texts_dir: Path) -> tuple[Corpus, list[np.ndarray]]:
    """Every place of every statement (members and repeats, by their exact spans) with the gold
    units it overlaps, and the rows of each statement's places."""
    docs = sorted(d["id"] for d in result["documents"])
    position = {d: i for i, d in enumerate(docs)}
    texts_of = {d: (texts_dir / f"{d}.txt").read_text(encoding="utf-8") for d in docs}
    doc_of, masks, texts, groups = [], [], [], []
    for st in result["statements"]:
        rows = []
        for m in st["members"] + st.get("repeats", []):
            pieces = m.get("spans") or [[m["start"], m["end"]]]
            text = texts_of[m["document"]]
            if m["text"] != text[m["start"]:m["end"]]:
                raise SystemExit(f"{m['document']}: a member's offsets do not match the file text")
            mask = _place_mask(gold["files"][m["document"]]["spans"], pieces)
            if mask:
                rows.append(len(masks))
                doc_of.append(position[m["document"]])
                masks.append(mask)
                texts.append(m["text"])
        groups.append(np.array(rows, dtype=np.int64))
    corpus = Corpus(docs, np.array(doc_of, dtype=np.int64), np.array(masks, dtype=np.uint64), {},
                    texts, repeat_links(gold, docs))
    corpus.places = True
    return corpus, groups


def place_pairs(groups: list[np.ndarray]):
    """Every pair of places that variance put in one statement."""
    for g in groups:
        if len(g) > 1:
            a, b = np.triu_indices(len(g), 1)
            yield g[a], g[b]


def statement_pairs(result: dict, corpus: Corpus):
    """Every pair of scored sentences that variance put in one statement, one array per statement."""
    for st in result["statements"]:
        g = np.array([corpus.index[(m["document"], s)] for m in st["members"] for s in m["sentences"]
                      if (m["document"], s) in corpus.index], dtype=np.int64)
        if len(g) > 1:
            a, b = np.triu_indices(len(g), 1)
            yield g[a], g[b]


def ceiling_pairs(corpus: Corpus):
    """The best partition into statements: every sentence under its first unit. Merged sentences
    still lose the links of their other unit, so this bounds what any aligner can score."""
    first = np.array([int(row[0]) for row in corpus.bits], dtype=np.int64)
    for unit in np.unique(first):
        g = np.flatnonzero(first == unit)
        if len(g) > 1:
            a, b = np.triu_indices(len(g), 1)
            yield g[a], g[b]


def score_pairs(corpus: Corpus, pairs) -> tuple[int, int]:
    """(right links, wrong links), each deduplicated, from chunks of (a, b) sentence pairs.

    Pairs within one document count only as repeats: right when the gold has the document say
    that unit twice; between places (not sentences of one member), wrong when they share no
    unit; ignored otherwise (two parts of one split sentence are one member, not a link)."""
    right, wrong = [], []
    n = np.int64(len(corpus.docs))
    allowed = np.array(sorted(d * 64 + u for d, u in corpus.repeats), dtype=np.int64)
    for a, b in pairs:
        da, db = corpus.doc_of[a], corpus.doc_of[b]
        same = (da == db) & (a != b)
        _same_doc_links(corpus, a[same], b[same], allowed, right, wrong)
        keep = da != db
        a, b, da, db = a[keep], b[keep], da[keep], db[keep]
        swap = da > db
        a, b = np.where(swap, b, a), np.where(swap, a, b)
        da, db = np.minimum(da, db), np.maximum(da, db)
        inter = corpus.mask[a] & corpus.mask[b]
        pair = (da * n + db) * 64
        for bit in range(64):
            hit = ((inter >> np.uint64(bit)) & np.uint64(1)).astype(bool)
            if hit.any():
                right.append(np.unique(pair[hit] + bit))
        _wrong_links(corpus, a, b, inter, pair, wrong)
    count = lambda parts: len(np.unique(np.concatenate(parts))) if parts else 0
    return count(right), count(wrong)


def _wrong_links(corpus: Corpus, a, b, inter, pair, wrong) -> None:
    miss = inter == 0
    bits_a, bits_b, base = corpus.bits[a[miss]], corpus.bits[b[miss]], pair[miss] * 64
    for i in range(bits_a.shape[1]):
        for j in range(bits_b.shape[1]):
            ok = (bits_a[:, i] >= 0) & (bits_b[:, j] >= 0)
            wrong.append(np.unique((base + bits_a[:, i])[ok] * 64 + bits_b[:, j][ok]))


def _same_doc_links(corpus: Corpus, a, b, allowed, right, wrong) -> None:
    if not len(a):
        return
    d = corpus.doc_of[a]
    n = np.int64(len(corpus.docs))
    inter = corpus.mask[a] & corpus.mask[b]
    pair = (d * n + d) * 64
    for bit in range(64):
        hit = ((inter >> np.uint64(bit)) & np.uint64(1)).astype(bool)
        hit &= np.isin(d * 64 + bit, allowed)
        if hit.any():
            right.append(np.unique(pair[hit] + bit))
    if corpus.places:
        _wrong_links(corpus, np.minimum(a, b), np.maximum(a, b), inter, pair, wrong)


def prf(right: int, wrong: int, gold: int) -> tuple[float, float, float]:
    p = right / (right + wrong) if right + wrong else 1.0
    r = right / gold if gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)

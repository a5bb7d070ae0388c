"""Alignment quality on real data: the 15 English versions of each MQM article as separate
documents, most of them with paragraph blocks reordered, and re-cut per version: some adjacent
segments merged into one sentence ("A; b", "A, and b"), some long segments split in two at a
clause, a few segments dropped.

Truth: two places (members or repeats, by their exact spans) report the same statement when they
overlap the same segment; a merged sentence's parts are its segments' own spans. Scored as
cross-document segment links, beside the whole-sentence aligner (`Options(claims=False)`) and a
naive all-pairs baseline (rapidfuzz ratio > 50) from the same run.
Run: python benchmarks/align_mqm.py [--articles N] [--no-recut]
"""

from __future__ import annotations

import argparse
import random
import re
import time
from dataclasses import replace
from itertools import combinations

from mqm import articles, versions
from rapidfuzz import fuzz

from variance.model import Document, Options
from variance.pipeline import compare_documents
from variance.text.normalize import fold
from variance.text.segment import segment_document

SEED = 20211


MERGE_RATE = 0.15
"""Share of adjacent segment pairs of a block merged into one sentence, in re-cut versions."""
SPLIT_RATE = 0.3
"""Share of long segments (a clause cut with at least 6 words each side) split in two."""
DROP_RATE = 0.05
_LOWER = {"The", "This", "These", "That", "It", "Its", "He", "She", "They", "We", "In", "On", "At",
          "For", "But", "And", "As", "A", "An", "There", "According", "After", "However", "If"}
_SPLIT = re.compile(r"; |, (?:and|but) ")


def _merge_glue(rng: random.Random) -> str:
    return rng.choice(("; ", ", and "))


def _lower_first(piece: str) -> str:
    first, _, rest = piece.partition(" ")
    return (first.lower() if first in _LOWER else first) + (" " + rest if rest else "")


def _split(piece: str, rng: random.Random) -> str:
    """Cut a long segment in two sentences at a clause, if it has one."""
    points = [m for m in _SPLIT.finditer(piece)
              if len(piece[:m.start()].split()) >= 6 and len(piece[m.end():].split()) >= 6]
    if not points or rng.random() >= SPLIT_RATE:
        return piece
    m = rng.choice(points)
    tail = piece[m.end():]
    return piece[:m.start()] + ". " + tail[0].upper() + tail[1:]


def perturb(version, rng: random.Random, shuffle: bool, merge_rate: float, recut: bool):
    """Rebuild a version's text with blocks of 1-3 segments, shuffled or not; segments of a block
    joined on one line (`merge_rate`) and, re-cut, merged into one sentence, split, dropped."""
    segs = sorted(version.spans)
    if recut:
        segs = [seg for seg in segs if rng.random() >= DROP_RATE]
    blocks, i = [], 0
    while i < len(segs):
        size = rng.randint(1, 3)
        blocks.append(segs[i:i + size])
        i += size
    if shuffle:
        rng.shuffle(blocks)
    text, spans = "", {}
    for block in blocks:
        for k, seg in enumerate(block):
            s, e = version.spans[seg]
            piece = version.text[s:e].strip()
            glue = " " if k and rng.random() < merge_rate else ("\n" if text else "")
            if recut and k and text.endswith(".") and rng.random() < MERGE_RATE:
                glue = _merge_glue(rng)
                text = text[:-1]
                prev = block[k - 1]
                spans[prev] = (spans[prev][0], min(spans[prev][1], len(text)))
                piece = _lower_first(piece)
            elif recut:
                piece = _split(piece, rng)
            spans[seg] = (len(text) + len(glue), len(text) + len(glue) + len(piece))
            text += glue + piece
    return text + "\n", spans


def corpus(article: str, rng: random.Random, recut: bool = True):
    docs, seg_spans = [], {}
    for k, v in enumerate(versions(article)):
        shuffle, merge = k % 3 != 0, 0.3 if k % 4 == 1 else 0.0
        text, spans = perturb(v, rng, shuffle, merge, recut and k % 3 != 2)
        doc = segment_document(Document(id=v.system, path=v.system, text=text, sha256=""))
        docs.append(doc)
        seg_spans[v.system] = spans
    return docs, seg_spans


def segments_of(doc, spans) -> dict[int, set[int]]:
    """sentence index -> the gold segments it overlaps."""
    out = {}
    for s in doc.body_sentences:
        out[s.index] = {seg for seg, (a, b) in spans.items() if a < s.end and s.start < b}
    return out


def place_groups(comparison, spans) -> tuple[list[list[tuple[str, int]]], dict]:
    """Every statement as its places (members and repeats), and place -> the gold segments its
    exact spans overlap."""
    groups, segs = [], {d.id: {} for d in comparison.documents}
    for st in comparison.statements:
        group = []
        for m in st.members + st.repeats:
            key = len(segs[m.document])
            segs[m.document][key] = {seg for seg, (a, b) in spans[m.document].items()
                                     if any(a < p.end and p.start < b for p in m.spans)}
            group.append((m.document, key))
        groups.append(group)
    return groups, segs


def predicted_links(groups, segs) -> set:
    """groups: iterables of (doc, sentence) judged the same statement."""
    links = set()
    for group in groups:
        for (da, sa), (db, sb) in combinations(sorted(group), 2):
            if da == db:
                continue
            for i in segs[da][sa]:
                for j in segs[db][sb]:
                    links.add((da, i, db, j) if da < db else (db, j, da, i))
    return links


def gold_links(docs, segs) -> set:
    present = {d.id: set().union(*segs[d.id].values()) if segs[d.id] else set() for d in docs}
    out = set()
    for a, b in combinations(sorted(present), 2):
        out.update((a, i, b, i) for i in present[a] & present[b])
    return out


def baseline_groups(docs):
    """Naive all-pairs: link any two sentences of different documents with ratio > 50."""
    items = [(d.id, s.index, fold(d.sentence_text(s.index))) for d in docs for s in d.body_sentences]
    pairs = []
    for (da, sa, ta), (db, sb, tb) in combinations(items, 2):
        if da != db and fuzz.ratio(ta, tb) > 50:
            pairs.append([(da, sa), (db, sb)])
    return pairs


def prf(pred: set, gold: set) -> tuple[float, float, float]:
    tp = len(pred & gold)
    p = tp / len(pred) if pred else 1.0
    r = tp / len(gold) if gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=0, help="only the first N articles")
    ap.add_argument("--threshold", type=float, default=Options().link_threshold)
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--no-recut", action="store_true", help="no merges into one sentence, splits, drops")
    args = ap.parse_args()
    rng = random.Random(SEED)
    names = articles()[: args.articles or None]
    methods = {"variance": Options(link_threshold=args.threshold),
               "whole sentences": Options(link_threshold=args.threshold, claims=False)}
    totals = {name: [set(), set(), 0.0] for name in [*methods, "baseline"]}
    for name in names:
        docs, spans = corpus(name, rng, recut=not args.no_recut)
        segs = {d.id: segments_of(d, spans[d.id]) for d in docs}
        gold = {(name,) + link for link in gold_links(docs, segs)}
        for method, options in methods.items():
            t = time.perf_counter()
            comparison = compare_documents(docs, replace(options, artefacts=False, quotes=False))
            groups, place_segs = place_groups(comparison, spans)
            totals[method][2] += time.perf_counter() - t
            totals[method][0] |= {(name,) + x for x in predicted_links(groups, place_segs)}
            totals[method][1] |= gold
        if not args.no_baseline:
            t = time.perf_counter()
            base = predicted_links(baseline_groups(docs), segs)
            totals["baseline"][2] += time.perf_counter() - t
            totals["baseline"][0] |= {(name,) + x for x in base}
            totals["baseline"][1] |= gold
    cut = "no re-cut" if args.no_recut else (f"re-cut in 2/3 ({MERGE_RATE:.0%} merges into one sentence, "
                                             f"{SPLIT_RATE:.0%} of long segments split, {DROP_RATE:.0%} dropped)")
    print(f"MQM zh-en 2021: {len(names)} articles x 15 versions, blocks shuffled in 2/3, "
          f"30% on one line in 1/4, {cut} (seed {SEED})")
    print(f"{'method':<16} {'precision':>9} {'recall':>7} {'F1':>6} {'seconds':>8}")
    for method, (pred, gold, secs) in totals.items():
        if gold:
            p, r, f = prf(pred, gold)
            print(f"{method:<16} {p:>9.4f} {r:>7.4f} {f:>6.4f} {secs:>8.2f}")
    if totals["baseline"][1]:
        print(f"time ratio variance/baseline: {totals['variance'][2] / totals['baseline'][2]:.2f}")


if __name__ == "__main__":
    main()

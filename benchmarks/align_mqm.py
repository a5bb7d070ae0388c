"""Alignment quality on real data: the 15 English versions of each MQM article as separate
documents, most of them with paragraph blocks reordered and some adjacent segments merged.

Truth: two sentences report the same statement when they lie in the same segment. Scored as
cross-document segment links, with a naive all-pairs baseline (rapidfuzz ratio > 50) from the
same run.  Run: python benchmarks/align_mqm.py [--articles N]
"""

from __future__ import annotations

import argparse
import random
import time
from itertools import combinations

from mqm import articles, versions
from rapidfuzz import fuzz

from variance.model import Document, Options
from variance.pipeline import compare_documents
from variance.text.normalize import fold
from variance.text.segment import segment_document

SEED = 20211


def perturb(version, rng: random.Random, shuffle: bool, merge_rate: float):
    """Rebuild a version's text with blocks of 1-3 segments shuffled and some pairs merged."""
    segs = sorted(version.spans)
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
            spans[seg] = (len(text) + len(glue), len(text) + len(glue) + len(piece))
            text += glue + piece
    return text + "\n", spans


def corpus(article: str, rng: random.Random):
    docs, seg_spans = [], {}
    for k, v in enumerate(versions(article)):
        shuffle, merge = k % 3 != 0, 0.3 if k % 4 == 1 else 0.0
        text, spans = perturb(v, rng, shuffle, merge)
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
    args = ap.parse_args()
    rng = random.Random(SEED)
    names = articles()[: args.articles or None]
    totals = {"variance": [set(), set(), 0.0], "baseline": [set(), set(), 0.0]}
    for name in names:
        docs, spans = corpus(name, rng)
        segs = {d.id: segments_of(d, spans[d.id]) for d in docs}
        gold = {(name,) + link for link in gold_links(docs, segs)}
        t = time.perf_counter()
        comparison = compare_documents(docs, Options(link_threshold=args.threshold))
        groups = [[(m.document, s) for m in st.members for s in m.sentences] for st in comparison.statements]
        totals["variance"][2] += time.perf_counter() - t
        totals["variance"][0] |= {(name,) + x for x in predicted_links(groups, segs)}
        totals["variance"][1] |= gold
        if not args.no_baseline:
            t = time.perf_counter()
            base = predicted_links(baseline_groups(docs), segs)
            totals["baseline"][2] += time.perf_counter() - t
            totals["baseline"][0] |= {(name,) + x for x in base}
            totals["baseline"][1] |= gold
    print(f"MQM zh-en 2021: {len(names)} articles x 15 versions, blocks shuffled in 2/3, "
          f"30% merges in 1/4 (seed {SEED})")
    print(f"{'method':<10} {'precision':>9} {'recall':>7} {'F1':>6} {'seconds':>8}")
    for method, (pred, gold, secs) in totals.items():
        if gold:
            p, r, f = prf(pred, gold)
            print(f"{method:<10} {p:>9.4f} {r:>7.4f} {f:>6.4f} {secs:>8.2f}")
    if totals["baseline"][1]:
        print(f"time ratio variance/baseline: {totals['variance'][2] / totals['baseline'][2]:.2f}")


if __name__ == "__main__":
    main()

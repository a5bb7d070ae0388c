"""Artefact detection on real data: the 15 English versions of each MQM article as one corpus.

Truth: the expert MQM error spans of each machine translation. A flag in a machine translation is
right when it overlaps an error span an expert marked in that system's file (any category). Also
reported: recall of the `Major` errors whose category starts with `Fluency`, flags per 1,000 words,
and from the same run a naive baseline that flags every word wordfreq does not know (Zipf 0).
The two human translations (ref-A, ref-B) take part in the corpus but are not scored.
"all, distinct" counts one flag per (article, system, kind, text): raters often mark a repeated
error once ("Weiser" marked in one segment, not in the next), so this shows precision per finding.

Run: python benchmarks/artefacts_mqm.py [--articles N] [--examples KIND]
"""

from __future__ import annotations

import argparse
import random
import re
import time
from collections import Counter, defaultdict

from mqm import annotations, articles, versions

from variance.artefacts.detect import detect_artefacts
from variance.model import ArtefactKind, Document
from variance.pipeline import compare_documents

WORD = re.compile(r"[^\W\d_]+")


def overlaps(start: int, end: int, spans) -> bool:
    return any(start < b and a < end for a, b in spans)


def baseline_flags(text: str) -> list[tuple[int, int]]:
    """Every word wordfreq does not know."""
    from wordfreq import zipf_frequency
    return [m.span() for m in WORD.finditer(text) if zipf_frequency(m.group(), "en") == 0]


class Tally:
    def __init__(self):
        self.flags, self.right = Counter(), Counter()
        self.distinct: dict[tuple, bool] = {}   # (article, system, kind, text) -> any right
        self.fluency_major = self.fluency_major_found = self.words = 0
        self.baseline_flags = self.baseline_right = 0
        self.examples: dict[str, list[tuple[bool, str]]] = defaultdict(list)

    def add_version(self, article: str, version, found, errors) -> None:
        spans = [(e["start"], e["end"]) for e in errors]
        self.words += len(version.text.split())
        for a in found:
            hit = overlaps(a.start, a.end, spans)
            self.flags[a.kind] += 1
            self.right[a.kind] += hit
            key = (article, version.system, a.kind, a.text.casefold())
            self.distinct[key] = self.distinct.get(key, False) or hit
            context = version.text[max(0, a.start - 40):a.start] + "[[" + a.text + "]]" + \
                version.text[a.end:a.end + 40]
            self.examples[a.kind.value].append((hit, " ".join(context.split())))
        for e in errors:
            if e["severity"] == "Major" and e["category"].startswith("Fluency"):
                self.fluency_major += 1
                self.fluency_major_found += overlaps(e["start"], e["end"],
                                                     [(a.start, a.end) for a in found])
        for s, e in baseline_flags(version.text):
            self.baseline_flags += 1
            self.baseline_right += overlaps(s, e, spans)


def run(limit: int | None) -> Tally:
    tally = Tally()
    for article in articles()[:limit]:
        vs = versions(article)
        docs = [Document(id=v.system, path=v.system, text=v.text, sha256="") for v in vs]
        comparison = compare_documents(docs)
        found = detect_artefacts(comparison.documents, comparison.statements)
        by_doc = defaultdict(list)
        for a in found:
            by_doc[a.document].append(a)
        for v in vs:
            if not v.human:
                tally.add_version(article, v, by_doc[v.system], annotations(article, v.system))
    return tally


def ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "  - "


def report(tally: Tally, seconds: float) -> None:
    per_k = 1000 / max(1, tally.words)
    print(f"{'kind':<20}{'flags':>7}{'right':>7}{'precision':>11}{'per 1k words':>14}")
    for kind in ArtefactKind:
        n, r = tally.flags[kind], tally.right[kind]
        print(f"{kind.value:<20}{n:>7}{r:>7}{ratio(r, n):>11}{n * per_k:>14.2f}")
    n, r = sum(tally.flags.values()), sum(tally.right.values())
    print(f"{'all':<20}{n:>7}{r:>7}{ratio(r, n):>11}{n * per_k:>14.2f}")
    d, dr = len(tally.distinct), sum(tally.distinct.values())
    print(f"{'all, distinct':<20}{d:>7}{dr:>7}{ratio(dr, d):>11}{d * per_k:>14.2f}")
    b, br = tally.baseline_flags, tally.baseline_right
    print(f"{'baseline (zipf 0)':<20}{b:>7}{br:>7}{ratio(br, b):>11}{b * per_k:>14.2f}")
    print(f"\nrecall of Major Fluency errors: {tally.fluency_major_found}/{tally.fluency_major}"
          f" = {ratio(tally.fluency_major_found, tally.fluency_major)}")
    print(f"machine-translated words scored: {tally.words}; time {seconds:.1f} s")


def show_examples(tally: Tally, kind: str, count: int = 25) -> None:
    rows = tally.examples.get(kind, [])
    for hit, context in random.Random(0).sample(rows, min(count, len(rows))):
        print(("RIGHT " if hit else "wrong ") + context)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=None, help="score only the first N")
    parser.add_argument("--examples", metavar="KIND", help="print sample flags of one kind")
    args = parser.parse_args()
    started = time.perf_counter()
    tally = run(args.articles)
    report(tally, time.perf_counter() - started)
    if args.examples:
        print()
        show_examples(tally, args.examples)


if __name__ == "__main__":
    main()

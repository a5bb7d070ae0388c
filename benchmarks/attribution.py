"""Speakers against the attribution gold of `tests/data/attribution_cases.tsv`: precision and
recall of the speaker found for each quote, beside the attribution reader of an earlier commit
(`--baseline`, by default the one before the attribution forms were added) loaded from git in
the same run.

A case with a speaker counts as found when the speaker given is the same person (`same_speaker`:
titles, first names and one-letter slips aside); a speaker given where the gold has none, or
another person, is a false positive. "exact" counts speakers spelled as the gold spells them.

    python benchmarks/attribution.py            # the table on stdout
    python benchmarks/attribution.py --errors   # and every case either reader gets wrong
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import importlib.util
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from variance.model import Document
from variance.quotes import attribution
from variance.quotes.attribution import same_speaker
from variance.text.segment import segment_document

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "attribution_cases.tsv"
BASELINE = "c204612"
"""The last commit of main before the attribution forms of issue 18."""


def read_gold() -> list[list[str]]:
    rows = csv.reader(GOLD.open(encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE)
    return [r for r in rows if r and not r[0].startswith("#")]


def baseline_module(commit: str) -> ModuleType:
    """`variance/quotes/attribution.py` as it was at `commit`, importing today's package."""
    source = subprocess.run(["git", "-C", str(ROOT), "show", f"{commit}:variance/quotes/attribution.py"],
                            capture_output=True, text=True, check=True).stdout
    spec = importlib.util.spec_from_loader("variance.quotes._attribution_baseline", loader=None)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    module.__package__ = "variance.quotes"
    sys.modules[spec.name] = module        # dataclasses look their module up
    exec(compile(source, f"{commit}:attribution.py", "exec"), module.__dict__)
    return module


def speaker(attribute: Callable, text: str, passage: str) -> str:
    text = text.replace("\\n", "\n")
    doc = segment_document(Document("t", "-", text, hashlib.sha256(text.encode()).hexdigest()))
    start = doc.text.index(passage)
    a = attribute(doc, start, start + len(passage))
    return "-" if a is None or a.via == "unresolved" else a.speaker


def score(rows: list[list[str]], got: list[str]) -> dict[str, float]:
    gold = [r[3] for r in rows]
    right = sum(1 for g, p in zip(gold, got) if g != "-" and p != "-" and same_speaker(g, p))
    given = sum(1 for p in got if p != "-")
    wanted = sum(1 for g in gold if g != "-")
    return {"precision": right / given if given else 0.0, "recall": right / wanted,
            "exact": sum(1 for g, p in zip(gold, got) if g != "-" and g == p) / wanted,
            "false": sum(1 for g, p in zip(gold, got) if g == "-" and p != "-")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default=BASELINE, help="commit of the reader to compare with")
    parser.add_argument("--errors", action="store_true", help="list the cases a reader gets wrong")
    args = parser.parse_args()
    rows = read_gold()
    readers = {f"baseline {args.baseline}": baseline_module(args.baseline).attribute,
               "now": attribution.attribute}
    results = {name: [speaker(f, r[1], r[2]) for r in rows] for name, f in readers.items()}
    for part in ("dev", "held", "all"):
        keep = [i for i, r in enumerate(rows) if part in ("all", r[5])]
        sub = [rows[i] for i in keep]
        n_pos = sum(1 for r in sub if r[3] != "-")
        print(f"{part}: {len(sub)} cases, {n_pos} with a speaker, {len(sub) - n_pos} near misses without one")
        print(f"  {'reader':<22} {'precision':>9} {'recall':>7} {'exact':>6} {'near misses given a speaker':>28}")
        for name, got in results.items():
            s = score(sub, [got[i] for i in keep])
            print(f"  {name:<22} {s['precision']:>9.3f} {s['recall']:>7.3f} {s['exact']:>6.3f} "
                  f"{int(s['false']):>28}")
        print()
    if args.errors:
        for name, got in results.items():
            print(f"\n{name}: wrong")
            for r, p in zip(rows, got):
                if not (p == r[3] or (r[3] != "-" and p != "-" and same_speaker(p, r[3]))):
                    print(f"  {r[5]:<4} {r[0]:<45} gold {r[3]!r:<22} got {p!r}")


if __name__ == "__main__":
    sys.exit(main())

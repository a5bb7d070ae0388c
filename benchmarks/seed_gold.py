"""The hand-made seed gold (`tests/data/seed_links.tsv`) by tier: links of whole sentences, of a
part of a sentence, and repeats (a version saying a statement twice), for the claims aligner and
the whole-sentence aligner of format 1 in the same run. The seeds are loaded as `variance align
seeds/` loads them (metadata found, so the dates keep 000, another meeting, apart).

Run: python benchmarks/seed_gold.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from seedgold import read_gold, score  # noqa: E402

from variance.load import load_paths  # noqa: E402
from variance.model import Options  # noqa: E402
from variance.pipeline import compare_documents  # noqa: E402

TIERS = ("sentence", "partial", "repeat", None)


def main() -> None:
    gold = read_gold()
    counts = {t: sum(1 for g in gold if g.tier == t or t is None) for t in TIERS}
    print(f"seed gold: {len(gold)} pairs (" + ", ".join(
        f"{counts[t]} {t}" for t in TIERS if t) + "), same and distinct")
    print(f"{'aligner':<16} {'tier':<9} {'precision':>9} {'recall':>7} {'links':>6} {'wrong':>6} {'missed':>6}")
    for name, claims in (("claims", True), ("whole sentences", False)):
        options = Options(artefacts=False, quotes=False, claims=claims)
        start = time.perf_counter()
        comparison = compare_documents(load_paths([str(ROOT / "seeds")], options), options)
        seconds = time.perf_counter() - start
        for tier in TIERS:
            r = score(comparison, gold, tier)
            tp, fp, fn = r["counts"]
            print(f"{name:<16} {tier or 'all':<9} {r['precision']:>9.3f} {r['recall']:>7.3f} "
                  f"{tp:>6} {fp:>6} {fn:>6}")
        print(f"{name:<16} {seconds:.2f} s")


if __name__ == "__main__":
    main()

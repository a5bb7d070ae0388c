"""What the editor's decisions cost and whether they hold, at scale.

For each N (default 10, 200, 1000) the synthetic corpus of `synth.py` is aligned in one process,
interleaved, three times each: without decisions (the baseline), and with K decisions (default 50:
pins, links, unlinks, merges and splits on random sentences, made the way the terminal UI makes
them). Printed: CPU seconds of resolve + align for each, the ratio, and how many of the applied
decisions hold after alignment (every pinned group in one statement, no forbidden pair together).

    python benchmarks/decisions.py [--sizes 10,200,1000] [--decisions 50]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import DEFAULT_SEED, write_corpus

from variance.align import align_statements
from variance.decisions import locate, new_decision, resolve
from variance.load import load_paths
from variance.model import Options
from variance.model.decisions import DecisionKind, DecisionSpan, SpanRole
from variance.text.segment import segment_document

KINDS = [DecisionKind.PIN, DecisionKind.LINK, DecisionKind.UNLINK, DecisionKind.MERGE, DecisionKind.SPLIT]


def random_decisions(docs, count: int, rng: random.Random):
    sentences = [(d, s) for d in docs for s in d.body_sentences]
    out = []
    for _ in range(count):
        picked = rng.sample(sentences, rng.randint(2, 4))
        spans = [DecisionSpan(d.id, d.sha256, s.start, s.end, d.text[s.start:s.end],
                              SpanRole.MEMBER if k == 0 else SpanRole.STATEMENT)
                 for k, (d, s) in enumerate(picked)]
        out.append(new_decision(rng.choice(KINDS), spans, author="bench"))
    return out


def holds(applied) -> tuple[int, int]:
    kept = broken = 0
    for a in applied:
        if not a.applied:
            continue
        movers = {p.statement for p in a.places if p.role is SpanRole.MEMBER}
        stayers = {p.statement for p in a.places if p.role is SpanRole.STATEMENT}
        if a.decision.kind in (DecisionKind.UNLINK, DecisionKind.SPLIT):
            ok = not movers & stayers
        else:
            ok = len(movers | stayers) == 1
        kept, broken = kept + ok, broken + (not ok)
    return kept, broken


def run(n: int, count: int, seed: int) -> str:
    options = Options(artefacts=False, quotes=False)
    with tempfile.TemporaryDirectory() as tmp:
        texts = write_corpus(Path(tmp), n, seed)
        docs = [segment_document(d, "en") for d in load_paths([str(texts)], options)]
    decisions = random_decisions(docs, count, random.Random(seed))
    times = {"none": [], "decided": []}
    for _ in range(3):
        for label in ("none", "decided"):
            start = time.process_time()
            applied, constraints = resolve(decisions if label == "decided" else [], docs)
            statements = align_statements(docs, options, constraints=constraints)
            times[label].append(time.process_time() - start)
    kept, broken = holds(locate(applied, statements))
    best = {k: min(v) for k, v in times.items()}
    skipped = sum(1 for a in applied if not a.applied)
    return (f"N={n:<5} sentences={sum(len(d.body_sentences) for d in docs):<6} "
            f"align {best['none']:.2f} s CPU, with {count} decisions {best['decided']:.2f} s "
            f"(x{best['decided'] / best['none']:.2f}); applied {kept + broken}, hold {kept}, broken {broken}, "
            f"not applied {skipped} (contradicted by a later one)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,200,1000")
    parser.add_argument("--decisions", type=int, default=50)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args()
    for n in (int(x) for x in args.sizes.split(",")):
        print(run(n, args.decisions, args.seed), flush=True)


if __name__ == "__main__":
    main()

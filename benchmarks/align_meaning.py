"""Meaning as evidence, side by side with the words alone, on the MQM zh-en 2021 set.

Three measures, each run with `--semantic off` (the lexical aligner) and `auto` in the same run:

1. Across languages: the Chinese source of each article as one more document beside its 15
   English versions (blocks shuffled, some segments merged, as in `align_mqm.py`); zh/en segment
   links scored, and the English/English links too (precision must not drop).
2. Independent wording: ref-A and ref-B, two human translations made independently, as a pair
   per article, both re-cut: blocks shuffled, some adjacent segments merged into one sentence
   ("A; b"), some sentences split in two at "; " or ", and ".
3. Sensitivity: the zh/en F1 with the cross-language threshold moved by -0.1 and +0.1.
4. The seeds' paraphrase tier (`tests/data/seed_paraphrase.tsv`: links with few shared words,
   and look-alike pairs), the seeds loaded as `variance align seeds/` loads them.
5. The synthetic corpora of `synth.py` (10 and 200 versions by default), scored as `run.py`
   scores them: links between versions' places.
6. Cost: CPU seconds of the comparison `variance report seeds/` makes (artefacts and quotes
   included, rendering left out), vectors cached, the fewest of `--runs` runs, the variants
   taken in turn.

Each measure is given for the words alone, for meaning alone where the words left a sentence
unlinked (`meaning.CORROBORATE` off: the aligner before words and context corroborated
meaning), and for meaning corroborated (the default), in the same run.

Truth: two places report the same statement when they overlap the same segment; a place is a
member or a repeat by its exact spans, so a part of a merged sentence counts only its own
segment (as in `align_mqm.py`). Sockets
are refused for the run: nothing is downloaded. Run: python benchmarks/align_meaning.py
[--articles N] (vectors are cached, so a second run measures alignment, not encoding).
"""

from __future__ import annotations

import argparse
import random
import re
import socket
import sys
import time
from dataclasses import replace
from pathlib import Path

from align_mqm import corpus, gold_links, place_groups, predicted_links, prf, segments_of
from mqm import ROOT, articles, gold, versions

from variance.align import meaning
from variance.load import load_paths
from variance.model import Document, Options, Semantic
from variance.pipeline import compare_documents
from variance.text.segment import segment_document

SEED = 20219


def refuse_network() -> None:
    def refuse(*args, **kwargs):
        raise OSError("network refused during the benchmark")
    socket.socket.connect = refuse  # type: ignore[method-assign]
    socket.create_connection = refuse  # type: ignore[assignment]
    socket.getaddrinfo = refuse  # type: ignore[assignment]


def source_document(article: str):
    doc = next(d for d in gold()["docs"] if d["doc"] == article)
    text = (ROOT / doc["source_file"]).read_text(encoding="utf-8")
    spans = {seg["doc_seg_id"]: tuple(seg["source_span"]) for seg in doc["segments"]}
    return segment_document(Document(id="zh-source", path="zh", text=text, sha256="")), spans


def recut(version, rng: random.Random):
    """Blocks of 1-3 segments shuffled; a fifth of adjacent pairs merged into one sentence with
    "; "; a fifth of segments with "; " or ", and " split there into two sentences."""
    segs = sorted(version.spans)
    blocks, i = [], 0
    while i < len(segs):
        size = rng.randint(1, 3)
        blocks.append(segs[i:i + size])
        i += size
    rng.shuffle(blocks)
    text, spans = "", {}
    for block in blocks:
        line = ""
        for k, seg in enumerate(block):
            s, e = version.spans[seg]
            piece = version.text[s:e].strip()
            m = re.search(r"; |, and ", piece)
            if m and rng.random() < 0.2:
                rest = piece[m.end():]
                piece = piece[:m.start()] + ". " + rest[:1].upper() + rest[1:]
            if k and line.endswith(".") and rng.random() < 0.2:
                line = line[:-1] + "; "
                piece = piece[:1].lower() + piece[1:]
            elif k:
                line += " "
            start = len(text) + (1 if text else 0) + len(line)
            line += piece
            spans[seg] = (start, start + len(piece))
        text += ("\n" if text else "") + line
    return text + "\n", spans


def links_of(comparison, spans, only=None):
    """Links between the gold segments that the statements' places (members and repeats, by
    their exact spans, as `align_mqm.py` scores them) overlap."""
    groups, place_segs = place_groups(comparison, spans)
    return {x for x in predicted_links(groups, place_segs) if only is None or only(x)}


def across(names, rng_seed: int, modes) -> dict:
    """zh/en and en/en links per mode, plus the zh/en F1 at other thresholds."""
    zh = lambda link: "zh-source" in (link[0], link[2])
    out = {m: {"zh": [set(), set()], "en": [set(), set()], "s": 0.0} for m in modes}
    for name in names:
        docs, spans = corpus(name, random.Random(f"{rng_seed}:{name}"))
        source, source_spans = source_document(name)
        docs.append(source)
        spans[source.id] = source_spans
        segs = {d.id: segments_of(d, spans[d.id]) for d in docs}
        truth = gold_links(docs, segs)
        for mode in modes:
            comparison, seconds = compare_as(mode, docs)
            out[mode]["s"] += seconds
            found = links_of(comparison, spans)
            for part, keep in (("zh", zh), ("en", lambda x: not zh(x))):
                out[mode][part][0] |= {(name,) + x for x in found if keep(x)}
                out[mode][part][1] |= {(name,) + x for x in truth if keep(x)}
    return out


def independent(names, rng_seed: int, modes) -> dict:
    out = {m: [set(), set(), 0.0] for m in modes}
    for name in names:
        rng = random.Random(f"{rng_seed}:{name}")
        docs, spans = [], {}
        for v in versions(name):
            if v.system in ("ref-A", "ref-B"):
                text, sp = recut(v, rng)
                docs.append(segment_document(Document(id=v.system, path=v.system, text=text, sha256="")))
                spans[v.system] = sp
        segs = {d.id: segments_of(d, spans[d.id]) for d in docs}
        truth = gold_links(docs, segs)
        for mode in modes:
            comparison, seconds = compare_as(mode, docs)
            out[mode][2] += seconds
            out[mode][0] |= {(name,) + x for x in links_of(comparison, spans)}
            out[mode][1] |= {(name,) + x for x in truth}
    return out


OPTIONS = Options(artefacts=False, quotes=False)
VARIANTS = (("words alone", Semantic.OFF, True), ("meaning alone", Semantic.AUTO, False),
            ("meaning corroborated", Semantic.AUTO, True))
"""(label, --semantic, meaning.CORROBORATE) of each column compared."""
SEEDS = Path(__file__).resolve().parents[1] / "seeds"
TIER = Path(__file__).resolve().parents[1] / "tests" / "data" / "seed_paraphrase.tsv"


def compare_as(variant, docs):
    """The comparison of `docs` made as `variant` says, and its CPU seconds."""
    _, mode, corroborate = variant
    meaning.CORROBORATE = corroborate
    t = time.process_time()
    try:
        return compare_documents(docs, replace(OPTIONS, semantic=mode)), time.process_time() - t
    finally:
        meaning.CORROBORATE = True


def seed_tier() -> dict:
    """Precision, recall and the pairs got wrong on the seeds' paraphrase tier, per variant."""
    sys.path.insert(0, str(TIER.parents[1]))
    from seedgold import read_gold, score

    docs = load_paths([str(SEEDS)], OPTIONS)
    tier = read_gold(TIER)
    return {v: score(compare_as(v, docs)[0], tier) for v in VARIANTS}


def row(label: str, pred: set, truth: set, seconds: float | None = None) -> str:
    p, r, f = prf(pred, truth)
    tail = f" {seconds:>8.1f}" if seconds is not None else ""
    return f"{label:<34} {p:>9.4f} {r:>7.4f} {f:>6.4f} {len(pred):>7}{tail}"


def synthetic(sizes) -> dict:
    """Precision, recall, F1 and CPU seconds per variant on the synthetic corpus of each size."""
    import json
    import tempfile

    from synth import DEFAULT_SEED, write_corpus
    from synth_score import load_places, place_pairs, score_pairs
    from synth_score import prf as synth_prf

    from variance.render.json_out import comparison_to_json

    out = {}
    with tempfile.TemporaryDirectory() as work:
        for n in sizes:
            texts = write_corpus(Path(work) / f"n{n}", n, DEFAULT_SEED)
            gold = json.loads((Path(work) / f"n{n}" / "gold.json").read_text(encoding="utf-8"))
            docs = load_paths([str(texts)], OPTIONS)
            for v in VARIANTS:
                comparison, seconds = compare_as(v, docs)
                result = json.loads(json.dumps(comparison_to_json(comparison)))
                places, groups = load_places(result, gold, texts)
                out[(n, v)] = synth_prf(*score_pairs(places, place_pairs(groups)), places.gold_links()) + (seconds,)
    return out


def seed_cost(runs: int) -> dict:
    """Fewest CPU seconds of the seeds' full comparison per variant (vectors cached)."""
    from variance.model import Options as Full

    docs = load_paths([str(SEEDS)], Full())
    best = {v: float("inf") for v in VARIANTS}
    for v in VARIANTS:  # a first pass fills the vector cache and imports everything
        compare_full(v, docs)
    for _ in range(runs):
        for v in VARIANTS:
            best[v] = min(best[v], compare_full(v, docs))
    return best


def compare_full(variant, docs) -> float:
    from variance.model import Options as Full

    _, mode, corroborate = variant
    meaning.CORROBORATE = corroborate
    t = time.process_time()
    try:
        compare_documents(docs, Full(semantic=mode))
        return time.process_time() - t
    finally:
        meaning.CORROBORATE = True


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=0, help="only the first N articles")
    ap.add_argument("--synth", default="10,200", help="sizes of the synthetic corpora (none: 0)")
    ap.add_argument("--runs", type=int, default=5, help="runs of the seeds' comparison for its cost")
    args = ap.parse_args()
    refuse_network()
    names = articles()[: args.articles or None]
    head = f"{'':<34} {'precision':>9} {'recall':>7} {'F1':>6} {'links':>7} {'CPU s':>8}"
    print("6. Cost of the seeds' comparison (report seeds/ without rendering), vectors cached")
    for v, seconds in seed_cost(args.runs).items():
        print(f"{v[0]:<34} {seconds:>8.2f} s CPU (fewest of {args.runs})")
    print()
    sizes = [int(n) for n in args.synth.split(",") if int(n)]
    if sizes:
        print("5. Synthetic versions (synth.py)")
        print(f"{'':<34} {'precision':>9} {'recall':>7} {'F1':>6} {'CPU s':>8}")
        for (n, v), (p, r, f, seconds) in synthetic(sizes).items():
            print(f"{f'{n} versions, {v[0]}':<34} {p:>9.4f} {r:>7.4f} {f:>6.4f} {seconds:>8.1f}")
        print()
    print("4. The seeds' paraphrase tier")
    print(f"{'':<34} {'precision':>9} {'recall':>7} {'right':>6} {'wrong':>6} {'missed':>6}")
    for v, r in seed_tier().items():
        tp, fp, fn = r["counts"]
        print(f"{v[0]:<34} {r['precision']:>9.3f} {r['recall']:>7.3f} {tp:>6} {fp:>6} {fn:>6}")
    print(f"\nMQM zh-en 2021, {len(names)} articles (seed {SEED})\n")
    print("1. Chinese source beside the 15 English versions (shuffled, merged)")
    print(head)
    res = across(names, SEED, VARIANTS)
    for v in VARIANTS:
        print(row(f"zh/en links, {v[0]}", *res[v]["zh"], res[v]["s"]))
        print(row(f"en/en links, {v[0]}", *res[v]["en"]))
    print("\n2. ref-A and ref-B, independent translations, both re-cut")
    print(head)
    ind = independent(names, SEED, VARIANTS)
    for v in VARIANTS:
        print(row(f"links, {v[0]}", ind[v][0], ind[v][1], ind[v][2]))
    print("\n3. zh/en links with the cross-language threshold moved")
    print(head.rsplit(" ", 1)[0])
    base = meaning.ACROSS_MIN
    for delta in (-0.1, 0.1):
        meaning.ACROSS_MIN = round(base + delta, 2)
        res = across(names, SEED, VARIANTS[2:])
        print(row(f"ACROSS_MIN {meaning.ACROSS_MIN}", *res[VARIANTS[2]]["zh"]))
    meaning.ACROSS_MIN = base


if __name__ == "__main__":
    main()

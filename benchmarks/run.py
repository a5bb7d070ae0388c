"""Scale benchmark: `variance align --json` on synthetic syndication corpora of N versions.

For each N (default 10, 50, 200, 1000) the corpus from `synth.py` is written to a temporary
folder, `variance align --json` runs as a subprocess (wall time, peak RSS of that process) and its
statements are scored against the gold; a naive all-pairs baseline (rapidfuzz `fuzz.ratio` > 50
on `variance.normalize.fold`ed text, over the same sentences variance found, one worker) runs in
the same way until its estimated time passes the budget. The table goes to `benchmarks/RESULTS.md`.

Scoring, as in `align_mqm.py`, counts cross-document links between base-sentence ids. Gold: two
versions that both carry base sentence i make one link (A, B, i); an added local sentence counts
as its template's id. Predicted: every pair of sentences from two versions put in one statement
(variance) or scored > 50 (baseline); a pair that carries a common id i gives the link (A, B, i),
a pair that carries none gives a wrong link (A, i, B, j) for each id i of one and j of the other.
Both sets are deduplicated, so a split sentence matched twice counts once. Headlines (base id 0)
are shown, not aligned, and are left out.

Run: python benchmarks/run.py [--sizes 10,50,200,1000] [--profile 200,1000] [--no-write]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import pstats
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import ADDITIONS, DEFAULT_SEED, HEADLINE, write_corpus  # noqa: E402

__all__ = ["Corpus", "load_corpus", "score_pairs", "statement_pairs", "ceiling_pairs", "prf", "main"]

ADDITION_BIT = 40
"""Addition template t is unit ADDITION_BIT + t (the base story has ids 0..39)."""
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
TIMEOUT = 900


class Corpus:
    """The body sentences variance found, each with the gold units (bit mask) it overlaps."""

    def __init__(self, docs: list[str], doc_of: np.ndarray, mask: np.ndarray,
                 index: dict[tuple[str, int], int], texts: list[str]):
        self.docs, self.doc_of, self.mask, self.index, self.texts = docs, doc_of, mask, index, texts
        self.bits = _bit_table(mask)

    def gold_links(self) -> int:
        """Pairs of versions sharing a unit, summed over units."""
        total = 0
        for bit in range(64):
            has = (self.mask >> np.uint64(bit)) & np.uint64(1)
            n = len(np.unique(self.doc_of[has.astype(bool)]))
            total += n * (n - 1) // 2
        return total


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
    return Corpus(docs, np.array(doc_of, dtype=np.int64), np.array(masks, dtype=np.uint64), index, texts)


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
    """(right links, wrong links), each deduplicated, from chunks of (a, b) sentence pairs."""
    right, wrong = [], []
    n = np.int64(len(corpus.docs))
    for a, b in pairs:
        da, db = corpus.doc_of[a], corpus.doc_of[b]
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
        miss = inter == 0
        bits_a, bits_b, base = corpus.bits[a[miss]], corpus.bits[b[miss]], pair[miss] * 64
        for i in range(bits_a.shape[1]):
            for j in range(bits_b.shape[1]):
                ok = (bits_a[:, i] >= 0) & (bits_b[:, j] >= 0)
                wrong.append(np.unique((base + bits_a[:, i])[ok] * 64 + bits_b[:, j][ok]))
    count = lambda parts: len(np.unique(np.concatenate(parts))) if parts else 0  # noqa: E731
    return count(right), count(wrong)


def prf(right: int, wrong: int, gold: int) -> tuple[float, float, float]:
    p = right / (right + wrong) if right + wrong else 1.0
    r = right / gold if gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def measure(cmd: list[str], stdout: Path, timeout: float = TIMEOUT) -> tuple[float, int, int]:
    """Run `cmd` with stdout to a file: (wall seconds, peak RSS bytes, exit code; -9 on timeout)."""
    with open(stdout, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.PIPE)
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        sys.stderr.write(proc.stderr.read().decode(errors="replace")[-2000:])
    proc.stderr.close()
    return wall, usage.ru_maxrss * 1024, proc.returncode


def baseline_worker(source: Path, target: Path) -> None:
    """All pairs of sentences from different versions with fuzz.ratio > 50 on folded text."""
    from rapidfuzz import fuzz, process

    from variance.normalize import fold

    items = json.loads(source.read_text(encoding="utf-8"))
    doc = np.array([d for d, _ in items], dtype=np.int64)
    folded = [fold(t) for _, t in items]
    found_a, found_b = [], []
    for row in range(0, len(folded), 256):
        scores = process.cdist(folded[row:row + 256], folded[row:], scorer=fuzz.ratio,
                               score_cutoff=50, dtype=np.float32, workers=1)
        i, j = np.nonzero(scores > 50)
        i, j = i + row, j + row
        keep = (j > i) & (doc[i] != doc[j])
        found_a.append(i[keep])
        found_b.append(j[keep])
    np.save(target, np.stack([np.concatenate(found_a), np.concatenate(found_b)]))


def run_size(n: int, seed: int, work: Path, baseline: bool, report: bool) -> dict:
    folder = work / f"n{n}"
    texts = write_corpus(folder, n, seed)
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    row = {"n": n}
    wall, rss, code = measure([_variance(), "align", "--json", "-q", str(texts)], folder / "align.json")
    if code:
        raise SystemExit(f"variance align failed at N={n} (exit {code})")
    result = json.loads((folder / "align.json").read_text(encoding="utf-8"))
    corpus = load_corpus(result, gold, texts)
    gold_links = corpus.gold_links()
    right, wrong = score_pairs(corpus, statement_pairs(result, corpus))
    row.update(sentences=len(corpus.mask), gold=gold_links, time=wall, rss=rss,
               prf=prf(right, wrong, gold_links), statements=len(result["statements"]),
               ceiling=prf(*score_pairs(corpus, ceiling_pairs(corpus)), gold_links)[2])
    del result
    if report:
        row["report_time"], row["report_rss"], code = measure(
            [_variance(), "report", "-q", str(texts), "-o", str(folder / "report.html")], folder / "report.out")
        row["report_bytes"] = (folder / "report.html").stat().st_size if code == 0 else None
    if baseline:
        items = [[int(d), t] for d, t in zip(corpus.doc_of, corpus.texts)]
        (folder / "sentences.json").write_text(json.dumps(items), encoding="utf-8")
        wall, rss, code = measure([sys.executable, __file__, "--baseline-worker", str(folder / "sentences.json"),
                                   str(folder / "pairs.npy")], folder / "baseline.out")
        if code:
            raise SystemExit(f"baseline failed at N={n} (exit {code})")
        pairs = np.load(folder / "pairs.npy")
        chunks = ((pairs[0][i:i + 2_000_000], pairs[1][i:i + 2_000_000]) for i in range(0, pairs.shape[1], 2_000_000))
        right, wrong = score_pairs(corpus, chunks)
        row["baseline"] = {"time": wall, "rss": rss, "prf": prf(right, wrong, gold_links)}
    shutil.rmtree(folder)
    return row


def _variance() -> str:
    return str(Path(sys.executable).with_name("variance"))


def has_report() -> bool:
    probe = subprocess.run([_variance(), "report", "--help"], capture_output=True)
    return probe.returncode == 0


def profile(n: int, seed: int, work: Path, top: int = 15) -> str:
    """pyinstrument over `variance align --json` at N: the `top` functions by own time."""
    folder = work / f"profile{n}"
    texts = write_corpus(folder, n, seed)
    stats_path = folder / "align.pstats"
    subprocess.run([sys.executable, "-m", "pyinstrument", "-r", "pstats", "-o", str(stats_path),
                    _variance(), "align", "--json", "-q", str(texts)], stdout=subprocess.DEVNULL, check=True)
    stats = pstats.Stats(str(stats_path)).stats
    rows = sorted(stats.items(), key=lambda kv: -kv[1][2])[:top]
    total = sum(v[2] for v in stats.values())
    lines = [f"Profile of variance align --json at N={n} (pyinstrument, {total:.1f} s sampled), "
             f"top {top} by own time:", f"{'own s':>7} {'total s':>8}  function"]
    for (path, line, func), (_, _, own, cum, _) in rows:
        where = path.split("site-packages/")[-1].split("/main/")[-1]
        lines.append(f"{own:>7.2f} {cum:>8.2f}  {func} ({where}:{line})")
    shutil.rmtree(folder)
    return "\n".join(lines)


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown CPU")
    mem = next((int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), 0)
    from variance import __version__

    return (f"{os.cpu_count()} cores ({cpu}), {mem / 1024 ** 2:.0f} GB RAM, "
            f"Python {platform.python_version()}, {platform.system()} {platform.machine()}, variance {__version__}")


def table(rows: list[dict], report: bool) -> list[str]:
    head = ["N", "sentences", "gold links", "variance s", "peak RSS MB", "P", "R", "F1", "ceiling F1"]
    head += ["report s", "report RSS MB", "report MB"] if report else []
    head += ["baseline s", "baseline RSS MB", "baseline P", "baseline R", "baseline F1", "variance/baseline time"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        cells = [f"{r['n']:,}", f"{r['sentences']:,}", f"{r['gold']:,}", f"{r['time']:.2f}",
                 f"{r['rss'] / 2 ** 20:.0f}", *(f"{x:.4f}" for x in r["prf"]), f"{r['ceiling']:.4f}"]
        if report:
            cells += [f"{r['report_time']:.2f}", f"{r['report_rss'] / 2 ** 20:.0f}",
                      f"{r['report_bytes'] / 2 ** 20:.1f}" if r["report_bytes"] else "failed"]
        b = r.get("baseline")
        cells += ([f"{b['time']:.2f}", f"{b['rss'] / 2 ** 20:.0f}", *(f"{x:.4f}" for x in b["prf"]),
                   f"{r['time'] / b['time']:.2f}"] if b else
                  [f"not run (estimated {r['estimate']:.0f} s)", "", "", "", "", ""])
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def ratios(rows: list[dict]) -> list[str]:
    """Growth of variance's time between sizes: linear would be the ratio of sizes."""
    out = []
    for small, large in zip(rows, rows[1:]):
        out.append(f"- time({large['n']:,}) / time({small['n']:,}) = {large['time'] / small['time']:.2f} "
                   f"(sizes ×{large['n'] / small['n']:g}, all pairs ×{(large['n'] / small['n']) ** 2:g})")
    by_n = {r["n"]: r for r in rows}
    if 200 in by_n and 1000 in by_n:
        out.append(f"- target: time(1,000) ≤ 7 × time(200): "
                   f"{by_n[1000]['time'] / by_n[200]['time']:.2f} ×")
    return out


def write_results(rows: list[dict], command: str, report: bool, seed: int, profiles: list[str]) -> str:
    lines = ["# Scale benchmark", "",
             "Synthetic syndication corpora (`benchmarks/synth.py`, base story seed 001, "
             f"seed {seed}); see `benchmarks/README.md` for what is varied and how links are scored.", "",
             f"Machine: {machine()}.", "", f"Command: `{command}`", "", *table(rows, report), "",
             "Time growth of `variance align --json`:", "", *ratios(rows), ""]
    if not report:
        lines += ["`variance report` was not available when this ran, so it has no column.", ""]
    lines += ["Baseline: all cross-version sentence pairs with rapidfuzz `fuzz.ratio` > 50 on folded text, "
              "computed with `process.cdist`, one worker. Times are wall seconds of one run, start-up "
              "included; peak RSS is the process's maximum resident set.", ""]
    for text in profiles:
        lines += ["```", text, "```", ""]
    return "\n".join(lines)


def _sizes(text: str) -> list[int]:
    try:
        sizes = sorted({int(x) for x in text.split(",") if x.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected sizes like 10,50,200, got {text!r}") from None
    if any(n < 2 for n in sizes):
        raise argparse.ArgumentTypeError("every size must be at least 2 versions")
    return sizes


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=_sizes, default=[10, 50, 200, 1000], help="numbers of versions, e.g. 10,50")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--budget", type=float, default=120.0,
                    help="run the baseline only while its estimated time (quadratic) is within this, s")
    ap.add_argument("--profile", type=_sizes, default=[], help="sizes to profile with pyinstrument, e.g. 200,1000")
    ap.add_argument("--no-write", action="store_true", help=f"print only; do not write {RESULTS.name}")
    ap.add_argument("--baseline-worker", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.baseline_worker:
        baseline_worker(*args.baseline_worker)
        return
    report = has_report()
    rows, measured, profiles = [], None, []
    with tempfile.TemporaryDirectory(prefix="variance-scale-") as tmp:
        for n in args.sizes:
            estimate = measured[1] * (n / measured[0]) ** 2 if measured else 0.0
            row = run_size(n, args.seed, Path(tmp), estimate <= args.budget, report)
            if "baseline" in row:
                measured = (n, row["baseline"]["time"])
            else:
                row["estimate"] = estimate
            rows.append(row)
            print(f"N={n}: {row['time']:.2f} s, {row['rss'] / 2 ** 20:.0f} MB, "
                  f"F1 {row['prf'][2]:.4f}", file=sys.stderr)
        for n in args.profile:
            profiles.append(profile(n, args.seed, Path(tmp)))
            print(profiles[-1], file=sys.stderr)
    command = " ".join(["python benchmarks/run.py", *sys.argv[1:]])
    text = write_results(rows, command, report, args.seed, profiles)
    print(text)
    if not args.no_write:
        RESULTS.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()

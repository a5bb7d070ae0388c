"""Scale benchmark: `variance align --json` on synthetic syndication corpora of N versions.

For each N (default 10, 50, 200, 1000) the corpus from `synth.py` is written to a temporary
folder, `variance align --json` runs as a subprocess (wall and CPU time, peak memory of its
process tree) and its statements are scored against the gold (`synth_score.py`: P/R/F1 of links
between versions). When `variance report` exists it is timed too, and the largest report is opened
in headless Chromium. A naive all-pairs baseline (rapidfuzz `fuzz.ratio` > 50 on
`variance.text.normalize.fold`ed text, over the same sentences variance found, one worker) runs the
same way while its estimated time stays within the budget. Tables go to `benchmarks/RESULTS.md`.

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
from synth import BASE_PATH, DEFAULT_SEED, write_corpus
from synth_score import Corpus, ceiling_pairs, load_corpus, load_places, place_pairs, prf, score_pairs

__all__ = ["measure", "run_size", "profile", "main"]

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
TIMEOUT = 900


class TreeMemory(threading.Thread):
    """Peak summed PSS of a process and its descendants (variance diffs on a process pool),
    sampled every `interval` seconds."""

    def __init__(self, pid: int, interval: float = 0.05):
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak, self.done = pid, interval, 0, threading.Event()

    def run(self) -> None:
        while not self.done.wait(self.interval):
            tree = _tree(self.pid)
            self.peak = max(self.peak, sum(_pss(p) for p in tree), *(_hwm(p) for p in tree))


def _tree(root: int) -> list[int]:
    parent = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
    tree, grew = {root}, True
    while grew:
        grew = {pid for pid, ppid in parent.items() if ppid in tree} - tree
        tree |= grew
    return sorted(tree)


def _proc_bytes(pid: int, file: str, field: str) -> int:
    """A size field (in kB) of one of a process's /proc files, in bytes; 0 once it is gone."""
    try:
        lines = Path(f"/proc/{pid}/{file}").read_text().splitlines()
    except OSError:
        return 0
    return next((int(line.split()[1]) * 1024 for line in lines if line.startswith(field)), 0)


def _pss(pid: int) -> int:
    """A process's proportional share of resident memory now."""
    return _proc_bytes(pid, "smaps_rollup", "Pss:")


def _hwm(pid: int) -> int:
    """A process's peak resident memory since its exec (VmHWM)."""
    return _proc_bytes(pid, "status", "VmHWM:")


def measure(cmd: list[str], stdout: Path, timeout: float = TIMEOUT, env: dict | None = None) -> dict:
    """Run `cmd`, stdout to a file: wall and CPU seconds, peak memory (the larger of the process
    tree's sampled PSS and the largest VmHWM of its processes: the peak since each one's exec,
    not the wait status's RSS, which counts this process's own memory in the child before its
    exec), exit code (-9 on timeout)."""
    with open(stdout, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.PIPE, env=env)
        timer, sampler = threading.Timer(timeout, proc.kill), TreeMemory(proc.pid)
        timer.start()
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        timer.cancel()
        sampler.done.set()
    code = os.waitstatus_to_exitcode(status)
    if code:
        sys.stderr.write(proc.stderr.read().decode(errors="replace")[-2000:])
    proc.stderr.close()
    return {"time": wall, "cpu": usage.ru_utime + usage.ru_stime, "code": code,
            "rss": sampler.peak}


def measure_best(cmd: list[str], stdout: Path, repeat: int) -> dict:
    """The fastest of `repeat` runs (wall and CPU time), with the highest peak memory of them all."""
    runs = [measure(cmd, stdout) for _ in range(repeat)]
    best = min(runs, key=lambda m: (m["code"] != 0, m["time"]))
    return {**best, "rss": max(m["rss"] for m in runs), "code": max(m["code"] for m in runs)}


def baseline_worker(source: Path, target: Path) -> None:
    """All pairs of sentences from different versions with fuzz.ratio > 50 on folded text."""
    from rapidfuzz import fuzz, process

    from variance.text.normalize import fold

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


def run_size(n: int, seed: int, work: Path, baseline: bool, report: bool, look: Path | None,
             repeat: int = 1) -> dict:
    """Write the corpus of N, time and score variance (and the report, and the baseline)."""
    folder = work / f"n{n}"
    texts = write_corpus(folder, n, seed)
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    row = measure_best([_variance(), "align", "--json", "-q", str(texts)], folder / "align.json", repeat)
    if row["code"]:
        raise SystemExit(f"variance align failed at N={n} (exit {row['code']})")
    result = json.loads((folder / "align.json").read_text(encoding="utf-8"))
    corpus = load_corpus(result, gold, texts)
    gold_links = corpus.gold_links()
    places, groups = load_places(result, gold, texts)
    row.update(n=n, sentences=len(corpus.mask), gold=gold_links, statements=len(result["statements"]),
               prf=prf(*score_pairs(places, place_pairs(groups)), gold_links),
               ceiling=prf(*score_pairs(corpus, ceiling_pairs(corpus)), gold_links)[2])
    del result, places, groups
    row["partition"] = run_partition(texts, folder, gold, gold_links)
    if report:
        html = folder / "report.html"
        row["report"] = measure([_variance(), "report", "-q", str(texts), "-o", str(html)], folder / "report.out")
        row["report"]["bytes"] = html.stat().st_size if row["report"]["code"] == 0 else 0
        if look and row["report"]["bytes"]:
            row["report"]["opens"] = open_report(html, look)
    if baseline:
        row["baseline"] = run_baseline(corpus, folder, gold_links)
    shutil.rmtree(folder)
    return row


def run_partition(texts: Path, folder: Path, gold: dict, gold_links: int) -> dict:
    """The aligner of JSON format 1 (whole sentences, one place each), as a baseline."""
    out = measure([_variance(), "align", "--json", "-q", "--whole-sentences", str(texts)],
                  folder / "partition.json")
    if out["code"]:
        raise SystemExit(f"variance align --whole-sentences failed (exit {out['code']})")
    places, groups = load_places(json.loads((folder / "partition.json").read_text(encoding="utf-8")),
                                 gold, texts)
    out["prf"] = prf(*score_pairs(places, place_pairs(groups)), gold_links)
    return out


def run_baseline(corpus: Corpus, folder: Path, gold_links: int) -> dict:
    items = [[int(d), t] for d, t in zip(corpus.doc_of, corpus.texts)]
    (folder / "sentences.json").write_text(json.dumps(items), encoding="utf-8")
    out = measure([sys.executable, __file__, "--baseline-worker", str(folder / "sentences.json"),
                   str(folder / "pairs.npy")], folder / "baseline.out")
    if out["code"]:
        raise SystemExit(f"baseline failed on {len(items):,} sentences (exit {out['code']})")
    pairs, step = np.load(folder / "pairs.npy"), 2_000_000
    chunks = ((pairs[0][i:i + step], pairs[1][i:i + step]) for i in range(0, pairs.shape[1], step))
    out["prf"] = prf(*score_pairs(corpus, chunks), gold_links)
    return out


def open_report(html: Path, screenshot: Path) -> dict:
    """Open the report in headless Chromium: seconds to first paint (None where Chromium
    recorded none) and to the load event, and to a filter answering (a change-kind button
    clicked, the count of statements changed), page errors, a screenshot."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium")
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        start = time.perf_counter()
        page.goto(html.as_uri(), wait_until="load", timeout=120_000)
        loaded = time.perf_counter() - start
        paint = page.evaluate("(performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime")
        before = page.eval_on_selector("#f-count", "e => e.value")
        page.click("#filters button.kind[data-kind='number']")
        page.wait_for_function(f"document.getElementById('f-count').value !== {json.dumps(before)}",
                               timeout=120_000)
        answered = time.perf_counter() - start
        page.screenshot(path=str(screenshot))
        browser.close()
    return {"load": loaded, "paint": paint / 1000 if paint else None, "interactive": answered, "errors": errors}


def opened_text(opens: dict | None) -> str:
    if not opens:
        return "not opened"
    paint = "first paint not recorded" if opens["paint"] is None else f"paint {opens['paint']:.2f} s"
    text = f"{paint}, load {opens['load']:.2f} s, filter answers {opens['interactive']:.2f} s"
    return text + (f", {len(opens['errors'])} page errors: {opens['errors'][0][:80]}" if opens["errors"] else "")


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
    rev = subprocess.run(["git", "describe", "--always", "--dirty"], capture_output=True, text=True,
                         cwd=Path(__file__).resolve().parent).stdout.strip() or "unknown"
    load = Path("/proc/loadavg").read_text().split()[0]
    return (f"{os.cpu_count()} cores ({cpu}), {mem / 1024 ** 2:.0f} GB RAM, Python {platform.python_version()}, "
            f"{platform.system()} {platform.machine()}; variance at git {rev}; load average {load} "
            f"when the run started (the machine is shared)")


def seeds_startup(runs: int = 5) -> dict[str, list[dict]]:
    """`variance --help`, `variance align seeds/` and `variance report seeds/ -o` (start-up
    included), `runs` times each, interleaved; each list fastest first."""
    seeds = str(BASE_PATH.parent)
    with tempfile.TemporaryDirectory() as tmp:
        commands = {"variance --help": [_variance(), "--help"],
                    "variance align seeds/": [_variance(), "align", "-q", seeds],
                    "variance report seeds/ -o r.html": [_variance(), "report", "-q", seeds, "-o", f"{tmp}/r.html"]}
        found: dict[str, list[dict]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, cmd in commands.items():
                found[name].append(measure(cmd, Path(tmp) / "out"))
    return {name: sorted(m, key=lambda m: m["time"]) for name, m in found.items()}


def _row(cells) -> str:
    return "| " + " | ".join(cells) + " |"


def tables(rows: list[dict]) -> list[str]:
    mb = lambda x: f"{x / 2 ** 20:,.0f}"
    head = ["N", "sentences", "gold links", "align s", "align CPU s", "align peak MB", "P", "R", "F1", "ceiling F1"]
    report = any("report" in r for r in rows)
    head += ["report s", "report CPU s", "report peak MB", "report size MB", "report in Chromium"] if report else []
    out = [_row(head), _row(["---"] * len(head))]
    for r in rows:
        cells = [f"{r['n']:,}", f"{r['sentences']:,}", f"{r['gold']:,}", f"{r['time']:.2f}", f"{r['cpu']:.2f}",
                 mb(r["rss"]), *(f"{x:.4f}" for x in r["prf"]), f"{r['ceiling']:.4f}"]
        if report:
            rep = r["report"]
            cells += [f"{rep['time']:.2f}", f"{rep['cpu']:.2f}", mb(rep["rss"]),
                      f"{rep['bytes'] / 2 ** 20:.1f}" if rep["bytes"] else f"failed (exit {rep['code']})",
                      opened_text(rep.get("opens"))]
        out.append(_row(cells))
    head = ["N", "whole sentences s", "CPU s", "peak MB", "P", "R", "F1"]
    out += ["", "The aligner of format 1 (`variance align --whole-sentences`) on the same corpora:", "",
            _row(head), _row(["---"] * len(head))]
    for r in rows:
        w = r["partition"]
        out.append(_row([f"{r['n']:,}", f"{w['time']:.2f}", f"{w['cpu']:.2f}", mb(w["rss"]),
                         *(f"{x:.4f}" for x in w["prf"])]))
    head = ["N", "baseline s", "baseline CPU s", "baseline peak MB", "P", "R", "F1", "variance/baseline wall",
            "variance/baseline CPU"]
    out += ["", _row(head), _row(["---"] * len(head))]
    for r in rows:
        b = r.get("baseline")
        out.append(_row([f"{r['n']:,}", f"{b['time']:.2f}", f"{b['cpu']:.2f}", mb(b["rss"]),
                         *(f"{x:.4f}" for x in b["prf"]), f"{r['time'] / b['time']:.2f}",
                         f"{r['cpu'] / b['cpu']:.2f}"] if b else
                        [f"{r['n']:,}", f"not run: estimated {r['estimate']:,.0f} s from the largest N run "
                         f"(quadratic)", "", "", "", "", "", "", ""]))
    return out


def ratios(rows: list[dict], key: str | None = None) -> list[str]:
    """Growth of variance's time between sizes (of `align`, or of `rows[i][key]`): linear
    would be the ratio of sizes."""
    pick = (lambda r: r) if key is None else (lambda r: r[key])
    rows = [r for r in rows if key is None or key in r]
    return [f"- {b['n']:,} / {a['n']:,} versions: wall ×{pick(b)['time'] / pick(a)['time']:.2f}, "
            f"CPU ×{pick(b)['cpu'] / pick(a)['cpu']:.2f} "
            f"(linear ×{b['n'] / a['n']:g}, all pairs ×{(b['n'] / a['n']) ** 2:g})" for a, b in zip(rows, rows[1:])]


def targets(rows: list[dict], seeds: dict[str, list[dict]]) -> list[str]:
    """Issue 17's targets, each with what was measured."""
    met = lambda ok: "met" if ok else "NOT met"
    by_n = {r["n"]: r for r in rows}
    out = [f"- F1 >= 0.97 at every size, every gold link scored: {met(all(r['prf'][2] >= 0.97 for r in rows))} "
           f"(lowest {min(r['prf'][2] for r in rows):.4f})",
           f"- precision within 0.01 of the whole-sentence aligner's: "
           f"{met(all(r['prf'][0] >= r['partition']['prf'][0] - 0.01 for r in rows))} "
           f"(largest loss {max(r['partition']['prf'][0] - r['prf'][0] for r in rows):+.4f})"]
    if 1000 in by_n:
        big = by_n[1000]
        out.append(f"- align at 1,000 under 5 s CPU: {met(big['cpu'] < 5)} ({big['cpu']:.1f} s CPU, "
                   f"{big['time']:.1f} s wall, {big['rss'] / 2 ** 30:.2f} GB)")
        if "report" in big:
            rep, opens = big["report"], big["report"].get("opens")
            out.append(f"- report at 1,000 under 10 s and 1 GB: {met(rep['time'] < 10 and rep['rss'] < 2 ** 30)} "
                       f"({rep['time']:.1f} s wall, {rep['cpu']:.1f} s CPU, {rep['rss'] / 2 ** 30:.2f} GB)")
            if opens:
                out.append(f"- its HTML under 8 MB and interactive within 2 s: "
                           f"{met(rep['bytes'] < 8 * 2 ** 20 and opens['interactive'] < 2 and not opens['errors'])} "
                           f"({rep['bytes'] / 2 ** 20:.1f} MB; {opened_text(opens)})")
        if 200 in by_n:
            small = by_n[200]
            for name, a, b in (("align", small, big), ("report", small.get("report"), big.get("report"))):
                if a and b:
                    out.append(f"- {name} time(1,000) <= 6 × time(200): {met(b['time'] / a['time'] <= 6)} "
                               f"(wall ×{b['time'] / a['time']:.2f}; CPU ×{b['cpu'] / a['cpu']:.2f})")
    limits = {"variance --help": 0.15, "variance align seeds/": 0.4, "variance report seeds/ -o r.html": 0.6}
    for name, found in seeds.items():
        mid, walls = found[len(found) // 2], ", ".join(f"{m['time']:.2f}" for m in found)
        out.append(f"- `{name}` under {limits[name]} s wall: {met(mid['time'] < limits[name])} "
                   f"(median of {len(found)}: {mid['time']:.2f} s wall, {mid['cpu']:.2f} s CPU; walls {walls})")
    return out


def write_results(rows: list[dict], command: str, seed: int, seeds: dict[str, list[dict]], profiles: list[str],
                  host: str) -> str:
    lines = ["# Scale benchmark", "",
             f"Synthetic syndication corpora (`benchmarks/synth.py`, base story seed 001, seed {seed}); "
             "`benchmarks/README.md` says what is varied and how links are scored.", "",
             f"Machine: {host}.", "", f"Command: `{command}`", "", *tables(rows), "",
             "Targets (issue 17; wall times on a shared machine move with its load, CPU seconds less so):", "",
             *targets(rows, seeds), "", "Growth of `variance align --json` time:", "",
             *ratios(rows), "", "Growth of `variance report` time:", "", *ratios(rows, "report"), "",
             f"Load average when the run ended: {Path('/proc/loadavg').read_text().split()[0]}.", ""]
    if not any("report" in r for r in rows):
        lines += ["`variance report` was not available when this ran, so it has no columns.", ""]
    lines += ["Align times are the fastest of `--repeat` runs (wall seconds, start-up included, and that "
              "run's CPU seconds, which add up every process); report and baseline times are one run. "
              "Peak memory is the larger of the process tree's summed PSS (sampled every 50 ms: "
              "variance diffs on a process pool) and the largest single process's peak since its start "
              "(VmHWM). Ceiling F1: "
              "every sentence under its first base sentence, the best any one-statement-per-sentence "
              "grouping scores (a merged sentence loses the links of its other half). Baseline: all "
              "cross-version pairs of the same sentences with rapidfuzz `fuzz.ratio` > 50 on folded "
              "text, by `process.cdist` on one worker.", ""]
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


def arguments() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=_sizes, default=[10, 50, 200, 1000], help="numbers of versions, e.g. 10,50")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--budget", type=float, default=120.0,
                    help="run the baseline only while its estimated time (quadratic) is within this, s")
    ap.add_argument("--repeat", type=int, default=3, help="runs of variance align per N; the fastest counts")
    ap.add_argument("--profile", type=_sizes, default=[], help="sizes to profile with pyinstrument, e.g. 200,1000")
    ap.add_argument("--screenshot", type=Path, help="save the largest report, as Chromium shows it, to this PNG")
    ap.add_argument("--no-write", action="store_true", help=f"print only; do not write {RESULTS.name}")
    ap.add_argument("--baseline-worker", nargs=2, type=Path, help=argparse.SUPPRESS)
    return ap.parse_args()


def main() -> None:
    args = arguments()
    if args.baseline_worker:
        baseline_worker(*args.baseline_worker)
        return
    report, host = has_report(), machine()
    rows, measured, profiles = [], None, []
    with tempfile.TemporaryDirectory(prefix="variance-scale-") as tmp:
        for n in args.sizes:
            estimate = measured[1] * (n / measured[0]) ** 2 if measured else 0.0
            look = (args.screenshot or Path(tmp) / "report.png") if n == args.sizes[-1] else None
            row = run_size(n, args.seed, Path(tmp), estimate <= args.budget, report, look, args.repeat)
            if "baseline" in row:
                measured = (n, row["baseline"]["time"])
            else:
                row["estimate"] = estimate
            rows.append(row)
            print(f"N={n}: {row['time']:.2f} s, {row['rss'] / 2 ** 20:.0f} MB, F1 {row['prf'][2]:.4f}", file=sys.stderr)
        profiles = [profile(n, args.seed, Path(tmp)) for n in args.profile]
    seeds = seeds_startup() if report else {}
    command = " ".join(["python benchmarks/run.py", *sys.argv[1:]])
    text = write_results(rows, command, args.seed, seeds, profiles, host)
    print(text)
    if not args.no_write:
        RESULTS.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()

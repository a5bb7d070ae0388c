"""Does the parallelism policy (`variance.parallel`) pay? `variance report` with it and in one
process (`VARIANCE_PROCESSES=1`), interleaved, on the seeds and on synthetic corpora.

Run: python benchmarks/parallel.py [--sizes 200,1000] [--repeat 3]

Prints one markdown table: per corpus and mode the median wall and CPU seconds (all processes)
and the peak memory, and the ratio of the two modes' walls. On a shared machine read the ratio
of runs made side by side, and the load average printed with it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import _sizes, _variance, measure
from synth import BASE_PATH, DEFAULT_SEED, write_corpus

__all__ = ["compare_modes", "main"]

MODES = {"forks (default)": None, "one process": "1"}


def compare_modes(folder: Path, work: Path, repeat: int) -> dict[str, list[dict]]:
    """`variance report -q folder` in each mode, `repeat` times, the modes interleaved."""
    runs: dict[str, list[dict]] = {mode: [] for mode in MODES}
    for _ in range(repeat):
        for mode, value in MODES.items():
            env = {k: v for k, v in os.environ.items() if k != "VARIANCE_PROCESSES"}
            if value:
                env["VARIANCE_PROCESSES"] = value
            out = measure([_variance(), "report", "-q", str(folder), "-o", str(work / "r.html")],
                          work / "out", env=env)
            if out["code"]:
                raise SystemExit(f"variance report failed on {folder} (exit {out['code']})")
            runs[mode].append(out)
    return runs


def rows(name: str, runs: dict[str, list[dict]]) -> list[str]:
    walls = {mode: statistics.median(r["time"] for r in found) for mode, found in runs.items()}
    one = walls["one process"]
    out = []
    for mode, found in runs.items():
        cpu = statistics.median(r["cpu"] for r in found)
        peak = max(r["rss"] for r in found) / 2 ** 20
        out.append(f"| {name} | {mode} | {walls[mode]:.2f} | {cpu:.2f} | {peak:,.0f} | "
                   f"{walls[mode] / one:.2f} |")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=_sizes, default=[200, 1000])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    lines = [f"load average {Path('/proc/loadavg').read_text().split()[0]} at the start, "
             f"{os.cpu_count()} cores; median of {args.repeat} interleaved runs", "",
             "| corpus | mode | report wall s | CPU s | peak MB | wall / one process |",
             "| --- | --- | --- | --- | --- | --- |"]
    with tempfile.TemporaryDirectory(prefix="variance-parallel-") as tmp:
        work = Path(tmp)
        lines += rows("seeds/", compare_modes(BASE_PATH.parent, work, args.repeat))
        for n in args.sizes:
            texts = write_corpus(work / f"n{n}", n, DEFAULT_SEED)
            lines += rows(f"{n:,} versions", compare_modes(texts, work, args.repeat))
    lines.append(f"\nload average {Path('/proc/loadavg').read_text().split()[0]} at the end")
    print("\n".join(lines))


if __name__ == "__main__":
    main()

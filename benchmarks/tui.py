"""The terminal UI at scale: seconds from a finished comparison to the first screen, and how
long each key takes to answer, driven by Textual's Pilot (a benchmark, never a test).

Run: python benchmarks/tui.py [--sizes 200,1000] [--size 160x48]

For each N the synthetic corpus (`synth.py`) is compared once (that time is not counted); the app
is then given the comparison, and we time: the first screen (app start to the statement list
drawn), then each key of a short tour (j, k, the six screens, back to statements, c, /), one at a
time, from the press to the screen settling (`pilot.pause()` after the key). Prints one markdown
table per N: key, seconds (median of `--repeat` presses), and whether it is within 100 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import _sizes
from synth import DEFAULT_SEED, write_corpus

__all__ = ["tour", "main"]

KEYS = ["j", "j", "k", "2", "3", "4", "5", "6", "1", "c", "c", "j"]
"""Down, down, up; each screen in turn; back to the statements; cosmetic off and on; down."""


async def tour(comparison, size: tuple[int, int], repeat: int) -> tuple[float, list[tuple[str, float]]]:
    from variance.tui import make_app

    app = make_app(comparison=comparison)
    start = time.perf_counter()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        first = time.perf_counter() - start
        timings: list[tuple[str, float]] = []
        for _ in range(repeat):
            for key in KEYS:
                t = time.perf_counter()
                await pilot.press(key)
                await pilot.pause()
                timings.append((key, time.perf_counter() - t))
    return first, timings


def table(n: int, first: float, timings: list[tuple[str, float]]) -> list[str]:
    lines = [f"N={n:,}: first screen {first:.2f} s after the comparison ({'within' if first <= 3 else 'over'} 3 s)",
             "", "| key | median s | slowest s | within 100 ms |", "| --- | --- | --- | --- |"]
    by_key: dict[str, list[float]] = {}
    for key, seconds in timings:
        by_key.setdefault(key, []).append(seconds)
    for key, values in by_key.items():
        mid = statistics.median(values)
        lines.append(f"| {key} | {mid:.3f} | {max(values):.3f} | {'yes' if mid <= 0.1 else 'no'} |")
    return lines + [""]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=_sizes, default=[200, 1000])
    ap.add_argument("--size", default="160x48", help="terminal columns x rows")
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    cols, rows = (int(x) for x in args.size.split("x"))
    from variance.model import Options
    from variance.pipeline import compare

    lines = [f"load average {Path('/proc/loadavg').read_text().split()[0]} at the start", ""]
    with tempfile.TemporaryDirectory(prefix="variance-tui-") as tmp:
        for n in args.sizes:
            texts = write_corpus(Path(tmp) / f"n{n}", n, DEFAULT_SEED)
            comparison = compare([str(texts)], Options())
            first, timings = asyncio.run(tour(comparison, (cols, rows), args.repeat))
            lines += table(n, first, timings)
    lines.append(f"load average {Path('/proc/loadavg').read_text().split()[0]} at the end")
    print("\n".join(lines))


if __name__ == "__main__":
    main()

"""The terminal UI at scale: seconds from a finished comparison to the first screen, and how
long each key takes to answer, driven by Textual's Pilot (a benchmark, never a test).

Run: python benchmarks/tui.py [--sizes 200,1000] [--size 160x48] [--repeat 1] [--keys all|tour]
     python benchmarks/tui.py --comparison FILE.pickle     (a comparison pickled beforehand)

For each N the synthetic corpus (`synth.py`) is compared once (that time is not counted); the app
is then given the comparison, and we time the first screen (app start to the statement list
drawn), then, on every screen (`1`..`7`), every key the help lists (`VarianceApp.key_rows`, the
same keys `tests/tui/test_tui_every_key.py` presses), one at a time, from the press to the
screen settling (`pilot.pause()` after the key, which waits for the app to go idle, so a key
whose work runs in a worker is timed until that work has posted its result). A key that opens
a dialog is timed to the dialog drawn, and the `escape` that closes it is timed too. Before each
key the screen's own key is pressed again (not timed) so every key starts on its screen.
`pilot.pause()` sleeps at least one 20 ms slice: no key reads faster than that.

Prints, per N, the first screen and one markdown table of the keys: median and slowest answer
over the screens and repeats, and whether the slowest is within 100 ms; then the slowest keys.
"""

from __future__ import annotations

import argparse
import asyncio
import pickle
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import _sizes
from synth import DEFAULT_SEED, write_corpus

__all__ = ["tour", "main", "help_keys"]

SCREENS = ["1", "2", "3", "4", "5", "6", "7"]
TOUR = ["j", "j", "k", "2", "3", "4", "5", "6", "1", "c", "c", "j"]
"""The short tour of the first version of this benchmark: down, down, up; each screen in turn;
back to the statements; cosmetic off and on; down."""
_NAMES = {"?": "question_mark", "/": "slash", "[": "left_square_bracket",
          "]": "right_square_bracket", "↑": "up", "↓": "down", "⏎": "enter", "esc": "escape",
          "space": "space", "tab": "tab"}


def help_keys(app) -> list[str]:
    """The keys the help screen lists, as Pilot names them (quitting left out)."""
    keys: list[str] = []
    for _, key, what in app.key_rows():
        name = _NAMES.get(key, key.lower().replace("^", "ctrl+"))
        if name not in keys and name != "q" and not what.lower().startswith("quit"):
            keys.append(name)
    return keys


async def _timed(pilot, key: str) -> float:
    t = time.perf_counter()
    await pilot.press(key)
    await pilot.pause()
    return time.perf_counter() - t


async def _settle(app, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def tour(comparison, size: tuple[int, int], repeat: int,
               keys: str = "all") -> tuple[float, list[tuple[str, str, float]]]:
    """(first screen seconds, [(screen, key, seconds)])."""
    from variance.tui import make_app

    app = make_app(comparison=comparison)
    start = time.perf_counter()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        first = time.perf_counter() - start
        timings: list[tuple[str, str, float]] = []
        for _ in range(repeat):
            if keys == "tour":
                for key in TOUR:
                    timings.append(("tour", key, await _timed(pilot, key)))
                continue
            for screen in SCREENS:
                timings.append((screen, screen, await _timed(pilot, screen)))
                await _settle(app, pilot)
                for key in help_keys(app):
                    await pilot.press(screen)
                    await _settle(app, pilot)
                    timings.append((screen, key, await _timed(pilot, key)))
                    while app.screen.is_modal:          # a dialog the key opened: close it
                        timings.append((screen, "escape", await _timed(pilot, "escape")))
                    await _settle(app, pilot)
        await pilot.press("q")
    return first, timings


def table(n: int, first: float, timings: list[tuple[str, str, float]]) -> list[str]:
    lines = [f"N={n:,}: first screen {first:.2f} s after the comparison "
             f"({'within' if first <= 3 else 'over'} 3 s)", "",
             "| key | presses | median s | slowest s | slowest on screen | within 100 ms |",
             "| --- | --- | --- | --- | --- | --- |"]
    by_key: dict[str, list[tuple[float, str]]] = {}
    for screen, key, seconds in timings:
        by_key.setdefault(key, []).append((seconds, screen))
    for key, values in by_key.items():
        mid = statistics.median(s for s, _ in values)
        worst, where = max(values)
        lines.append(f"| {key} | {len(values)} | {mid:.3f} | {worst:.3f} | {where} | "
                     f"{'yes' if worst <= 0.1 else 'no'} |")
    every = [s for _, _, s in timings]
    lines += ["", f"all keys: {len(every)} presses, median {statistics.median(every):.3f} s, "
                  f"slowest {max(every):.3f} s, {sum(s > 0.1 for s in every)} over 100 ms", ""]
    slow = sorted(timings, key=lambda t: -t[2])[:8]
    lines.append("slowest: " + ", ".join(f"{key} on {screen} {s:.2f} s" for screen, key, s in slow))
    return lines + [""]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=_sizes, default=[200, 1000])
    ap.add_argument("--size", default="160x48", help="terminal columns x rows")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--keys", choices=["all", "tour"], default="all")
    ap.add_argument("--comparison", action="append", default=[],
                    help="a pickled Comparison to show instead of comparing a synthetic corpus")
    args = ap.parse_args()
    cols, rows = (int(x) for x in args.size.split("x"))
    from variance.model import Options
    from variance.pipeline import compare

    lines = [f"load average {Path('/proc/loadavg').read_text().split()[0]} at the start", ""]
    runs = []
    if args.comparison:
        for path in args.comparison:
            runs.append(pickle.loads(Path(path).read_bytes()))
    with tempfile.TemporaryDirectory(prefix="variance-tui-") as tmp:
        if not runs:
            for n in args.sizes:
                runs.append(compare([str(write_corpus(Path(tmp) / f"n{n}", n, DEFAULT_SEED))],
                                    Options()))
        for comparison in runs:
            first, timings = asyncio.run(tour(comparison, (cols, rows), args.repeat, args.keys))
            lines += table(len(comparison.documents), first, timings)
    lines.append(f"load average {Path('/proc/loadavg').read_text().split()[0]} at the end")
    print("\n".join(lines))


if __name__ == "__main__":
    main()

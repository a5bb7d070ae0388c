"""The terminal UI at scale: seconds from a finished comparison to the first screen, and how
long each key takes to answer, driven by Textual's Pilot (a benchmark, never a test).

Run: python benchmarks/tui.py [--sizes 200,1000] [--size 160x48] [--repeat 1] [--keys all|own|tour]
     python benchmarks/tui.py --comparison FILE.pickle     (a comparison pickled beforehand)
     python benchmarks/tui.py --baseline OTHER_TREE ...   (another checkout's variance beside this
                                                        one's, in the same run, on the same comparison)

For each N the synthetic corpus (`synth.py`) is compared once (that time is not counted); the app
is then given the comparison, and we time the first screen (app start to the statement list's
first frame, and to the app idle with the lookups its worker works out; then, where the app
builds the other screens ahead while the first is read, the time until they are built, not
counted in any key), then, on every screen (`1`..`7`), every key the help lists
(`VarianceApp.key_rows`, the same keys `tests/tui/test_tui_every_key.py` presses), one at a time, from the press to the
screen settling (`pilot.pause()` after the key, which waits for the app to go idle, so a key
whose work runs in a worker is timed until that work has posted its result). A key that opens
a dialog is timed to the dialog drawn, and the `escape` that closes it is timed too. Before each
key the screen's own key is pressed again (not timed) so every key starts on its screen.
`pilot.pause()` waits until the process's CPU clock stands still for one 20 ms slice (or 1 s
has passed): no key reads faster than 20 ms, and a key whose worker computes for longer than a
second is timed to that second. Each key is
also timed to the first frame drawn after the press (the answer the user sees: the dialog, the
other screen, the first screenful of a long list, a loading indicator while a worker ranks).
Notifications are cleared before each key, so that no toast of an earlier key expires in its
time and draws a frame that would read as its answer.

Then, unless `--keys tour`, `escape` is pressed 0.1 s after each of `l`, `m`, `u`, while the
worker still finds the dialog's options, and timed to the first frame without the dialog.

With `--keys own`, each screen gets only the keys that work there (its own and the ones that
work everywhere). Prints, per N, the first screen and one markdown table of the keys: median
and slowest answer over the screens and repeats, in wall seconds and in CPU seconds of the
process (on a shared machine the wall time stretches with the load; the CPU time is what the
app spends); then the keys that cost most.

With `--baseline OTHER_TREE` each comparison is pickled once and measured by two child
processes of this script, one after the other: the other checkout's `variance` first
(`PYTHONPATH=OTHER_TREE`), then this one's; both tables are printed, and a summary of the two
side by side (the keys over 100 ms to their answer and to settled, the slowest of each).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import pickle
import statistics
import subprocess
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


_SCREEN_OF = {"statements": "1", "statement list": "1", "statement detail": "1", "coverage": "2",
              "document": "3", "artefacts": "4", "quotes": "5", "omissions": "6", "decisions": "7"}
"""The screen each place of the help is on; "everywhere" and "lists and tables" are on all."""


def help_keys(app, screen: str | None = None) -> list[str]:
    """The keys the help screen lists, as Pilot names them (quitting left out); with `screen`,
    only those that work on it (its own and those that work everywhere)."""
    keys: list[str] = []
    for where, key, what in app.key_rows():
        if screen is not None and _SCREEN_OF.get(where, screen) != screen:
            continue
        name = _NAMES.get(key, key.lower().replace("^", "ctrl+"))
        if name not in keys and name != "q" and not what.lower().startswith("quit"):
            keys.append(name)
    return keys


_FRAMES: list[tuple[float, float, bool]] = []
"""(wall, CPU) clock of every frame the app has drawn, newest last, and whether a dialog was
on top."""
_SHOWN: list[tuple[float, float]] = []
"""(wall, CPU) clock of the first frame of the statements screen: the first screen drawn."""


def _record_frames(app) -> None:
    """Note the clocks each time the app draws a frame (`App._display`, called headless too)."""
    display = app._display

    def recorded(screen, renderable) -> None:
        if renderable is not None:
            _FRAMES.append((time.perf_counter(), time.process_time(), app.screen.is_modal))
            if not _SHOWN and app.current_mode == "statements":
                _SHOWN.append(_FRAMES[-1][:2])
        display(screen, renderable)

    app._display = recorded


async def _timed(pilot, key: str) -> tuple[float, float, float, float]:
    """(wall seconds, CPU seconds of this process, its threads included) from the press to
    the screen settled, then from the press to the first frame drawn after it (the answer the
    user sees; the same as settled when no frame was drawn)."""
    _FRAMES.clear()
    t, cpu = time.perf_counter(), time.process_time()
    await pilot.press(key)
    await pilot.pause()
    wall, spent = time.perf_counter() - t, time.process_time() - cpu
    first = (_FRAMES[0][0] - t, _FRAMES[0][1] - cpu) if _FRAMES else (wall, spent)
    return wall, spent, *first


RANKING = ("l", "m", "u")
"""Keys whose dialog shows a loading indicator while a worker finds its options."""
RANKING_WAIT = 0.1
"""Seconds after such a key before `escape` is pressed, while its worker still runs."""


async def _while_ranking(app, pilot, key: str) -> tuple[float, float, float, float]:
    """`escape` pressed `RANKING_WAIT` s after `key`, its worker still ranking (the keys are sent
    as a terminal sends them, without Pilot's wait for the app to go idle, which waits for the
    worker): (wall, CPU seconds) to settled, then to the first frame without the dialog."""
    from textual import events

    app._driver.send_message(events.Key(key, key))
    await asyncio.sleep(RANKING_WAIT)
    _FRAMES.clear()
    t, cpu = time.perf_counter(), time.process_time()
    app._driver.send_message(events.Key("escape", None))
    while not any(not modal for *_, modal in _FRAMES) and time.perf_counter() - t < 5:
        await asyncio.sleep(0.002)
    closed = next(((w - t, c - cpu) for w, c, modal in _FRAMES if not modal), (5.0, 5.0))
    await pilot.pause()
    return time.perf_counter() - t, time.process_time() - cpu, *closed


async def _settle(app, pilot) -> None:
    """Wait for the app to be idle, its workers done, and no notification left: a toast that
    expires later draws a frame of its own, which would read as the next key's answer."""
    app.clear_notifications()
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def tour(comparison, size: tuple[int, int], repeat: int, keys: str = "all"
               ) -> tuple[tuple[float, ...], list[tuple[str, str, float, float, float, float]]]:
    """((first screen wall, CPU seconds with its lookups worked out, then to its first frame),
    [(screen, key, wall, CPU seconds, and to the first frame)]); `keys` "all"
    presses every key of the help on every screen, "own" only the keys that work there."""
    from textual.pilot import Pilot

    from variance.tui import make_app

    wait = Pilot._wait_for_screen
    Pilot._wait_for_screen = lambda self, timeout=600.0: wait(self, timeout)  # type: ignore[method-assign]
    # a slow screen is measured, not abandoned after Pilot's 30 s
    app = make_app(comparison=comparison)
    _record_frames(app)
    _SHOWN.clear()
    start, cpu = time.perf_counter(), time.process_time()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        first = time.perf_counter() - start, time.process_time() - cpu
        drawn = (_SHOWN[0][0] - start, _SHOWN[0][1] - cpu) if _SHOWN else first
        first = (*first, *drawn)
        while not getattr(getattr(app, "ahead", None), "ready", True):   # the other screens
            await pilot.pause(0.05)                                      # built ahead
        await _settle(app, pilot)
        ahead = time.perf_counter() - start, time.process_time() - cpu
        if ahead[0] - first[0] > 0.1:
            print(f"the other screens built ahead {ahead[0]:.2f} s wall, {ahead[1]:.2f} s CPU "
                  "after the comparison", flush=True)
        timings: list[tuple[str, str, float, float, float, float]] = []
        for _ in range(repeat):
            if keys == "tour":
                for key in TOUR:
                    timings.append(("tour", key, *await _timed(pilot, key)))
                continue
            for screen in SCREENS:
                timings.append((screen, screen, *await _timed(pilot, screen)))
                await _settle(app, pilot)
                for key in help_keys(app, None if keys == "all" else screen):
                    await pilot.press(screen)
                    await _settle(app, pilot)
                    timings.append((screen, key, *await _timed(pilot, key)))
                    while app.screen.is_modal:          # a dialog the key opened: close it
                        timings.append((screen, "escape", *await _timed(pilot, "escape")))
                    await _settle(app, pilot)
            for key in RANKING:                     # escape while the dialog's worker ranks
                await pilot.press("1")
                await _settle(app, pilot)
                timings.append(("1", f"escape while {key} ranks", *await _while_ranking(app, pilot, key)))
                while app.screen.is_modal:
                    await pilot.press("escape")
                await _settle(app, pilot)
        await pilot.press("q")
    return first, timings


def table(n: int, first: tuple[float, ...], timings: list[tuple[str, str, float, float, float, float]]) -> list[str]:
    """Wall seconds on a shared machine stretch with its load; CPU seconds of the process
    (threads included) are what the app spends, and what to compare between runs. "answer" is
    from the press to the first frame drawn after it, "settled" to the app idle again (the
    rest of a long list filled in, a worker's result shown)."""
    lines = [f"N={n:,}: first screen drawn {first[2]:.2f} s wall, {first[3]:.2f} s CPU after the comparison; "
             f"with its lookups worked out {first[0]:.2f} s wall, {first[1]:.2f} s CPU",
             "", "| key | presses | answer CPU median s | answer CPU max s | settled CPU median s | "
             "settled CPU max s | settled wall median s | max on screen |",
             "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    by_key: dict[str, list[tuple[float, float, float, str]]] = {}
    for screen, key, wall, cpu, _first_wall, first_cpu in timings:
        by_key.setdefault(key, []).append((wall, cpu, first_cpu, screen))
    for key, values in by_key.items():
        worst = max(values, key=lambda v: v[1])
        lines.append(f"| {key} | {len(values)} | {statistics.median(v[2] for v in values):.3f} | "
                     f"{max(v[2] for v in values):.3f} | {statistics.median(v[1] for v in values):.3f} | "
                     f"{worst[1]:.3f} | {statistics.median(v[0] for v in values):.3f} | {worst[3]} |")
    cpus, answers = [t[3] for t in timings], [t[5] for t in timings]
    lines += ["", f"all keys: {len(timings)} presses; answer CPU median {statistics.median(answers):.3f} s, "
                  f"max {max(answers):.3f} s, {sum(c > 0.1 for c in answers)} over 100 ms; settled CPU median "
                  f"{statistics.median(cpus):.3f} s, max {max(cpus):.3f} s, {sum(c > 0.1 for c in cpus)} over 100 ms",
              ""]
    slow = sorted(timings, key=lambda t: -t[5])[:8]
    lines.append("slowest answers (CPU): " + ", ".join(f"{key} on {screen} {t[5]:.2f} s" for t in slow
                                                       for screen, key in [t[:2]]))
    over = [t for t in timings if t[5] > 0.1]
    lines += ["", "over 100 ms to the answer (CPU s, answer / settled): " + (", ".join(
        f"{key} on {screen} {t[5]:.2f} / {t[3]:.2f}" for t in over for screen, key in [t[:2]]) or "none")]
    return lines + [""]


def summary(timings: list) -> dict[str, object]:
    """The figures compared between two checkouts: keys over 100 ms to their answer and to
    settled, and the slowest of each (CPU seconds)."""
    answer = max(timings, key=lambda t: t[5])
    settled = max(timings, key=lambda t: t[3])
    return {"presses": len(timings), "answer_over": sum(t[5] > 0.1 for t in timings),
            "settled_over": sum(t[3] > 0.1 for t in timings),
            "answer_median": statistics.median(t[5] for t in timings),
            "settled_median": statistics.median(t[3] for t in timings),
            "answer_max": answer[5], "answer_max_key": f"{answer[1]} on {answer[0]}",
            "settled_max": settled[3], "settled_max_key": f"{settled[1]} on {settled[0]}"}


def side_by_side(n: int, before: dict, after: dict) -> list[str]:
    rows = [("keys over 100 ms to the answer", "answer_over", "{}"),
            ("keys over 100 ms to settled", "settled_over", "{}"),
            ("median answer, CPU s", "answer_median", "{:.3f}"),
            ("median settled, CPU s", "settled_median", "{:.3f}")]
    lines = [f"N={n:,}, {after['presses']} presses, baseline and this checkout in the same run:", "",
             "| | baseline | this checkout |", "| --- | --- | --- |",
             f"| first screen drawn, wall s | {before['drawn_wall']:.2f} | {after['drawn_wall']:.2f} |",
             f"| first screen drawn, CPU s | {before['drawn_cpu']:.2f} | {after['drawn_cpu']:.2f} |",
             f"| first screen with its lookups worked out, CPU s | {before['first_cpu']:.2f} | "
             f"{after['first_cpu']:.2f} |"]
    lines += [f"| {what} | {form.format(before[key])} | {form.format(after[key])} |"
              for what, key, form in rows]
    for what, key in (("slowest answer", "answer"), ("slowest settled", "settled")):
        lines.append(f"| {what}, CPU s | {before[key + '_max']:.3f} ({before[key + '_max_key']}) | "
                     f"{after[key + '_max']:.3f} ({after[key + '_max_key']}) |")
    return lines + [""]


def _measured(tree: str | None, path: Path, args: argparse.Namespace) -> dict:
    """Run this script in a child process on the pickled comparison at `path`, with the
    variance of `tree` (None: this checkout's); its tables go to our stdout, its figures back."""
    env = dict(os.environ)
    if tree is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(Path(tree).resolve()), env.get("PYTHONPATH", "")])
    out = path.with_suffix(f".{'base' if tree else 'this'}.json")
    subprocess.run([sys.executable, __file__, "--comparison", str(path), "--size", args.size,
                    "--repeat", str(args.repeat), "--keys", args.keys, "--figures", str(out)],
                   env=env, check=True)
    return json.loads(out.read_text())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=_sizes, default=[200, 1000])
    ap.add_argument("--size", default="160x48", help="terminal columns x rows")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--keys", choices=["all", "own", "tour"], default="all",
                    help="every help key on every screen, each screen's own keys, or the short tour")
    ap.add_argument("--comparison", action="append", default=[],
                    help="a pickled Comparison to show instead of comparing a synthetic corpus")
    ap.add_argument("--baseline", metavar="TREE",
                    help="another checkout, measured first on the same comparisons in this run")
    ap.add_argument("--figures", help=argparse.SUPPRESS)   # a child's figures, for --baseline
    args = ap.parse_args()
    cols, rows = (int(x) for x in args.size.split("x"))
    import variance
    from variance.model import Options
    from variance.pipeline import compare
    lines = [f"load average {Path('/proc/loadavg').read_text().split()[0]} at the start; "
             f"variance from {Path(variance.__file__).parent.parent}", ""]
    runs = []
    if args.comparison:
        for path in args.comparison:
            runs.append(pickle.loads(Path(path).read_bytes()))
    with tempfile.TemporaryDirectory(prefix="variance-tui-") as tmp:
        if not runs:
            for n in args.sizes:
                runs.append(compare([str(write_corpus(Path(tmp) / f"n{n}", n, DEFAULT_SEED))],
                                    Options()))
        print("\n".join(lines), flush=True)
        for i, comparison in enumerate(runs):
            if args.baseline:
                path = Path(tmp) / f"comparison{i}.pickle"
                path.write_bytes(pickle.dumps(comparison))
                before, after = _measured(args.baseline, path, args), _measured(None, path, args)
                print("\n".join(side_by_side(len(comparison.documents), before, after)), flush=True)
                continue
            first, timings = asyncio.run(tour(comparison, (cols, rows), args.repeat, args.keys))
            print("\n".join(table(len(comparison.documents), first, timings)), flush=True)
            if args.figures:
                Path(args.figures).write_text(json.dumps(
                    {**summary(timings), "first_cpu": first[1], "first_wall": first[0],
                     "drawn_wall": first[2], "drawn_cpu": first[3]}))
    print(f"load average {Path('/proc/loadavg').read_text().split()[0]} at the end", flush=True)


if __name__ == "__main__":
    main()

"""The sentence encoder's cost on the seeds: `variance report seeds/ -o r.html` and `variance
align seeds/` with words alone (`--semantic off`), with meaning and a warm vector cache, and
with meaning and a cold one, this checkout beside a baseline checkout (a worktree of main) in the
same run.

Modes, each in a cache folder of its own per checkout (`VARIANCE_CACHE_DIR`; the two checkouts
never share one, so a change of the cache's layout cannot favour either):
- `off`: `--semantic off`;
- `warm`: `--semantic auto` (the default), every vector already cached;
- `cold`: `--semantic auto`, no vector cached (the folder of vectors removed before each run),
  the model's snapshot kept, as on every run after the first since installing;
- `first` (with `--first`): an empty cache folder, so the model is loaded from its package and
  its snapshot written, as on the very first run.

Each command runs `--runs` times per mode and checkout, all interleaved so that both checkouts
see the same load; the table gives the median CPU seconds (the process and the children it
waited for: the artefact detection is one; the fewest in brackets, less moved by others' work on
a shared machine) and wall seconds, and the ratios of the medians after/before. Then
the texts a cold run encodes (vector files written) and whether the outputs are the same:
`report --format json` on the seeds, warm and cold, before and after, byte for byte.

Run: python benchmarks/encoder_cost.py --base ../variance-main [--runs 7] [--first]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from startup import checkouts, measure

__all__ = ["COMMANDS", "MODES", "main"]

HERE = Path(__file__).resolve().parent.parent
COMMANDS = {"report seeds/ -o r.html": ["report", "-q", "{seeds}", "-o", "{tmp}/r.html"],
            "align seeds/": ["align", "-q", "{seeds}"]}
MODES = ("off", "warm", "cold")
TARGETS = {("report seeds/ -o r.html", "warm"): 0.8, ("report seeds/ -o r.html", "cold"): 2.0}
"""Wall seconds on a quiet machine that issue 19 asks for."""


def _env(tree: Path, cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "COLUMNS")}
    return {**env, "PYTHONPATH": str(tree), "COLUMNS": "100", "VARIANCE_CACHE_DIR": str(cache)}


def _command(args: list[str], mode: str, **where: str) -> list[str]:
    semantic = ["--semantic", "off"] if mode == "off" else []
    return [sys.executable, "-m", "variance", *(a.format(**where) for a in args), *semantic]


def _cache(tmp: Path, label: str, mode: str) -> Path:
    """The cache folder of one checkout and mode, made ready for the next run."""
    folder = tmp / f"cache-{label}-{'warm' if mode == 'off' else mode}"
    if mode == "cold":
        shutil.rmtree(folder / "vectors", ignore_errors=True)
    elif mode == "first":
        shutil.rmtree(folder, ignore_errors=True)
    return folder


def prepare(trees: dict[str, Path], modes: tuple[str, ...], seeds: Path, tmp: Path) -> None:
    """One run per checkout and cache folder, so that warm runs find every vector and cold
    runs the model's snapshot (and the report's compiled template, the lexicons)."""
    for label, tree in trees.items():
        for mode in {"warm" if m == "off" else m for m in modes} - {"first"}:
            for args in COMMANDS.values():
                cmd = _command(args, "warm", seeds=str(seeds), tmp=str(tmp))
                measure(cmd, _env(tree, _cache(tmp, label, mode)), tmp)


def timings(trees: dict[str, Path], modes: tuple[str, ...], runs: int, seeds: Path,
            tmp: Path) -> dict[tuple[str, str, str], list[dict]]:
    """Every command in every mode `runs` times per checkout, interleaved."""
    found: dict[tuple[str, str, str], list[dict]] = {}
    for _ in range(runs):
        for name, args in COMMANDS.items():
            for mode in modes:
                for label, tree in trees.items():
                    cmd = _command(args, mode, seeds=str(seeds), tmp=str(tmp))
                    env = _env(tree, _cache(tmp, label, mode))
                    found.setdefault((name, mode, label), []).append(measure(cmd, env, tmp))
    return found


def _median(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def timing_table(found, modes: tuple[str, ...], labels: list[str]) -> list[str]:
    before, after = labels
    rows = ["| command | mode | target (quiet machine, wall) | " + " | ".join(
                f"{label} CPU s | {label} wall s" for label in labels) + " | CPU after/before | wall after/before |",
            "| --- | --- | --- |" + " --- |" * (2 * len(labels) + 2)]
    for name in COMMANDS:
        for mode in modes:
            target = TARGETS.get((name, mode))
            cells = [f"`{name}`", mode, f"{target} s" if target else ""]
            for label in labels:
                runs = found[name, mode, label]
                cells += [f"{_median(runs, 'cpu'):.3f} ({min(r['cpu'] for r in runs):.3f})",
                          f"{_median(runs, 'wall'):.3f}"]
            for key in ("cpu", "wall"):
                cells.append(f"×{_median(found[name, mode, after], key) / _median(found[name, mode, before], key):.2f}")
            rows.append("| " + " | ".join(cells) + " |")
    return rows


def encoded_texts(trees: dict[str, Path], seeds: Path, tmp: Path) -> list[str]:
    """Vector files a cold run of each command writes: the texts it encoded."""
    lines = []
    for name, args in COMMANDS.items():
        counts = []
        for label, tree in trees.items():
            cache = _cache(tmp, label, "cold")
            measure(_command(args, "cold", seeds=str(seeds), tmp=str(tmp)), _env(tree, cache), tmp)
            counts.append(f"{label} {sum(1 for p in (cache / 'vectors').rglob('*') if p.is_file())}")
        lines.append(f"- `variance {name}`, cold: " + ", ".join(counts) + " vector files written")
    return lines


def same_outputs(trees: dict[str, Path], seeds: Path, tmp: Path) -> list[str]:
    """`report --format json` on the seeds, warm and cold, in both checkouts: the same bytes?"""
    got: dict[tuple[str, str], bytes] = {}
    for mode in ("warm", "cold"):
        for label, tree in trees.items():
            cmd = _command(["report", "-q", "--format", "json", "{seeds}"], mode, seeds=str(seeds))
            res = subprocess.run(cmd, capture_output=True, env=_env(tree, _cache(tmp, label, mode)), cwd=tmp)
            if res.returncode:
                raise SystemExit(f"{label}: variance report failed (exit {res.returncode}): "
                                 f"{res.stderr.decode(errors='replace')[-500:]}")
            got[mode, label] = res.stdout
    first = next(iter(got.values()))
    lines = [f"- `report --format json seeds/`, {mode}, {label}: "
             + ("the same bytes" if out == first else "DIFFERENT") + f" ({len(out):,} bytes)"
             for (mode, label), out in got.items()]
    return lines


def arguments() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", type=Path, required=True, help="the baseline checkout (a worktree of main)")
    ap.add_argument("--runs", type=int, default=7, help="runs of each command per mode and checkout")
    ap.add_argument("--first", action="store_true", help="also time the very first run (no snapshot)")
    return ap.parse_args()


def main() -> None:
    args = arguments()
    trees = checkouts(args.base)
    base = trees["before"]
    modes = MODES + (("first",) if args.first else ())
    seeds = HERE / "seeds"
    load = Path("/proc/loadavg").read_text().split()[0]
    with tempfile.TemporaryDirectory(prefix="variance-encoder-") as work:
        tmp = Path(work)
        prepare(trees, modes, seeds, tmp)
        found = timings(trees, modes, args.runs, seeds, tmp)
        end = Path("/proc/loadavg").read_text().split()[0]
        lines = [f"The encoder's cost on the seeds: before = {base.name}, after = this checkout; medians of "
                 f"{args.runs} interleaved runs; load average {load} at the start, {end} after the timings.", "",
                 *timing_table(found, modes, list(trees)), "", "Texts encoded:", "",
                 *encoded_texts(trees, seeds, tmp), "", "Outputs on the seeds:", "", *same_outputs(trees, seeds, tmp)]
    print("\n".join(lines))


if __name__ == "__main__":
    main()

"""Start-up on a small corpus: `variance --help`, `variance align seeds/` and `variance report
seeds/ -o r.html`, this checkout beside a baseline checkout (another worktree, e.g. of main), in
the same run.

Each command runs `--runs` times per checkout, the two checkouts interleaved so that both see the
same load; the table gives the median CPU seconds (the process and every child it waited for)
and wall seconds of each, and the ratio after/before. Then, per command, the ten top-level
packages that cost the most import time (`python -X importtime`, medians of `--import-runs`
runs, self time summed by package; variance's own modules by subpackage), before and after;
and whether the outputs are the same (`align --json`, `align`, `report`, `lint --json` on the
seeds, byte for byte).

Both checkouts run with the same interpreter (`python -m variance`, the checkout first on
`PYTHONPATH`) and are byte-compiled first, so neither pays for compiling its sources when
`PYTHONDONTWRITEBYTECODE` is set.

Run: python benchmarks/startup.py --base ../variance-main [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

__all__ = ["COMMANDS", "checkouts", "measure", "import_profile", "same_outputs", "main"]

HERE = Path(__file__).resolve().parent.parent
COMMANDS = {"variance --help": ["--help"],
            "variance align seeds/": ["align", "-q", "{seeds}"],
            "variance report seeds/ -o r.html": ["report", "-q", "{seeds}", "-o", "{tmp}/r.html"]}
TARGETS = {"variance --help": 0.15, "variance align seeds/": 0.4, "variance report seeds/ -o r.html": 0.6}
OUTPUTS = {"align --json": ["align", "--json", "-q", "{seeds}"], "align": ["align", "-q", "{seeds}"],
           "lint --json": ["lint", "--json", "-q", "{seeds}"],
           "report": ["report", "-q", "{seeds}", "-o", "{out}"]}


def _env(tree: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "COLUMNS")}
    return {**env, "PYTHONPATH": str(tree), "COLUMNS": "100"}


def _command(args: list[str], **where: str) -> list[str]:
    return [sys.executable, "-m", "variance", *(a.format(**where) for a in args)]


def measure(cmd: list[str], env: dict[str, str], cwd: Path) -> dict[str, float]:
    """Wall and CPU seconds of one run (CPU: user and system, with the children waited for)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=cwd)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"{' '.join(cmd)} failed: {err[-500:]}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime}


def timings(trees: dict[str, Path], runs: int, seeds: Path, tmp: Path) -> dict[tuple[str, str], list[dict]]:
    """Every command `runs` times per tree, interleaved."""
    found: dict[tuple[str, str], list[dict]] = {(n, t): [] for n in COMMANDS for t in trees}
    for _ in range(runs):
        for name, args in COMMANDS.items():
            for label, tree in trees.items():
                cmd = _command(args, seeds=str(seeds), tmp=str(tmp))
                found[name, label].append(measure(cmd, _env(tree), tmp))
    return found


def import_profile(tree: Path, args: list[str], seeds: Path, tmp: Path) -> tuple[float, Counter]:
    """Seconds of import (the outermost imports' cumulative times) and self time per package."""
    cmd = [sys.executable, "-X", "importtime", *_command(args, seeds=str(seeds), tmp=str(tmp))[1:]]
    err = subprocess.run(cmd, capture_output=True, text=True, env=_env(tree), cwd=tmp).stderr
    per: Counter = Counter()
    total = 0.0
    for line in err.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own, cumulative, name = line[len("import time:"):].split("|")
        parts = name.strip().split(".")
        per[".".join(parts[:2]) if parts[0] == "variance" else parts[0]] += int(own) / 1e6
        if not name.startswith("  ", 1):
            total += int(cumulative) / 1e6
    return total, per


def same_outputs(trees: dict[str, Path], seeds: Path, tmp: Path) -> list[str]:
    """For each output, whether both trees write the same bytes."""
    lines = []
    for name, args in OUTPUTS.items():
        got = []
        for label, tree in trees.items():
            out = tmp / f"out-{label}"
            res = subprocess.run(_command(args, seeds=str(seeds), out=str(out)), capture_output=True,
                                 env=_env(tree), cwd=tmp)
            if res.returncode:
                raise SystemExit(f"{label}: variance {' '.join(args[:1])} failed (exit {res.returncode}): "
                                 f"{res.stderr.decode(errors='replace')[-500:]}")
            got.append(out.read_bytes() if name == "report" else res.stdout)
        lines.append(f"- `variance {name.split()[0]} seeds/{name[len(name.split()[0]):]}`: "
                     + ("the same bytes" if got[0] == got[1] else "DIFFERENT") + f" ({len(got[-1]):,} bytes)")
    return lines


def _median(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def timing_table(found: dict[tuple[str, str], list[dict]], labels: list[str]) -> list[str]:
    before, after = labels
    rows = ["| command | target (quiet machine, wall) | " + " | ".join(
                f"{label} CPU s | {label} wall s" for label in labels) + " | CPU after/before | wall after/before |",
            "| --- | --- |" + " --- |" * (2 * len(labels) + 2)]
    for name in COMMANDS:
        cells = [f"`{name}`", f"{TARGETS[name]} s"]
        for label in labels:
            cells += [f"{_median(found[name, label], 'cpu'):.3f}", f"{_median(found[name, label], 'wall'):.3f}"]
        for key in ("cpu", "wall"):
            cells.append(f"×{_median(found[name, after], key) / _median(found[name, before], key):.2f}")
        rows.append("| " + " | ".join(cells) + " |")
    return rows


def median_profile(tree: Path, args: list[str], seeds: Path, tmp: Path, runs: int) -> tuple[float, Counter]:
    """`import_profile` `runs` times: the median total and, per package, the median self time."""
    found = [import_profile(tree, args, seeds, tmp) for _ in range(runs)]
    names = set().union(*(per for _, per in found))
    return (statistics.median(total for total, _ in found),
            Counter({k: statistics.median(per[k] for _, per in found) for k in names}))


def import_tables(trees: dict[str, Path], seeds: Path, tmp: Path, top: int, runs: int = 3) -> list[str]:
    out = []
    for name, args in COMMANDS.items():
        profiles = {label: median_profile(tree, args, seeds, tmp, runs) for label, tree in trees.items()}
        (before, (b_total, b_per)), (after, (a_total, a_per)) = profiles.items()
        out += ["", f"Import time of `{name}` (`-X importtime`, medians of {runs} runs): {before} {b_total:.3f} s, "
                    f"{after} {a_total:.3f} s; the top {top} packages by self time:", "",
                f"| package | {before} s | {after} s |", "| --- | --- | --- |"]
        names = sorted(set(b_per) | set(a_per), key=lambda k: -max(b_per[k], a_per[k]))[:top]
        out += [f"| {k} | {b_per[k]:.3f} | {a_per[k]:.3f} |" if a_per[k] else f"| {k} | {b_per[k]:.3f} | not imported |"
                for k in names]
    return out


def compile_tree(tree: Path) -> None:
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "variance")], check=True,
                   stdout=subprocess.DEVNULL)


def checkouts(base: Path) -> dict[str, Path]:
    """The baseline checkout `base` ("before") and this one ("after"), both byte-compiled;
    SystemExit when `base` is not a checkout of variance."""
    base = base.resolve()
    if not (base / "variance" / "__init__.py").is_file():
        raise SystemExit(f"{base}: not a checkout of variance (no variance/__init__.py)")
    trees = {"before": base, "after": HERE}
    for tree in trees.values():
        compile_tree(tree)
    return trees


def arguments() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", type=Path, required=True, help="the baseline checkout (a worktree of main)")
    ap.add_argument("--runs", type=int, default=7, help="runs of each command per checkout")
    ap.add_argument("--top", type=int, default=10, help="packages listed per import profile")
    ap.add_argument("--import-runs", type=int, default=3, help="import profiles per command and checkout")
    return ap.parse_args()


def main() -> None:
    args = arguments()
    trees = checkouts(args.base)
    base = trees["before"]
    seeds = HERE / "seeds"
    load = Path("/proc/loadavg").read_text().split()[0]
    with tempfile.TemporaryDirectory(prefix="variance-startup-") as work:
        tmp = Path(work)
        found = timings(trees, args.runs, seeds, tmp)
        lines = [f"Start-up on the seeds: before = {base.name}, after = this checkout; medians of "
                 f"{args.runs} interleaved runs; load average {load} at the start, "
                 f"{Path('/proc/loadavg').read_text().split()[0]} after the timings.", "",
                 *timing_table(found, list(trees)), *import_tables(trees, seeds, tmp, args.top, args.import_runs), "",
                 "Outputs on the seeds, before and after:", "", *same_outputs(trees, seeds, tmp)]
    print("\n".join(lines))


if __name__ == "__main__":
    main()

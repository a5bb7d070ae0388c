"""Every hostile case of `tests/hostile.py`, run as a user would: a subprocess, its exit code and
message, the inputs unchanged, and its CPU time and peak memory as the kernel counts them."""

from __future__ import annotations

import hashlib
import os
import re
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from hostile import BEGIN, CASES, DOCS, END, Case, Run, docs_table

WALL_LIMIT = 300.0
"""Seconds after which a case is killed and fails: a hang is a failure, never a stuck CI."""

PEAK = Path(__file__).resolve().parent / "peak.py"
"""Runs variance and reports its own peak memory (see its docstring)."""


def snapshot(folder: Path) -> dict[str, tuple]:
    """Every entry under `folder` (links not followed): its type, mode and, for files, hash."""
    found = {}
    for path in [folder, *folder.rglob("*")]:
        info = os.lstat(path)
        digest = None
        if stat.S_ISREG(info.st_mode) and info.st_size:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        elif stat.S_ISLNK(info.st_mode):
            digest = os.readlink(path)
        found[os.fsencode(path.relative_to(folder)).hex()] = (info.st_mode, info.st_size, digest)
    return found


def _reader(stream, sink: list[bytes], close_after: int | None) -> None:
    total = 0
    while True:
        part = stream.read(4096) if close_after is None else stream.read(max(1, close_after - total))
        if not part:
            break
        sink.append(part)
        total += len(part)
        if close_after is not None and total >= close_after:
            break
    stream.close()


def _signal_when_busy(process: subprocess.Popen, sig: int, cpu: float) -> None:
    """Send `sig` once the process has used `cpu` seconds of CPU (a loaded machine's start-up
    is slow in wall time, not in CPU time)."""
    ticks = os.sysconf("SC_CLK_TCK")
    while process.returncode is None:
        try:   # the CPU of variance itself, the child of the small measuring process (peak.py)
            children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
            if not children:
                time.sleep(0.05)
                continue
            fields = Path(f"/proc/{children[0]}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return
        if (int(fields[11]) + int(fields[12])) / ticks >= cpu:
            process.send_signal(sig)
            return
        time.sleep(0.05)


def run(case_run: Run, cwd: Path) -> tuple[int, bytes, bytes, float, float]:
    """(exit code, stdout, stderr, CPU seconds, peak MB) of `variance ARGV` in `cwd`."""
    peak_file = cwd.parent / f"{cwd.name}.peak"
    env = {**os.environ, "COLUMNS": "100", "PEAK_FILE": str(peak_file), **case_run.env}
    env.pop("FORCE_COLOR", None)
    full = open("/dev/full", "wb") if case_run.stdout == "full" else None
    process = subprocess.Popen(
        [sys.executable, str(PEAK), *case_run.argv], cwd=cwd, env=env,
        stdin=subprocess.PIPE, stdout=full or subprocess.PIPE, stderr=subprocess.PIPE,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    out: list[bytes] = []
    err: list[bytes] = []
    close_after = int(case_run.stdout.split(":")[1]) if case_run.stdout.startswith("close:") else None
    readers = [threading.Thread(target=_reader, args=(process.stderr, err, None))]
    if full is None:
        readers.append(threading.Thread(target=_reader, args=(process.stdout, out, close_after)))
    for r in readers:
        r.start()
    process.stdin.write(case_run.stdin)
    process.stdin.close()
    timers = [threading.Timer(WALL_LIMIT, process.kill)]
    if case_run.signal_after:
        timers.append(threading.Thread(target=_signal_when_busy, args=(process, *case_run.signal_after)))
    for t in timers:
        t.start()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    timers[0].cancel()
    for r in readers:
        r.join()
    if full:
        full.close()
    code = process.returncode if process.returncode >= 0 else 128 - process.returncode
    peak_kb = int(peak_file.read_text(encoding="ascii")) if peak_file.exists() else usage.ru_maxrss
    return code, b"".join(out), b"".join(err), usage.ru_utime + usage.ru_stime, peak_kb / 1024


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_case(case: Case, tmp_path: Path):
    case_run = case.make(tmp_path)
    before = snapshot(tmp_path)
    started = time.monotonic()
    code, out, err, cpu, mb = run(case_run, tmp_path)
    wall = time.monotonic() - started
    shown = err.decode("utf-8", "replace")[-800:]
    assert code == case.code, f"exit {code}, expected {case.code}; stderr: {shown}"
    assert b"Traceback" not in err, shown
    if case.says:
        assert re.search(case.says, err.decode("utf-8", "replace"), re.M), f"stderr: {shown}"
    else:
        assert not err.strip(), f"stderr: {shown}"
    assert snapshot(tmp_path) == before, "an input (or the folder) changed"
    assert cpu <= case.cpu, f"{cpu:.1f} s CPU, over the budget of {case.cpu} s (wall {wall:.1f} s)"
    assert mb <= case.mb, f"peak {mb:.0f} MB, over the budget of {case.mb} MB"
    if case.check:
        problem = case.check(out, tmp_path)
        assert problem is None, problem


def test_the_robustness_doc_lists_every_hostile_case():
    text = DOCS.read_text(encoding="utf-8")
    assert BEGIN in text and END in text, f"{DOCS.name} lacks the hostile cases markers"
    shown = text[text.index(BEGIN) + len(BEGIN):text.index(END)].strip()
    assert shown == docs_table(), "docs/robustness.md is stale: run python tests/hostile.py --write-docs"

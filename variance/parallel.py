"""The one parallelism policy: what work may leave the calling process, when, and how.

Two shapes, both used by the pipeline and nowhere else:

- `Aside(function, *args, prepare=warm_up)` forks a child at once; the child runs `prepare()`
  (loading what the function will need) while the caller computes the last arguments, hands
  them over with `give(*later)`, and collects `function(*args, *later)` with `result()`. With
  `begin=first_part`, the child does the part of the work that needs only `args` at once, and
  `function(first_part(*args), *later)` is the result. The pipeline runs artefact detection
  so, the documents read beside alignment and the statements' evidence after it.
- `parallel_map(function, items)` maps a pure function over many items on every core (the word
  diffs of a large corpus), in order.

Both fork, never spawn (a spawned worker imports the package again, half a second each), and
only where `can_fork()`: Linux, two cores or more, no other thread alive (a fork copies the
locks other threads hold, so a child may wait forever on one), and `VARIANCE_PROCESSES` not
set to 1. Otherwise the work runs in the caller, with the same answer.

Failures are never hidden. An exception raised by the function in a child is raised in the
caller, as it was raised (the work is not done twice). A child that dies or does not answer
within its time-out is a warning (`warn`), and only then is the work done in the caller.

`benchmarks/parallel.py` measures both against one process; docs/architecture.md has the
figures and where each shape pays.

Threads are not a shape of the work: every matrix product that matters runs on one BLAS thread
(`variance.align.embed.one_thread`), and the program starts numpy's BLAS on one thread
(`blas_on_one_thread`). It also keeps numpy's arrays on ordinary pages of memory
(`numpy_on_small_pages`), which costs the kernel less CPU for arrays that live a few milliseconds.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any

__all__ = ["Aside", "can_fork", "parallel_map", "workers", "blas_on_one_thread", "blas_has_one_thread",
           "numpy_on_small_pages", "ENV", "BLAS_ENV", "HUGEPAGE_ENV", "Warn"]

ENV = "VARIANCE_PROCESSES"
"""Set to 1 to keep all work in one process (to measure, or where forking is unwelcome)."""
BLAS_ENV = ("OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS")
"""Where OpenBLAS reads how many threads to start, in its order."""
HUGEPAGE_ENV = "NUMPY_MADVISE_HUGEPAGE"
"""Where numpy reads, at its import, whether to ask the kernel for huge pages for its arrays."""

Warn = Callable[[str], None]


def workers() -> int:
    """Processes the work may use: the cores, at most 8, or what `VARIANCE_PROCESSES` says."""
    wanted = os.environ.get(ENV, "").strip()
    cores = min(os.cpu_count() or 1, 8)
    return max(1, min(cores, int(wanted))) if wanted.isdigit() else cores


def blas_on_one_thread() -> None:
    """OpenBLAS (numpy's BLAS in its wheels) told to start one thread, before numpy loads it and
    unless a count was set (`BLAS_ENV`). Loaded as it is, it starts a thread per core at numpy's
    import, which costs `import numpy` about 0.05 s of CPU on two cores, for products variance
    runs on one thread anyway. The program `variance` calls it first; children inherit it."""
    global _ONE_BLAS_THREAD
    if "numpy" not in sys.modules and not any(os.environ.get(name) for name in BLAS_ENV):
        os.environ["OPENBLAS_NUM_THREADS"] = "1"
        _ONE_BLAS_THREAD = True


_ONE_BLAS_THREAD = False


def numpy_on_small_pages() -> None:
    """numpy told not to ask for transparent huge pages (`HUGEPAGE_ENV=0`), before it loads and
    unless the setting was given. On Linux numpy marks every array of 4 MB or more for huge
    pages; where the kernel then compacts memory to find them (its usual `madvise` setting), each
    first touch of such an array costs a 2 MB page cleared, often found by moving other pages.
    The aligner makes thousands of short-lived arrays of that size at 1,000 versions: 0.6-0.8 s
    of system CPU in an 8 s `align`, 0.25 s without. Children inherit it."""
    if "numpy" not in sys.modules and HUGEPAGE_ENV not in os.environ:
        os.environ[HUGEPAGE_ENV] = "0"


def blas_has_one_thread() -> bool:
    """Whether `blas_on_one_thread` started numpy's BLAS on one thread: it did when it set the
    count before numpy loaded and numpy's BLAS is OpenBLAS (another reads another setting)."""
    if not _ONE_BLAS_THREAD:
        return False
    import numpy

    blas = numpy.__config__.CONFIG.get("Build Dependencies", {}).get("blas", {})
    return "openblas" in str(blas.get("name", "")).lower()


def can_fork() -> bool:
    """Fork only where it is safe and may pay: Linux, two processes allowed, one thread alive."""
    return sys.platform.startswith("linux") and workers() > 1 and threading.active_count() == 1


class Aside:
    """One function on another core while the caller goes on (see the module docstring)."""

    def __init__(self, function: Callable[..., Any], *args: Any, prepare: Callable[[], Any] | None = None,
                 begin: Callable[..., Any] | None = None, what: str = "the work",
                 timeout: float | None = None, warn: Warn | None = None) -> None:
        if begin is not None:
            function, args = _Begun(function, begin, args), ()
        self.function, self.args, self.later = function, args, ()
        self.what, self.timeout, self.warn = what, timeout, warn
        self.pipe: Any = None
        self.child: Any = None
        if not can_fork():
            return
        import multiprocessing  # imported by the commands that fork, not by those that need not

        context = multiprocessing.get_context("fork")
        ours, theirs = context.Pipe()
        child = context.Process(target=_run, args=(theirs, ours, function, args, prepare), daemon=True)
        try:
            child.start()
        except OSError as exc:
            self._say(f"could not start a process for {what} ({exc.strerror}); it runs here")
            return
        theirs.close()
        self.pipe, self.child = ours, child

    def give(self, *later: Any) -> None:
        """The arguments only the caller could compute, appended to `args`."""
        self.later = later
        if self.pipe is not None:
            try:
                self.pipe.send(later)
            except (OSError, ValueError) as exc:
                self._lost(f"its process closed the pipe ({exc})")

    def ready(self) -> bool:
        """Whether `result` would answer at once: the child has answered (or ended), or the work
        runs here."""
        return self.pipe is None or self.pipe.poll(0)

    def result(self) -> Any:
        """The function's value; its exception, raised here; else, after a warning, computed here."""
        if self.pipe is not None:
            if not self.pipe.poll(self.timeout):
                self._lost(f"its process did not answer within {self.timeout:g} s and was stopped")
            else:
                try:
                    ok, value = self.pipe.recv()
                except (EOFError, OSError):
                    self._lost(f"its process ended without an answer (exit code {self._exit_code()})")
                else:
                    self._close()
                    if ok:
                        return value
                    raise value
        return self.function(*self.args, *self.later)

    def cancel(self) -> None:
        """Stop the work: the child is stopped, whether it waits for the late arguments or
        is still beginning (or already computing) the work."""
        if self.pipe is not None:
            self._close(kill=True)

    def _lost(self, why: str) -> None:
        self._close(kill=True)
        self._say(f"{self.what}: {why}; it runs in this process instead")

    def _say(self, message: str) -> None:
        if self.warn is not None:
            self.warn(message)

    def _exit_code(self) -> object:
        self.child.join(1)
        return self.child.exitcode

    def _close(self, kill: bool = False) -> None:
        self.pipe.close()
        if kill and self.child.is_alive():
            self.child.kill()
        self.child.join()
        self.pipe = self.child = None


class _Begun:
    """`function(begin(*args), *later)`, with `begin(*args)` done ahead by `start` (in the
    child, before the late arguments arrive), or on the call where it was not."""

    def __init__(self, function: Callable[..., Any], begin: Callable[..., Any], args: tuple) -> None:
        self.function, self.begin, self.args = function, begin, args
        self.begun: tuple[Any] | None = None

    def start(self) -> None:
        self.begun = (self.begin(*self.args),)

    def __call__(self, *later: Any) -> Any:
        if self.begun is None:
            self.start()
        assert self.begun is not None
        return self.function(*self.begun, *later)


def _run(pipe, callers_end, function, args, prepare) -> None:
    """In the child: prepare, begin, wait for the late arguments, compute, send (True, value),
    or (False, the exception) for the caller to raise."""
    callers_end.close()  # inherited by the fork; with it closed, a cancel reads as end of file
    try:
        if prepare is not None:
            prepare()
        begun = None
        if isinstance(function, _Begun):
            try:
                function.start()
            except Exception as exc:
                begun = exc
        later = pipe.recv()
    except (EOFError, OSError):
        pipe.close()     # cancelled: nobody waits for an answer
        return
    try:
        if begun is not None:
            raise begun
        answer: tuple[bool, Any] = (True, function(*args, *later))
    except Exception as exc:
        answer = (False, exc)
    try:
        pipe.send(answer)
    except Exception as exc:
        pipe.send((False, RuntimeError(f"the answer could not be sent back: {exc!r}")))
    finally:
        pipe.close()


def parallel_map(function: Callable[[Any], Any], items: Sequence[Any], *, at_least: int,
                 chunksize: int = 256, what: str = "the work", warn: Warn | None = None) -> list[Any]:
    """`[function(x) for x in items]`, on every core when there are `at_least` items and
    `can_fork()`; a pool that breaks (a worker killed) is a warning, then the rest runs here."""
    count = workers()
    if len(items) < at_least or count < 2 or not can_fork():
        return [function(x) for x in items]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("fork")
    try:
        with ProcessPoolExecutor(max_workers=count, mp_context=context) as pool:
            return list(pool.map(function, items, chunksize=chunksize))
    except BrokenProcessPool as exc:
        if warn is not None:
            warn(f"{what}: a worker process died ({exc}); it runs in this process instead")
        return [function(x) for x in items]

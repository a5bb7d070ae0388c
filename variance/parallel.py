"""Run a pure function on the second core while the caller goes on.

`Aside(function, *args, prepare=warm_up)` forks a child at once; the child runs `prepare()`
(loading what the function will need) while the caller computes the last arguments, hands
them over with `give(*later)`, and collects `function(*args, *later)` with `result()`.

On Linux the child inherits `args` (nothing is copied in); only `later` and the result cross
the pipe, pickled. Where fork is not available or not safe (see `can_fork`), or the child
fails for any reason, the
function simply runs in the caller when `result()` is called: the answer is the same, only
slower, and a real error is raised once, by the caller.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable
from typing import Any

__all__ = ["Aside", "can_fork"]


def can_fork() -> bool:
    """Fork only where it is safe and worth it: Linux, two cores or more, and from the main
    thread (a fork taken from a worker thread, as in the terminal UI, may inherit held locks)."""
    return (sys.platform.startswith("linux") and (os.cpu_count() or 1) > 1
            and threading.current_thread() is threading.main_thread())


class Aside:
    def __init__(self, function: Callable[..., Any], *args: Any,
                 prepare: Callable[[], Any] | None = None) -> None:
        self.function, self.args, self.later = function, args, ()
        self.pipe = self.child = None
        if not can_fork():
            return
        context = multiprocessing.get_context("fork")
        ours, theirs = context.Pipe()
        child = context.Process(target=_run, args=(theirs, ours, function, args, prepare), daemon=True)
        try:
            child.start()
        except OSError:
            return
        theirs.close()
        self.pipe, self.child = ours, child

    def give(self, *later: Any) -> None:
        """The arguments only the caller could compute, appended to `args`."""
        self.later = later
        if self.pipe is not None:
            try:
                self.pipe.send(later)
            except (OSError, ValueError):
                self._close()

    def result(self) -> Any:
        if self.pipe is not None:
            try:
                ok, value = self.pipe.recv()
            except (EOFError, OSError):
                ok, value = False, None
            self._close()
            if ok:
                return value
        return self.function(*self.args, *self.later)

    def cancel(self) -> None:
        """Stop waiting for the late arguments: the child sees the pipe close and exits."""
        if self.pipe is not None:
            self._close()

    def _close(self) -> None:
        self.pipe.close()
        self.child.join()
        self.pipe = self.child = None


def _run(pipe, callers_end, function, args, prepare) -> None:
    """In the child: prepare, wait for the late arguments, compute, send (True, value); on any
    failure send (False, None) and let the caller compute it itself."""
    callers_end.close()  # inherited by the fork; with it closed, a cancel reads as end of file
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the caller's to report, once
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        if prepare is not None:
            prepare()
        later = pipe.recv()
        pipe.send((True, function(*args, *later)))
    except BaseException:  # noqa: BLE001 - the caller recomputes and reports any real error
        try:
            pipe.send((False, None))
        except OSError:
            pass  # the caller sees the closed pipe and computes the value itself
    finally:
        pipe.close()

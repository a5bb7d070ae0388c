"""Run a pure function on the second core while the caller goes on: `aside(f, ...)` returns a
`result()` to call when the value is needed.

On Linux the work runs in a forked child, which inherits its arguments (nothing is copied
in) and sends back only the pickled result. Where fork is not available, or the child fails
for any reason, the function simply runs in the caller when `result()` is called: the
answer is the same, only slower.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable
from typing import Any

__all__ = ["aside"]


def aside(function: Callable[..., Any], *args: Any, **kwargs: Any) -> Callable[[], Any]:
    """Start `function(*args, **kwargs)` in a child process if possible; return a getter."""
    def inline() -> Any:
        return function(*args, **kwargs)

    if not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2:
        return inline
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_run, args=(send, function, args, kwargs), daemon=True)
    try:
        child.start()
    except OSError:
        return inline
    send.close()

    def result() -> Any:
        try:
            ok, value = receive.recv()
        except (EOFError, OSError):
            ok, value = False, None
        finally:
            receive.close()
            child.join()
        return value if ok else inline()

    return result


def _run(send, function, args, kwargs) -> None:
    """In the child: compute, send (True, value), or (False, None) on any failure; the
    parent then computes it itself, so a failure here is never lost or shown twice."""
    try:
        value = function(*args, **kwargs)
        send.send((True, value))
    except BaseException:  # noqa: BLE001 - the parent recomputes and reports any real error
        send.send((False, None))
    finally:
        send.close()

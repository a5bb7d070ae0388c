"""Python's cyclic garbage collector paused while a comparison is made and written.

A comparison is a few million small objects (documents, tokens, members, diffs) that live until
the command ends, and almost none of them are in reference cycles: memory is given back by
reference counting alone. The cyclic collector still walks the whole heap at each full pass, and
the heap grows all the time, so at 1,000 synthetic versions it spent 2.5 s of a 25 s `report`
(12 full passes) finding nothing; with it paused the run took 21 s of CPU and the same peak
memory (734 MB against 736 MB, one process). It is paused for the length of `compare` and of
the batch commands (`align`, `lint`, `report`: `cli.common.pauses_collector`), and restored
after, so a long-lived caller (the terminal UI, the library) collects as before between
comparisons. In the program `variance`, whose process ends with its command (`cli.run`), a
batch command leaves it paused (`restore=False`): turned on again, its first pass would walk
every object the command made (12-16 ms on the seeds) just before the process ends.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Any, TypeVar

__all__ = ["collector_paused", "pauses_collector"]

F = TypeVar("F", bound=Callable[..., Any])


@contextmanager
def collector_paused(*, restore: bool = True) -> Iterator[None]:
    """The cyclic collector off inside the block and as it was after it, or still off when not
    to `restore` (nested blocks are fine)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was and restore:
            gc.enable()


def pauses_collector(function: F) -> F:
    """`function` run inside `collector_paused`."""
    @wraps(function)
    def paused(*args, **kwargs):
        with collector_paused():
            return function(*args, **kwargs)
    return paused  # type: ignore[return-value]

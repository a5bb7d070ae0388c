"""Progress on stderr for long runs: a rich progress bar when stderr is a terminal, else nothing.

The bar is redrawn when the work reports progress, never by a refresh thread of its own: with
no other thread alive, the pipeline may fork (`variance.parallel.can_fork`)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["stderr_progress"]

_LABELS = {"segment": "Splitting sentences", "align": "Aligning statements", "diff": "Diffing versions",
           "index": "Indexing articles", "vectors": "Encoding sentences"}


@contextmanager
def stderr_progress(enabled: bool = True) -> Iterator:
    """Yield a `progress(stage, done, total)` callback; a bar only if stderr is a terminal."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskID,
        TextColumn,
        TimeElapsedColumn,
    )

    columns = (TextColumn("{task.description:<22}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True, auto_refresh=False) as bar:
        tasks: dict[str, TaskID] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(_LABELS.get(stage, stage), total=max(total, 1))
            bar.update(tasks[stage], completed=done, total=max(total, 1), refresh=True)

        yield progress

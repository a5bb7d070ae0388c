"""Where each claim sits, as arrays: the statement holding it and its neighbours in its version.

The repairs after the first pass (`variance.align.regroup`) and context as evidence
(`variance.align.between`) read, for every member of every statement, the statements of the
claims right before and after it: 50,000 members at 1,000 versions, each looked up in
dictionaries of every claim made again by each of them. Here they are read once per use, with
numpy. Clusters are lists of runs (tuples of claim rows); -1 stands for no statement, at a
version's start or end.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain

import numpy as np

__all__ = ["owners", "neighbours", "around", "first_runs"]


def owners(clusters, n: int) -> np.ndarray:
    """The cluster holding each of `n` claim rows (-1 where none does)."""
    owner = np.full(n, -1, dtype=np.int64)
    sizes = np.fromiter((sum(map(len, runs)) for runs in clusters), dtype=np.int64, count=len(clusters))
    rows = np.fromiter(chain.from_iterable(chain.from_iterable(clusters)), dtype=np.int64,
                       count=int(sizes.sum()))
    owner[rows] = np.repeat(np.arange(len(clusters)), sizes)
    return owner


def neighbours(rows_of: Sequence[Sequence[int]], n: int) -> tuple[np.ndarray, np.ndarray]:
    """Each of `n` claim rows' previous and next row in its document (-1 at its ends)."""
    previous = np.full(n, -1, dtype=np.int64)
    following = np.full(n, -1, dtype=np.int64)
    for rows in rows_of:
        if len(rows) > 1:
            at = np.asarray(rows, dtype=np.int64)
            previous[at[1:]] = at[:-1]
            following[at[:-1]] = at[1:]
    return previous, following


def around(clusters, owner: np.ndarray, previous: np.ndarray,
           following: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For every run of every cluster, in order: its cluster, and the cluster of the claim
    right before its first row and of the one right after its last (-1 at a version's ends)."""
    counts = np.fromiter(map(len, clusters), dtype=np.int64, count=len(clusters))
    total = int(counts.sum())
    firsts = np.fromiter((run[0] for runs in clusters for run in runs), dtype=np.int64, count=total)
    lasts = np.fromiter((run[-1] for runs in clusters for run in runs), dtype=np.int64, count=total)
    before, after = previous[firsts], following[lasts]
    return (np.repeat(np.arange(len(clusters)), counts),
            np.where(before >= 0, owner[before], -1), np.where(after >= 0, owner[after], -1))


def first_runs(clusters) -> np.ndarray:
    """The index, among every run of every cluster in order (as `around` lists them), of each
    cluster's first run."""
    counts = np.fromiter(map(len, clusters), dtype=np.int64, count=len(clusters))
    return np.cumsum(counts) - counts

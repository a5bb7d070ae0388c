"""numpy's set operations on integer arrays, without the check that imports `numpy.ma`.

`np.unique` without indices or counts, and so `np.isin`, asks `np.ma.is_masked` of its input,
and the first such call in a process imports `numpy.ma` (10 ms of CPU, 18 ms under
`-X importtime`), which nothing in variance uses otherwise. These give the same arrays.
"""

from __future__ import annotations

import numpy as np

__all__ = ["among", "distinct"]


def distinct(values: np.ndarray) -> np.ndarray:
    """The distinct values, sorted: `np.unique(values)`."""
    ordered = np.sort(values)
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))] if len(ordered) else ordered


def among(values: np.ndarray, pool) -> np.ndarray:
    """Whether each of the integers `values` is one of `pool`: `np.isin(values, pool)`."""
    values = np.asarray(values)
    pool = distinct(np.asarray(pool, dtype=values.dtype))
    if not len(pool):
        return np.zeros(values.shape, dtype=bool)
    return pool[np.minimum(np.searchsorted(pool, values), len(pool) - 1)] == values

"""Sums of a sparse matrix's rows, run by run, as scipy's CSR product computes them, without it.

A run's vector is the sum of some rows of the aligner's matrix: scipy forms it as the product of
a 0/1 selection matrix and the matrix (`features.run_vectors`). On a small corpus the product's
fixed cost (two matrices built and checked, index types chosen three times, a first pass to
size the result) is most of its time, and most calls are for runs of one row each (58 of the 90
of `variance align seeds/`). For those `run_sums` does the same floating-point operations in the
same order with numpy, so every score is the same to the last bit, and leaves the arrays for the
one matrix built after normalisation.

scipy's `csr_matmat`, for each row i of the left matrix A (here each run's rows, increasing,
each with the value 1.0), takes A's entries j in order and, for each entry k of row j of B in
order, adds `1.0 * B[j, k]` (that is, `B[j, k]`) to an accumulator of column k that starts at
0.0, threading each column onto the front of a list the first time it is met. The row's result
is that list from its front (the columns in the reverse order of their first visit), leaving
out the accumulators equal to zero. A run of one row is thus its row reversed, zeros left out
(0.0 + 1.0 * x is x, and -0.0 becomes 0.0, which is left out). Longer runs were tried too (their
products added in visiting order by `np.add.at`): the same bits, but no faster than scipy.
"""

from __future__ import annotations

import numpy as np

from .sparse import sparse

__all__ = ["SMALL_PRODUCT", "run_sums", "column_sums"]

SMALL_PRODUCT = 10_000
"""Entries copied up to which the sums are formed here; beyond, scipy's fixed cost is small
beside its work (and `column_sums`' loop, once per row sharing a column, would be long)."""

Arrays = tuple[np.ndarray, np.ndarray, np.ndarray]
"""A CSR matrix's data, indices and indptr."""


def run_sums(flat: np.ndarray, lengths: np.ndarray, X: sparse.csr_matrix) -> Arrays | None:
    """The arrays of the matrix whose row i is the sum of the rows `flat[start_i:start_i +
    lengths[i]]` of X, to the bit and the entry order of `csr_matrix((ones, flat, indptr)) @ X`,
    where every run is one row: each row of X reversed, its zeros left out (each row names each
    column once: the aligner's matrix does, and it is checked). None for longer or
    empty runs (scipy's product, whose loops in C do better than numpy's sorting there) and for
    more than `SMALL_PRODUCT` entries."""
    if not (lengths == 1).all():
        return None
    visits = np.diff(X.indptr)[flat]
    total = int(visits.sum())
    if total > SMALL_PRODUCT:
        return None
    within = np.arange(total) - np.repeat(np.cumsum(visits) - visits, visits)
    at = np.repeat(X.indptr[flat + 1] - 1, visits) - within
    data, indices, run = X.data[at], X.indices[at], np.repeat(np.arange(len(flat)), visits)
    keys = np.sort(run * X.shape[1] + indices)
    if (keys[1:] == keys[:-1]).any():             # a row naming a column twice: scipy sums them
        return None
    kept = data != 0
    counts = np.bincount(run[kept], minlength=len(flat))
    return data[kept], indices[kept], np.concatenate(([0], np.cumsum(counts)))


def column_sums(V: sparse.csr_matrix, rows: np.ndarray) -> np.ndarray:
    """`np.asarray(V[rows].sum(axis=0)).ravel()`, to the bit, without the row selection's matrix
    and the product by ones: scipy sums a CSR matrix's columns by the transposed matrix times a
    vector of ones (`csc_matvec`), adding each column's entries to 0.0 one at a time, row after
    row in the order of `rows` (a row named twice counted twice). Over `SMALL_PRODUCT` entries,
    scipy's own: the loop below runs once per row sharing a column, a thousand times for a
    statement a thousand versions carry."""
    lengths = np.diff(V.indptr)[rows]
    if int(lengths.sum()) > SMALL_PRODUCT:
        return np.asarray(V[rows].sum(axis=0)).ravel()
    within = np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    at = np.repeat(V.indptr[rows], lengths) + within
    columns, values = V.indices[at], V.data[at]
    order = np.argsort(columns, kind="stable")                  # each column's entries, in turn
    columns, values = columns[order], values[order]
    first = np.concatenate(([True], columns[1:] != columns[:-1])) if len(columns) else columns == 0
    rank = np.arange(len(columns)) - np.flatnonzero(first)[np.cumsum(first) - 1]
    sums = np.zeros(V.shape[1], dtype=np.float64)
    for level in range(int(rank.max()) + 1 if len(rank) else 0):
        now = rank == level                                     # a column at most once a level
        sums[columns[now]] += values[now]
    return sums

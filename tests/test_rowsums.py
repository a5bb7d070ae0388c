"""Run sums formed without scipy's product are scipy's product, to the bit and entry order."""

from __future__ import annotations

import numpy as np
from scipy import sparse

from variance.align.features import normalize_rows, run_vectors
from variance.align.rowsums import SMALL_PRODUCT, column_sums, run_sums


def _scipy_sums(flat: np.ndarray, lengths: np.ndarray, X) -> sparse.csr_matrix:
    rows = np.repeat(np.arange(len(lengths)), lengths)
    A = sparse.csr_matrix((np.ones(len(flat)), (rows, flat)), shape=(len(lengths), X.shape[0]))
    return A @ X


def _same_bits(ours, theirs) -> bool:
    data, indices, indptr = ours
    return (np.array_equal(indptr, theirs.indptr) and np.array_equal(indices, theirs.indices)
            and data.tobytes() == theirs.data.tobytes())


def _case(rng):
    """A matrix with rows in scipy's product order or sorted, zeros, values that cancel, empty
    rows; runs of its rows (each increasing, or now and then any rows), one row each or more,
    some empty."""
    n, width = int(rng.integers(1, 40)), int(rng.integers(1, 50))
    X = sparse.random(n, width, density=float(rng.random()) * 0.5, format="csr",
                      random_state=int(rng.integers(1 << 30)))
    X.data = rng.choice([1.0, -1.0, 0.5, 1e-300, 3.7e10, 0.1, 0.0], len(X.data)) * rng.random(len(X.data))
    if rng.random() < 0.5:
        X = sparse.csr_matrix(sparse.diags(rng.random(n) + 0.5) @ X)   # each row's order reversed
    count = int(rng.integers(0, 30))
    lengths = np.ones(count, dtype=np.int64) if rng.random() < 0.4 else rng.integers(0, min(n, 6) + 1, count)
    runs = [np.sort(rng.choice(n, k, replace=False)) if rng.random() < 0.9 else rng.integers(0, n, k)
            for k in lengths]
    flat = np.concatenate(runs).astype(np.int64) if runs else np.zeros(0, dtype=np.int64)
    return flat, lengths.astype(np.int64), X


def test_run_sums_are_scipys_product_to_the_bit():
    rng = np.random.default_rng(11)
    formed = 0
    for _ in range(1500):
        flat, lengths, X = _case(rng)
        ours = run_sums(flat, lengths, X)
        assert (ours is not None) == bool((lengths == 1).all())
        if ours is not None:
            formed += 1
            assert _same_bits(ours, _scipy_sums(flat, lengths, X))
        assert _same_bits(_arrays(run_vectors([tuple(flat[e - k:e]) for e, k in zip(np.cumsum(lengths), lengths)], X)),
                          normalize_rows(_scipy_sums(flat, lengths, X)))
    assert formed > 500


def _arrays(matrix):
    return matrix.data, matrix.indices, matrix.indptr


def test_a_row_is_copied_reversed_without_its_zeros():
    X = sparse.csr_matrix((np.array([1.0, -0.0, 2.0, 3.0]), np.array([0, 1, 2, 1]), np.array([0, 3, 3, 4])),
                          shape=(3, 3))
    flat, lengths = np.array([0, 1, 2, 0]), np.array([1, 1, 1, 1])
    ours = run_sums(flat, lengths, X)
    assert ours is not None and _same_bits(ours, _scipy_sums(flat, lengths, X))
    assert ours[0].tolist() == [2.0, 1.0, 3.0, 2.0, 1.0] and ours[2].tolist() == [0, 2, 2, 3, 5]


def test_a_row_naming_a_column_twice_is_left_to_scipy():
    X = sparse.csr_matrix((np.array([1.0, 2.0]), np.array([1, 1]), np.array([0, 2])), shape=(1, 3))
    assert run_sums(np.array([0]), np.array([1]), X) is None
    assert run_vectors([(0,)], X).toarray().tolist() == [[0.0, 1.0, 0.0]]


def test_a_large_product_is_left_to_scipy():
    X = sparse.csr_matrix(np.ones((10, SMALL_PRODUCT // 10 + 1)))
    assert run_sums(np.arange(10), np.ones(10, dtype=np.int64), X) is None
    assert run_vectors([(r,) for r in range(10)], X).nnz == X.nnz


def test_column_sums_are_scipys_to_the_bit():
    """Rows named in any order, some twice, some empty; values that cancel; a row order reversed."""
    rng = np.random.default_rng(5)
    for _ in range(1000):
        flat, _, X = _case(rng)
        rows = rng.integers(0, X.shape[0], int(rng.integers(0, 12)))
        theirs = np.asarray(X[rows].sum(axis=0)).ravel()
        assert column_sums(X, rows).tobytes() == theirs.tobytes()

"""Sentence vectors: artefacts and paraphrase still meet, unrelated sentences do not."""

from __future__ import annotations

import numpy as np
from scipy import sparse

from variance.align.features import (
    SMALL,
    FeatureSpace,
    centroids,
    keep_columns,
    normalize_rows,
    run_vectors,
    scale_rows,
)


def similarity(space: FeatureSpace, i: int, j: int) -> float:
    return float((space.matrix[i] @ space.matrix[j].T).toarray()[0, 0])


def test_glued_words_and_truncated_names_still_match():
    space = FeatureSpace(["agreements reached in bali and translating statements into actions",
                          "agreements reached in baliand translating statements into actions",
                          "Secretary of State Antony Blinken met Xi",
                          "Secretary of State Anthony Blink met Xi",
                          "The weather in Paris was sunny"])
    assert similarity(space, 0, 1) > 0.6
    assert similarity(space, 2, 3) > 0.5
    assert similarity(space, 0, 4) < 0.1


def test_rows_are_unit_vectors_and_duplicates_share_one_row():
    texts = ["China is willing to cooperate.", "China is willing to cooperate.", "Xi met Blinken."]
    space = FeatureSpace(texts)
    norms = space.matrix.multiply(space.matrix).sum(axis=1).A1
    assert all(abs(float(n) - 1.0) < 1e-9 for n in norms)
    assert (space.matrix[0] != space.matrix[1]).nnz == 0


def test_centroids_and_runs_are_normalised_sums():
    space = FeatureSpace(["China is willing to cooperate.", "Cooperation must be bilateral.", "Xi met Blinken."])
    C = centroids([[(0,), (1,)], [(2,)]], space.matrix)
    R = run_vectors([(0, 1)], space.matrix)
    assert C.shape[0] == 2 and abs(float((C[0] @ R[0].T).toarray()[0, 0]) - 1.0) < 1e-9
    assert centroids([], space.matrix) is None


def test_an_empty_corpus_has_an_empty_matrix():
    assert FeatureSpace([]).matrix.shape[0] == 0


def _scipy_normalized(matrix):
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix)


def _csr(rows: np.ndarray, cols: np.ndarray, vals: np.ndarray, n: int, width: int):
    indptr = np.concatenate(([0], np.cumsum(np.bincount(rows, minlength=n)))).astype(np.int32)
    return sparse.csr_matrix((vals, cols.astype(np.int32), indptr), shape=(n, width))


def _matrices(count: int, repeats: bool):
    """Random CSR matrices: rows sorted or not, zeros, tiny values, empty rows; with `repeats`,
    a column may come twice in a row (else every row names each column once)."""
    rng = np.random.default_rng(7)
    for case in range(count):
        n, width = int(rng.integers(0, 10)), int(rng.integers(1, 30))
        rows = np.sort(rng.integers(0, max(n, 1), int(rng.integers(0, 60)) if n else 0))
        cols = rng.integers(0, width, len(rows))
        vals = rng.choice([0.0, 1e-170, 0.1, 1.0, 3.3, 7e5], len(rows)) * rng.random(len(rows))
        matrix = _csr(rows, cols, vals, n, width)
        if not repeats:
            matrix.sum_duplicates()
            if case % 2:  # unsorted rows, as scipy's products leave them
                matrix = sparse.csr_matrix(sparse.diags(np.ones(n)) @ matrix)
        yield rng, matrix


def _same_bits(ours, theirs) -> bool:
    return (np.array_equal(ours.indptr, theirs.indptr) and np.array_equal(ours.indices, theirs.indices)
            and ours.data.tobytes() == theirs.data.tobytes())


def test_rows_are_normalized_to_the_last_bit_as_scipy_does_it():
    """The same floating-point results, entries and entry order as scipy's diagonal product, on
    small matrices (done here) and one beyond `SMALL` entries (done by scipy)."""
    for repeats in (False, True):
        for _, matrix in _matrices(1000, repeats=repeats):
            assert _same_bits(normalize_rows(matrix), _scipy_normalized(matrix))
    rng = np.random.default_rng(3)
    rows = np.sort(rng.integers(0, 300, 3 * SMALL))
    large = sparse.csr_matrix(sparse.diags(np.ones(300)) @ _csr(rows, rng.integers(0, 5000, len(rows)),
                                                                rng.random(len(rows)), 300, 5000))
    assert large.nnz > SMALL and _same_bits(normalize_rows(large), _scipy_normalized(large))


def test_rows_scaled_and_columns_kept_to_the_last_bit_as_scipy_does_it():
    for rng, matrix in [*_matrices(1000, repeats=False), *_matrices(300, repeats=True)]:
        factors = rng.choice([0.0, 0.5, 1.0, 3.0], matrix.shape[0]) * rng.random(matrix.shape[0])
        keep = rng.random(matrix.shape[1]) < 0.5
        assert _same_bits(scale_rows(matrix, factors), sparse.csr_matrix(sparse.diags(factors) @ matrix))
        theirs = sparse.csr_matrix(matrix @ sparse.diags(keep.astype(np.float64)))
        theirs.eliminate_zeros()
        assert _same_bits(keep_columns(matrix, keep), theirs)


def test_run_and_centroid_matrices_are_scipys_own_to_the_bit():
    """Built from each row's entries directly, the sums are scipy's from coordinates: every
    score of the aligner is the same to the last bit."""
    rng = np.random.default_rng(3)
    X = normalize_rows(sparse.random(200, 60, density=0.2, random_state=4, format="csr"))
    runs = [tuple(range(s, s + int(rng.integers(1, 4)))) for s in rng.integers(0, 196, 300)]
    clusters = [runs[i:i + 7] for i in range(0, len(runs), 7)] + [[]]

    def by_coordinates(groups, mean):
        rows, cols, vals = [], [], []
        for t, group in enumerate(groups):
            for run in group:
                rows += [t] * len(run)
                cols += list(run)
                vals += [1.0 / len(run) if mean else 1.0] * len(run)
        return normalize_rows(sparse.csr_matrix((vals, (rows, cols)), shape=(len(groups), 200)) @ X)

    for mine, theirs in ((run_vectors(runs, X), by_coordinates([[r] for r in runs], False)),
                         (centroids(clusters, X), by_coordinates(clusters, True))):
        assert np.array_equal(mine.indptr, theirs.indptr) and np.array_equal(mine.indices, theirs.indices)
        assert np.array_equal(mine.data.view(np.int64), theirs.data.view(np.int64))

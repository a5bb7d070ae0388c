"""Sentence vectors: artefacts and paraphrase still meet, unrelated sentences do not."""

from __future__ import annotations

import numpy as np
from scipy import sparse

from variance.align.features import FeatureSpace, centroids, normalize_rows, run_vectors


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


def test_rows_are_normalized_to_the_last_bit_as_scipy_does_it():
    """The same floating-point results, entries and entry order as scipy's diagonal product, on
    rows sorted or not, with zeros, tiny values, empty rows and a column repeated in a row."""
    rng = np.random.default_rng(7)
    for case in range(2000):
        n, width = int(rng.integers(0, 10)), int(rng.integers(1, 30))
        rows = np.sort(rng.integers(0, max(n, 1), int(rng.integers(0, 60)) if n else 0))
        cols = rng.integers(0, width, len(rows)).astype(np.int32)
        vals = rng.choice([0.0, 1e-170, 0.1, 1.0, 3.3, 7e5], len(rows)) * rng.random(len(rows))
        indptr = np.concatenate(([0], np.cumsum(np.bincount(rows, minlength=n)))).astype(np.int32)
        matrix = sparse.csr_matrix((vals, cols, indptr), shape=(n, width))
        if case % 3 == 0:
            matrix.sum_duplicates()
        ours, theirs = normalize_rows(matrix), _scipy_normalized(matrix)
        assert np.array_equal(ours.indptr, theirs.indptr) and np.array_equal(ours.indices, theirs.indices)
        assert ours.data.tobytes() == theirs.data.tobytes()

"""Sentence vectors for alignment: TF-IDF over folded words, content-word bigrams and
character 4-grams, so that a statement is recognised across paraphrase ("help each other
succeed instead of hurting each other") and artefacts ("baliand", "Blink") alike."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np

from ..text.normalize import STOPWORDS, key_words, stem
from .sparse import sparse

__all__ = ["FeatureSpace", "sentence_features", "normalize_rows", "centroids", "run_vectors", "WORD_SHARE"]

WORD_SHARE = 0.65
"""Share of the similarity carried by words and bigrams; characters carry the rest."""


def sentence_features(text: str) -> tuple[list[str], list[str]]:
    """Word-level features (stemmed content words and their bigrams) and character 4-grams."""
    words = [w for w in key_words(text) if w not in STOPWORDS]
    stems = [stem(w) for w in words]
    word_feats = stems + [f"{a} {b}" for a, b in zip(stems, stems[1:])]
    grams: list[str] = []
    for w in words:
        padded = f"#{w}#"
        grams.extend(padded[i:i + 4] for i in range(max(1, len(padded) - 3)))
    return word_feats, grams


class FeatureSpace:
    """A vocabulary with inverse document frequencies, fitted on every sentence compared.

    Identical sentences (syndicated copies share many) are featurised once.
    """

    def __init__(self, texts: Sequence[str]):
        unique: dict[str, int] = {}
        which = [unique.setdefault(t, len(unique)) for t in texts]
        copies: np.ndarray | list[int] = (
            np.bincount(np.asarray(which, dtype=np.int64), minlength=len(unique)) if texts else [])
        self.vocab: dict[str, int] = {}
        rows = [self._counts(t) for t in unique]
        df = np.zeros(len(self.vocab), dtype=np.float64)
        for (words, grams), k in zip(rows, copies):
            df[list(words) + list(grams)] += k
        self.idf = np.log((len(texts) + 1) / (df + 1)) + 1.0
        self.matrix = self._build(rows)[which] if texts else sparse.csr_matrix((0, len(self.vocab)))
        self.sizes = np.array([sum(words.values()) + sum(grams.values()) for words, grams in rows],
                              dtype=np.float64)[which] if texts else np.zeros(0)
        """Number of features of each text: how much of its sentence a part says."""

    def _counts(self, text: str) -> tuple[Counter, Counter]:
        """Counts by feature id, ids in order of first occurrence (each feature looked up once)."""
        words, grams = sentence_features(text)
        return (Counter({self._id(f): n for f, n in Counter(words).items()}),
                Counter({self._id("\0" + g): n for g, n in Counter(grams).items()}))

    def _id(self, feature: str) -> int:
        fid = self.vocab.get(feature)
        if fid is None:
            fid = self.vocab[feature] = len(self.vocab)
        return fid

    def _build(self, rows) -> sparse.csr_matrix:
        """Rows are sentences; each row has unit length, words and characters weighted."""
        indptr, indices, data = [0], [], []
        for parts in rows:
            for counts, share in zip(parts, (WORD_SHARE, 1 - WORD_SHARE)):
                if not counts:
                    continue
                ids = np.fromiter(counts, dtype=np.int64, count=len(counts))
                vals = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
                vals = (1 + np.log(vals)) * self.idf[ids]
                vals *= math.sqrt(share) / np.linalg.norm(vals)
                indices.extend(ids.tolist())
                data.extend(vals.tolist())
            indptr.append(len(indices))
        matrix = sparse.csr_matrix((data, indices, indptr), shape=(len(rows), len(self.vocab)))
        return normalize_rows(matrix)

    def word_idf(self, word: str) -> float:
        fid = self.vocab.get(stem(word))
        return float(self.idf[fid]) if fid is not None else 0.0


def normalize_rows(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    """Every row divided by its length (a row of zeros stays so).

    The arithmetic is scipy's `diags(1 / norms) @ matrix` with the norms from
    `matrix.multiply(matrix).sum(axis=1)`, operation for operation and in the same order, so every
    score is the same to the last bit; only the diagonal matrix, the element-wise product and the
    sparse product around them are not built (they were a quarter of the aligner's time on a small
    corpus, and the diagonal matrix imported `numpy.ma`). A row that holds a column twice (no
    matrix built here does) takes scipy's own way."""
    indptr, indices, data = matrix.indptr, matrix.indices, matrix.data
    n = matrix.shape[0]
    rows = np.repeat(np.arange(n), np.diff(indptr))
    increasing = bool((np.diff(indices)[rows[1:] == rows[:-1]] > 0).all())
    if not increasing and _repeats_a_column(rows, indices, matrix.shape[1]):
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix)
    # scipy's element-wise product keeps each row's order where every row's columns increase and
    # reverses it otherwise, then drops zeros; the norms are np.add.reduceat over what is left.
    # Its sparse product (one entry per row on the left) reverses each row and drops zeros.
    reverse = (indptr[:-1] + indptr[1:] - 1)[rows] - np.arange(len(data))
    ordered = data if increasing else data[reverse]
    squares = ordered * ordered
    kept = squares != 0
    norms = np.sqrt(_row_sums(squares[kept], rows[kept], n))
    norms[norms == 0] = 1.0
    scaled = (1.0 / norms)[rows] * data[reverse]
    kept = scaled != 0
    out_ptr = np.concatenate(([0], np.cumsum(np.bincount(rows[kept], minlength=n)))).astype(indptr.dtype)
    return sparse.csr_matrix((scaled[kept], indices[reverse][kept], out_ptr), shape=matrix.shape)


def _row_sums(values: np.ndarray, rows: np.ndarray, n: int) -> np.ndarray:
    """Sum of each row's values (in row order), as scipy's `sum(axis=1)` of a CSR matrix adds
    them: one np.add.reduceat over the rows that hold any."""
    starts = np.concatenate(([0], np.cumsum(np.bincount(rows, minlength=n))))
    sums = np.zeros(n, dtype=np.float64)
    filled = np.flatnonzero(np.diff(starts))
    if len(filled):
        sums[filled] = np.add.reduceat(values, starts[filled].astype(np.intp))
    return sums


def _repeats_a_column(rows: np.ndarray, indices: np.ndarray, width: int) -> bool:
    keys = np.sort(rows.astype(np.int64) * width + indices)
    return bool((keys[1:] == keys[:-1]).any())


def centroids(clusters, X) -> sparse.csr_matrix | None:
    if not clusters:
        return None
    rows, cols, vals = [], [], []
    for t, members in enumerate(clusters):
        for run in members:
            rows.extend(run)
            cols.extend([t] * len(run))
            vals.extend([1.0 / len(run)] * len(run))
    M = sparse.csr_matrix((vals, (cols, rows)), shape=(len(clusters), X.shape[0]))
    return normalize_rows(M @ X)


def run_vectors(runs, X) -> sparse.csr_matrix:
    rows, cols, vals = [], [], []
    for i, run in enumerate(runs):
        rows.extend([i] * len(run))
        cols.extend(run)
        vals.extend([1.0] * len(run))
    R = sparse.csr_matrix((vals, (rows, cols)), shape=(len(runs), X.shape[0]))
    return normalize_rows(R @ X)

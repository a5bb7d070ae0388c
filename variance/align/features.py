"""Sentence vectors for alignment: TF-IDF over folded words, content-word bigrams and
character 4-grams, so that a statement is recognised across paraphrase ("help each other
succeed instead of hurting each other") and artefacts ("baliand", "Blink") alike."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from itertools import chain

import numpy as np

from ..text.normalize import STOPWORDS, key_words, stem
from .rowsums import run_sums
from .sparse import sparse

__all__ = ["FeatureSpace", "normalize_rows", "scale_rows", "keep_columns", "centroids",
           "cluster_sums", "sums_remembered", "run_vectors", "sum_matrix", "distinct_runs", "WORD_SHARE"]

WORD_SHARE = 0.65
"""Share of the similarity carried by words and bigrams; characters carry the rest."""


@lru_cache(maxsize=131072)
def _word_grams(word: str) -> tuple[str, ...]:
    """The character 4-grams of a word padded with "#", each as its feature ("\0" first, so a
    gram never meets a word feature), in order: words repeat across sentences, their grams are
    cut once."""
    padded = f"#{word}#"
    return tuple("\0" + padded[i:i + 4] for i in range(max(1, len(padded) - 3)))


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
        self._grams = _GramIds(self.vocab)
        self._words: list[list[str]] = []
        """The content words of each distinct text (`content_words`)."""
        rows = [self._counts(t) for t in unique]
        df = np.zeros(len(self.vocab), dtype=np.float64)
        for (words, grams), k in zip(rows, copies):
            df[list(words) + list(grams)] += k
        self.idf = np.log((len(texts) + 1) / (df + 1)) + 1.0
        self.distinct = self._build(rows) if texts else sparse.csr_matrix((0, len(self.vocab)))
        """One row per distinct text."""
        self.which = np.asarray(which, dtype=np.int64)
        """Index of each text among the distinct texts: equal texts, equal rows."""
        self.sizes = np.array([sum(words.values()) + sum(grams.values()) for words, grams in rows],
                              dtype=np.float64)[which] if texts else np.zeros(0)
        """Number of features of each text: how much of its sentence a part says."""

    @property
    def matrix(self) -> sparse.csr_matrix:
        """One row per text."""
        return self.distinct[self.which]

    def _counts(self, text: str) -> tuple[dict[int, int], dict[int, int]]:
        """Counts by feature id, ids in order of first occurrence (each feature looked up once):
        the word features (stemmed content words and their bigrams), then the character 4-grams
        (each word's grams looked up once, `_GramIds`)."""
        words = [w for w in key_words(text) if w not in STOPWORDS]
        self._words.append(words)
        stems = [stem(w) for w in words]
        vocab = self.vocab
        features = Counter(stems)
        features.update(f"{a} {b}" for a, b in zip(stems, stems[1:]))
        ids = {vocab.setdefault(f, len(vocab)): n for f, n in features.items()}
        return ids, Counter(chain.from_iterable(map(self._grams.__getitem__, words)))

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
                indices.append(ids)
                data.append(vals)
            indptr.append(indptr[-1] + len(parts[0]) + len(parts[1]))
        width = len(self.vocab)
        kind = np.int32 if max(width, indptr[-1]) < 2 ** 31 else np.int64  # as scipy chooses
        matrix = sparse.csr_matrix((_joined(data, np.float64), _joined(indices, kind),
                                    np.asarray(indptr, dtype=kind)), shape=(len(rows), width))
        return normalize_rows(matrix)

    def content_words(self, i: int) -> list[str]:
        """`text.normalize.content_words` of text `i`, read as it was featurised."""
        return self._words[self.which[i]]

    def word_idf(self, word: str) -> float:
        fid = self.vocab.get(stem(word))
        return float(self.idf[fid]) if fid is not None else 0.0


class _GramIds(dict):
    """Each word's character 4-grams as feature ids, a word's looked up once: a new word's new
    grams get the next ids in the order they come, as looking each gram up would give them."""

    def __init__(self, vocab: dict[str, int]):
        super().__init__()
        self.vocab = vocab

    def __missing__(self, word: str) -> tuple[int, ...]:
        vocab = self.vocab
        ids = self[word] = tuple(vocab.setdefault(g, len(vocab)) for g in _word_grams(word))
        return ids


def _joined(pieces: list[np.ndarray], dtype: type) -> np.ndarray:
    return np.concatenate(pieces).astype(dtype, copy=False) if pieces else np.zeros(0, dtype=dtype)


SMALL = 10_000
"""Entries up to which a matrix is scaled here rather than by scipy's diagonal product: below,
scipy's fixed cost per call (a few tenths of a millisecond) dominates; above, its loops in C win."""


def normalize_rows(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    """Every row divided by its length (a row of zeros stays so): scipy's `diags(1 / norms) @
    matrix` with the norms from `matrix.multiply(matrix).sum(axis=1)`.

    Up to `SMALL` entries the same floating-point operations are done here, in the same order, so
    every score is the same to the last bit, without the diagonal matrix, the element-wise
    product and the sparse product around them (a quarter of the aligner's time on a small
    corpus; the diagonal matrix also imported `numpy.ma`)."""
    if matrix.nnz > SMALL:
        return _scipy_normalized(matrix)
    normalized = _normalized(matrix.data, matrix.indices, matrix.indptr, matrix.shape)
    return _scipy_normalized(matrix) if normalized is None else normalized


def _normalized(data: np.ndarray, indices: np.ndarray, indptr: np.ndarray, shape: tuple[int, int],
                once: bool = False) -> sparse.csr_matrix | None:
    """`normalize_rows` of the CSR matrix of these arrays, done here (None where a row names
    a column twice and its order is not increasing: scipy's element-wise product then sums;
    `once`: the caller knows every row names each column once)."""
    rows = np.repeat(np.arange(shape[0]), np.diff(indptr))
    increasing = bool((np.diff(indices)[rows[1:] == rows[:-1]] > 0).all())
    if not increasing and not once and _repeats_a_column(rows, indices, shape[1]):
        return None
    # scipy's element-wise product keeps each row's order where every row's columns increase and
    # reverses it otherwise, then drops zeros; the norms are np.add.reduceat over what is left
    order = _reversed_rows(indptr, rows)
    squares = data * data if increasing else data[order] * data[order]
    kept = squares != 0
    norms = np.sqrt(_row_sums(squares[kept], rows[kept], shape[0]))
    norms[norms == 0] = 1.0
    values = (1.0 / norms)[rows] * data[order]
    kept = values != 0
    counts = np.bincount(rows[kept], minlength=shape[0])
    return sparse.csr_matrix((values[kept], indices[order][kept], np.concatenate(([0], np.cumsum(counts)))),
                             shape=shape)


def _scipy_normalized(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(_diagonal(1.0 / norms) @ matrix)


def _diagonal(values: np.ndarray) -> sparse.csr_matrix:
    """`diags(values)` as the CSR matrix scipy turns it into before a product (its zeros left
    out), without the DIA matrix, whose check of its offsets imports `numpy.ma`."""
    at = np.flatnonzero(values).astype(np.int32)
    indptr = np.concatenate(([0], np.cumsum(values != 0))).astype(np.int32)
    return sparse.csr_matrix((values[at], at, indptr), shape=(len(values), len(values)))


def scale_rows(matrix: sparse.csr_matrix, factors: np.ndarray) -> sparse.csr_matrix:
    """`csr_matrix(diags(factors) @ matrix)`, to the last bit: up to `SMALL` entries (in rows
    naming each column once) each entry becomes `0 + factor * value`, each row's order is
    reversed and zeros are dropped here, as scipy's product does."""
    rows = _rows(matrix)
    if matrix.nnz > SMALL or _repeats_a_column(rows, matrix.indices, matrix.shape[1]):
        return sparse.csr_matrix(_diagonal(factors) @ matrix)
    return _scaled(matrix, factors, rows)


def keep_columns(matrix: sparse.csr_matrix, keep: np.ndarray) -> sparse.csr_matrix:
    """`csr_matrix(matrix @ diags(keep.astype(float)))` with its zeros removed, to the last bit:
    up to `SMALL` entries (in rows naming each column once) the entries of the columns kept,
    each row's order reversed, as scipy's product leaves them."""
    rows = _rows(matrix)
    if matrix.nnz > SMALL or _repeats_a_column(rows, matrix.indices, matrix.shape[1]):
        kept = sparse.csr_matrix(matrix @ _diagonal(keep.astype(np.float64)))
        kept.eliminate_zeros()
        return kept
    order = _reversed_rows(matrix.indptr, rows)
    values, columns = matrix.data[order], matrix.indices[order]
    return _kept(matrix, values, columns, rows, (values != 0) & keep[columns])


def _scaled(matrix: sparse.csr_matrix, factors: np.ndarray, rows: np.ndarray) -> sparse.csr_matrix:
    order = _reversed_rows(matrix.indptr, rows)
    values = factors[rows] * matrix.data[order]
    return _kept(matrix, values, matrix.indices[order], rows, values != 0)


def _kept(matrix: sparse.csr_matrix, values: np.ndarray, columns: np.ndarray, rows: np.ndarray,
          kept: np.ndarray) -> sparse.csr_matrix:
    counts = np.bincount(rows[kept], minlength=matrix.shape[0])
    indptr = np.concatenate(([0], np.cumsum(counts))).astype(matrix.indptr.dtype)
    return sparse.csr_matrix((values[kept], columns[kept], indptr), shape=matrix.shape)


def _rows(matrix: sparse.csr_matrix) -> np.ndarray:
    return np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))


def _reversed_rows(indptr: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """The positions of a CSR matrix's entries with each row's order reversed."""
    return (indptr[:-1] + indptr[1:] - 1)[rows] - np.arange(len(rows))


def _row_sums(values: np.ndarray, rows: np.ndarray, n: int) -> np.ndarray:
    """Sum of each row's values (in row order), as scipy's `sum(axis=1)` of a CSR matrix adds
    them: one np.add.reduceat over the rows that hold any."""
    starts = np.concatenate(([0], np.cumsum(np.bincount(rows, minlength=n))))
    sums = np.zeros(n, dtype=np.float64)
    filled = np.flatnonzero(np.diff(starts))
    if len(filled):
        sums[filled] = np.add.reduceat(values, starts[filled].astype(np.intp))
    return sums


def centroids(clusters, X) -> sparse.csr_matrix | None:
    """Each cluster's centroid: the normalised sum of its runs' mean rows."""
    if not clusters:
        return None
    return normalize_rows(cluster_sums(clusters, X))


def cluster_sums(clusters, X) -> sparse.csr_matrix:
    """For each cluster, the sum of its runs' mean rows: `sum_matrix(clusters) @ X`, read from
    the memo of `sums_remembered(X)` for the clusters it has seen."""
    memo = _MEMO.get()
    if memo is None or memo.X is not X:
        return sum_matrix(clusters, X.shape[0]) @ X
    return memo.sums(clusters)


@contextmanager
def sums_remembered(X: sparse.csr_matrix) -> Iterator[None]:
    """Inside the block, `cluster_sums` over X measures each cluster once (`_SumsMemo`)."""
    token = _MEMO.set(_SumsMemo(X))
    try:
        yield
    finally:
        _MEMO.reset(token)


class _SumsMemo:
    """The sum row of every cluster measured, by its runs. Each row of the product
    `sum_matrix(clusters) @ X` is made from its own cluster alone (scipy's product goes row by
    row), so a row read again is the row the product would give, to the bit: the repairs after
    the first pass each measure every statement and change few (at 1,000 versions, nine
    products over 50,000 rows, of which a sixth had changed)."""

    def __init__(self, X: sparse.csr_matrix):
        self.X = X
        self.rows: dict[tuple, tuple[np.ndarray, np.ndarray]] = {}

    def sums(self, clusters) -> sparse.csr_matrix:
        keys = [tuple(runs) for runs in clusters]
        new = list({k: i for i, k in enumerate(keys) if k not in self.rows}.values())
        if new:
            S = sum_matrix([clusters[i] for i in new], self.X.shape[0]) @ self.X
            for j, i in enumerate(new):
                lo, hi = S.indptr[j], S.indptr[j + 1]
                self.rows[keys[i]] = S.data[lo:hi], S.indices[lo:hi]
        found = [self.rows[k] for k in keys]
        lengths = np.fromiter((len(data) for data, _ in found), dtype=np.int64, count=len(found))
        kind = np.int32 if max(int(lengths.sum()), *self.X.shape) < 2 ** 31 else np.int64  # as scipy
        indptr = np.concatenate(([0], np.cumsum(lengths))).astype(kind)
        return sparse.csr_matrix((_joined([data for data, _ in found], np.float64),
                                  _joined([columns for _, columns in found], kind), indptr),
                                 shape=(len(clusters), self.X.shape[1]))


_MEMO: ContextVar[_SumsMemo | None] = ContextVar("variance_align_sums", default=None)
"""The memo of the alignment being made in this thread (`sums_remembered`)."""


def run_vectors(runs, X) -> sparse.csr_matrix:
    """Each run's vector: the normalised sum of its rows."""
    lengths = np.fromiter(map(len, runs), dtype=np.int64, count=len(runs))
    flat = np.fromiter(chain.from_iterable(runs), dtype=np.int64, count=int(lengths.sum()))
    sums = run_sums(flat, lengths, X)                  # scipy's product, to the bit, when small
    normalized = None if sums is None else _normalized(*sums, (len(runs), X.shape[1]), once=True)
    if normalized is None:
        return normalize_rows(_canonical(np.ones(len(flat)), flat, lengths, X.shape[0]) @ X)
    return normalized


def sum_matrix(clusters, width: int) -> sparse.csr_matrix:
    """The matrix that sums, for each cluster, its runs' mean rows: row t holds 1 / len(run) at
    the rows of each run of cluster t, in increasing order (as `csr_matrix((vals, (t, rows)))`
    leaves them)."""
    runs = [run for members in clusters for run in members]
    sizes = np.fromiter(map(len, runs), dtype=np.int64, count=len(runs))
    flat = np.fromiter(chain.from_iterable(runs), dtype=np.int64, count=int(sizes.sum()))
    per = np.fromiter((sum(map(len, members)) for members in clusters), dtype=np.int64, count=len(clusters))
    return _canonical(np.repeat(1.0 / np.maximum(sizes, 1), sizes), flat, per, width)


def _canonical(values: np.ndarray, columns: np.ndarray, per_row: np.ndarray, width: int) -> sparse.csr_matrix:
    """A CSR matrix from each row's entries in turn, columns sorted and duplicates summed within
    each row, as scipy leaves a matrix built from coordinates."""
    indptr = np.concatenate(([0], np.cumsum(per_row))).astype(np.int32 if len(columns) < 2 ** 31 else np.int64)
    M = sparse.csr_matrix((values, columns.astype(indptr.dtype), indptr), shape=(len(per_row), width))
    M.sum_duplicates()
    return M


def distinct_runs(runs, classes: np.ndarray, tags: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(the distinct run of each run, the first run of each distinct run): runs are the same
    when their rows' classes (`variance.align.first_pass.row_classes`) are, in order, and so
    are their `tags` (say, the statement each belongs to)."""
    lengths = np.fromiter(map(len, runs), dtype=np.int64, count=len(runs))
    if not len(runs):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    flat = classes[np.fromiter(chain.from_iterable(runs), dtype=np.int64, count=int(lengths.sum()))]
    keys = np.full((len(runs), int(lengths.max()) + 1), -1, dtype=np.int64)
    keys[:, 0] = tags if tags is not None else 0
    row = np.repeat(np.arange(len(runs)), lengths)
    keys[row, 1 + np.arange(len(flat)) - np.repeat(np.cumsum(lengths) - lengths, lengths)] = flat
    return distinct_rows(keys)


def distinct_rows(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(the distinct row of each row, the first row of each distinct row) of an integer
    matrix; distinct rows are numbered in the lexical order of their entries."""
    if not len(keys):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    order = np.lexsort(keys.T[::-1])
    ordered = keys[order]
    new = np.concatenate(([True], (ordered[1:] != ordered[:-1]).any(axis=1)))
    index = np.empty(len(keys), dtype=np.int64)
    index[order] = np.cumsum(new) - 1
    return index, order[new]


def _repeats_a_column(rows: np.ndarray, indices: np.ndarray, width: int) -> bool:
    keys = np.sort(rows.astype(np.int64) * width + indices)
    return bool((keys[1:] == keys[:-1]).any())

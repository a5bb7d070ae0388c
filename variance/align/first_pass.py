"""The first pass of alignment: claims and runs of claims against statement centroids.

Documents are taken one at a time (the longest first, then in batches that double in size);
each claim of a document, and each run of adjacent claims of one paragraph over up to `max_run`
sentences, is scored against the centroid of every statement found so far, and the best
one-to-one assignment above the threshold wins (`_assign_document`). What finds no statement
starts one. Centroids are those of the statements at the start of the batch, and of the ones
started within it as they grow.

Measured once per wording. Syndicated versions repeat most sentences word for word (1,000
synthetic versions: 50,000 claims of 4,400 distinct rows), so a row's *class* names the rows equal
to it to the last bit: the same distinct text (`FeatureSpace.which`), the same share of its
sentence and the same language. A run's score against a centroid is linear in its rows: the
sum of its claims' dot products with the centroid over the length of the run's summed vector.
So a batch computes the dot products of each class present with every centroid once (sparse by
sparse: a dense block of the centroids was no faster at 1,000 or 10,000 versions and, a fresh
block per batch, slower on a small corpus), a run's length is computed once
per distinct run, and a document's scores are sums of rows of that small table.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from ..model import Document, Options
from .arrays import distinct
from .features import distinct_rows
from .regroup import RUN_GAIN, RUN_PART_MIN
from .sparse import sparse

__all__ = ["first_pass", "processing_order", "row_classes", "MAX_RUN_PARTS"]

FIRST_BATCHES = 8
"""Documents aligned one at a time before batching starts."""
MAX_BATCH = 64
MAX_RUN_PARTS = 6
"""Most claims one run may join (besides `max_run` sentences)."""


def row_classes(which: np.ndarray, share: np.ndarray, foreign: np.ndarray) -> np.ndarray:
    """One class per row of the aligner's matrix: rows of the same distinct text, share of
    their sentence (to the bit) and language (foreign rows are emptied) are equal."""
    if not len(which):
        return np.zeros(0, dtype=np.int64)
    keys = np.stack([which.astype(np.int64), share.astype(np.float64).view(np.int64),
                     foreign.astype(np.int64)], axis=1)
    return distinct_rows(keys)[0]


def processing_order(documents: Sequence[Document]) -> list[int]:
    """The longest first (ties: by id), whatever the reference."""
    return sorted(range(len(documents)), key=lambda i: (
        -len(documents[i].body_sentences), documents[i].id))


def first_pass(documents: Sequence[Document], units, rows_of, X: sparse.csr_matrix,
               classes: np.ndarray, options: Options,
               progress: Callable[[str, int, int], None] | None) -> list[list[tuple[int, ...]]]:
    """Clusters (lists of runs of claim rows) of the first pass (see module docstring)."""
    runs = _Runs(units, rows_of, options.max_run, X, classes)
    clusters: list[list[tuple[int, ...]]] = []
    members = _Members(runs)
    done = 0
    for batch in _batches(processing_order(documents)):
        runs.enter(batch)
        frozen = runs.scores(members.centroids(len(clusters)))
        first_new, mark = len(clusters), len(members.rows)
        fresh, changed = None, True
        for di in batch:
            if not rows_of[di]:
                continue
            if changed:
                fresh = runs.scores(members.centroids(len(clusters), first_new, mark))
                changed = False
            at = runs.of(di)
            parts = [s[at] for s in (frozen, fresh) if s is not None]
            taken = _assign_document(runs, di, np.hstack(parts) if len(parts) > 1 else parts[0],
                                     0 if frozen is not None else first_new,
                                     options.link_threshold) if parts else []
            for run, t in taken:
                clusters[t].append(run)
                members.add(t, run)
                changed = changed or t >= first_new
            used = {r for run, _ in taken for r in run}
            for r in rows_of[di]:
                if r not in used:
                    members.add(len(clusters), (r,))
                    clusters.append([(r,)])
                    changed = True
        done += len(batch)
        if progress:
            progress("align", done, len(documents))
    return clusters


def _batches(order: list[int]):
    head, rest = order[:FIRST_BATCHES], order[FIRST_BATCHES:]
    yield from ([i] for i in head)
    size = 2
    while rest:
        yield rest[:size]
        rest = rest[size:]
        size = min(size * 2, MAX_BATCH)


class _Runs:
    """Every document's runs: each single claim in order, then each run of adjacent claims
    within one paragraph spanning at most `max_run` sentences and `MAX_RUN_PARTS` claims (as
    the position of its first claim in the document and its length), and the distinct runs
    among them by the classes of their rows, each with the length of its summed vector."""

    def __init__(self, units, rows_of, max_run: int, X: sparse.csr_matrix, classes: np.ndarray) -> None:
        self.rows_of, self.classes = rows_of, classes
        first = np.zeros(int(classes.max()) + 1 if len(classes) else 0, dtype=np.int64)
        first[classes[::-1]] = np.arange(len(classes))[::-1]
        self.rows = X[first]
        """The row of each class."""
        self.starts, self.lengths, self.bounds, keys = _windows(units, rows_of, max_run, classes)
        self.ids, firsts = distinct_rows(keys)
        """The distinct run of every run."""
        distinct = keys[firsts]
        inside = distinct >= 0
        self.R = sparse.csr_matrix((np.ones(int(inside.sum())), distinct[inside],
                                    np.concatenate(([0], np.cumsum(inside.sum(axis=1))))),
                                   shape=(len(distinct), self.rows.shape[0]))
        """Distinct runs by the classes they sum."""
        self.norms = np.maximum(_norms(self.R @ self.rows), 1e-300)
        self.slot = np.zeros(len(distinct), dtype=np.int64)

    def enter(self, batch: list[int]) -> None:
        """Scores are asked next for the runs of these documents."""
        ids = distinct(np.concatenate([self.ids[self.bounds[di]:self.bounds[di + 1]] for di in batch]))
        self.slot[ids] = np.arange(len(ids))
        R = self.R[ids]
        used = np.flatnonzero(np.bincount(R.indices, minlength=R.shape[1]))
        self.batch_classes = used
        compact = np.zeros(R.shape[1], dtype=R.indices.dtype)
        compact[used] = np.arange(len(used), dtype=R.indices.dtype)
        self.batch_R = sparse.csr_matrix((R.data, compact[R.indices], R.indptr), shape=(len(ids), len(used)))
        self.batch_norms = self.norms[ids]

    def scores(self, C: sparse.csr_matrix | None) -> np.ndarray | None:
        """Cosine of every distinct run of the batch with every row of C (centroids)."""
        if C is None:
            return None
        dots = (self.rows[self.batch_classes] @ C.T).toarray()
        return np.asarray(self.batch_R @ dots) / self.batch_norms[:, None]

    def of(self, di: int) -> np.ndarray:
        """Rows of the batch's scores for document di's runs."""
        return self.slot[self.ids[self.bounds[di]:self.bounds[di + 1]]]

    def shape(self, di: int) -> tuple[np.ndarray, np.ndarray]:
        """Document di's runs: the position of each one's first claim, and its length."""
        lo, hi = self.bounds[di], self.bounds[di + 1]
        return self.starts[lo:hi], self.lengths[lo:hi]


def _windows(units, rows_of, max_run: int, classes: np.ndarray):
    """Every run of every document, documents in turn, each's singles first, then its runs by
    length and start: the position of each run's first claim in its document, its length,
    where each document's runs begin, and each run's classes in order (-1 after its end)."""
    claims = [units[r] for rows in rows_of for r in rows]     # Python ints index the list fast
    sequence = np.fromiter((r for rows in rows_of for r in rows), dtype=np.int64, count=len(claims))
    doc = np.repeat(np.arange(len(rows_of)), [len(rows) for rows in rows_of])
    begin = np.concatenate(([0], np.cumsum([len(rows) for rows in rows_of])))
    paragraph = np.fromiter((u.paragraph for u in claims), dtype=np.int64, count=len(claims))
    sentence = np.fromiter((u.sentence for u in claims), dtype=np.int64, count=len(claims))
    at, lengths = [np.arange(len(sequence))], [np.ones(len(sequence), dtype=np.int64)]
    for length in range(2, min(max_run + MAX_RUN_PARTS, MAX_RUN_PARTS + 1)):
        i = np.arange(max(len(sequence) - length + 1, 0))
        j = i + length - 1
        i = i[(doc[i] == doc[j]) & (paragraph[i] == paragraph[j]) & (sentence[j] - sentence[i] < max_run)]
        at.append(i)
        lengths.append(np.full(len(i), length, dtype=np.int64))
    start, size = np.concatenate(at), np.concatenate(lengths)
    order = np.lexsort((start, size, doc[start]))      # by document, then length, then start
    start, size = start[order], size[order]
    bounds = np.concatenate(([0], np.cumsum(np.bincount(doc[start], minlength=len(rows_of)))))
    step = np.arange(MAX_RUN_PARTS)
    inside = step < size[:, None]
    keys = np.where(inside, classes[sequence][np.where(inside, start[:, None] + step, 0)]
                    if len(sequence) else 0, -1)
    return start - begin[doc[start]], size, bounds, keys


def _norms(M: sparse.csr_matrix) -> np.ndarray:
    """Length of every row."""
    squares = np.zeros(M.shape[0])
    filled = np.flatnonzero(np.diff(M.indptr))
    if len(filled):
        squares[filled] = np.add.reduceat(M.data * M.data, M.indptr[filled])
    return np.sqrt(squares)


class _Members:
    """Which rows each statement holds, kept as the statements grow, so that the centroids of
    every statement are one sparse product away (over the classes of the rows)."""

    def __init__(self, runs: _Runs) -> None:
        self.classes, self.vectors = runs.classes, runs.rows
        self.rows: list[int] = []
        self.statements: list[int] = []
        self.weights: list[float] = []

    def add(self, t: int, run: tuple[int, ...]) -> None:
        self.rows.extend(run)
        self.statements.extend([t] * len(run))
        self.weights.extend([1.0 / len(run)] * len(run))

    def centroids(self, count: int, first: int = 0, since: int = 0) -> sparse.csr_matrix | None:
        """Centroids of statements `first` to `count`, whose rows were all added from entry
        `since` on (statements started in this batch), or of every statement."""
        if count <= first:
            return None
        t = np.asarray(self.statements[since:], dtype=np.int64)
        keep = t >= first
        rows = np.asarray(self.rows[since:], dtype=np.int64)[keep]
        M = sparse.csr_matrix((np.asarray(self.weights[since:])[keep], (t[keep] - first, self.classes[rows])),
                              shape=(count - first, self.vectors.shape[0])) @ self.vectors
        M.data /= np.maximum(_norms(M), 1e-300)[np.repeat(np.arange(M.shape[0]), np.diff(M.indptr))]
        return M


def _assign_document(runs: _Runs, di: int, S: np.ndarray, offset: int, threshold: float):
    """Best one-to-one matching of document di's runs to statements, greedy by score; `S`
    holds the runs' cosines with statements from `offset` on. A run of several claims is a
    candidate only where each of its claims resembles the statement and the run beats the best
    of them."""
    starts, lengths = runs.shape(di)
    cand_i, cand_t = np.nonzero(S >= threshold)
    multi = np.flatnonzero(lengths[cand_i] > 1)
    if len(multi):
        i, t = cand_i[multi], cand_t[multi]
        step = np.arange(int(lengths[i].max()))
        inside = step < lengths[i][:, None]
        part = S[np.where(inside, starts[i][:, None] + step, 0), t[:, None]]
        low = np.where(inside, part, np.inf).min(axis=1)
        high = np.where(inside, part, -np.inf).max(axis=1)
        keep = np.ones(len(cand_i), dtype=bool)
        keep[multi] = (low >= RUN_PART_MIN) & (S[i, t] >= high + RUN_GAIN)
        cand_i, cand_t = cand_i[keep], cand_t[keep]
    order = np.argsort(-S[cand_i, cand_t], kind="stable")
    taken: list[tuple[tuple[int, ...], int]] = []
    rows = runs.rows_of[di]
    used = bytearray(len(rows))
    left = len(rows)
    used_t: set[int] = set()
    first, size = starts.tolist(), lengths.tolist()
    for i, t in zip(cand_i[order].tolist(), cand_t[order].tolist()):
        a, b = first[i], first[i] + size[i]
        if t in used_t or any(used[a:b]):
            continue
        taken.append((tuple(rows[a:b]), t + offset))
        used_t.add(t)
        used[a:b] = b"\1" * size[i]
        left -= size[i]
        if not left:              # every claim placed: no later candidate can be taken
            break
    return taken

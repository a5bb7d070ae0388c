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

The candidates of a batch's documents among the statements there were at its start (most of
them) are found for the whole batch at once (`_Frozen`), so that the greedy matching of each
document (`_assign_document`, in Python) is the only work done a document at a time; only a
document with a run that reaches a statement started within the batch has those candidates
found for it alone and merged in (`_Fresh`). The candidates are taken in the same order as when
every document's were found on its own, so the result is the same.
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
    threshold = options.link_threshold
    done = 0
    for batch in _batches(processing_order(documents)):
        runs.enter(batch)
        first_new, mark = len(clusters), len(members.rows)
        frozen = _Frozen(runs, batch, runs.scores(members.centroids(first_new)), threshold)
        fresh: _Fresh | None = None
        changed = True
        for k, di in enumerate(batch):
            rows = rows_of[di]
            if not rows:
                continue
            if changed:
                fresh = _Fresh(runs, frozen, runs.scores(members.centroids(len(clusters), first_new, mark)),
                               first_new, threshold)
                changed = False
            assert fresh is not None
            taken, used = _assign_document(rows, *runs.shape_lists(di), *fresh.candidates(k, di))
            for run, t in taken:
                clusters[t].append(run)
                changed = changed or t >= first_new
            members.add(taken)
            alone: list[tuple[tuple[int, ...], int]] = [
                ((r,), len(clusters) + n) for n, r in enumerate(r for r, u in zip(rows, used) if not u)]
            if alone:
                clusters.extend([run] for run, _ in alone)
                members.add(alone)
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
        self.firsts, self.sizes = self.starts.tolist(), self.lengths.tolist()
        """The same as lists, for the greedy matching (Python ints index a list fast)."""
        self.ids, firsts = distinct_rows(keys)
        """The distinct run of every run."""
        distinct = keys[firsts]
        inside = distinct >= 0
        self.R = sparse.csr_matrix((np.ones(int(inside.sum())), distinct[inside],
                                    np.concatenate(([0], np.cumsum(inside.sum(axis=1))))),
                                   shape=(len(distinct), self.rows.shape[0]))
        """Distinct runs by the classes they sum."""
        self.norms = np.maximum(_sum_norms(self.R, self.rows), 1e-300)
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
        self.batch_rows = self.rows[used]
        """The rows of the classes the batch's runs sum, made once per batch."""

    def scores(self, C: sparse.csr_matrix | None) -> np.ndarray | None:
        """Cosine of every distinct run of the batch with every row of C (centroids)."""
        if C is None:
            return None
        dots = (self.batch_rows @ C.T).toarray()
        return np.asarray(self.batch_R @ dots) / self.batch_norms[:, None]

    def of(self, di: int) -> np.ndarray:
        """Rows of the batch's scores for document di's runs."""
        return self.slot[self.ids[self.bounds[di]:self.bounds[di + 1]]]

    def shape(self, di: int) -> tuple[np.ndarray, np.ndarray]:
        """Document di's runs: the position of each one's first claim, and its length."""
        lo, hi = self.bounds[di], self.bounds[di + 1]
        return self.starts[lo:hi], self.lengths[lo:hi]

    def shape_lists(self, di: int) -> tuple[list[int], list[int]]:
        """`shape` as lists."""
        lo, hi = self.bounds[di], self.bounds[di + 1]
        return self.firsts[lo:hi], self.sizes[lo:hi]


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


NORM_BLOCK = 2048
"""Distinct runs whose summed vectors are made at a time to measure their lengths."""


def _sum_norms(R: sparse.csr_matrix, rows: sparse.csr_matrix) -> np.ndarray:
    """`_norms(R @ rows)`, `NORM_BLOCK` rows of R at a time (a row of a product depends only on
    that row of R: the same bits). Whole, the 33,600 distinct runs' sums at 1,000 versions are
    6 million entries written to fresh memory to be read once; a block's few megabytes are
    reused by the next."""
    out = np.empty(R.shape[0])
    for a in range(0, R.shape[0], NORM_BLOCK):
        out[a:a + NORM_BLOCK] = _norms(R[a:a + NORM_BLOCK] @ rows)
    return out


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
        size = len(runs.classes)               # every row is added once
        self._arrays = (np.zeros(size, dtype=np.int64), np.zeros(size, dtype=np.int64), np.zeros(size))
        self._filled = 0
        """The lists as arrays, up to there: each entry is made an array once."""

    def add(self, runs: list[tuple[tuple[int, ...], int]]) -> None:
        """Each (run, statement) in turn."""
        rows, statements, weights = self.rows, self.statements, self.weights
        for run, t in runs:
            rows.extend(run)
            if len(run) == 1:
                statements.append(t)
                weights.append(1.0)
            else:
                statements.extend([t] * len(run))
                weights.extend([1.0 / len(run)] * len(run))

    def _since(self, since: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(rows, statements, weights) from entry `since` on, as arrays."""
        rows, statements, weights = self._arrays
        done, end = self._filled, len(self.rows)
        if done < end:
            rows[done:end], statements[done:end] = self.rows[done:], self.statements[done:]
            weights[done:end] = self.weights[done:]
            self._filled = end
        return rows[since:end], statements[since:end], weights[since:end]

    def centroids(self, count: int, first: int = 0, since: int = 0) -> sparse.csr_matrix | None:
        """Centroids of statements `first` to `count`, whose rows were all added from entry
        `since` on (statements started in this batch), or of every statement."""
        if count <= first:
            return None
        rows, t, weights = self._since(since)
        if first:
            keep = t >= first
            rows, t, weights = rows[keep], t[keep] - first, weights[keep]
        M = sparse.csr_matrix((weights, (t, self.classes[rows])),
                              shape=(count - first, self.vectors.shape[0])) @ self.vectors
        M.data /= np.maximum(_norms(M), 1e-300)[np.repeat(np.arange(M.shape[0]), np.diff(M.indptr))]
        return M


class _Frozen:
    """The candidates of every document of a batch among the statements there were at its
    start, whose centroids stay as they were for the batch: found for the whole batch at once
    (`_candidates`), each document's in the order its greedy matching takes them (by score, then
    run, then statement)."""

    def __init__(self, runs: _Runs, batch: list[int], S: np.ndarray | None, threshold: float) -> None:
        self.slots = [runs.of(di) for di in batch]
        """Each document's runs as rows of the batch's scores."""
        sizes = np.array([len(x) for x in self.slots], dtype=np.int64)
        self.slot = np.concatenate(self.slots)
        self.doc = np.repeat(np.arange(len(batch)), sizes)
        """The document (its place in the batch) of each run of the batch."""
        if S is None:
            i = t = np.zeros(0, dtype=np.int64)
            score, counts = np.zeros(0), np.zeros(len(batch), dtype=np.int64)
        else:
            starts = np.concatenate([runs.shape(di)[0] for di in batch])
            lengths = np.concatenate([runs.shape(di)[1] for di in batch])
            first = np.cumsum(sizes) - sizes
            j, t, score = _candidates(S, self.slot, first[self.doc] + starts, lengths, threshold)
            order = np.lexsort((t, j, -score, self.doc[j]))
            j, t, score = j[order], t[order], score[order]
            i = j - first[self.doc[j]]
            counts = np.bincount(self.doc[j], minlength=len(batch))
        self.i, self.t, self.score = i, t, score
        self.bounds = np.concatenate(([0], np.cumsum(counts))).tolist()
        self.i_list, self.t_list = i.tolist(), t.tolist()


class _Fresh:
    """The statements started within a batch, as they stand after the documents before: the
    candidates of a document among them, merged with its frozen ones (`_Frozen`)."""

    def __init__(self, runs: _Runs, frozen: _Frozen, S: np.ndarray | None, first_new: int,
                 threshold: float) -> None:
        self.runs, self.frozen, self.S, self.first_new, self.threshold = runs, frozen, S, first_new, threshold
        self.hit: list[bool] = []
        """Whether a run of each document of the batch reaches the threshold with one of them."""
        if S is not None:
            near = (S.max(axis=1) >= threshold)[frozen.slot]     # S has a column at least
            self.hit = (np.bincount(frozen.doc, weights=near, minlength=len(frozen.slots)) > 0).tolist()

    def candidates(self, k: int, di: int) -> tuple[list[int], list[int]]:
        """Document di's (the batch's k-th) candidates in the order the matching takes them:
        (runs, statements)."""
        f = self.frozen
        lo, hi = f.bounds[k], f.bounds[k + 1]
        if self.S is None or not self.hit[k]:
            return f.i_list[lo:hi], f.t_list[lo:hi]
        starts, lengths = self.runs.shape(di)
        i, t, score = _candidates(self.S, f.slots[k], starts, lengths, self.threshold)
        i, t = np.concatenate((f.i[lo:hi], i)), np.concatenate((f.t[lo:hi], t + self.first_new))
        score = np.concatenate((f.score[lo:hi], score))
        order = np.lexsort((t, i, -score))
        return i[order].tolist(), t[order].tolist()


def _candidates(S: np.ndarray, slot: np.ndarray, singles: np.ndarray, lengths: np.ndarray,
                threshold: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(run, statement, score) of the runs whose scores are the rows `slot` of S that reach
    the threshold, in the order of runs then statements; `singles` is where each run's first
    claim's own run is among them. A run of several claims is a candidate only where each of
    its claims resembles the statement and the run beats the best of them."""
    hit = np.flatnonzero(S >= threshold)                 # by row, then statement
    hit_s = hit // S.shape[1]                            # (np.nonzero of a matrix is ten times slower)
    hit_t = hit - hit_s * S.shape[1]
    count = np.bincount(hit_s, minlength=S.shape[0])
    per = count[slot]
    j = np.repeat(np.arange(len(slot)), per)
    t = hit_t[np.arange(len(j)) - np.repeat(np.cumsum(per) - per, per) + (np.cumsum(count) - count)[slot[j]]]
    score = S[slot[j], t]
    multi = np.flatnonzero(lengths[j] > 1)
    if not len(multi):
        return j, t, score
    jm, tm, size = j[multi], t[multi], lengths[j[multi]]
    low, high = _extremes(S, slot, singles[jm], size, tm)
    keep = np.ones(len(j), dtype=bool)
    keep[multi] = (low >= RUN_PART_MIN) & (score[multi] >= high + RUN_GAIN)
    return j[keep], t[keep], score[keep]


def _extremes(S: np.ndarray, slot: np.ndarray, singles: np.ndarray, size: np.ndarray,
              t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The lowest and highest score with statement t of the claims of each run (of `size`
    claims, the first's own run at `singles`), a claim at a time (numpy's reductions along a
    row of a few entries are slower than this)."""
    low = high = S[slot[singles], t]
    for step in range(1, int(size.max())):
        inside = size > step
        part = S[slot[np.where(inside, singles + step, 0)], t]
        low = np.minimum(low, np.where(inside, part, np.inf))
        high = np.maximum(high, np.where(inside, part, -np.inf))
    return low, high


def _assign_document(rows: list[int], first: list[int], size: list[int], cand_i: list[int],
                     cand_t: list[int]) -> tuple[list[tuple[tuple[int, ...], int]], bytearray]:
    """Best one-to-one matching of a document's runs (the position of each one's first claim
    among its `rows`, and its size) to statements, greedy: the candidates in the order given.
    Returns the runs taken with their statements, and which claims they hold."""
    taken: list[tuple[tuple[int, ...], int]] = []
    used = bytearray(len(rows))
    left = len(rows)
    used_t: set[int] = set()
    for i, t in zip(cand_i, cand_t):
        a, n = first[i], size[i]
        if t in used_t or (used[a] if n == 1 else any(used[a:a + n])):
            continue
        taken.append((tuple(rows[a:a + n]), t))
        used_t.add(t)
        used[a:a + n] = b"\1" * n
        left -= n
        if not left:              # every claim placed: no later candidate can be taken
            break
    return taken, used

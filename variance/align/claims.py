"""Claims after clustering: parts that belong together, and statements said twice.

- `carve_parts`: a sentence that joins two claims ("A, and B") was placed whole in the
  statement of A; where other versions give B a statement of its own and this version has
  no member there, the part that says B leaves for it (both members are then partial).
- `attach_repeats` (before rejoining): see below.
- `absorb_lone_parts`: a part that no other version says, left alone, goes back to the member
  that holds the rest of its sentence (the cut found nothing to link it to).
- `rejoin_parts`: the aligner sees the parts of a long sentence ("A; B") as separate claims.
  Where every version that carries A carries B right after it in the same sentence, and the
  other way round, nothing tells them apart: they are one statement again, with whole-sentence
  members as before.
- `attach_repeats`: a version that says a statement a second time (a wire lead paraphrasing a
  line it quotes in full later) leaves the second place alone in a statement of its own, or
  in a statement of such places from many versions. When that place matches a statement the
  version already carries well enough, and clearly better than its own, it becomes a repeat
  of that statement.

Clusters are lists of runs (tuples of claim rows), one run per document.
"""

from __future__ import annotations

import numpy as np

from .features import centroids, cluster_sums, distinct_runs, normalize_rows, run_vectors, sum_matrix
from .sparse import sparse

__all__ = ["carve_parts", "attach_repeats", "absorb_lone_parts", "rejoin_parts", "REPEAT_MIN",
           "CARVE_MARGIN", "ABSORB_SLACK"]

ABSORB_SLACK = 0.05
"""How much a lone part may lower its host member's match to be taken back into it."""

CARVE_MARGIN = 0.05
"""A part leaves its sentence's statement for another when it resembles the other this much
more than its own."""

REPEAT_MIN = 0.45
"""A lone place becomes a repeat when it is this similar to the rest of a statement its
document already carries (higher than the link threshold: a repeat has no other version's
placement to back it)."""
REPEAT_MARGIN = 0.1
"""...and this much more similar to it than to any other statement."""
REPEAT_BLOCK = 4096
"""Places measured at once against every shared statement (memory: a dense block)."""


def carve_parts(clusters, units, X, threshold: float, classes: np.ndarray):
    """Move a leading or trailing part of a member to a statement its document lacks, when the
    part matches that statement above `threshold`, better than its own by `CARVE_MARGIN`, and
    what stays behind still matches its own statement as well as the whole did. The pieces of
    one statement's members whose rows are of the same classes are measured once."""
    pieces, owners, tags = [], [], []
    longest = 2 * (max((len(run) for runs in clusters for run in runs), default=0) + 1)
    for t, runs in enumerate(clusters):
        for k, run in enumerate(runs):
            for cut in range(1, len(run)):
                if units[run[cut]].sentence == units[run[cut - 1]].sentence:
                    pieces += [(run[:cut], run[cut:]), (run[cut:], run[:cut])]
                    owners += [(t, k), (t, k)]
                    tags += [t * longest + 2 * cut + 1, t * longest + 2 * (len(run) - cut)]
    if not pieces:
        return clusters
    C = centroids(clusters, X)
    assert C is not None                     # the pieces are of the clusters' runs
    distinct, first = distinct_runs([p + r for p, r in pieces], classes, np.asarray(tags, dtype=np.int64))
    S, own, rest, whole = _piece_scores([pieces[i] for i in first.tolist()],
                                        [owners[i][0] for i in first.tolist()],
                                        [clusters[t][k] for t, k in (owners[i] for i in first.tolist())], C, X)
    S, own, rest, whole = S[distinct], own[distinct], rest[distinct], whole[distinct]
    docs = [{units[run[0]].doc for run in runs} for runs in clusters]
    S.data[S.data < threshold] = 0
    S.eliminate_zeros()
    rows, cols = S.nonzero()
    order = np.argsort(-S.data if len(S.data) else S.data, kind="stable")
    changed: set[tuple[int, int]] = set()
    for j in order:
        i, u = int(rows[j]), int(cols[j])
        (t, k), (piece, remainder) = owners[i], pieces[i]
        doc = units[piece[0]].doc
        if u == t or doc in docs[u] or (t, k) in changed or S.data[j] < own[i] + CARVE_MARGIN \
                or rest[i] < whole[i]:
            continue
        clusters[t][k] = remainder
        clusters[u].append(piece)
        docs[u].add(doc)
        changed.add((t, k))
        changed.add((u, len(clusters[u]) - 1))
    return clusters


def _piece_scores(pieces, statements, wholes, C, X):
    """For each (piece, remainder) of a member of a statement: the piece's similarity to every
    statement, to its own, and its remainder's and the whole member's to its own."""
    S = (run_vectors([p for p, _ in pieces], X) @ C.T).tocsr()
    own = np.asarray(S[np.arange(len(pieces)), statements]).ravel()
    rest = (run_vectors([r for _, r in pieces], X).multiply(C[statements])).sum(axis=1).A1
    whole = (run_vectors(wholes, X).multiply(C[statements])).sum(axis=1).A1
    return S, own, rest, whole


def absorb_lone_parts(clusters, repeats, units, X, threshold: float):
    """A part of a sentence that no other version says, alone in its statement, goes back to the
    member holding the rest of its sentence, when that member still matches its statement above
    `threshold`, or at least as well less `ABSORB_SLACK`: a cut that found nothing is undone."""
    C = centroids(clusters, X)
    if C is None:
        return clusters, repeats
    owner = {r: (t, k) for t, runs in enumerate(clusters) for k, run in enumerate(runs) for r in run}
    for t, runs in enumerate(clusters):
        if len(runs) != 1 or repeats[t] or (units[runs[0][0]].first and units[runs[0][-1]].last):
            continue
        run = runs[0]
        for mate, before in ((run[0] - 1, True), (run[-1] + 1, False)):
            if mate not in owner or units[mate].sentence != units[run[0]].sentence \
                    or units[mate].doc != units[run[0]].doc:
                continue
            u, k = owner[mate]
            if u == t or not clusters[u] or len(clusters[u]) < 2:
                continue
            host = clusters[u][k]
            if (host[-1] + 1 != run[0]) if before else (run[-1] + 1 != host[0]):
                continue
            joined = host + run if before else run + host
            V = run_vectors([host, joined], X)
            alone, together = (V @ C[u].T).toarray().ravel()
            if together >= min(threshold, alone - ABSORB_SLACK):
                clusters[u][k] = joined
                clusters[t] = []
                for r in run:
                    owner[r] = (u, k)
                break
    keep = [t for t, runs in enumerate(clusters) if runs]
    return [clusters[t] for t in keep], [repeats[t] for t in keep]


def rejoin_parts(clusters, repeats, units):
    """Join statement U onto T when, in every document carrying either, U's run starts with the
    part right after T's run ends, inside one sentence (see module docstring). Statements with
    repeats are left as they are."""
    owner = {r: t for t, runs in enumerate(clusters) for run in runs for r in run}
    for t in range(len(clusters)):
        while clusters[t]:
            u = _follower(clusters[t], units, owner)
            if u is None or u == t or not _leads(clusters[u], units, owner, t) \
                    or len(clusters[u]) != len(clusters[t]) or repeats[t] or repeats[u]:
                break
            by_doc = {units[run[0]].doc: run for run in clusters[u]}
            clusters[t] = [run + by_doc[units[run[0]].doc] for run in clusters[t]]
            for run in clusters[u]:
                for r in run:
                    owner[r] = t
            clusters[u] = []
    keep = [t for t, runs in enumerate(clusters) if runs]
    return [clusters[t] for t in keep], [repeats[t] for t in keep]


def _follower(runs, units, owner):
    """The one statement holding, in every run, the next part of the run's last sentence."""
    found = set()
    for run in runs:
        last = units[run[-1]]
        if last.last or run[-1] + 1 not in owner:  # the next part is a repeat: not joined
            return None
        found.add(owner[run[-1] + 1])
        if len(found) > 1:
            return None
    return found.pop() if found else None


def _leads(runs, units, owner, t) -> bool:
    """Does every run start right after a part held by statement t, in the same sentence?"""
    return all(not units[run[0]].first and owner.get(run[0] - 1) == t for run in runs)


def attach_repeats(clusters, units, X, classes: np.ndarray):
    """(clusters, repeats per cluster): places that say again a statement their document
    already carries are moved to that statement's repeats (see module docstring). A place is
    moved when it matches the rest of that statement (its document's own member left out) by
    `REPEAT_MIN`, and by `REPEAT_MARGIN` more than any other statement, its own included (the
    rest of it, for a place that shares its statement with others): so a statement made of
    places that each say another again (the leads of many versions, alike only in "Xi said")
    is taken apart, while a member that fits its own statement stays. Places of one statement
    whose rows are of the same classes (`variance.align.first_pass.row_classes`: syndicated
    copies) are measured once."""
    repeats: list[list[tuple[int, ...]]] = [[] for _ in clusters]
    shared = [t for t, runs in enumerate(clusters) if len(runs) > 1]
    if not shared:
        return clusters, repeats
    places = [(t, k) for t, runs in enumerate(clusters) for k in range(len(runs))]
    distinct, first = distinct_runs([clusters[t][k] for t, k in places], classes,
                                    np.fromiter((t for t, _ in places), dtype=np.int64, count=len(places)))
    sums = cluster_sums([clusters[t] for t in shared], X)
    C = normalize_rows(sums)
    column = {t: j for j, t in enumerate(shared)}
    best, top, rivals = [], [], []
    for lo in range(0, len(first), REPEAT_BLOCK):
        block = [places[p] for p in first[lo:lo + REPEAT_BLOCK].tolist()]
        found = _best_other(block, [clusters[t][k] for t, k in block], sums, C, column, X)
        best.append(found[0])
        top.append(found[1])
        rivals.append(found[2])
    moves = _repeat_moves(places, distinct, np.concatenate(best), np.concatenate(top),
                          np.concatenate(rivals), shared, clusters, units, sums, X)
    gone = {(t, k) for t, k, _ in moves}
    for t, k, u in moves:
        repeats[u].append(clusters[t][k])
    left = {t for t, _ in gone}
    clusters = [[run for k, run in enumerate(runs) if (t, k) not in gone] if t in left else runs
                for t, runs in enumerate(clusters)]
    keep = [t for t in range(len(clusters)) if clusters[t]]
    return [clusters[t] for t in keep], [repeats[t] for t in keep]


def _best_other(block, runs, sums, C, column, X):
    """For each place of the block: the shared statement (its column) it matches best, leaving
    its own out, that match, and its best rival (the rest of its own statement, or the second
    best other)."""
    V = run_vectors(runs, X)
    S = (V @ C.T).toarray()
    own = np.array([column.get(t, -1) for t, _ in block], dtype=np.int64)
    rivals = np.zeros(len(block))
    mine = np.flatnonzero(own >= 0)
    if len(mine):  # a member is measured against the rest of its own statement
        rivals[mine] = _rest_similarity(V[mine], sums[own[mine]], _run_sums([runs[i] for i in mine], X))
        S[mine, own[mine]] = -1.0
    best = np.argmax(S, axis=1)
    top = S[np.arange(len(block)), best]
    second = np.partition(S, -2, axis=1)[:, -2] if S.shape[1] > 1 else np.full(len(block), -1.0)
    return best, top, np.maximum(rivals, second)


def _repeat_moves(places, distinct, best, top, rivals, shared, clusters, units, sums, X):
    """(statement, place, target) for each place that says again a statement its document
    carries elsewhere (`best`, `top`, `rivals` of each place's distinct place)."""
    chosen, mains = [], []
    hopeful = (top >= REPEAT_MIN) & (top >= rivals + REPEAT_MARGIN)
    by_doc: dict[int, dict[int, tuple[int, ...]]] = {}
    for p in np.flatnonzero(hopeful[distinct]).tolist():
        t, k = places[p]
        u = shared[best[distinct[p]]]
        if u not in by_doc:  # each document's first run in the statement
            by_doc[u] = {}
            for run in clusters[u]:
                by_doc[u].setdefault(units[run[0]].doc, run)
        main = by_doc[u].get(units[clusters[t][k][0]].doc)
        if main is not None:
            chosen.append(p)
            mains.append(main)
    if not chosen:
        return []
    d = distinct[chosen]
    V = run_vectors([clusters[t][k] for t, k in (places[p] for p in chosen)], X)
    sim = _rest_similarity(V, sums[best[d]], _run_sums(mains, X))
    return [(*places[p], shared[best[i]]) for p, i, value in zip(chosen, d.tolist(), sim)
            if value >= REPEAT_MIN and value >= rivals[i] + REPEAT_MARGIN]


def _rest_similarity(W, T, D) -> np.ndarray:
    """Row by row, the cosine of W with T - D (a statement's sum without one member's share)."""
    rest_sq = _rowdot(T, T) - 2 * _rowdot(T, D) + _rowdot(D, D)
    return (_rowdot(W, T) - _rowdot(W, D)) / np.sqrt(np.maximum(rest_sq, 1e-12))


def _rowdot(A: sparse.csr_matrix, B: sparse.csr_matrix) -> np.ndarray:
    """Row-by-row dot products of two matrices of the same shape."""
    return np.asarray(A.multiply(B).sum(axis=1)).ravel()


def _run_sums(runs, X) -> sparse.csr_matrix:
    """Each run's mean row, as `cluster_sums` of one run each, without its memo (a place
    measured alone is seldom measured again: the memo is for statements)."""
    return sum_matrix([[run] for run in runs], X.shape[0]) @ X

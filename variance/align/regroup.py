"""Regrouping after the first pass of alignment: three repairs, each with its own evidence.

- `merge_disjoint`: statements that no document carries twice and whose wordings agree are one
  statement found twice (its first versions were too far apart to meet).
- `fill_gaps`: an unlinked sentence joins the statement that other versions put between the
  same neighbours, when the words also agree a little (context as evidence).
- `absorb_splits`: where some versions merge two sentences that others keep apart, the apart
  ones become one member (n:1 merges).
- `merge_by_context`: two statements that no document carries both of, that sit between the
  same neighbours in their versions and whose words agree a little, are one statement whose
  wording drifted ("many common challenges" / "numerous shared challenges"): with many
  versions, each wording finds enough versions of its own to make a statement, where with few
  a lone sentence would have joined by `fill_gaps`. Only where the place between those
  neighbours is one most versions fill: where most go straight from one neighbour to the
  other, outlets insert lines of their own, and two of them are not one statement.

Clusters are lists of runs (tuples of sentence rows); every function returns new clusters.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from .features import centroids, distinct_runs, keep_columns, normalize_rows, run_vectors
from .places import around, neighbours, owners
from .sparse import sparse

__all__ = ["merge_disjoint", "fill_gaps", "absorb_splits", "merge_by_context", "RUN_GAIN",
           "RUN_PART_MIN"]

RUN_GAIN = 0.03
"""How much better a run must score than its best single sentence to be taken as a member."""
RUN_PART_MIN = 0.18
"""Each sentence of a run must itself resemble the statement at least this much."""
MERGE_CANDIDATES = 10
"""Partners considered per statement when merging statements found twice."""
MERGE_FEATURE_STATEMENTS = 64
"""A feature carried by more statements than this proposes no merge partners (it still counts
in their similarity): repeated boilerplate cannot make the search quadratic."""
MERGE_BLOCK = 512
"""Statements whose partners are searched at once (memory: this many rows of proposals)."""
GAP_MIN_SIMILARITY = 0.12
"""An unlinked sentence may join a statement this similar when its neighbours agree."""
GAP_MIN_SUPPORT = 0.3
"""Share of a statement's members that sit next to the same neighbours, for a gap fill."""
GAP_BLOCK_CELLS = 1 << 20
"""Similarities of unlinked sentences with statements measured at once (memory: a dense block)."""


def merge_disjoint(clusters, units, X, threshold: float):
    """Join statements that no document carries twice and whose wordings agree: the same
    statement found twice because its first versions were too far apart to meet."""
    C = centroids(clusters, X)
    if C is None or len(clusters) < 2:
        return clusters
    pairs = sorted(_similar_pairs(C, threshold), key=lambda x: -x[0])
    root = list(range(len(clusters)))
    docs = [{units[run[0]].doc for run in members} for members in clusters]

    def find(t: int) -> int:
        while root[t] != t:
            root[t] = root[root[t]]
            t = root[t]
        return t

    for _, a, b in pairs:
        ra, rb = find(int(a)), find(int(b))
        if ra != rb and _few_shared(docs[ra], docs[rb]):
            keep, gone = (ra, rb) if len(clusters[ra]) >= len(clusters[rb]) else (rb, ra)
            root[gone] = keep
            _join(clusters, docs, keep, gone, units)
    return [members for members in clusters if members]


def _few_shared(a: set[int], b: set[int]) -> bool:
    """Could two statements be one? Fewer than half the documents of the smaller carry both
    (with many versions, a few that say the statement twice, once in each wording, must not
    keep its two wordings apart; two statements most versions carry both of are two)."""
    return 2 * len(a & b) < min(len(a), len(b))


def _join(clusters, docs, keep: int, gone: int, units) -> None:
    """Statement `gone` joins `keep`; the runs of documents `keep` already holds are left
    alone, each a statement of its own (a repeat, `variance.align.claims`, if it says it again)."""
    again = [run for run in clusters[gone] if units[run[0]].doc in docs[keep]]
    clusters[keep] = clusters[keep] + [run for run in clusters[gone] if units[run[0]].doc not in docs[keep]]
    docs[keep] |= docs[gone]
    clusters[gone] = []
    clusters.extend([run] for run in again)
    docs.extend({units[run[0]].doc} for run in again)


def _similar_pairs(C: sparse.csr_matrix, threshold: float, most: int = MERGE_CANDIDATES):
    """(similarity, a, b), a < b, for each statement's `most` best partners at or above
    `threshold`.

    Bounded so that thousands of look-alike statements (boilerplate, one sentence repeated)
    cost time and memory linear in their number: partners are proposed only by features that
    at most `MERGE_FEATURE_STATEMENTS` statements carry, a block of `MERGE_BLOCK` rows at a
    time, and the best `4 * most` proposals of a row are then scored on every feature."""
    carried = np.bincount(C.indices, minlength=C.shape[1])
    P = keep_columns(C, carried <= MERGE_FEATURE_STATEMENTS)
    PT = sparse.csr_matrix(P.T)
    for lo in range(0, C.shape[0], MERGE_BLOCK):
        proposed = sparse.triu(P[lo:lo + MERGE_BLOCK] @ PT, k=1 + lo).tocsr()
        a_rows, b_rows = _best_per_row(proposed, 4 * most)
        if not len(a_rows):
            continue
        a_rows += lo
        sims = np.asarray(C[a_rows].multiply(C[b_rows]).sum(axis=1)).ravel()
        keep = sims >= threshold
        yield from _top_per_row(sims[keep], a_rows[keep], b_rows[keep], most)


def _best_per_row(S: sparse.csr_matrix, most: int) -> tuple[np.ndarray, np.ndarray]:
    """Row and column indices of each row's `most` largest entries."""
    a_rows, b_rows = [], []
    for a in range(S.shape[0]):
        lo, hi = S.indptr[a], S.indptr[a + 1]
        cols = S.indices[lo:hi]
        if len(cols) > most:
            cols = cols[np.argpartition(-S.data[lo:hi], most)[:most]]
        a_rows.append(np.full(len(cols), a, dtype=np.int64))
        b_rows.append(cols.astype(np.int64))
    if not a_rows:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate(a_rows), np.concatenate(b_rows)


def _top_per_row(sims: np.ndarray, a_rows: np.ndarray, b_rows: np.ndarray, most: int):
    """The `most` most similar pairs of each row (pairs arrive grouped by row)."""
    order = np.lexsort((-sims, a_rows))
    count: dict[int, int] = {}
    for k in order.tolist():
        a = int(a_rows[k])
        if count.get(a, 0) < most:
            count[a] = count.get(a, 0) + 1
            yield float(sims[k]), a, int(b_rows[k])


def fill_gaps(clusters, units, rows_of, X):
    """Attach unlinked sentences by context: where a sentence's neighbours are linked and other
    versions put statement T between those same neighbours, weak word evidence suffices."""
    owner = owners(clusters, len(units))
    follows = _successions(rows_of, owner)
    lonely = [members[0][0] for members in clusters if len(members) == 1 and len(members[0]) == 1]
    C = centroids(clusters, X)
    if not lonely or C is None:
        return clusters
    after: dict[int, list[int]] = {}   # statement -> statements that follow it somewhere
    before: dict[int, list[int]] = {}  # statement -> statements that precede it somewhere
    for p, t in follows:
        after.setdefault(p, []).append(t)
        before.setdefault(t, []).append(p)
    previous, following = neighbours(rows_of, len(units))
    docs_in = [{units[run[0]].doc for run in members} for members in clusters]
    places = [(row, *(int(owner[r]) if r >= 0 else None for r in (previous[row], following[row])))
              for row in lonely]
    graph = (after, before, clusters, units)
    # docs_in only grows as rows move: a row without candidates now never has one
    hopeful = [place for place in places if _gap_candidates(place, graph, docs_in)]
    moved = {}
    for (row, prev, nxt), sims in zip(hopeful, _similarities([place[0] for place in hopeful], X, C)):
        best, best_score = None, 0.0
        for t in _gap_candidates((row, prev, nxt), graph, docs_in):
            support = (follows.get((prev, t), 0) + follows.get((t, nxt), 0)) / (2 * len(clusters[t]))
            if sims[t] >= GAP_MIN_SIMILARITY and support >= GAP_MIN_SUPPORT and sims[t] + support > best_score:
                best, best_score = t, sims[t] + support
        if best is not None:
            moved[row] = best
            docs_in[best].add(units[row].doc)
    for row, t in moved.items():
        clusters[t].append((row,))
        clusters[owner[row]] = []
    return [members for members in clusters if members]


def _gap_candidates(place: tuple[int, int | None, int | None], graph, docs_in: list[set[int]]) -> list[int]:
    """The statements an unlinked row (with the statements before and after it) may join: one
    that follows its previous or precedes its next somewhere, several versions carry, and the
    row's own version does not."""
    (row, prev, nxt), (after, before, clusters, units) = place, graph
    return [t for t in sorted(set(after.get(prev, ())) | set(before.get(nxt, ())))
            if len(clusters[t]) > 1 and units[row].doc not in docs_in[t]]


def _similarities(rows: list[int], X, C) -> Iterator[np.ndarray]:
    """The cosine of each of `rows` with every centroid, row after row. Each row is made unit
    alone and the products taken a block of rows at a time (`GAP_BLOCK_CELLS`): a product adds
    each cell's terms in the order of its row's features, whatever the other rows and columns,
    so each cell is the one a row measured alone against a few centroids would get, to the bit."""
    step = max(1, GAP_BLOCK_CELLS // max(1, C.shape[0]))
    for lo in range(0, len(rows), step):
        unit = sparse.vstack([normalize_rows(X[row]) for row in rows[lo:lo + step]], format="csr")
        yield from (unit @ C.T).toarray()


def merge_by_context(clusters, units, rows_of, X):
    """Join statements that no document carries both of when their members sit between the
    same neighbouring statements (the shares of their members after each neighbour, and before
    each, overlap by `GAP_MIN_SUPPORT` on average) and their centroids are `GAP_MIN_SIMILARITY`
    alike: the evidence `fill_gaps` takes for one sentence, taken for a whole statement."""
    C = centroids(clusters, X)
    if C is None or len(clusters) < 2:
        return clusters
    context = _contexts(clusters, units, rows_of)
    shared = [t for t, members in enumerate(clusters) if len(members) > 1]  # lone: fill_gaps
    index = _neighbour_index(context, shared)
    pairs = []
    for u in shared:
        for t in _context_partners(u, context, index):
            support = _shared(context[u][0], context[t][0]) + _shared(context[u][1], context[t][1])
            if support / 2 < GAP_MIN_SUPPORT or _slot_filled(u, t, context) < GAP_MIN_SUPPORT:
                continue
            sim = float(C[u].multiply(C[t]).sum())
            if sim >= GAP_MIN_SIMILARITY:
                pairs.append((sim + support / 2, u, t))
    root = list(range(len(clusters)))
    docs = [{units[run[0]].doc for run in members} for members in clusters]

    def find(t: int) -> int:
        while root[t] != t:
            t = root[t]
        return t

    for _, u, t in sorted(pairs, key=lambda x: -x[0]):
        ru, rt = find(u), find(t)
        if ru != rt and _few_shared(docs[ru], docs[rt]):
            keep, gone = (ru, rt) if len(clusters[ru]) >= len(clusters[rt]) else (rt, ru)
            root[gone] = keep
            _join(clusters, docs, keep, gone, units)
    return [members for members in clusters if members]


def _contexts(clusters, units, rows_of):
    """Per statement, the share of its members that follow each other statement, and the share
    that precede each (a member's neighbours are the claims right before and after it)."""
    previous, following = neighbours(rows_of, len(units))
    t_of, before, after = around(clusters, owners(clusters, len(units)), previous, following)
    sizes = [len(members) for members in clusters]
    return list(zip(_shares(t_of, before, sizes), _shares(t_of, after, sizes)))


def _shares(t_of: np.ndarray, near: np.ndarray, sizes: list[int]) -> list[dict[int, float]]:
    """Per statement, the share of its members beside each other statement (`near`, of each
    member in turn), its neighbours in the order they are first met; a share is one over the
    statement's size added once per member, as counting member by member adds it."""
    out: list[dict[int, float]] = [{} for _ in sizes]
    keep = (near >= 0) & (near != t_of)
    width = len(sizes) + 1
    pairs, first, counts = np.unique(t_of[keep] * width + near[keep], return_index=True, return_counts=True)
    order = np.argsort(first, kind="stable")
    for pair, count in zip(pairs[order].tolist(), counts[order].tolist()):
        t, n = divmod(pair, width)
        share, step = 0.0, 1 / sizes[t]
        for _ in range(count):
            share += step
        out[t][n] = share
    return out


def _context_partners(u: int, context, index, most: int = MERGE_CANDIDATES) -> list[int]:
    """Statements that follow U's two most common predecessors or precede its two most common
    successors, the `most` that share most of that context."""
    found: dict[int, float] = {}
    for side in (0, 1):
        for n, share in sorted(context[u][side].items(), key=lambda kv: -kv[1])[:2]:
            for t, theirs in index[side].get(n, {}).items():
                if t != u:
                    found[t] = found.get(t, 0.0) + min(share, theirs)
    return sorted(found, key=lambda t: -found[t])[:most]


def _neighbour_index(context, shared: list[int]) -> tuple[dict, dict]:
    """For each side, neighbour statement -> {statement: share of its members by it}, over the
    statements listed."""
    index: tuple[dict, dict] = ({}, {})
    for t in shared:
        for side in (0, 1):
            for n, share in context[t][side].items():
                index[side].setdefault(n, {})[t] = share
    return index


def _slot_filled(u: int, t: int, context) -> float:
    """How often the place U and T share is filled: on each side, of the members of the
    neighbour that best evidences their context, the share that U or T follows (or precedes),
    averaged over both sides. A place most versions skip (their neighbours adjacent, nothing
    between) is where outlets insert lines of their own: two different additions would share
    it without being one statement."""
    filled = 0.0
    for side in (0, 1):
        common = [n for n in context[u][side] if n in context[t][side]]
        if not common:
            continue
        n = max(common, key=lambda k: (min(context[u][side][k], context[t][side][k]), -k))
        facing = context[n][1 - side]
        filled += facing.get(u, 0.0) + facing.get(t, 0.0)
    return filled / 2


def _shared(a: dict[int, float], b: dict[int, float]) -> float:
    return sum(min(v, b[k]) for k, v in a.items() if k in b)


def absorb_splits(clusters, units, rows_of, X, max_run: int, classes):
    """Where some versions merge two sentences that others keep apart, make the apart ones one
    member: statement U joins its neighbour T when every version carrying U has it right next
    to its T member, and the versions carrying T alone hold U's words in their T member."""
    C = centroids(clusters, X)
    if C is None:
        return clusters
    owner = owners(clusters, len(units)).tolist()
    beside = tuple(rows.tolist() for rows in neighbours(rows_of, len(units)))
    docs = [{units[run[0]].doc: run for run in members} for members in clusters]
    for u, members in enumerate(clusters):
        for t in _common_neighbours(members, units, beside, owner):
            if t == u or not clusters[t] or not clusters[u] or not set(docs[u]) < set(docs[t]):
                continue
            merged_only = [docs[t][d] for d in sorted(set(docs[t]) - set(docs[u]))]
            runs = [tuple(sorted(docs[t][d] + docs[u][d])) for d in sorted(docs[u])]
            if max(_sentences(r, units) for r in runs) > max_run or not _improves(
                    merged_only, runs, [docs[t][d] for d in sorted(docs[u])], C[u], X, classes):
                continue
            clusters[t] = [docs[t][d] for d in set(docs[t]) - set(docs[u])] + runs
            docs[t] = {units[r[0]].doc: r for r in clusters[t]}
            for r in (r for run in runs for r in run):
                owner[r] = t
            clusters[u], docs[u] = [], {}
    return [members for members in clusters if members]


def _sentences(run, units) -> int:
    return units[run[-1]].sentence - units[run[0]].sentence + 1


def _improves(merged, joined, apart, u_centroid, X, classes) -> bool:
    """Do the merged versions hold U's words, and match the joined runs better than apart?
    (Runs whose rows are of the same classes are featurised once.)"""
    M, copies = _vectors(merged, X, classes)
    if (M @ u_centroid.T).toarray().min() < RUN_PART_MIN:
        return False
    m = normalize_rows(sparse.csr_matrix(M[copies].sum(axis=0)))
    J, joined_copies = _vectors(joined, X, classes)
    A, apart_copies = _vectors(apart, X, classes)
    gain = (J @ m.T).toarray()[joined_copies].mean() - (A @ m.T).toarray()[apart_copies].mean()
    return gain >= RUN_GAIN


def _vectors(runs, X, classes):
    """The vectors of the distinct runs among `runs`, and the distinct run of each."""
    distinct, first = distinct_runs(runs, classes)
    return run_vectors([runs[i] for i in first.tolist()], X), distinct


def _common_neighbours(members, units, beside: tuple[list[int], list[int]], owner: list[int]):
    """The statement every member of a statement sits right after, then the one every member
    sits right before (each if there is one), in its paragraph; `beside` is each claim row's
    previous and next row in its document (-1 at its ends), `owner` each row's statement."""
    for end, near in zip((0, -1), beside):
        found: set[int] = set()
        for run in members:
            edge = run[end]
            r = near[edge]
            if r < 0 or units[r].paragraph != units[edge].paragraph:
                found = set()
                break
            found.add(owner[r])
        if len(found) == 1:
            yield found.pop()


def _successions(rows_of, owner: np.ndarray) -> dict[tuple[int, int], int]:
    """How many documents put statement b right after statement a."""
    follows: dict[tuple[int, int], int] = {}
    for rows in rows_of:
        seq = owner[rows].tolist()
        seq = [t for i, t in enumerate(seq) if i == 0 or t != seq[i - 1]]
        for a, b in zip(seq, seq[1:]):
            follows[(a, b)] = follows.get((a, b), 0) + 1
    return follows

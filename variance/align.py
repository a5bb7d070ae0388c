"""Statements: groups of sentences, one run per document at most, that report the same thing.

Alignment is order-free and corpus-wide. Documents are taken one at a time (the reference
first, then the longest); each sentence, and each run of up to `max_run` adjacent sentences of
one paragraph, is scored against the centroid of every statement found so far with one sparse
product (an inverted index in effect: only shared features cost anything), and the best
one-to-one assignment above the threshold wins. What finds no statement starts one. Centroids
are refreshed between batches that double in size, so cost grows with the number of
sentences times the number of statements, not with the number of sentence pairs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from .features import FeatureSpace, normalize_rows
from .model import Document, Member, Options, Statement
from .normalize import content_words

__all__ = ["align_statements", "choose_reference"]

RUN_GAIN = 0.03
"""How much better a run must score than its best single sentence to be taken as a member."""
RUN_PART_MIN = 0.18
"""Each sentence of a run must itself resemble the statement at least this much."""
FIRST_BATCHES = 8
"""Documents aligned one at a time before batching starts."""
MAX_BATCH = 64
MERGE_CANDIDATES = 10
"""Partners considered per statement when merging statements found twice."""
GAP_MIN_SIMILARITY = 0.12
"""An unlinked sentence may join a statement this similar when its neighbours agree."""
GAP_MIN_SUPPORT = 0.3
"""Share of a statement's members that sit next to the same neighbours, for a gap fill."""


@dataclass(frozen=True)
class _Unit:
    doc: int
    sentence: int
    paragraph: int


Progress = Callable[[str, int, int], None]


def align_statements(documents: Sequence[Document], options: Options = Options(),
                     progress: Progress | None = None) -> tuple[Statement, ...]:
    """Group the body sentences of `documents` into statements (see module docstring)."""
    units, rows_of = _units(documents)
    if not units:
        return ()
    space = FeatureSpace([documents[u.doc].sentence_text(u.sentence) for u in units])
    clusters = _cluster(documents, units, rows_of, space.matrix, options, progress)
    clusters = _merge_disjoint(clusters, units, space.matrix, options.link_threshold)
    clusters = _fill_gaps(clusters, units, rows_of, space.matrix)
    clusters = _absorb_splits(clusters, units, rows_of, space.matrix, options.max_run)
    statements = [_statement(c, units, documents, space) for c in clusters]
    order = _timeline(statements, documents, options.reference)
    return tuple(Statement(i + 1, s.members, s.score) for i, s in
                 enumerate(sorted(statements, key=lambda s: order[id(s)])))


def choose_reference(documents: Sequence[Document], statements: Sequence[Statement],
                     requested: str | None = None) -> str | None:
    """The requested document, else the one carrying most statements (then most sentences)."""
    if requested is not None:
        return requested
    if not documents:
        return None
    carried = {d.id: 0 for d in documents}
    for st in statements:
        for m in st.members:
            carried[m.document] += 1
    return min(documents, key=lambda d: (-carried[d.id], -len(d.body_sentences), d.id)).id


def _units(documents: Sequence[Document]) -> tuple[list[_Unit], list[list[int]]]:
    units: list[_Unit] = []
    rows_of: list[list[int]] = []
    for di, doc in enumerate(documents):
        rows = []
        for s in doc.body_sentences:
            rows.append(len(units))
            units.append(_Unit(di, s.index, s.paragraph))
        rows_of.append(rows)
    return units, rows_of


def _processing_order(documents: Sequence[Document], reference: str | None) -> list[int]:
    return sorted(range(len(documents)), key=lambda i: (
        documents[i].id != reference, -len(documents[i].body_sentences), documents[i].id))


def _batches(order: list[int]):
    head, rest = order[:FIRST_BATCHES], order[FIRST_BATCHES:]
    yield from ([i] for i in head)
    size = 2
    while rest:
        yield rest[:size]
        rest = rest[size:]
        size = min(size * 2, MAX_BATCH)


def _cluster(documents, units, rows_of, X, options: Options, progress):
    clusters: list[list[tuple[int, ...]]] = []
    done = 0
    for batch in _batches(_processing_order(documents, options.reference)):
        frozen = _centroids(clusters, X)
        first_new = len(clusters)
        for di in batch:
            fresh = _centroids(clusters[first_new:], X)
            taken = _assign_document(rows_of[di], units, X, (frozen, fresh), first_new, options)
            for run, t in taken:
                clusters[t].append(run)
            used = {r for run, _ in taken for r in run}
            clusters.extend([(r,)] for r in rows_of[di] if r not in used)
        done += len(batch)
        if progress:
            progress("align", done, len(documents))
    return clusters


def _merge_disjoint(clusters, units, X, threshold: float):
    """Join statements that no document carries twice and whose wordings agree: the same
    statement found twice because its first versions were too far apart to meet."""
    C = _centroids(clusters, X)
    if C is None or len(clusters) < 2:
        return clusters
    pairs = sorted(_similar_pairs(sparse.triu(C @ C.T, k=1).tocsr(), threshold), key=lambda x: -x[0])
    root = list(range(len(clusters)))
    docs = [{units[run[0]].doc for run in members} for members in clusters]

    def find(t: int) -> int:
        while root[t] != t:
            root[t] = root[root[t]]
            t = root[t]
        return t

    for _, a, b in pairs:
        ra, rb = find(int(a)), find(int(b))
        if ra != rb and not docs[ra] & docs[rb]:
            root[rb] = ra
            docs[ra] |= docs[rb]
            clusters[ra] = clusters[ra] + clusters[rb]
            clusters[rb] = []
    return [members for members in clusters if members]


def _similar_pairs(S: sparse.csr_matrix, threshold: float, most: int = MERGE_CANDIDATES):
    """(similarity, a, b) for each row's `most` best partners at or above `threshold`, so that
    thousands of look-alike statements (boilerplate) cost rows x `most`, not rows squared."""
    for a in range(S.shape[0]):
        lo, hi = S.indptr[a], S.indptr[a + 1]
        data, cols = S.data[lo:hi], S.indices[lo:hi]
        keep = data >= threshold
        data, cols = data[keep], cols[keep]
        if len(data) > most:
            best = np.argpartition(-data, most)[:most]
            data, cols = data[best], cols[best]
        yield from zip(data.tolist(), [a] * len(data), cols.tolist())


def _fill_gaps(clusters, units, rows_of, X):
    """Attach unlinked sentences by context: where a sentence's neighbours are linked and other
    versions put statement T between those same neighbours, weak word evidence suffices."""
    cluster_of = {r: t for t, members in enumerate(clusters) for run in members for r in run}
    follows = _successions(rows_of, cluster_of)
    lonely = [members[0][0] for members in clusters if len(members) == 1 and len(members[0]) == 1]
    C = _centroids(clusters, X)
    if not lonely or C is None:
        return clusters
    after: dict[int, list[int]] = {}   # statement -> statements that follow it somewhere
    before: dict[int, list[int]] = {}  # statement -> statements that precede it somewhere
    for p, t in follows:
        after.setdefault(p, []).append(t)
        before.setdefault(t, []).append(p)
    position = {r: i for rows in rows_of for i, r in enumerate(rows)}
    docs_in = [{units[run[0]].doc for run in members} for members in clusters]
    moved = {}
    for row in lonely:
        prev, nxt = _neighbour_clusters(row, units, rows_of, position, cluster_of)
        candidates = [t for t in sorted(set(after.get(prev, ())) | set(before.get(nxt, ())))
                      if len(clusters[t]) > 1 and units[row].doc not in docs_in[t]]
        best, best_score = None, 0.0
        sims = (X[row] @ C[candidates].T).toarray().ravel() if candidates else ()
        for t, sim in zip(candidates, sims):
            support = (follows.get((prev, t), 0) + follows.get((t, nxt), 0)) / (2 * len(clusters[t]))
            if sim >= GAP_MIN_SIMILARITY and support >= GAP_MIN_SUPPORT and sim + support > best_score:
                best, best_score = t, sim + support
        if best is not None:
            moved[row] = best
            docs_in[best].add(units[row].doc)
    for row, t in moved.items():
        clusters[t].append((row,))
        clusters[cluster_of[row]] = []
    return [members for members in clusters if members]


def _absorb_splits(clusters, units, rows_of, X, max_run: int):
    """Where some versions merge two sentences that others keep apart, make the apart ones one
    member: statement U joins its neighbour T when every version carrying U has it right next
    to its T member, and the versions carrying T alone hold U's words in their T member."""
    cluster_of = {r: t for t, members in enumerate(clusters) for run in members for r in run}
    C = _centroids(clusters, X)
    if C is None:
        return clusters
    docs = [{units[run[0]].doc: run for run in members} for members in clusters]
    position = {r: i for rows in rows_of for i, r in enumerate(rows)}
    for u, members in enumerate(clusters):
        t = _common_neighbour(members, units, rows_of, position, cluster_of)
        if t is None or t == u or not clusters[t] or not set(docs[u]) < set(docs[t]):
            continue
        merged_only = [docs[t][d] for d in sorted(set(docs[t]) - set(docs[u]))]
        runs = [tuple(sorted(docs[t][d] + docs[u][d])) for d in sorted(docs[u])]
        if max(len(r) for r in runs) > max_run or not _improves(merged_only, runs,
                                                               [docs[t][d] for d in sorted(docs[u])], C[u], X):
            continue
        clusters[t] = [docs[t][d] for d in set(docs[t]) - set(docs[u])] + runs
        docs[t] = {units[r[0]].doc: r for r in clusters[t]}
        clusters[u], docs[u] = [], {}
    return [members for members in clusters if members]


def _improves(merged, joined, apart, u_centroid, X) -> bool:
    """Do the merged versions hold U's words, and match the joined runs better than apart?"""
    M = _run_matrix(merged, X)
    if (M @ u_centroid.T).toarray().min() < RUN_PART_MIN:
        return False
    m = normalize_rows(sparse.csr_matrix(M.sum(axis=0)))
    gain = (_run_matrix(joined, X) @ m.T).toarray().mean() - (_run_matrix(apart, X) @ m.T).toarray().mean()
    return gain >= RUN_GAIN


def _common_neighbour(members, units, rows_of, position, cluster_of):
    """The statement every member of a statement sits right after (or right before), if any."""
    for step in (-1, 1):
        found = set()
        for run in members:
            rows = rows_of[units[run[0]].doc]
            edge = run[0] if step < 0 else run[-1]
            i = position[edge] + step
            if not 0 <= i < len(rows) or units[rows[i]].paragraph != units[edge].paragraph:
                found = set()
                break
            found.add(cluster_of[rows[i]])
        if len(found) == 1:
            return found.pop()
    return None


def _neighbour_clusters(row, units, rows_of, position, cluster_of):
    rows = rows_of[units[row].doc]
    i = position[row]
    prev = cluster_of[rows[i - 1]] if i > 0 else None
    nxt = cluster_of[rows[i + 1]] if i + 1 < len(rows) else None
    return prev, nxt


def _successions(rows_of, cluster_of) -> dict[tuple[int, int], int]:
    """How many documents put statement b right after statement a."""
    follows: dict[tuple[int, int], int] = {}
    for rows in rows_of:
        seq = [cluster_of[r] for r in rows]
        seq = [t for i, t in enumerate(seq) if i == 0 or t != seq[i - 1]]
        for a, b in zip(seq, seq[1:]):
            follows[(a, b)] = follows.get((a, b), 0) + 1
    return follows


def _centroids(clusters, X) -> sparse.csr_matrix | None:
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


def _runs(rows: list[int], units, max_run: int) -> list[tuple[int, ...]]:
    """Every single sentence, then every run of adjacent sentences within one paragraph."""
    runs = [(r,) for r in rows]
    for length in range(2, max_run + 1):
        for i in range(len(rows) - length + 1):
            run = tuple(rows[i:i + length])
            if units[run[0]].paragraph == units[run[-1]].paragraph:
                runs.append(run)
    return runs


def _run_matrix(runs, X) -> sparse.csr_matrix:
    rows, cols, vals = [], [], []
    for i, run in enumerate(runs):
        rows.extend([i] * len(run))
        cols.extend(run)
        vals.extend([1.0] * len(run))
    R = sparse.csr_matrix((vals, (rows, cols)), shape=(len(runs), X.shape[0]))
    return normalize_rows(R @ X)


def _assign_document(rows, units, X, centroid_sets, first_new: int, options: Options):
    """Best one-to-one matching of this document's runs to statements, greedy by score."""
    runs = _runs(rows, units, options.max_run)
    if not runs:
        return []
    V = _run_matrix(runs, X)
    parts = [(V @ C.T).toarray() for C in centroid_sets if C is not None]
    if not parts:
        return []
    S = np.hstack(parts)
    offset = 0 if centroid_sets[0] is not None else first_new
    single = {run[0]: i for i, run in enumerate(runs) if len(run) == 1}
    cand_i, cand_t = np.nonzero(S >= options.link_threshold)
    order = np.argsort(-S[cand_i, cand_t], kind="stable")
    taken, used_rows, used_t = [], set(), set()
    for k in order:
        i, t = int(cand_i[k]), int(cand_t[k])
        run = runs[i]
        if t in used_t or used_rows.intersection(run):
            continue
        if len(run) > 1:
            part = [S[single[r], t] for r in run]
            if min(part) < RUN_PART_MIN or S[i, t] < max(part) + RUN_GAIN:
                continue
        taken.append((run, t + offset))
        used_t.add(t)
        used_rows.update(run)
    return taken


def _statement(runs, units, documents, space: FeatureSpace) -> Statement:
    """A statement with each member's confidence: similarity to the rest of the statement."""
    V = _run_matrix(runs, space.matrix) if len(runs) > 1 else None
    confidences = _leave_one_out(V) if V is not None else [0.0]
    words = [set(content_words(" ".join(documents[units[r].doc].sentence_text(units[r].sentence)
                                         for r in run))) for run in runs]
    carriers = Counter(w for ws in words for w in ws)
    members = []
    for k, run in enumerate(runs):
        doc = documents[units[run[0]].doc]
        first, last = doc.sentences[units[run[0]].sentence], doc.sentences[units[run[-1]].sentence]
        shared = sorted((w for w in words[k] if carriers[w] > 1), key=lambda w: (-space.word_idf(w), w))[:5]
        members.append(Member(doc.id, tuple(units[r].sentence for r in run), first.start,
                              last.end, round(float(confidences[k]), 4), tuple(shared)))
    members.sort(key=lambda m: m.document)
    score = float(np.mean(confidences)) if len(runs) > 1 else 0.0
    return Statement(0, tuple(members), round(score, 4))


def _leave_one_out(V: sparse.csr_matrix) -> np.ndarray:
    """cos(v_i, sum_j v_j - v_i) for every row, without forming the differences."""
    total = np.asarray(V.sum(axis=0)).ravel()
    dots = V @ total
    norms_sq = float(total @ total) - 2 * dots + 1.0
    return np.clip((dots - 1.0) / np.sqrt(np.maximum(norms_sq, 1e-12)), 0.0, 1.0)


def _timeline(statements, documents, reference: str | None) -> dict[int, tuple]:
    """Sort key per statement: where it sits in the reference, else on average."""
    lengths = {d.id: max(1, len(d.sentences)) for d in documents}
    keys = {}
    for st in statements:
        ref = next((m for m in st.members if m.document == reference), None)
        if ref is not None:
            pos = ref.sentences[0] / lengths[reference]
        else:
            pos = float(np.mean([m.sentences[0] / lengths[m.document] for m in st.members]))
        keys[id(st)] = (round(pos, 6), st.members[0].document, st.members[0].sentences[0])
    return keys

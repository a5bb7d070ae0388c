"""Context as evidence: where in its version a sentence the words left unlinked stands.

Versions of one story keep much of its order, even where they reword it. Two uses of it beside
a cosine of meaning that alone would not do (at least `CORROBORATED_MIN`), after the lonely
sentences of `variance.align.meaning` are placed:

- **Between the same neighbours.** A sentence whose neighbours in its version belong to
  statements P and N likely says what another version says between its own members of P and
  N: it joins that statement, the nearest in meaning of those ("same meaning (0.46) between the
  same neighbours"), as `variance.align.regroup.fill_gaps` joins one beside weak word evidence.
- **In the same stretch.** Where versions go their own way for a while (a passage each tells
  in its own words, the words linking none of it), the stretch is still bounded by statements
  they share: two unlinked sentences of two versions, each after the same shared statement and
  before the same one (or both running to their version's end, or both from its start), each
  the other's nearest in meaning of that stretch by `MARGIN`, are one statement (003 "economic
  pressure from the Biden administration" / 004 "Wang also criticized U.S. measures perceived
  as suppressing China's economy", both told after the talks with Wang Yi, 0.46).

Neither links a sentence nearer in meaning to a statement its version already shares (it says
that again), nor one that meaning alone would link elsewhere, nor across `apart` (versions of
another event), nor what two versions attribute to two people (`variance.align.speakers`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..model import Evidence
from .arrays import among
from .meaning import CORROBORATED_MIN, MARGIN, MEANING_MIN, STATEMENT_MEMBERS, Link, nearest_document
from .places import around, first_runs, neighbours, owners

__all__ = ["between_same_neighbours", "in_same_stretch", "join_by_meaning", "place_between", "place_in_stretch"]


def place_between(clusters, units, rows_of, vectors, languages, links, documents, main: str,
                  apart: frozenset[int], speakers):
    """A sentence still unlinked joins the statement another version says between the same two
    neighbours, nearest in meaning of those and at least `CORROBORATED_MIN`; best first, one
    member per document."""
    doc_of, lonely, docs = _lonely(clusters, units, links, languages, main)
    found = between_same_neighbours(clusters, units, rows_of, lonely)
    pairs = []
    carried, rival = _nearness(clusters, found, docs, doc_of, vectors)
    for t, targets in found.items():
        mine = doc_of[t]
        fit = [u for u in targets if mine not in docs[u] and languages[doc_of[u]] == main
               and (mine in apart) == bool(docs[u] & apart)]
        if fit:
            sims = vectors.statements([clusters[u] for u in fit]) @ vectors.runs([clusters[t][0]])[0]
            j = int(np.argmax(sims))
            if (CORROBORATED_MIN <= sims[j] and max(carried[t], rival[t]) + MARGIN <= sims[j]
                    and not speakers.conflict(clusters[t][0], clusters[fit[j]][:STATEMENT_MEMBERS])):
                pairs.append((float(sims[j]), t, fit[j]))
    for score, t, into in sorted(pairs, key=lambda p: -p[0]):
        if not clusters[t] or not clusters[into] or docs[into] & docs[t]:
            continue
        join_by_meaning(clusters, docs, links, t, into, score, units, vectors, documents)
    return [members for members in clusters if members]


def place_in_stretch(clusters, units, rows_of, vectors, languages, links, documents, main: str,
                     apart: frozenset[int], speakers):
    """Two sentences still unlinked in the same stretch of their versions, each the other's
    nearest in meaning there by the margin and at least `CORROBORATED_MIN`, are one statement."""
    doc_of, lonely, docs = _lonely(clusters, units, links, languages, main)
    groups = in_same_stretch(clusters, units, rows_of, lonely)
    nearest: dict[int, tuple[int, float]] = {}
    for group in groups:
        S = vectors.runs([clusters[t][0] for t in group]) @ vectors.runs([clusters[t][0] for t in group]).T
        doc = np.array([doc_of[t] for t in group])
        side = np.array([doc_of[t] in apart for t in group])
        S[(doc[:, None] == doc[None, :]) | (side[:, None] != side[None, :])] = -1.0
        for i, t in enumerate(group):
            order = np.argsort(-S[i], kind="stable")
            top, second = S[i, order[0]], (S[i, order[1]] if len(order) > 1 else -1.0)
            if top >= CORROBORATED_MIN and top - second >= MARGIN:
                nearest[t] = (group[int(order[0])], float(top))
    pairs = {(min(t, u), max(t, u)): score for t, (u, score) in nearest.items()
             if nearest.get(u, (-1,))[0] == t}
    carried, rival = _nearness(clusters, {t: [u] for t, u in pairs} | {u: [t] for t, u in pairs},
                               docs, doc_of, vectors)
    for (t, u), score in sorted(pairs.items(), key=lambda kv: -kv[1]):
        if (max(carried[t], rival[t], carried[u], rival[u]) + MARGIN > score
                or speakers.conflict(clusters[t][0], clusters[u])):
            continue
        join_by_meaning(clusters, docs, links, u, t, score, units, vectors, documents)
    return [members for members in clusters if members]


def _lonely(clusters, units, links, languages, main: str):
    """Each statement's document (its first member's), the statements that are one unlinked
    claim in the comparison's language, and each statement's documents."""
    doc_of = [units[members[0][0]].doc for members in clusters]
    lonely = [t for t, members in enumerate(clusters) if len(members) == 1 and len(members[0]) == 1
              and members[0] not in links and languages[doc_of[t]] == main]
    return doc_of, lonely, [{units[run[0]].doc for run in members} for members in clusters]


def join_by_meaning(clusters, docs, links, t: int, into: int, score: float, units, vectors, documents,
                    evidence: Evidence = Evidence.MEANING_CONTEXT) -> None:
    """Statement `t`, one lonely sentence, joins statement `into`: its link says `evidence` at
    `score` and the member of `into` it reads nearest."""
    run = clusters[t][0]
    links[run] = Link(evidence, round(score, 4),
                      nearest_document(run, clusters[into], units, vectors, documents))
    clusters[into] = clusters[into] + clusters[t]
    docs[into] |= docs[t]
    clusters[t] = []


def _nearness(clusters, found: dict[int, list[int]], docs, doc_of, vectors):
    """For each lonely statement of `found`, its cosine of meaning with the nearest statement its
    own document shares with another (a sentence nearer to what its version already says is that
    statement said again, a repeat; its version's other unlinked sentences say nothing of it), and
    with the nearest statement outside `found[t]` that meaning alone would link (context does not
    overrule it); -1 where there is none."""
    lonely = list(found)
    if not lonely:
        return {}, {}
    S = vectors.runs([clusters[t][0] for t in lonely]) @ vectors.statements(clusters).T
    shared = np.array([len(ds) > 1 for ds in docs])
    carried, rival = {}, {}
    for i, t in enumerate(lonely):
        mine = np.array([doc_of[t] in ds for ds in docs])
        own = mine & shared
        others = ~mine
        others[[t, *found[t]]] = False
        carried[t] = float(S[i, own].max()) if own.any() else -1.0
        near = S[i, others]
        near = near[near >= MEANING_MIN]
        rival[t] = float(near.max()) if near.size else -1.0
    return carried, rival


def between_same_neighbours(clusters, units, rows_of, lonely: Sequence[int]) -> dict[int, list[int]]:
    """For each statement of `lonely` (one claim each), the statements with a member that sits
    between the same two neighbouring statements, both there, in a version (clusters are lists
    of runs of claim rows)."""
    previous, following = neighbours(rows_of, len(units))
    t_of, before, after = around(clusters, owners(clusters, len(units)), previous, following)
    keys = (before + 1) * (len(clusters) + 1) + after + 1      # the two neighbours as one number
    lone_keys = keys[first_runs(clusters)[np.asarray(lonely, dtype=np.int64)]]
    hit = among(keys, lone_keys) & (before >= 0) & (after >= 0) & (before != t_of) & (after != t_of) \
        & (before != after)
    gaps: dict[int, set[int]] = {}
    for key, t in zip(keys[hit].tolist(), t_of[hit].tolist()):
        gaps.setdefault(key, set()).add(t)
    out = {}
    for t, key in zip(lonely, lone_keys.tolist()):
        found = gaps.get(key, set()) - {t}
        if found:
            out[t] = sorted(found)
    return out


def in_same_stretch(clusters, units, rows_of, lonely: Sequence[int]) -> list[list[int]]:
    """The statements of `lonely` (one claim each) grouped by stretch, where two versions at
    least have one: the shared statements (carried by several versions) nearest before and
    after the claim in its version, with only unlinked claims between (None at the version's
    start or end; a claim with neither is in no stretch)."""
    shared = {t for t, members in enumerate(clusters) if len(members) > 1}
    cluster_of = {r: t for t, members in enumerate(clusters) for run in members for r in run}
    anchors: dict[int, tuple[int | None, int | None]] = {}  # row -> shared statements before, after
    for doc in sorted({units[clusters[t][0][0]].doc for t in lonely}):
        rows = rows_of[doc]
        before: list[int | None] = []
        last: int | None = None
        for r in rows:
            before.append(last)
            last = cluster_of[r] if cluster_of[r] in shared else last
        last = None
        for i in range(len(rows) - 1, -1, -1):
            anchors[rows[i]] = (before[i], last)
            last = cluster_of[rows[i]] if cluster_of[rows[i]] in shared else last
    groups: dict[tuple[int | None, int | None], list[int]] = {}
    for t in lonely:
        key = anchors[clusters[t][0][0]]
        if key != (None, None):
            groups.setdefault(key, []).append(t)
    return [group for group in groups.values()
            if len({units[clusters[t][0][0]].doc for t in group}) > 1]

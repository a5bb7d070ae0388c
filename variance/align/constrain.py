"""The editor's constraints on alignment: places kept in one statement, places kept apart.

Applied to the clusters of a pass (lists of runs of unit rows), after the aligner's own repairs
and before members are scored, so every member still gets its confidence and reasons from the
same features. Each group that must stay together moves into the cluster already holding most
of it; a run of the same document that the aligner put there and nobody pinned gives way (it
becomes its own statement) unless it adjoins the pinned one, when the two join. Then every
place that must leave a statement holding its counterpart leaves it, with whatever is pinned to
it, for a statement of its own. The constraints are consistent (`variance.decisions.resolve`
keeps the later of two that disagree); this module still ends on any input.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Document, Member
from ..model.decisions import Constraints, Place

__all__ = ["apply_constraints", "main_and_repeats"]

Cluster = list[tuple[int, ...]]


def apply_constraints(clusters: list[Cluster], units, rows_of: list[list[int]],
                      documents: Sequence[Document], constraints: Constraints) -> list[Cluster]:
    """`clusters` with every constraint met (see module docstring); rows never duplicated."""
    if not constraints:
        return clusters
    rows_in = _Rows(units, rows_of, documents)
    component = _components(constraints, rows_in)
    clusters = [list(c) for c in clusters]
    groups: dict[int, set[int]] = {}
    for row, root in component.items():
        groups.setdefault(root, set()).add(row)
    pinned = {r for g in groups.values() if len(g) > 1 for r in g}
    for root in sorted(groups):
        if len(groups[root]) > 1:
            _gather(clusters, groups[root], pinned, rows_in)
    _separate(clusters, constraints, component, groups, rows_in)
    return [c for c in clusters if c]


def main_and_repeats(members: Sequence[Member]) -> tuple[tuple[Member, ...], tuple[Member, ...]]:
    """One main member per document (its first place) and the document's other places, which
    a pin can bring into a statement (`Statement.repeats`)."""
    main: dict[str, Member] = {}
    repeats = []
    for m in sorted(members, key=lambda m: (m.document, m.start)):
        if m.document in main:
            repeats.append(m)
        else:
            main[m.document] = m
    return tuple(main.values()), tuple(repeats)


class _Rows:
    """Unit rows by place, and runs of adjacent rows."""

    def __init__(self, units, rows_of, documents: Sequence[Document]) -> None:
        self.units, self.rows_of = units, rows_of
        self.doc_index = {d.id: i for i, d in enumerate(documents)}
        self.documents = documents
        self.position = {r: i for rows in rows_of for i, r in enumerate(rows)}

    def of(self, place: Place) -> set[int]:
        di = self.doc_index.get(place.document)
        if di is None:
            return set()
        return {r for r in self.rows_of[di] if _overlaps(self.units[r], place)}

    def runs(self, rows: set[int]) -> list[tuple[int, ...]]:
        """`rows` cut into runs of rows adjacent in their document, document by document."""
        out: list[list[int]] = []
        for r in sorted(rows, key=lambda r: (self.units[r].doc, self.position[r])):
            last = out[-1][-1] if out else None
            if last is not None and self.units[last].doc == self.units[r].doc \
                    and self.position[r] == self.position[last] + 1:
                out[-1].append(r)
            else:
                out.append([r])
        return [tuple(run) for run in out]

    def doc(self, run: tuple[int, ...]) -> int:
        return self.units[run[0]].doc


def _overlaps(unit, place: Place) -> bool:
    """Does the claim (a sentence or a part of one) overlap the place?"""
    return unit.start < place.end and place.start < unit.end


def _components(constraints: Constraints, rows_in: _Rows) -> dict[int, int]:
    """Row -> the smallest row it must share a statement with (itself when unconstrained)."""
    root: dict[int, int] = {}

    def find(r: int) -> int:
        while root.setdefault(r, r) != r:
            root[r] = root[root[r]]
            r = root[r]
        return r

    for c in constraints.items:
        for group in c.together:
            rows = sorted(set().union(*(rows_in.of(p) for p in group)) if group else ())
            for r in rows:
                a, b = find(rows[0]), find(r)
                if a != b:
                    root[max(a, b)] = min(a, b)
        for p in c.leave + c.stay:
            for r in rows_in.of(p):
                find(r)
    return {r: find(r) for r in list(root)}


def _cluster_of(clusters: list[Cluster]) -> dict[int, int]:
    return {r: t for t, c in enumerate(clusters) for run in c for r in run}


def _take(clusters: list[Cluster], rows: set[int], rows_in: _Rows, keep: int | None = None) -> None:
    """Carve `rows` out of every cluster but `keep`; a run cut in two leaves its second piece
    as a statement of its own."""
    for t, cluster in enumerate(clusters):
        if t == keep or not any(r in rows for run in cluster for r in run):
            continue
        kept: Cluster = []
        for run in cluster:
            rest = set(run) - rows
            pieces = rows_in.runs(rest) if rest else []
            kept.extend(pieces[:1])
            clusters.extend([piece] for piece in pieces[1:])
        clusters[t] = kept


def _gather(clusters: list[Cluster], group: set[int], pinned: set[int], rows_in: _Rows) -> None:
    """Move every row of `group` into the cluster already holding most of it."""
    where = _cluster_of(clusters)
    counts: dict[int, int] = {}
    for r in group:
        if r in where:
            counts[where[r]] = counts.get(where[r], 0) + 1
    target = min(counts, key=lambda t: (-counts[t], t)) if counts else len(clusters)
    if target == len(clusters):
        clusters.append([])
    _take(clusters, group, rows_in, keep=target)
    present = {r for run in clusters[target] for r in run}
    for run in rows_in.runs(group - present):
        _place(clusters, target, run, pinned, rows_in)


def _place(clusters: list[Cluster], target: int, run: tuple[int, ...], pinned: set[int],
           rows_in: _Rows) -> None:
    """Add a pinned run to `target`: it joins an adjoining run of its document there, or takes
    the place of an unpinned one."""
    cluster = clusters[target]
    doc = rows_in.doc(run)
    for k, other in enumerate(cluster):
        if rows_in.doc(other) != doc:
            continue
        joined = rows_in.runs(set(other) | set(run))
        if len(joined) == 1:
            cluster[k] = joined[0]
            return
        if not pinned.intersection(other):
            clusters.append([cluster.pop(k)])
            break
    cluster.append(run)


def _separate(clusters: list[Cluster], constraints: Constraints, component: dict[int, int],
              groups: dict[int, set[int]], rows_in: _Rows) -> None:
    """Move every place that must leave a statement holding its counterpart out of it."""
    def expand(rows: set[int]) -> set[int]:
        return set().union(rows, *(groups.get(component.get(r, r), set()) for r in rows))

    sides = []
    for c in constraints.items:
        if c.leave:
            leave = expand(set().union(*(rows_in.of(p) for p in c.leave)))
            stay = expand(set().union(*(rows_in.of(p) for p in c.stay)))
            sides.append((leave - stay, stay))
    for _ in range(len(rows_in.position) + 1):
        moved = False
        for leave, stay in sides:
            where = _cluster_of(clusters)
            for t in sorted({where[r] for r in stay if r in where} & {where[r] for r in leave if r in where}):
                going = {r for run in clusters[t] for r in run} & leave
                _take(clusters, going, rows_in, keep=None)
                clusters.append(rows_in.runs(going))
                moved = True
        if not moved:
            return

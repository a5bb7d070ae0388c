"""Context as evidence: the statements another version says between the same two neighbours.

Versions of one story keep much of its order, even where they reword it: a sentence the words
left unlinked, whose neighbours in its version belong to statements P and N, likely says what
another version says between its own members of P and N. `variance.align.meaning` takes this
as evidence beside a cosine of meaning that alone would not do ("same meaning (0.46) between the
same neighbours"), as `variance.align.regroup.fill_gaps` takes it beside weak word evidence.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["between_same_neighbours"]


def between_same_neighbours(clusters, units, rows_of, lonely: Sequence[int]) -> dict[int, list[int]]:
    """For each statement of `lonely` (one claim each), the statements with a member that sits
    between the same two neighbouring statements, both there, in a version (clusters are lists
    of runs of claim rows)."""
    cluster_of = {r: t for t, members in enumerate(clusters) for run in members for r in run}
    position = {r: i for rows in rows_of for i, r in enumerate(rows)}

    def around(run) -> tuple[int | None, int | None]:
        rows = rows_of[units[run[0]].doc]
        i, j = position[run[0]] - 1, position[run[-1]] + 1
        return (cluster_of[rows[i]] if i >= 0 else None,
                cluster_of[rows[j]] if j < len(rows) else None)

    wanted = {around(clusters[t][0]) for t in lonely}
    gaps: dict[tuple[int | None, int | None], set[int]] = {}
    for t, members in enumerate(clusters):
        for run in members:
            key = around(run)
            if key in wanted and None not in key and t not in key and key[0] != key[1]:
                gaps.setdefault(key, set()).add(t)
    out = {}
    for t in lonely:
        found = gaps.get(around(clusters[t][0]), set()) - {t}
        if found:
            out[t] = sorted(found)
    return out

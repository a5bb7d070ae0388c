"""Short, distinct labels for document ids, for views with a column per document."""

from __future__ import annotations

__all__ = ["short_labels"]


def short_labels(ids: list[str], *, shortest: int = 3, longest: int = 12,
                 mark: str = "…") -> dict[str, str]:
    """Column labels: the shortest common prefix length that keeps every id apart, with
    `mark` after a cut id."""
    for n in range(shortest, longest + 1):
        labels = {i: i[:n] + (mark if len(i) > n else "") for i in ids}
        if len(set(labels.values())) == len(ids):
            return labels
    return {i: i for i in ids}

"""What the archive commands find: the carriers of a statement, and clusters of reused text."""

from __future__ import annotations

from dataclasses import dataclass

from .statement import Change

__all__ = ["Carrier", "Cluster", "Trace"]


@dataclass(frozen=True)
class Carrier:
    """One indexed article carrying a traced statement, and how."""

    article: str
    """The article's key (its `id`)."""
    outlet: str | None
    date: str | None
    url: str | None
    title: str | None
    verdict: str
    """As for quotes: verbatim, cosmetic, changed or paraphrased."""
    similarity: float
    """How close the passage's folded characters read to the statement, 0..1."""
    wording: str
    """The passage as the article prints it."""
    start: int
    """Offset of the passage in the article text."""
    end: int
    changes: tuple[Change, ...]
    """Word diff of the passage against the statement (reference offsets into the statement,
    witness offsets into the article)."""
    shared: int
    """Shingles the article shares with the statement (the candidate evidence)."""


@dataclass(frozen=True)
class Trace:
    """Every indexed article carrying one statement, best first."""

    text: str
    carriers: tuple[Carrier, ...]
    candidates: int
    """Articles sharing at least one shingle with the statement."""
    checked: int
    """Candidates checked (most shared shingles first): all of them unless over the limit."""


@dataclass(frozen=True)
class Cluster:
    """Articles that share passages: one story's versions, as `variance reuse` finds them."""

    id: int
    """From 1, largest cluster first."""
    articles: tuple[str, ...]
    """Member keys, sorted."""
    pairs: int
    """Linked pairs of members (each sharing enough shingles)."""
    passages: int
    """Sentence pairs of linked members that share shingles."""

"""What the archive commands find: the carriers of a statement, and clusters of reused text."""

from __future__ import annotations

from dataclasses import dataclass

from .statement import Change

__all__ = ["TRANSLATION", "Carrier", "Cluster", "Trace"]

TRANSLATION = "translation"
"""The verdict of a carrier in another language than the statement: the same meaning, by the
sentence encoder; never word-diffed across languages."""


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
    """As for quotes: verbatim, cosmetic, changed or paraphrased; or `TRANSLATION`."""
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
    meaning: float | None = None
    """Similarity of meaning (the sentence encoder's cosine) when meaning decided, else None."""
    language: str | None = None
    """The article's language, as indexed."""


@dataclass(frozen=True)
class Trace:
    """Every indexed article carrying one statement, best first."""

    text: str
    carriers: tuple[Carrier, ...]
    candidates: int
    """Articles sharing at least one shingle with the statement."""
    checked: int
    """Candidates checked (most shared shingles first): all of them unless over the limit."""
    by_meaning: int = 0
    """Further articles checked because a sentence of theirs is near the statement in meaning
    (the index's sentence vectors)."""
    note: str | None = None
    """What the trace could not do and how to make it (no vectors for a statement in another
    language), in one line."""


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

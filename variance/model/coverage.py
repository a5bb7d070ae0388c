"""Coverage: what each version carries of the reference, and the omissions that matter."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Omission", "OtherEvent"]


@dataclass(frozen=True)
class Omission:
    """A statement of the reference that other versions dropped, and why it matters."""

    statement: int
    """The statement's id."""
    score: float
    """What it contains (a direct quote 3, numbers 2, named people 2) plus the share of the
    other versions that dropped it; higher is more telling."""
    reasons: tuple[str, ...]
    """What makes it matter, for readers: "direct quote", "numbers: 45th", "dropped by 3 of 4"."""
    dropped_by: tuple[str, ...]
    """The documents that do not carry it."""


@dataclass(frozen=True)
class OtherEvent:
    """A version that reports another event than the rest: its date disagrees with theirs."""

    document: str
    """The document's id."""
    date: str
    """The event date it gives, ISO ("2023-06-20", or "06-20" without a year)."""
    others: str
    """The date most other versions give, in the same form."""
    message: str
    """One line for readers: "dated 2023-06-20; 2 other versions give 04-26"."""
    kept: tuple[int, ...] = ()
    """Statements it stays linked to because its wording is near-verbatim ("another event")."""

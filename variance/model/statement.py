"""Statements: each document's member, the word changes of each member against the reference,
and the kinds and severities of those changes."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

__all__ = ["Op", "ChangeKind", "Severity", "SEVERITY_OF", "SEVERITY_RANK", "worst_severity",
           "Member", "Change", "PairDiff", "Statement"]


class Op(str, Enum):
    EQUAL = "equal"
    INSERT = "insert"
    DELETE = "delete"
    REPLACE = "replace"


class ChangeKind(str, Enum):
    COSMETIC = "cosmetic"
    SPELLING = "spelling"
    NUMBER = "number"
    NEGATION = "negation"
    ENTITY = "entity"
    ATTRIBUTION = "attribution"
    QUOTE = "quote"
    WORDING = "wording"
    ADDITION = "addition"
    OMISSION = "omission"


class Severity(str, Enum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


SEVERITY_OF = {
    ChangeKind.COSMETIC: Severity.LOW, ChangeKind.SPELLING: Severity.LOW,
    ChangeKind.WORDING: Severity.MEDIUM, ChangeKind.ADDITION: Severity.MEDIUM,
    ChangeKind.OMISSION: Severity.MEDIUM, ChangeKind.NUMBER: Severity.HIGH,
    ChangeKind.NEGATION: Severity.HIGH, ChangeKind.ENTITY: Severity.HIGH,
    ChangeKind.ATTRIBUTION: Severity.HIGH, ChangeKind.QUOTE: Severity.HIGH,
}
SEVERITY_RANK = {Severity.LOW: 1, Severity.MEDIUM: 2, Severity.HIGH: 3}


def worst_severity(changes, *, cosmetic: bool = False) -> Severity | None:
    """The highest severity among `changes` (cosmetic ones left out unless asked); None if none."""
    found = [c.severity for c in changes if cosmetic or c.kind is not ChangeKind.COSMETIC]
    return max(found, key=SEVERITY_RANK.__getitem__) if found else None



@dataclass(frozen=True)
class Member:
    """One document's wording of a statement: a run of adjacent sentences."""

    document: str
    sentences: tuple[int, ...]
    start: int
    end: int
    confidence: float
    """Similarity to the other members of the statement, 0..1."""
    reason: tuple[str, ...] = ()
    """The rarest words this member shares with the others: why it was linked."""


@dataclass(frozen=True)
class Change:
    """One edit between a reference member and a witness member; offsets are document offsets."""

    op: Op
    ref_start: int
    ref_end: int
    wit_start: int
    wit_end: int
    reference: str
    witness: str
    kind: ChangeKind
    severity: Severity


@dataclass(frozen=True)
class PairDiff:
    """The word diff of one member (the witness) against the reference member."""

    document: str
    against: str
    drift: float
    """0 = the same up to cosmetic changes, 1 = nothing in common."""
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class Statement:
    id: int
    members: tuple[Member, ...]
    score: float
    """Mean confidence of the links that hold the statement together."""
    diffs: tuple[PairDiff, ...] = ()

    def member(self, document: str) -> Member | None:
        for m in self.members:
            if m.document == document:
                return m
        return None

    def diff(self, document: str) -> PairDiff | None:
        for d in self.diffs:
            if d.document == document:
                return d
        return None



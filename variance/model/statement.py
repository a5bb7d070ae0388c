"""Statements: each document's member, the word changes of each member against the reference,
and the kinds and severities of those changes."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import cached_property

__all__ = ["Evidence", "Op", "ChangeKind", "Severity", "SEVERITY_OF", "SEVERITY_RANK", "worst_severity",
           "Span", "Member", "Change", "PairDiff", "Statement", "pieces"]


class Op(str, Enum):
    EQUAL = "equal"
    INSERT = "insert"
    DELETE = "delete"
    REPLACE = "replace"


class Evidence(str, Enum):
    """What linked a member to its statement."""

    WORDS = "words"              # shared words and character n-grams
    MEANING = "meaning"          # the sentence encoder, same language, few shared words
    MEANING_WORDS = "meaning+words"  # meaning less near, with words that agree a little
    MEANING_CONTEXT = "meaning+context"  # meaning less near, between the same neighbours
    TRANSLATION = "translation"  # the sentence encoder, across languages


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


SEVERITY_OF = {  # the highest severity a change of each kind can get (docs/changes.md)
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
class Span:
    """One exact piece of a document's text: `text[start:end]`."""

    start: int
    end: int


@dataclass(frozen=True)
class Member:
    """One place where a document says a statement: whole sentences, or part of one (a claim).

    `start`/`end` is the member's extent and `spans` its exact pieces (usually one); a clause of
    a sentence is a span inside that sentence, and `partial` says so. `sentences` lists every
    sentence the member touches, whole or in part.
    """

    document: str
    sentences: tuple[int, ...]
    """Indices of the sentences the member touches, in order."""
    start: int
    """Offset of the member's first character in the document text."""
    end: int
    """Offset one past its last character."""
    confidence: float
    """Similarity to the other members of the statement, 0..1."""
    reason: tuple[str, ...] = ()
    """The rarest words this member shares with the others: why it was linked."""
    spans: tuple[Span, ...] = ()
    """The exact `[start, end)` pieces, in order; filled with the extent when not given."""
    partial: bool = False
    """True when the member covers only part of a sentence it touches."""
    evidence: Evidence = Evidence.WORDS
    """Which evidence linked the member: shared words, or meaning (same or another language)."""
    meaning: float | None = None
    """Similarity of meaning to the statement (sentence encoder, 0..1) when meaning linked it."""
    nearest: str | None = None
    """For a member linked by meaning: the document whose member it is nearest in meaning."""

    def __post_init__(self) -> None:
        if not self.spans:
            object.__setattr__(self, "spans", (Span(self.start, self.end),))

    def because(self) -> str:
        """Why the member was linked, in words: "shared words: …", "same meaning (0.83)",
        "same meaning (0.47) and shared words: …", "same meaning (0.46) between the same
        neighbours", "translation of DOC (0.71)"; empty for a
        member that is alone in its statement."""
        if self.evidence is Evidence.TRANSLATION:
            return f"translation of {self.nearest} ({self.meaning:.2f})"
        if self.evidence is Evidence.MEANING:
            return f"same meaning ({self.meaning:.2f})"
        if self.evidence is Evidence.MEANING_WORDS:
            return f"same meaning ({self.meaning:.2f}) and shared words: {', '.join(self.reason)}"
        if self.evidence is Evidence.MEANING_CONTEXT:
            return f"same meaning ({self.meaning:.2f}) between the same neighbours"
        return f"shared words: {', '.join(self.reason)}" if self.reason else ""


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

    @cached_property
    def marks(self) -> frozenset[tuple[ChangeKind, Severity]]:
        """The (kind, severity) pairs of the changes, once: what a view's filter asks of a diff."""
        return frozenset((c.kind, c.severity) for c in self.changes)


@dataclass(frozen=True)
class Statement:
    """What several versions say: one main member per document carrying it, and the other
    places where a document says it again (`repeats`, e.g. a wire lead that paraphrases a line
    quoted in full later). A document carries the statement when it has a main member."""

    id: int
    members: tuple[Member, ...]
    """The main place of each document carrying the statement, one per document."""
    score: float
    """Mean confidence of the links that hold the statement together."""
    diffs: tuple[PairDiff, ...] = ()
    repeats: tuple[Member, ...] = ()
    """Further places of documents that already have a main member, in document order."""
    quoted: bool = False
    """A member prints quotation marks (set with the diffs)."""

    def member(self, document: str) -> Member | None:
        """The document's main member, or None when it does not carry the statement."""
        return self._members_by_document.get(document)

    def places(self, document: str) -> tuple[Member, ...]:
        """Every place the document says the statement: the main member first, then repeats."""
        main = self.member(document)
        if main is None:
            return ()
        return (main,) + tuple(m for m in self.repeats if m.document == document)

    def anchor(self, reference: str | None) -> Member:
        """The member the others are diffed against: the reference's, else the most central one
        (one in the comparison's language, not linked as a translation, when there is one)."""
        ref = self.member(reference) if reference else None
        return ref or max(self.members, key=lambda m: (m.evidence is not Evidence.TRANSLATION,
                                                      m.confidence, -len(m.sentences), m.document))

    def diff(self, document: str) -> PairDiff | None:
        return self._diffs_by_document.get(document)

    @cached_property
    def marks(self) -> frozenset[tuple[ChangeKind, Severity]]:
        """The (kind, severity) pairs of every change in the diffs, once."""
        return frozenset({(c.kind, c.severity) for d in self.diffs for c in d.changes})

    @cached_property
    def _members_by_document(self) -> dict[str, Member]:
        """A document's first member: a thousand members are not scanned for each lookup."""
        found: dict[str, Member] = {}
        for m in self.members:
            found.setdefault(m.document, m)
        return found

    @cached_property
    def _diffs_by_document(self) -> dict[str, PairDiff]:
        found: dict[str, PairDiff] = {}
        for d in self.diffs:
            found.setdefault(d.document, d)
        return found



def pieces(text: str, start: int, end: int, changes, side: str = "witness") -> list[tuple[str, Change | None]]:
    """A member's text cut into `(slice, change or None)` pieces, in order, for views to colour.

    `side` is "witness" (the member the changes belong to) or "reference" (the member they are
    measured against). Unchanged stretches come with None. A change with nothing on this side
    (a deletion seen from the witness) comes as an empty slice, so views can still show what
    went; joining the slices gives the text.
    """
    lo, hi = ("wit_start", "wit_end") if side == "witness" else ("ref_start", "ref_end")
    out: list[tuple[str, Change | None]] = []
    pos = start
    for c in changes:
        s, e = getattr(c, lo), getattr(c, hi)
        if s > pos:
            out.append((text[pos:s], None))
        out.append((text[s:e], c))
        pos = max(pos, e)
    if pos < end:
        out.append((text[pos:end], None))
    return out

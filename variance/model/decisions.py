"""The editor's decisions: links a person pinned, unlinked, merged, split, annotated or verified.

A decision names exact spans of documents (the document's sha256, `[start, end)` and the text
itself), never statement numbers, so it survives re-running, adding versions and changing the
reference, and is found stale when the text it names has changed. `Constraints` are what the
aligner is given: places that must share a statement and places that must not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum

__all__ = ["DecisionKind", "SpanRole", "DecisionStatus", "DecisionSpan", "Decision", "Place",
           "Constraint", "Constraints", "PlacedSpan", "AppliedDecision", "DecisionsReport",
           "LINKING_KINDS"]


class DecisionKind(str, Enum):
    PIN = "pin"          # these members belong together: keep them so
    UNLINK = "unlink"    # this member does not belong to the statement
    LINK = "link"        # this span belongs to the statement
    MERGE = "merge"      # two statements are one
    SPLIT = "split"      # one statement is two
    NOTE = "note"        # a remark on the statement, no constraint
    VERIFY = "verify"    # the statement was checked as it stands (kept together, like a pin)


LINKING_KINDS = frozenset({DecisionKind.PIN, DecisionKind.LINK, DecisionKind.MERGE,
                           DecisionKind.VERIFY})
"""Kinds whose spans are kept in one statement."""


class SpanRole(str, Enum):
    STATEMENT = "statement"  # a member of the statement decided on (what stays)
    MEMBER = "member"        # the member linked, unlinked, merged in or split off (what moves)


class DecisionStatus(str, Enum):
    ACTIVE = "active"          # applied as written
    EDITED = "edited"          # applied: its document was edited since, the text it names was not
    STALE = "stale"            # the text it names has changed: not applied
    ABSENT = "absent"          # too few of the documents it names are in this comparison
    OVERRIDDEN = "overridden"  # contradicted by a later decision: not applied


@dataclass(frozen=True)
class DecisionSpan:
    """One exact span of one document, as it read when the decision was made."""

    document: str
    """The document's id when decided (for people, and to find an edited document again)."""
    sha256: str
    """Hash of the document's bytes when decided."""
    start: int
    """Offset of the first character in the document text."""
    end: int
    """Offset one past the last character."""
    text: str
    """The exact text of the span; a document whose text differs there makes the decision stale."""
    role: SpanRole = SpanRole.STATEMENT
    """What the span is in the decision: the statement decided on, or the member that moves."""


@dataclass(frozen=True)
class Decision:
    """One decision by a person, as saved in the decisions file."""

    id: str
    """Unique and stable: how two saves of the same file are merged and how undo finds it."""
    kind: DecisionKind
    author: str
    """Who decided (`--author`, else the user name of the environment)."""
    time: datetime
    """When, in UTC, to the second."""
    spans: tuple[DecisionSpan, ...]
    note: str = ""
    """The editor's words ("checked against the ministry's Chinese text, 27 April")."""

    def side(self, role: SpanRole) -> tuple[DecisionSpan, ...]:
        return tuple(s for s in self.spans if s.role is role)


@dataclass(frozen=True)
class Place:
    """A span of a loaded document, where a decision span was found in this comparison."""

    document: str
    """Document id in this comparison."""
    start: int
    end: int


@dataclass(frozen=True)
class Constraint:
    """What one decision asks of the aligner."""

    key: str
    """The id of the decision it comes from."""
    together: tuple[tuple[Place, ...], ...] = ()
    """Groups of places, each kept in one statement."""
    leave: tuple[Place, ...] = ()
    """Places kept out of any statement holding a place of `stay` (they leave it together)."""
    stay: tuple[Place, ...] = ()
    """The places `leave` must not share a statement with."""


@dataclass(frozen=True)
class Constraints:
    """Everything the aligner must respect, consistent with itself (later decisions won)."""

    items: tuple[Constraint, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.items)


@dataclass(frozen=True)
class PlacedSpan:
    """Where a decision span is in this comparison, and which statement holds it now."""

    document: str
    start: int
    end: int
    role: SpanRole
    statement: int | None
    """Id of the statement with a member over the span; None if no statement holds it."""


@dataclass(frozen=True)
class AppliedDecision:
    """A decision as this comparison found and applied it."""

    decision: Decision
    status: DecisionStatus
    why: str = ""
    """For a decision not applied as written: what changed, in a few words."""
    places: tuple[PlacedSpan, ...] = ()
    """The spans found in this comparison (stale and absent spans are left out)."""

    @property
    def applied(self) -> bool:
        return self.status in (DecisionStatus.ACTIVE, DecisionStatus.EDITED)

    @property
    def statements(self) -> tuple[int, ...]:
        """Ids of the statements the decision names in this comparison."""
        return tuple(sorted({p.statement for p in self.places if p.statement is not None}))


@dataclass(frozen=True)
class DecisionsReport:
    """The decisions file a comparison read, and what became of each decision."""

    path: str | None
    """The file (None when decisions were given in memory)."""
    sha256: str | None
    """Hash of the file's bytes as read; None when the file does not exist (yet)."""
    decisions: tuple[AppliedDecision, ...] = field(default=())

    def on_statement(self, statement: int) -> tuple[AppliedDecision, ...]:
        """The applied decisions that name `statement`, oldest first."""
        return tuple(sorted((a for a in self.decisions if a.applied and statement in a.statements),
                            key=lambda a: (a.decision.time, a.decision.id)))

    def linked(self, statement: int) -> frozenset[str]:
        """Documents whose member of `statement` the editor linked or merged into it."""
        return frozenset(p.document for a in self.on_statement(statement)
                         if a.decision.kind in (DecisionKind.LINK, DecisionKind.MERGE)
                         for p in a.places if p.role is SpanRole.MEMBER and p.statement == statement)

    def count(self, status: DecisionStatus) -> int:
        return sum(1 for a in self.decisions if a.status is status)

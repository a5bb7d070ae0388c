"""Decisions against a corpus: which still apply, what they ask of the aligner, where they landed.

`resolve` finds every span of every decision in the loaded documents: by sha256 and exact text
first; in a document of the same id whose bytes changed, by the same text at the same offsets
or once elsewhere (status `edited`); otherwise the decision is `stale` (its document is there,
its text is not) or `absent` (too few of its documents are in this comparison). Newest first,
each applicable decision is kept when it agrees with the decisions kept so far, else it is
`overridden`; the kept ones become `Constraints`. `locate` then names, after alignment, the
statement holding each span.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..model import Document, Statement
from ..model.decisions import (
    AppliedDecision,
    Constraint,
    Constraints,
    Decision,
    DecisionKind,
    DecisionSpan,
    DecisionStatus,
    Place,
    PlacedSpan,
    SpanRole,
)

__all__ = ["resolve", "locate", "constraint_of"]

_Key = tuple[str, int]
"""(document id, sentence index): the grain at which decisions are checked against each other."""


@dataclass(frozen=True)
class _Found:
    span: DecisionSpan
    place: Place | None
    status: DecisionStatus
    why: str = ""


def resolve(decisions: Sequence[Decision], documents: Sequence[Document]
            ) -> tuple[tuple[AppliedDecision, ...], Constraints]:
    """Each decision with its status (in file order), and the constraints of those that apply."""
    by_sha: dict[str, list[Document]] = {}
    for doc in documents:
        by_sha.setdefault(doc.sha256, []).append(doc)
    by_id = {doc.id: doc for doc in documents}
    results = {d.id: _status(d, [_find(s, by_sha, by_id) for s in d.spans]) for d in decisions}
    kept = _Agreement(documents)
    for d in sorted(decisions, key=lambda d: (d.time, d.id), reverse=True):
        applied = results[d.id]
        if applied.applied and not kept.accept(constraint_of(applied)):
            results[d.id] = replace(applied, status=DecisionStatus.OVERRIDDEN,
                                    why="contradicted by a later decision")
    constraints = [constraint_of(results[d.id]) for d in decisions if results[d.id].applied]
    return (tuple(results[d.id] for d in decisions),
            Constraints(tuple(c for c in constraints if c.together or c.leave)))


def constraint_of(applied: AppliedDecision) -> Constraint:
    """What an applied decision asks of the aligner (a note asks nothing)."""
    kind, key = applied.decision.kind, applied.decision.id
    places = [Place(p.document, p.start, p.end) for p in applied.places]
    movers = tuple(Place(p.document, p.start, p.end) for p in applied.places if p.role is SpanRole.MEMBER)
    stayers = tuple(Place(p.document, p.start, p.end) for p in applied.places if p.role is SpanRole.STATEMENT)
    if kind in (DecisionKind.PIN, DecisionKind.LINK, DecisionKind.MERGE, DecisionKind.VERIFY):
        return Constraint(key, together=(tuple(places),))
    if kind is DecisionKind.UNLINK:
        return Constraint(key, leave=movers, stay=stayers)
    if kind is DecisionKind.SPLIT:
        return Constraint(key, together=(movers, stayers), leave=movers, stay=stayers)
    return Constraint(key)


def locate(applied: Sequence[AppliedDecision], statements: Sequence[Statement]
           ) -> tuple[AppliedDecision, ...]:
    """The decisions with each span's statement filled in, as aligned."""
    spans: dict[str, list[tuple[int, int, int]]] = {}
    for st in statements:
        for m in st.members + st.repeats:
            for piece in m.spans:
                spans.setdefault(m.document, []).append((piece.start, piece.end, st.id))

    def holder(p: PlacedSpan) -> int | None:
        overlaps = [(min(e, p.end) - max(s, p.start), -sid) for s, e, sid in spans.get(p.document, ())
                    if s < p.end and p.start < e]
        return -max(overlaps)[1] if overlaps else None

    return tuple(replace(a, places=tuple(replace(p, statement=holder(p)) for p in a.places))
                 for a in applied)


def _find(span: DecisionSpan, by_sha: dict[str, list[Document]], by_id: dict[str, Document]) -> _Found:
    for doc in sorted(by_sha.get(span.sha256, ()), key=lambda d: d.id != span.document):
        if doc.text[span.start:span.end] == span.text:
            return _Found(span, Place(doc.id, span.start, span.end), DecisionStatus.ACTIVE)
    edited = by_id.get(span.document)
    if edited is None:
        if span.sha256 in by_sha:
            return _Found(span, None, DecisionStatus.STALE, f"{span.document}: the text changed")
        return _Found(span, None, DecisionStatus.ABSENT, f"{span.document} is not in this comparison")
    if edited.text[span.start:span.end] == span.text:
        return _Found(span, Place(edited.id, span.start, span.end), DecisionStatus.EDITED,
                      f"{edited.id} was edited; this text was not")
    at = edited.text.find(span.text)
    if at >= 0 and edited.text.find(span.text, at + 1) < 0:
        return _Found(span, Place(edited.id, at, at + len(span.text)), DecisionStatus.EDITED,
                      f"{edited.id} was edited; this text moved to {at}")
    return _Found(span, None, DecisionStatus.STALE,
                  f"{edited.id} was edited: “{_short(span.text)}” is no longer in it")


_NEEDS_BOTH = (DecisionKind.UNLINK, DecisionKind.SPLIT, DecisionKind.LINK, DecisionKind.MERGE)


def _status(decision: Decision, found: list[_Found]) -> AppliedDecision:
    stale = [f for f in found if f.status is DecisionStatus.STALE]
    if stale:
        return AppliedDecision(decision, DecisionStatus.STALE, stale[0].why)
    here = [f for f in found if f.place is not None]
    roles = {f.span.role for f in here}
    enough = (len(roles) == 2 if decision.kind in _NEEDS_BOTH
              else len(here) >= 2 if decision.kind is DecisionKind.PIN else bool(here))
    if not enough:
        missing = next((f.why for f in found if f.status is DecisionStatus.ABSENT), "")
        return AppliedDecision(decision, DecisionStatus.ABSENT, missing)
    edited = [f for f in here if f.status is DecisionStatus.EDITED]
    places = tuple(PlacedSpan(f.place.document, f.place.start, f.place.end, f.span.role, None)
                   for f in here if f.place is not None)
    status = DecisionStatus.EDITED if edited else DecisionStatus.ACTIVE
    return AppliedDecision(decision, status, edited[0].why if edited else "", places)


class _Agreement:
    """Decisions accepted so far, as sentence groups kept together and pairs kept apart."""

    def __init__(self, documents: Sequence[Document]) -> None:
        self.documents = {d.id: d for d in documents}
        self.root: dict[_Key, _Key] = {}
        self.apart: list[tuple[list[_Key], list[_Key]]] = []

    def accept(self, c: Constraint) -> bool:
        """Keep `c` if it contradicts nothing kept so far."""
        saved = dict(self.root)
        for group in c.together:
            keys = [k for p in group for k in self._keys(p)]
            for k in keys[1:]:
                self._union(keys[0], k)
        apart = self.apart + ([([k for p in c.leave for k in self._keys(p)],
                                [k for p in c.stay for k in self._keys(p)])] if c.leave else [])
        if any(self._find(a) == self._find(b) for left, right in apart for a in left for b in right):
            self.root = saved
            return False
        self.apart = apart
        return True

    def _keys(self, place: Place) -> list[_Key]:
        doc = self.documents[place.document]
        return [(doc.id, s.index) for s in doc.body_sentences if s.start < place.end and place.start < s.end]

    def _find(self, k: _Key) -> _Key:
        while self.root.get(k, k) != k:
            k = self.root[k]
        return k

    def _union(self, a: _Key, b: _Key) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            self.root[rb] = ra


def _short(text: str, most: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= most else text[:most - 1] + "…"

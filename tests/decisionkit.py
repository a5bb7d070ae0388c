"""Making decisions in tests the way the TUI makes them: from members and sentences as shown."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from variance.decisions import new_decision
from variance.model import Comparison, Document, Statement
from variance.model.decisions import Decision, DecisionKind, DecisionSpan, SpanRole

T0 = datetime(2026, 4, 27, 9, 30, tzinfo=timezone.utc)


def span_of(doc: Document, start: int, end: int, role: SpanRole = SpanRole.STATEMENT) -> DecisionSpan:
    return DecisionSpan(doc.id, doc.sha256, start, end, doc.text[start:end], role)


def member_spans(c: Comparison, st: Statement, role: SpanRole = SpanRole.STATEMENT,
                 skip: str | None = None) -> list[DecisionSpan]:
    return [span_of(c.document(m.document), m.start, m.end, role) for m in st.members
            if m.document != skip]


def decide(kind: DecisionKind, spans, *, minutes: int = 0, note: str = "", author: str = "ana") -> Decision:
    return new_decision(kind, spans, author=author, note=note, now=T0 + timedelta(minutes=minutes))


def unlink(c: Comparison, st: Statement, document: str, minutes: int = 0) -> Decision:
    m = st.member(document)
    assert m is not None
    moving = span_of(c.document(document), m.start, m.end, SpanRole.MEMBER)
    return decide(DecisionKind.UNLINK, [moving, *member_spans(c, st, skip=document)], minutes=minutes)


def statement_of(c: Comparison, document: str, start: int) -> Statement | None:
    for st in c.statements:
        for m in st.members + st.repeats:
            if m.document == document and m.start <= start < m.end:
                return st
    return None

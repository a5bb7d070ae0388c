"""Applying decisions never breaks the comparison: whatever an editor decides, in any order,
every span has one place, offsets slice the text, every kept pin holds, no forbidden link is
made."""

from __future__ import annotations

from conftest import seed_documents
from decisionkit import decide, span_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from variance.align import align_statements
from variance.decisions import locate, resolve
from variance.model import Options
from variance.model.decisions import DecisionKind, SpanRole
from variance.text.segment import segment_document

FAST = Options(artefacts=False, quotes=False)
DOCS = [segment_document(d, "en") for d in seed_documents()]
SENTENCES = [(di, s.index) for di, d in enumerate(DOCS) for s in d.body_sentences]

span_choice = st.tuples(st.sampled_from(SENTENCES), st.sampled_from(list(SpanRole)))
decision_choice = st.tuples(st.sampled_from([k for k in DecisionKind if k is not DecisionKind.NOTE]),
                            st.lists(span_choice, min_size=2, max_size=5, unique_by=lambda x: x[0]))


def as_decision(kind, spans, minutes: int):
    roles = [r for _, r in spans]
    if SpanRole.MEMBER not in roles or SpanRole.STATEMENT not in roles:  # every kind needs both here
        spans = [(spans[0][0], SpanRole.MEMBER)] + [(s, SpanRole.STATEMENT) for s, _ in spans[1:]]
    out = []
    for (di, index), role in spans:
        s = DOCS[di].sentences[index]
        out.append(span_of(DOCS[di], s.start, s.end, role))
    return decide(kind, out, minutes=minutes)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(decision_choice, min_size=1, max_size=6))
def test_decisions_never_break_the_invariants(choices):
    decisions = [as_decision(kind, spans, i) for i, (kind, spans) in enumerate(choices)]
    applied, constraints = resolve(decisions, DOCS)
    statements = align_statements(DOCS, FAST, constraints=constraints)
    by_id = {d.id: d for d in DOCS}
    taken: dict[str, list[tuple[int, int]]] = {}
    for statement in statements:
        assert len({m.document for m in statement.members}) == len(statement.members)
        assert all(statement.member(m.document) is not None for m in statement.repeats)
        for m in statement.members + statement.repeats:
            doc = by_id[m.document]
            assert (m.spans[0].start, m.spans[-1].end) == (m.start, m.end)
            assert doc.sentences[m.sentences[0]].start <= m.start < m.end <= doc.sentences[m.sentences[-1]].end
            assert list(m.sentences) == list(range(m.sentences[0], m.sentences[-1] + 1))
            taken.setdefault(m.document, []).extend((p.start, p.end) for p in m.spans)
    for spans in taken.values():
        spans.sort()
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), "a span in two places"
    for d in DOCS:  # every body sentence is said somewhere
        assert all(any(a < s.end and s.start < b for a, b in taken.get(d.id, ())) for s in d.body_sentences)
    for a in locate(applied, statements):
        if not a.applied:
            continue
        holder = {(p.document, p.start): p.statement for p in a.places}
        movers = {holder[(p.document, p.start)] for p in a.places if p.role is SpanRole.MEMBER}
        stayers = {holder[(p.document, p.start)] for p in a.places if p.role is SpanRole.STATEMENT}
        assert None not in movers | stayers
        if a.decision.kind in (DecisionKind.PIN, DecisionKind.LINK, DecisionKind.MERGE, DecisionKind.VERIFY):
            assert len(movers | stayers) == 1, "a pinned link is missing"
        if a.decision.kind in (DecisionKind.UNLINK, DecisionKind.SPLIT):
            assert not movers & stayers, "a forbidden link is present"
        if a.decision.kind is DecisionKind.SPLIT:
            assert len(movers) == len(stayers) == 1


def test_no_decisions_change_nothing():
    assert align_statements(DOCS, FAST, constraints=resolve([], DOCS)[1]) == align_statements(DOCS, FAST)

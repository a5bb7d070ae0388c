"""Pair diffs and drift on the seeds, and the parallel path agreeing with the serial one."""

from __future__ import annotations

from conftest import seed_documents

from variance import parallel
from variance.diff import drift
from variance.model import ChangeKind, pieces
from variance.pipeline import compare_documents


def test_changes_rebuild_the_witness_from_the_anchor(raw_seeds_comparison):
    c = raw_seeds_comparison
    for st in c.statements:
        for d in st.diffs:
            anchor, witness = st.member(d.against), st.member(d.document)
            a_text, w_text = c.document(d.against).text, c.document(d.document).text
            rebuilt, pos = [], anchor.start
            for ch in d.changes:
                rebuilt.append(a_text[pos:ch.ref_start])
                assert a_text[ch.ref_start:ch.ref_end] == ch.reference
                assert w_text[ch.wit_start:ch.wit_end] == ch.witness
                rebuilt.append(ch.witness)
                pos = ch.ref_end
            rebuilt.append(a_text[pos:anchor.end])
            assert "".join(rebuilt) == w_text[witness.start:witness.end]


def test_drift_is_zero_for_cosmetic_differences_only(raw_seeds_comparison):
    for st in raw_seeds_comparison.statements:
        for d in st.diffs:
            if all(ch.kind is ChangeKind.COSMETIC for ch in d.changes):
                assert d.drift == 0.0
            else:
                assert 0.0 < d.drift <= 1.0


def test_document_drift_is_the_mean_over_its_statements(raw_seeds_comparison):
    c = raw_seeds_comparison
    values = [d.drift for st in c.statements for d in st.diffs if d.document.startswith("002")]
    assert c.document_drift("002_5a4b68be5e1a8af6") == round(sum(values) / len(values), 4)
    assert c.document_drift(c.reference) is None


def test_pieces_cut_a_member_for_views(raw_seeds_comparison):
    c = raw_seeds_comparison
    st = next(s for s in c.statements if s.diffs and s.diffs[0].changes)
    d = st.diffs[0]
    m = st.member(d.document)
    text = c.document(d.document).text
    cut = pieces(text, m.start, m.end, d.changes, "witness")
    assert "".join(p for p, _ in cut) == text[m.start:m.end]
    assert {ch for _, ch in cut if ch} <= set(d.changes)


def test_the_parallel_path_gives_the_serial_result(monkeypatch):
    docs = seed_documents()
    serial = compare_documents(docs)
    monkeypatch.setattr(drift, "PARALLEL_MIN_DIFFS", 1)
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 2)
    assert compare_documents(docs).statements == serial.statements

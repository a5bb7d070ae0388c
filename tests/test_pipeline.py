"""The whole engine on arbitrary input: it returns a consistent comparison or a clear error."""

from __future__ import annotations

import tempfile
from pathlib import Path

from conftest import seed_documents
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from variance.errors import InputError
from variance.model import Comparison, Options
from variance.pipeline import compare, compare_documents

WORDS = st.sampled_from(["China", "U.S.", "said", "“", "”", "not", ".", ",", " ", "\n", "😀",
                         "中国人民", "שלום", "\u200f", "\u200b", "\r\n", "must", "Xi", "Blinken",
                         "baliand", "-he", "The", "cooperation", "45th", "!", "?"])
PROSE = st.lists(WORDS, max_size=80).map(lambda ws: " ".join(ws))
UNICODE = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)


def check_invariants(c: Comparison) -> None:
    """One main member per document; every place an exact, in-range slice touching the sentences
    it names; no character of a document in two places."""
    taken: dict[str, list[tuple[int, int]]] = {}
    for st_ in c.statements:
        assert len({m.document for m in st_.members}) == len(st_.members)
        assert {m.document for m in st_.repeats} <= {m.document for m in st_.members}
        for m in st_.members + st_.repeats:
            doc = c.document(m.document)
            assert all(0 <= i < len(doc.sentences) for i in m.sentences)
            assert 0 <= m.start < m.end <= len(doc.text)
            assert (m.spans[0].start, m.spans[-1].end) == (m.start, m.end)
            for p in m.spans:
                touched = [s.index for s in doc.sentences if s.start < p.end and p.start < s.end]
                assert set(touched) <= set(m.sentences)
                taken.setdefault(m.document, []).append((p.start, p.end))
    for spans in taken.values():
        spans.sort()
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
        for d in st_.diffs:
            a, w = st_.member(d.against), st_.member(d.document)
            ta, tw = c.document(d.against).text, c.document(d.document).text
            assert 0.0 <= d.drift <= 1.0
            for ch in d.changes:
                assert ta[ch.ref_start:ch.ref_end] == ch.reference
                assert tw[ch.wit_start:ch.wit_end] == ch.witness
                assert a.start <= ch.ref_start <= ch.ref_end <= a.end
                assert w.start <= ch.wit_start <= ch.wit_end <= w.end
    for doc in c.documents:
        pos = 0
        for s in doc.sentences:
            assert pos <= s.start < s.end <= len(doc.text)
            pos = s.end


def run_files(contents: list[bytes]) -> Comparison | None:
    with tempfile.TemporaryDirectory() as tmp:
        for i, data in enumerate(contents):
            Path(tmp, f"doc{i}.txt").write_bytes(data)
        before = {p.name: p.read_bytes() for p in Path(tmp).iterdir()}
        try:
            result = compare([tmp], Options(), warn=lambda message: None)
        except InputError as exc:
            assert str(exc)
            result = None
        assert {p.name: p.read_bytes() for p in Path(tmp).iterdir()} == before  # nothing touched
    return result


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.binary(max_size=400), min_size=1, max_size=4))
def test_random_bytes_give_a_comparison_or_an_input_error(contents):
    result = run_files(contents)
    if result is not None:
        check_invariants(result)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(PROSE, UNICODE), min_size=1, max_size=4))
def test_random_text_gives_a_consistent_comparison(texts):
    result = run_files([t.encode("utf-8") for t in texts])
    if result is not None:
        check_invariants(result)


def test_the_seeds_satisfy_every_invariant(raw_seeds_comparison):
    check_invariants(raw_seeds_comparison)


def test_the_same_input_gives_the_same_comparison():
    assert compare_documents(seed_documents()) == compare_documents(seed_documents())


def test_switching_the_reference_recounts_coverage_for_the_new_reference(raw_seeds_comparison):
    first = raw_seeds_comparison
    first.reference_coverage(first.documents[0].id)                 # fill the derived lookups
    other = next(d.id for d in first.documents if d.id != first.reference)
    switched = compare_documents(first.documents, Options(reference=other))
    carried = sum(1 for st in switched.statements if st.member(other) and st.member(first.reference))
    total = sum(1 for st in switched.statements if st.member(other))
    assert switched.reference_coverage(first.reference) == (carried, total)
    assert switched.reference_coverage(other) == (total, total)
    from dataclasses import replace

    moved = replace(first, reference=other)                        # lookups are never copied over
    assert moved.reference_coverage(other) == (total_in(first, other),) * 2


def total_in(comparison, doc_id):
    return sum(1 for st in comparison.statements if st.member(doc_id))


def test_a_unique_prefix_names_the_reference_and_a_bad_one_fails_before_any_work():
    import pytest

    from variance.errors import OptionError

    docs = seed_documents()
    assert compare_documents(docs, Options(reference="002")).reference == next(
        d.id for d in docs if d.id.startswith("002"))
    with pytest.raises(OptionError, match=r"'00' matches 5 documents"):
        compare_documents(docs, Options(reference="00"))
    with pytest.raises(OptionError, match=r"no document 'nope'; documents are: 000_"):
        compare_documents(docs, Options(reference="nope"))


def test_the_json_view_carries_the_quotes_and_the_omissions(seeds_comparison):
    from variance.render.json_out import comparison_to_json

    out = comparison_to_json(seeds_comparison)
    assert [o["statement"] for o in out["omissions"]] == [o.statement for o in seeds_comparison.omissions]
    checked = [q["quote"] for g in out["quotes"]["groups"] for q in g["quotes"]]
    assert checked == [c.text for g in seeds_comparison.quotes.groups for c in g.checks]
    assert out["quotes"]["left_out"] is None
    conflict = next(q for g in out["quotes"]["groups"] for q in g["quotes"] if q["conflicts"])
    assert "attributed to different people" in conflict["conflicts"][0]["message"]


def test_the_json_written_a_section_at_a_time_is_the_json_built_whole(seeds_comparison):
    from variance.render.json_out import PARTS, comparison_to_json, dumps, write_comparison_json

    for parts in (PARTS, ("documents", "reference", "statements"), ("documents", "artefacts")):
        pieces: list[bytes] = []
        write_comparison_json(seeds_comparison, pieces.append, parts=parts)
        assert len(pieces) > len(seeds_comparison.documents)   # written in pieces, not whole
        assert b"".join(pieces) == dumps(comparison_to_json(seeds_comparison, parts=parts)).encode("utf-8")


def test_statement_ids_stay_when_the_reference_changes(seeds_comparison):
    from dataclasses import replace as _replace

    from variance.pipeline import compare_documents

    other = next(d.id for d in seeds_comparison.documents if d.id != seeds_comparison.reference)
    again = compare_documents(seeds_comparison.documents,
                              _replace(seeds_comparison.options, reference=other))
    assert again.reference == other

    def members(c):
        return {st.id: sorted((m.document, m.sentences) for m in st.members) for st in c.statements}
    assert members(again) == members(seeds_comparison)

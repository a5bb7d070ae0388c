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
    seen = set()
    for st_ in c.statements:
        assert len({m.document for m in st_.members}) == len(st_.members)
        for m in st_.members:
            doc = c.document(m.document)
            assert all(0 <= i < len(doc.sentences) for i in m.sentences)
            for i in m.sentences:
                assert (m.document, i) not in seen
                seen.add((m.document, i))
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

"""Alignment: the hand-made seed gold, the pairs the issue names, and structural invariants."""

from __future__ import annotations

import pickle
import random

import pytest
from conftest import seed_documents
from hypothesis import given, settings
from hypothesis import strategies as st
from seedgold import find_sentence, read_gold, score, statement_of

from variance.model import Options
from variance.pipeline import compare_documents


def test_seed_gold_precision_and_recall(seeds_comparison):
    result = score(seeds_comparison, read_gold())
    assert result["precision"] >= 0.95, result["wrong"]
    assert result["recall"] >= 0.85, result["wrong"]


def test_seed_gold_by_tier(seeds_comparison):
    """Whole sentences, parts of sentences (a clause linked to other versions' sentences), and a
    version saying a statement twice: each kind is found, not only the easy one."""
    gold = read_gold()
    sentence, partial, repeat = (score(seeds_comparison, gold, tier) for tier in ("sentence", "partial", "repeat"))
    assert sentence["recall"] >= 0.90 and sentence["precision"] >= 0.95, sentence["wrong"]
    assert partial["recall"] >= 0.90 and partial["precision"] >= 0.95, partial["wrong"]
    assert repeat["recall"] >= 0.80 and repeat["precision"] >= 0.95, repeat["wrong"]


def linked(comparison, a, text_a, b, text_b) -> bool:
    where = statement_of(comparison)
    return bool(where.get(find_sentence(comparison, a, text_a), set())
                & where.get(find_sentence(comparison, b, text_b), set()))


def test_paraphrase_and_translation_are_linked(seeds_comparison):
    assert linked(seeds_comparison, "001", "cooperation must be bilateral",
                  "002", "cooperation should be a two-way street")
    assert linked(seeds_comparison, "001", "helping each other succeed rather than hurting",
                  "003", "Help each other succeed instead of hurting each other")


def test_statements_that_share_words_stay_apart(seeds_comparison):
    assert not linked(seeds_comparison, "001", "Planet Earth is not that big",
                      "000", "Planet Earth is large enough to accommodate")
    assert not linked(seeds_comparison, "001", "Secretary Blinken conveyed greetings",
                      "001", "President Xi asked Secretary Blinken to convey")


def test_places_are_exact_disjoint_slices_covering_every_sentence(raw_seeds_comparison):
    c = raw_seeds_comparison
    covered: dict[str, list[tuple[int, int]]] = {}
    for statement in c.statements:
        docs = [m.document for m in statement.members]
        assert len(docs) == len(set(docs))  # one main member per document
        assert {m.document for m in statement.repeats} <= set(docs)  # a repeat has a main member
        for m in statement.members + statement.repeats:
            d = c.document(m.document)
            assert (m.start, m.end) == (m.spans[0].start, m.spans[-1].end)
            touched = [s.index for s in d.sentences
                       if any(s.start < p.end and p.start < s.end for p in m.spans)]
            assert list(m.sentences) == touched
            whole = all(any(p.start <= s.start and s.end <= p.end for p in m.spans)
                        for s in (d.sentences[i] for i in m.sentences))
            assert m.partial == (not whole)
            covered.setdefault(m.document, []).extend((p.start, p.end) for p in m.spans)
    for doc_id, spans in covered.items():
        spans.sort()
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), doc_id  # no text in two places
    for d in c.documents:  # every body sentence is said somewhere
        spans = covered.get(d.id, [])
        for s in d.body_sentences:
            assert any(a < s.end and s.start < b for a, b in spans), (d.id, s.index)


def grouping(comparison):
    return sorted(sorted((m.document, tuple((p.start, p.end) for p in m.spans))
                         for m in st.members + st.repeats) for st in comparison.statements)


@settings(max_examples=8, deadline=None)
@given(st.randoms(use_true_random=False))
def test_alignment_does_not_depend_on_the_order_of_the_files(rnd: random.Random):
    docs = seed_documents()
    shuffled = docs[:]
    rnd.shuffle(shuffled)
    assert grouping(compare_documents(shuffled)) == grouping(compare_documents(docs))


def test_the_reference_is_the_version_carrying_most_statements(raw_seeds_comparison):
    c = raw_seeds_comparison
    carried = {d.id: sum(1 for st in c.statements if st.member(d.id)) for d in c.documents}
    assert carried[c.reference] == max(carried.values())


def test_a_requested_reference_is_what_every_diff_is_against_and_ids_stay():
    docs = seed_documents()
    c = compare_documents(docs, Options(reference="004_7c4914b47a5c438c"))
    assert c.reference == "004_7c4914b47a5c438c"
    carried = [st for st in c.statements if st.member("004_7c4914b47a5c438c")]
    assert all(d.against == "004_7c4914b47a5c438c" for st in carried for d in st.diffs)
    default = compare_documents(docs, Options())
    assert [(st.id, st.members) for st in c.statements] == \
        [(st.id, st.members) for st in default.statements]


def test_members_made_without_their_init_are_the_members_init_makes():
    from variance.align.cluster import _made
    from variance.model import Member, Span

    made = _made(Member, {"document": "a", "sentences": (1, 2), "start": 3, "end": 9, "confidence": 0.5,
                          "reason": ("x",), "spans": (_made(Span, {"start": 3, "end": 9}),), "partial": True,
                          "evidence": Member.__dataclass_fields__["evidence"].default, "meaning": None,
                          "nearest": None})
    built = Member("a", (1, 2), 3, 9, 0.5, ("x",), (Span(3, 9),), True)
    assert made == built and hash(made) == hash(built) and repr(made) == repr(built)
    assert pickle.loads(pickle.dumps(made)) == built
    with pytest.raises(TypeError):
        _made(Span, {"start": 3})                 # a field left out is an error, not a default

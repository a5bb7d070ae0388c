"""Direct quotes as the seeds print them, and finding a quote's words in a document."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from variance.model import Document
from variance.quotes.passages import _keyed, _windows, literal_passages, paraphrase_passage
from variance.text.quotemarks import direct_quotes, inside_quote, quote_spans, quoted_share
from variance.text.segment import segment_document


def doc(text: str, doc_id: str = "t") -> Document:
    return segment_document(Document(doc_id, "-", text, hashlib.sha256(text.encode()).hexdigest()))


def texts(document: Document) -> list[str]:
    return [q.text(document) for q in direct_quotes(document)]


def seed(comparison, prefix: str) -> Document:
    return next(d for d in comparison.documents if d.id.startswith(prefix))


def test_a_quote_running_across_four_sentences_is_one_quote(seeds_comparison):
    quotes = texts(seed(seeds_comparison, "002"))
    long = next(q for q in quotes if q.startswith("China is willing to cooperate, but"))
    assert long.endswith("harm. the other")  # four sentences, closed by ,” after "the other"
    assert "China is committed to non-alliance" in long


def test_nested_quotes_with_the_same_marks_stay_inside_the_outer_quote(seeds_comparison):
    quotes = texts(seed(seeds_comparison, "002"))
    saying = next(q for q in quotes if q.startswith("As a Chinese saying goes"))
    assert "“No progress means regression.”" in saying
    assert saying.endswith("advance bilateral relations")
    assert "No progress means regression." not in quotes  # the inner quote is not listed apart


def test_a_dangling_closer_ends_a_quote_begun_at_the_paragraph_start(seeds_comparison):
    d = seed(seeds_comparison, "003")
    help_ = next(q for q in direct_quotes(d) if q.text(d).startswith("Help each other succeed"))
    assert not help_.opened and help_.closed
    assert help_.text(d).endswith("to say one thing and do the opposite")


def test_an_unclosed_quote_ends_with_its_paragraph(seeds_comparison):
    d = seed(seeds_comparison, "003")
    wan = next(q for q in direct_quotes(d) if q.text(d).startswith("We have always demanded"))
    assert wan.opened and not wan.closed
    assert wan.text(d).endswith("security and development interests of the country.")


def test_a_glued_attribution_is_left_out_and_the_stray_closer_starts_no_quote(seeds_comparison):
    quotes = texts(seed(seeds_comparison, "000"))
    assert "China respects the interests of the United States and does not seek to challenge or " \
           "displace United States" in quotes  # "Statessaid Xi. ”" cut at the glued "said Xi"
    assert "In the same order of ideas, United States must respect China and must not hurt China " \
           "legitimate rights and interests" in quotes  # ended by the dangling ” alone


def test_short_quoted_phrases_and_headline_quotes_count(seeds_comparison):
    assert "two-way" in texts(seed(seeds_comparison, "002"))
    assert "first red line" in texts(seed(seeds_comparison, "004"))
    assert "The world needs stable China-US relations" in texts(seed(seeds_comparison, "000"))


def test_every_direct_quote_of_the_seeds_is_found(seeds_comparison):
    counts = {d.id[:3]: len(direct_quotes(d)) for d in seeds_comparison.documents}
    assert counts == {"000": 8, "001": 1, "002": 7, "003": 4, "004": 9}


@pytest.mark.parametrize("text, expected", [
    ('He said "we agree" and left.', ["we agree"]),
    ("She said ‘enough’ twice.", ["enough"]),
    ("« Oui », dit-il.", ["Oui"]),
    ("„Ja“, sagte er.", ["Ja"]),
    ('It is "a 10" rating, "fine," he said.', ["a 10", "fine"]),
    ("Monday’s talks were Washington’s idea.", []),   # apostrophes are not quotes
    ('He said: ”We will”, then left.', ["We will"]),  # a closer printed as an opener
    ("“Open and never closed\nNext paragraph.", ["Open and never closed"]),
])
def test_quote_styles(text, expected):
    assert texts(doc(text)) == expected


def test_quote_spans_still_marks_member_quotes_for_the_diff():
    text = "He said “no progress means regression” and “more"
    spans = quote_spans(text)
    assert [text[s:e] for s, e in spans] == ["“no progress means regression”", "“more"]
    assert inside_quote(spans, 10, 12) and not inside_quote(spans, 0, 2)


def test_quoted_share_measures_how_much_of_a_passage_is_quoted(seeds_comparison):
    d = seed(seeds_comparison, "002")
    start = d.text.index("The multiplicity and complexity of the challenges")
    end = d.text.index(",” the statement added")
    share = quoted_share(direct_quotes(d), start, end)
    assert 0.3 < share < 0.5  # only "the United States and China work together" is quoted


def test_a_quote_split_across_two_sentences_is_found_as_one_passage(seeds_comparison):
    d = seed(seeds_comparison, "000")
    text = ("China respects the interests of the United States and does not seek to challenge or "
            "displace United States. In the same order of ideas, United States must respect China")
    (sim, start, end), *_ = literal_passages(text, d)
    assert d.text[start:end].startswith("China respects") and d.text[start:end].endswith("respect China")
    assert sim > 0.9


def test_a_replaced_ending_takes_the_whole_replacement(seeds_comparison):
    d = seed(seeds_comparison, "002")
    (_, start, end), *_ = literal_passages("China is willing to cooperate, but cooperation must be "
                                           "bilateral", d)
    assert d.text[start:end] == "China is willing to cooperate, but cooperation should be a two-way street"


def test_a_paraphrase_is_found_whatever_its_word_order(seeds_comparison):
    d = seed(seeds_comparison, "004")
    score, start, end = paraphrase_passage("He proposed mutual respect, peaceful coexistence and "
                                           "win-win cooperation as three fundamental principles", d)
    assert d.text[start:end].startswith("Xi proposed three overarching principles")
    assert score > 0.6


words = st.sampled_from(["China", "said", "he", "we", "agree", "two-way", "U.S.", "no", "progress"])
marks = st.sampled_from(["“", "”", '"', "‘", "’", "«", "»", "„", ". ", ", ", "\n", " "])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(words, marks), max_size=40))
def test_quotes_are_ordered_disjoint_spans_inside_one_paragraph(parts):
    text = " ".join(parts)
    d = doc(text)
    quotes = direct_quotes(d)
    for a, b in zip(quotes, quotes[1:]):
        assert a.end <= b.start
    for q in quotes:
        piece = text[q.start:q.end]
        assert piece and piece == piece.strip() and "\n" not in piece
        assert any(ch.isalnum() for ch in piece)


def test_a_windows_words_gathered_from_its_sentences_are_the_words_of_the_window_read_afresh():
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(__file__).resolve().parent.parent.glob("seeds/*.txt"))]
    texts += ["Zhōng 中国 naïve ①② x  y. Next one", "", "中文字 Ünïcödé ßtraße — “quoted” 12,000 l'été",
              "One sentence.Glued on. Three\n\nFour five six. Seven eight."]
    for text in texts:
        d = segment_document(doc(text))
        for size in (1, 3, 5):
            for w in _windows(d, size):
                assert w.words == frozenset(_keyed(text, w.start, w.end).key.split()), (w.start, w.end)
                assert w.key == _keyed(text, w.start, w.end).key

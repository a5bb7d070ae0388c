"""Segmentation: exact offsets, the seeds' hard cases, and invariants on any text."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from variance.errors import InputError
from variance.model import Document, MetaSpan, SentenceKind
from variance.text.segment import (
    MAX_CUT_CHARS,
    MAX_SENTENCE_CHARS,
    segment_document,
    split_paragraph,
)

DATA = Path(__file__).parent / "data" / "segment_cases.tsv"
CASES = [r for r in csv.reader(DATA.open(encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE) if r and not r[0].startswith("#")]


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_paragraph(text, 0, len(text))]


@pytest.mark.parametrize("name,text,expected", CASES, ids=[c[0] for c in CASES])
def test_hard_cases_from_the_seeds(name, text, expected):
    assert sentences(text) == expected.split(" || ")


def doc(text: str, meta=()) -> Document:
    return segment_document(Document(id="d", path="d", text=text, sha256="", meta=tuple(meta)))


def test_each_line_is_a_paragraph_and_headlines_stay_separate():
    text = "Xi Jinping tells Antony Blinken\nChina is willing. It is not afraid.\n\nLast line."
    d = doc(text, [MetaSpan(0, 31, "title")])
    assert [(d.text[s.start:s.end], s.paragraph, s.kind) for s in d.sentences] == [
        ("Xi Jinping tells Antony Blinken", 0, SentenceKind.HEADLINE),
        ("China is willing.", 1, SentenceKind.BODY),
        ("It is not afraid.", 1, SentenceKind.BODY),
        ("Last line.", 2, SentenceKind.BODY),
    ]


def test_a_dateline_prefix_is_metadata_and_the_body_starts_after_it():
    text = "Beijing – In a significant move, Xi met Blinken. The meeting culminated a visit."
    d = doc(text, [MetaSpan(0, 10, "dateline")])
    kinds = [(d.text[s.start:s.end], s.kind) for s in d.sentences]
    assert kinds[0] == ("Beijing –", SentenceKind.METADATA)
    assert kinds[1] == ("In a significant move, Xi met Blinken.", SentenceKind.BODY)


def test_a_line_with_no_punctuation_is_cut_into_bounded_pieces():
    text = " ".join(["word"] * 5000)
    d = doc(text)
    assert all(s.end - s.start <= MAX_SENTENCE_CHARS for s in d.sentences)
    assert " ".join(d.text[s.start:s.end] for s in d.sentences) == text
    assert all(s.cut for s in d.sentences)          # pieces, not sentences: words only
    assert not any(s.cut for s in doc("Xi met Blinken. The meeting culminated a visit.").sentences)
    said: list[str] = []
    cut = segment_document(Document(id="d", path="d", text=text, sha256=""), warn=said.append)
    assert cut.notes == ("1 sentence(s) over 1,500 characters with no sentence end, read in "
                         "pieces cut at clauses or spaces",)
    assert said == [f"{d.path}: {cut.notes[0]}"]
    assert not doc("A short sentence. Another one.").notes


def test_a_line_with_no_sentence_end_is_cut_at_its_clauses_before_its_spaces():
    clause = "the two sides talked about trade and climate for many hours on end"
    text = ", ".join([clause] * 60)          # 4,000 characters, commas but no full stop
    pieces = [text[a:b] for a, b in split_paragraph(text, 0, len(text))]
    assert len(pieces) > 2 and all(len(p) <= MAX_SENTENCE_CHARS for p in pieces)
    assert all(p.endswith(clause + ",") for p in pieces[:-1])   # each piece ends a clause
    assert ", ".join(p.rstrip(",") for p in pieces) == text


def test_a_document_with_more_unpunctuated_text_than_the_limit_is_one_line_error():
    words = ("partners", "rivals", "talks", "trade", "climate", "visit", "sides")
    text = " ".join(words[i % len(words)] for i in range(MAX_CUT_CHARS // 6))
    assert len(text) > MAX_CUT_CHARS and "." not in text
    with pytest.raises(InputError) as info:
        segment_document(Document(id="d", path="flat.txt", text=text, sha256=""))
    assert str(info.value) == (f"flat.txt: over {MAX_CUT_CHARS:,} characters with no sentence "
                               "end, the limit for one document (add sentence ends or split it "
                               "into several files)")
    fits = text[:MAX_CUT_CHARS - 10]
    assert segment_document(Document(id="d", path="flat.txt", text=fits, sha256="")).sentences


def test_every_seed_sentence_is_an_exact_trimmed_slice():
    for path in sorted(Path("seeds").glob("*.txt")):
        d = doc(path.read_text(encoding="utf-8"))
        assert d.sentences, path
        for s in d.sentences:
            piece = d.text[s.start:s.end]
            assert piece == piece.strip() and piece


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_spans_cover_the_text_in_order_without_overlap(text):
    d = doc(text)
    pos = 0
    for s in d.sentences:
        assert pos <= s.start < s.end <= len(text)
        assert text[pos:s.start].strip() == ""
        pos = s.end
    assert text[pos:].strip() == ""


@pytest.mark.parametrize("text", [
    'He called himself "stingy with a capital S". Then he left.',
    "Mr. S\u2009. Next one.", "A word\u00a0. Another\u3000. Third\u2028. End.",
    "«Capital S» . Then „more“ . Done.",
], ids=["quoted-capital-S", "thin-space", "other-spaces", "guillemets"])
def test_multi_byte_spaces_and_quotes_before_a_full_stop_split_without_a_crash(text):
    spans = split_paragraph(text, 0, len(text))
    assert spans and spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(text[s:e].strip() == text[s:e] for s, e in spans)


LANGUAGES = Path(__file__).parent / "data" / "segment_languages.tsv"
LANGUAGE_CASES = [r for r in csv.reader(LANGUAGES.open(encoding="utf-8"), delimiter="\t",
                                        quoting=csv.QUOTE_NONE) if r and not r[0].startswith("#")]


@pytest.mark.parametrize("language,name,text,expected", LANGUAGE_CASES,
                         ids=[f"{c[0]}-{c[1]}" for c in LANGUAGE_CASES])
def test_chinese_and_spanish_sentence_ends(language, name, text, expected):
    found = [text[s:e] for s, e in split_paragraph(text, 0, len(text), language)]
    assert found == expected.split(" || ")


def test_english_rules_split_the_spanish_abbreviation_that_spanish_rules_keep():
    text = "¿Vendrá EE. UU. a la reunión? No lo sabemos."
    assert len(split_paragraph(text, 0, len(text), "en")) == 3
    assert len(split_paragraph(text, 0, len(text), "es")) == 2

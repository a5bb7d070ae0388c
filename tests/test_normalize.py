"""Comparison keys: what must compare equal, and what must not."""

from __future__ import annotations

import pytest

from variance.text.normalize import content_words, fold, fold_word, key_words, stem


@pytest.mark.parametrize("a,b", [
    ("U.S. Secretary", "US Secretary"),
    ("U.S. Secretary", "United States Secretary"),
    ("Sino-US relations", "China-US relations"),
    ("China’s development", "China's development"),
    ("“Two-way”", '"two-way"'),
    ("Café", "cafe"),
    ("the PRC", "the China"),
])
def test_spellings_of_one_thing_share_a_key(a, b):
    assert key_words(a) == key_words(b)


@pytest.mark.parametrize("a,b", [
    ("help us", "help US"),             # the pronoun is not the country
    ("must", "should"),
    ("Antony", "Anthony"),
])
def test_different_words_keep_different_keys(a, b):
    assert key_words(a) != key_words(b)


def test_content_words_drop_function_words_but_keep_negation_out_of_them():
    assert content_words("The United States does not seek a new Cold War") == [
        "united", "states", "seek", "new", "cold", "war"]


def test_stems_meet_across_inflection():
    assert stem("targeting") == stem("target") and stem("committed") == stem("commitment")


def test_punctuation_and_spacing_tokens_compare_equal():
    assert key_words(",") == key_words("“") == key_words("  ") == []
    assert key_words("U.S.") == ["united", "states"]
    assert fold_word("Ñandú") == "nandu"


def test_folding_never_changes_the_original():
    text = "U.S. “quote”"
    fold(text)
    assert text == "U.S. “quote”"

"""Comparison keys: what must compare equal, and what must not."""

from __future__ import annotations

import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from unidecode import unidecode

from variance.text.normalize import _EQUIVALENTS, _POSSESSIVE, ascii_of, content_words, fold, fold_word, key_words, stem


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


_NAME_PIECES = ["U.S.", "U. S. A.", "US", "USA", "U.K.", "UK", "United States of America",
                "UNITED STATES OF AMERICA", "Unıted Stateſ of America", "Sino", "PRC",
                "People's Republic of China", "People’s Republic of China", "'s", "’s", "China’s",
                "Café", "“", "”", "—", "北京", "Ñandú", " ", "x", "\ud800"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_NAME_PIECES) | st.text(max_size=6), max_size=12).map("".join))
def test_folding_gives_what_each_equivalence_then_unidecode_gives(text):
    """fold tries the name equivalences only where one could match, and transliterates through a
    table: the key is the one every equivalence, the possessive and unidecode give in turn."""
    expected = text
    for pattern, replacement in _EQUIVALENTS:
        expected = pattern.sub(replacement, expected)
    expected = _POSSESSIVE.sub("", expected)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert fold.__wrapped__(text) == unidecode(expected).casefold()
        assert ascii_of(text) == unidecode(text)

"""Word diff: the script rebuilds both sides exactly, on any text, astral characters included."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from variance.diff.words import apply_edits, diff_texts, tokenize
from variance.model import Op

TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200)
WORDY = st.lists(st.sampled_from(["China", "U.S.", "must", "should", " ", ", ", "😀", "𝒳", "نعم",
                                  "中国", "\u200b", "\n", "“", "”", "not"]), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXT, TEXT)
def test_applying_the_script_rebuilds_both_sides(a, b):
    assert apply_edits(a, b, diff_texts(a, b)) == (a, b)


@settings(max_examples=300, deadline=None)
@given(WORDY, WORDY)
def test_rebuilds_with_surrogate_pairs_and_control_characters(a, b):
    edits = diff_texts(a, b)
    assert apply_edits(a, b, edits) == (a, b)
    for e in edits:  # the script is contiguous on both sides
        assert e.ref_start <= e.ref_end and e.wit_start <= e.wit_end


@settings(max_examples=100, deadline=None)
@given(TEXT)
def test_tokens_cover_the_text(text):
    assert "".join(text[s:e] for s, e in tokenize(text)) == text


def test_changes_are_whole_words():
    a = "China is willing to cooperate, but cooperation must be bilateral."
    b = "China is willing to cooperate, but cooperation should be a two-way street."
    changed = [(a[e.ref_start:e.ref_end], b[e.wit_start:e.wit_end]) for e in diff_texts(a, b)
               if e.op is not Op.EQUAL]
    assert changed == [("must", "should"), ("bilateral", "a two-way street")]


def test_abbreviations_are_one_token():
    text = "the U.S. side"
    assert "U.S." in [text[s:e] for s, e in tokenize(text)]


def test_more_distinct_tokens_than_the_private_use_area_holds():
    a = " ".join(f"w{i}" for i in range(7000))
    b = " ".join(f"w{i}" for i in range(0, 7000, 2))
    assert apply_edits(a, b, diff_texts(a, b)) == (a, b)

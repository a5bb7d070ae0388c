"""Which blocks of Unicode a text reaches, read from its UTF-8 lead bytes (`text.scripts`): the
patterns of far scripts are compiled only for texts that have them, so a wrong answer would
leave a Chinese or Japanese text unsplit or its language undetected."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from variance.text.scripts import holds_from


@given(st.text())
def test_a_text_holds_a_block_exactly_when_one_of_its_characters_is_in_it_or_beyond(text):
    for lead in (0xE1, 0xE3, 0xE4, 0xEF):
        assert holds_from(text, lead) == any(ord(c) >= (lead - 0xE0) << 12 for c in text)


def test_latin_text_with_typographic_marks_holds_no_far_script():
    text = "“China is willing to cooperate,” Xi said — a ‘two-way street’…"
    assert not holds_from(text, 0xE3) and holds_from(text + "双", 0xE4) and holds_from(text + "\ud800", 0xE4)


def test_only_the_lead_bytes_of_three_byte_characters_are_asked_about():
    with pytest.raises(ValueError):
        holds_from("abc", 0x80)

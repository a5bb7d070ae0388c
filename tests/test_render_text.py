"""The terminal view's plain output (a pipe, a file): written without rich's per-line rendering,
and still the characters rich itself would write, wrapping and all."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text

from variance.render.text import _print, indented, render_text

WIDTHS = (20, 37, 80, 100)


def _consoles(width: int) -> tuple[Console, Console]:
    """A console writing plain text to a file (the fast way) and one that rich renders itself
    (a terminal without colour): the same characters are expected of both."""
    plain = Console(file=io.StringIO(), width=width, color_system=None, highlight=False, soft_wrap=False,
                    emoji=False)
    rich = Console(file=io.StringIO(), width=width, color_system=None, highlight=False, soft_wrap=False,
                   emoji=False, force_terminal=True)
    return plain, rich


@pytest.mark.parametrize("width", WIDTHS)
def test_the_seeds_view_is_what_rich_writes(seeds_comparison, width):
    plain, rich = _consoles(width)
    for console in (plain, rich):
        render_text(seeds_comparison, console, diffs=True)
    assert rich.is_terminal and not plain.is_terminal
    assert plain.file.getvalue() == rich.file.getvalue()
    assert plain.file.getvalue().count("\n") > 500


WORDS = st.sampled_from(["the", "minister", "said", "\t", "  ", "\n", "外交部发言人", "Blinken's",
                         "supercalifragilisticexpialidocious-and-then-some-more", "—", "é", "🙂", "",
                         "“two-way,”", "❤\ufe0f", "👩\u200d👩", "\u200d", "e\u0301", "\u00ad"])
"""Words of every width: wide, zero-width, combining, joined by a zero-width joiner or an emoji
selector (lines whose cells are not the sum of their words')."""


def _styled(pieces: list[tuple[str, str]]) -> Text:
    """The words, each with its style and a space after it."""
    text = Text()
    for word, style in pieces:
        text.append(word + " ", style=style)
    return text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(WORDS, st.sampled_from(["", "bold", "dim red"])), max_size=40),
       st.sampled_from(WIDTHS), st.booleans())
def test_any_text_is_written_as_rich_writes_it(pieces, width, soft_wrap):
    text = _styled(pieces)
    plain, rich = _consoles(width)
    for console in (plain, rich):
        _print(console, text, soft_wrap=soft_wrap)
        _print(console)
    assert plain.file.getvalue() == rich.file.getvalue()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(WORDS, st.sampled_from(["", "bold", "dim red"])), max_size=40),
       st.sampled_from(WIDTHS), st.sampled_from([0, 2, 4]))
def test_any_text_indented_is_written_as_rich_writes_it(pieces, width, indent):
    """A member's wording, wrapped and indented: the plain way (no `Text` per line) gives rich's lines."""
    text = _styled(pieces)
    plain, rich = _consoles(width)
    for console in (plain, rich):
        indented(console, text.copy(), indent)
    assert plain.file.getvalue() == rich.file.getvalue()

"""The terminal view's plain output (a pipe, a file): written without rich's per-line rendering,
and still the characters rich itself would write, wrapping and all."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich._wrap import divide_line
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from variance.render.styled import Styled
from variance.render.text import _breaks, _one_cell_each, _print, indented, render_text

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


def _both(pieces: list[tuple[str, str]], base: str) -> tuple[Styled, Text]:
    """The same calls on the view's `Styled` and on rich's `Text`: a first piece in a base
    style, the rest appended, one of them through `append_text`."""
    first, *rest = pieces or [("", "")]
    styled, text = Styled(first[0], style=base), Text(first[0], style=base)
    for i, (word, style) in enumerate(rest):
        if i % 3 == 2:
            styled.append_text(Styled(word, style=style).append(" "))
            text.append_text(Text(word, style=style).append(" "))
        else:
            styled.append(word + " ", style=style or None)
            text.append(word + " ", style=style or None)
    return styled, text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(WORDS | st.sampled_from(["\r", "\x07", "a\x08b"]), st.sampled_from(["", "bold", "dim red"])),
                max_size=40),
       st.sampled_from(["", "bold"]), st.sampled_from(WIDTHS), st.booleans(), st.sampled_from([0, 4]))
def test_the_views_own_styled_text_is_written_as_rich_writes_its_text(pieces, base, width, soft_wrap, indent):
    """The view's lines, made without rich's `Text` in a pipe: the same characters in a pipe,
    and the same `Text` (so the same colours) where rich renders them."""
    styled, text = _both(pieces, base)
    assert styled.plain == text.plain
    assert _all_of(styled.to_rich()) == _all_of(text)
    for consoles in (_consoles(width), _consoles(width)[::-1]):
        written = []
        for console, shown in zip(consoles, (styled, text)):
            _print(console, shown, soft_wrap=soft_wrap)
            indented(console, shown, indent)
            written.append(console.file.getvalue())
        assert written[0] == written[1]


def test_assembled_styled_text_is_rich_s():
    made = Styled.assemble(("variance", "bold"), "  5 documents", (" high", "red"))
    assert _all_of(made.to_rich()) == _all_of(Text.assemble(("variance", "bold"), "  5 documents", (" high", "red")))


def _all_of(text: Text) -> tuple:
    """What a rich `Text` renders from: characters, base style, spans and settings."""
    return (text.plain, text.style, text.spans, text.end, text.justify, text.overflow, text.no_wrap, text.tab_size)


@settings(max_examples=500, deadline=None)
@given(st.lists(WORDS | st.sampled_from([" ", "a", "ab-cd", "\u3000", "x" * 25]), max_size=60), st.sampled_from(WIDTHS))
def test_the_views_breaks_are_rich_s(words, width):
    """Where the view breaks a paragraph is where rich's `divide_line` does, for any characters."""
    paragraph = " ".join(words).replace("\n", " ").replace("\t", " ")
    if _one_cell_each(paragraph):
        assert _breaks(paragraph, width) == divide_line(paragraph, width, fold=True)
        assert all(cell_len(paragraph[i:j]) == j - i for i in range(0, len(paragraph), 7)
                   for j in range(i, len(paragraph) + 1, 5))

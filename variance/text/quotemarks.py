"""Quotation marks: where quotes open and close in a short text, and the direct quotes a whole
document prints.

`quote_spans` finds the outermost quoted regions of a short text (a member); it copes with curly
and straight marks, nesting (“… “No progress …” …”), quotes that never close (they run to the
end of the text given) and stray closers with no opener (ignored).

`direct_quotes` extracts every direct quote of a whole document, paragraph by paragraph, as
news copy actually prints them: a quote may run across sentences; a quote left open ends with
its paragraph; a closer with no opener (“… the opposite,” commented the president) closes a
quote that began where the paragraph or the previous quote ended; a closer standing alone
between spaces ends a quote; and an attribution glued inside an unclosed quote
("… United Statessaid Xi. ”") is left out of the quoted words.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import Document
from ..model.quotes import Quote

__all__ = ["OPENERS", "CLOSERS", "quote_spans", "inside_quote", "direct_quotes", "quoted_share",
           "paragraph_spans"]

OPENERS = "“«„‹「"
CLOSERS = "”»‹›」"
_PAIRS = {"“": "”", "«": "»", "„": "“”", "‹": "›", "「": "」"}
_DANGLING = "”»」"
"""Closers that may end a quote whose opener is missing (never ’, which is also an apostrophe)."""
_WORD = re.compile(r"[^\W_]")
_MARK_CHARACTERS = set('"‘’' + _DANGLING + "".join(_PAIRS) + "".join(_PAIRS.values()))
_MARKS = re.compile("[" + re.escape("".join(sorted(_MARK_CHARACTERS))) + "]")
"""Every character that may open, close or end a quote."""
_TRAPPED_CUE = re.compile(r"(?:(?<=[a-z])|(?<=,\s))(?:said|says|added|noted|stressed|told|remarked)"
                          r"\s+(?:[A-Z][\w’'-]*\s*){1,3}[.,]?\s*$")
"""An attribution glued to the last quoted word ("Statessaid Xi.") or left inside the marks."""


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Outermost quoted regions as `[start, end)`, marks included."""
    spans: list[tuple[int, int]] = []
    if not _MARKS.search(text):     # most sentences: no character below could open or close
        return spans
    stack: list[tuple[str, int]] = []
    for mark in _MARKS.finditer(text):  # no other character opens or closes
        i, ch = mark.start(), mark.group()
        if ch == '"':
            if stack and stack[-1][0] == '"':
                _close(stack, spans, i)
            elif _opens_straight(text, i):
                stack.append(('"', i))
        elif ch in _PAIRS and not (stack and ch in _PAIRS.get(stack[-1][0], "") and ch not in "“"):
            stack.append((ch, i))
        elif stack and ch in _PAIRS.get(stack[-1][0], ""):
            _close(stack, spans, i)
    if stack:
        spans.append((stack[0][1], len(text)))
    return sorted(spans)


def _opens_straight(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    return before.isspace() or before in "([{-–—:" or i == 0


def _close(stack, spans, i: int) -> None:
    _, start = stack.pop()
    if not stack:
        spans.append((start, i + 1))


def inside_quote(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Does `[start, end)` overlap a quoted region?"""
    return any(s < max(end, start + 1) and start < e for s, e in spans)


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Lines of the text as `[start, end)`, blank lines left out."""
    return [m.span() for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


@lru_cache(maxsize=8192)
def direct_quotes(document: Document) -> tuple[Quote, ...]:
    """Every direct quote of `document`, in order, outermost quotes only."""
    quotes = []
    for start, end in paragraph_spans(document.text):
        for s, e, opened, closed in _paragraph_quotes(document.text, start, end):
            s, e = _trim(document.text, s, e)
            if s < e and _WORD.search(document.text, s, e):
                quotes.append(Quote(document.id, s, e, opened, closed))
    return tuple(quotes)


def _paragraph_quotes(text: str, start: int, end: int) -> list[tuple[int, int, bool, bool]]:
    """Raw quoted regions of one paragraph as (inner start, inner end, opened, closed)."""
    found: list[tuple[int, int, bool, bool]] = []
    stack: list[tuple[str, int]] = []
    last_end = start
    for mark in _MARKS.finditer(text, start, end):  # no other character opens or closes
        i, ch = mark.start(), mark.group()
        if _is_opener(text, i, stack, start, end):
            stack.append((ch, i + 1))
        elif stack and _is_closer(text, i, stack[-1][0], end):
            _, inner = stack.pop()
            if not stack:
                found.append((inner, i, True, True))
                last_end = i + 1
        elif not stack and ch in _DANGLING and _WORD.search(text, last_end, i):
            found.append((last_end, i, False, True))
            last_end = i + 1
    if stack:
        found.append((stack[0][1], end, True, False))
    return found


def _is_opener(text: str, i: int, stack, start: int, end: int) -> bool:
    ch = text[i]
    top = stack[-1][0] if stack else None
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    if ch == '"':
        if top == '"':  # nested only when it clearly opens: ‸"Word
            return before.isspace() and after.isalnum()
        return (before.isspace() or before in "([{-–—:“‘") and not after.isspace()
    if ch == "‘":
        return (before.isspace() or before in "([“\"") and after.isalpha()
    if ch == "”":  # a closer printed where an opener belongs: ” Hello
        return before.isspace() and after.isalnum() and top is None
    if ch not in _PAIRS:
        return False
    closes_top = top is not None and ch in _PAIRS.get(top, "")
    return not closes_top or (ch == "“" and top != "„")


def _is_closer(text: str, i: int, opener: str, end: int) -> bool:
    ch = text[i]
    after = text[i + 1] if i + 1 < end else " "
    if opener == '"':
        return ch == '"'
    if opener == "‘":
        return ch == "’" and not after.isalpha()
    return ch in _PAIRS.get(opener, "”“" if opener == "”" else "")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop surrounding spaces and trailing commas; leave out a cue glued inside the quote."""
    while start < end and not (text[start].isalnum() or text[start] in OPENERS + "\"‘("):
        start += 1
    trapped = _TRAPPED_CUE.search(text, start, end)
    end = trapped.start() if trapped and trapped.start() > start else end
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def quoted_share(quotes, start: int, end: int) -> float:
    """Share of `[start, end)` that lies inside the quotes given, 0..1."""
    if end <= start:
        return 0.0
    covered = sum(max(0, min(end, q.end) - max(start, q.start)) for q in quotes)
    return min(1.0, covered / (end - start))


# Finding a quote's words in a document ------------------------------------------------------

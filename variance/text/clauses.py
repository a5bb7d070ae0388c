"""Claim candidates: where one sentence may say more than one thing.

An official readout's sentence often joins several claims ("A; B", "A, and hopes B", "Stating
that A, Xi asserted B", "lessons: A; B; and C") that other versions give as sentences of their
own. `clause_cuts` finds the places where such a sentence may be cut, so that the aligner can
place each part in its own statement. Both sides of a cut must be claims in their own right
(enough words, enough content words), so lists of nouns ("mutual respect, peaceful coexistence
and win-win cooperation") and attributions ("he said") are never cut off. Offsets are into the
text given; nothing is altered.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .normalize import content_words

__all__ = ["clause_cuts", "clause_spans", "MAX_CLAUSES", "MIN_WORDS", "MIN_CONTENT_WORDS"]

MAX_CLAUSES = 8
"""A sentence that would fall into more parts than this is kept whole (and the caller warns)."""
MIN_WORDS = 5
"""Each part of a cut sentence has at least this many words..."""
MIN_CONTENT_WORDS = 3
"""...and at least this many content words (not stopwords)."""
MAX_CUT_CHARS = 3000
"""Longer sentences (a runaway line) are not looked at: their cost would not be bounded."""

_CUT = re.compile(
    r";\s+"                                       # "A; B"
    r"|(?P<colon>:\s+)"                           # "lessons: A", before a list of claims
    r"|(?P<dash>\s[-–—]\s+)"                      # "A - B", "A — B"
    r"|,\s+(?=(?:and|but|while|whereas|saying)\b)"  # "A, and B", "A, but B", "A, saying B"
    r"|\s(?=and\s+(?:also\s+)?[a-z]{3,}ed\s)"     # "Xi said A and proposed B"
)
COLON_WORDS = 7
"""Both sides of a colon have at least this many words: "lessons: A; B" is cut, "three
principles: respect, coexistence and cooperation" and "As a saying goes: ..." are not."""
_PARTICIPLE_LEAD = re.compile(r"^(?:[A-Z][a-z]+ing)\s+that\s")
_PARTICIPLE_TURN = re.compile(r",\s+(?=[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*\s+[a-z]+ed\b)")
_WORD = re.compile(r"[^\W_]+")


def _is_claim(text: str, words: int = MIN_WORDS) -> bool:
    """Enough words, enough content words, and at least two in lower case (a dateline or a
    list of names is not a claim)."""
    found = _WORD.findall(text)
    lower = sum(1 for w in found if w.islower() and len(w) > 2)
    return len(found) >= words and lower >= 2 and len(content_words(text)) >= MIN_CONTENT_WORDS


def _is_list(text: str) -> bool:
    """Short items between commas and "and": a list of things, not of claims."""
    items = re.split(r",\s*(?:and\s+)?|\s+and\s+", text.split(";")[0])
    return all(len(_WORD.findall(item)) <= 3 for item in items)


def _candidates(text: str) -> list[tuple[int, int]]:
    """(offset where a new part could begin, words each side needs), in order."""
    found = list(_CUT.finditer(text))
    dashes = sum(1 for m in found if m.group("dash"))
    cuts = [(m.end(), COLON_WORDS if m.group("colon") else MIN_WORDS) for m in found
            if not (m.group("dash") and dashes > 1)  # two dashes: a parenthesis, not a cut
            and not (m.group("colon") and _is_list(text[m.end():]))]
    if _PARTICIPLE_LEAD.match(text):  # "Stating that A, President Xi asserted that B"
        turn = _PARTICIPLE_TURN.search(text)
        if turn:
            cuts.append((turn.end(), MIN_WORDS))
    return sorted(set(c for c in cuts if 0 < c[0] < len(text)))


@lru_cache(maxsize=65536)
def clause_cuts(text: str) -> tuple[int, ...] | None:
    """Offsets into `text` where its parts begin (not 0), each part a claim of its own; () when
    the sentence is one claim, None when it has too many candidate parts to be cut (kept whole).
    Cached: syndicated copies share most sentences."""
    if len(text) > MAX_CUT_CHARS:
        return None
    kept: list[int] = []
    start = 0
    for cut, words in _candidates(text):
        if _is_claim(text[start:cut], words) and _is_claim(text[cut:], words):
            kept.append(cut)
            start = cut
    if len(kept) + 1 > MAX_CLAUSES:
        return None
    return tuple(kept)


def clause_spans(text: str, start: int, end: int) -> tuple[list[tuple[int, int]], bool]:
    """The parts of the sentence `text[start:end]` as document offsets (trailing spaces left
    out), and whether cutting gave up on it (then the one part is the whole sentence)."""
    cuts = clause_cuts(text[start:end])
    if not cuts:
        return [(start, end)], cuts is None
    bounds = [start] + [start + c for c in cuts] + [end]
    spans = []
    for a, b in zip(bounds, bounds[1:]):
        while b > a and text[b - 1].isspace():
            b -= 1
        spans.append((a, b))
    return spans, False

"""Claim candidates: where one sentence may say more than one thing.

An official readout's sentence often joins several claims ("A; B", "A, and hopes B", "Stating
that A, Xi asserted B", "lessons: A; B; and C") that other versions give as sentences of their
own. `clause_cuts` finds the places where such a sentence may be cut, so that the aligner can
place each part in its own statement: at ";", at a colon before a list of claims, at ", and" /
", but" / ", saying" before a clause, between the predicates of a list of them ("help each
other succeed, seek common ground, and honor words with deeds"), before a clause of time ("at a
time when"), before an appositive that opens a relative clause ("..., a milestone that Xi
highlighted as..."), and before a relative clause after a preposition ("..., on which both
parties agreed to begin a dialogue"; not "of which", a partitive: "46 new cases, of which 3 were
imported" says how a number divides). Both sides of a cut must be claims in their own right
(enough words, enough content words), so lists of nouns ("mutual respect, peaceful coexistence and win-win
cooperation") and attributions ("he said") are never cut off, and a list of short items is
never cut inside ("a confident, open, prosperous, and thriving U.S."). One cut leaves an
attribution on its own: reported speech with a named addressee ("Xi Jinping urged US Secretary
of State Antony Blinken | for the two powers to be partners"), where the head says who spoke to
whom (a statement of its own, the meeting, in the versions that say so) and the rest what was
said, with its own subject ("for X to", "that X"); the head needs enough words and content
words, not a predicate. Offsets are into the text
given; nothing is altered.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .normalize import STOPWORDS, content_words

__all__ = ["clause_cuts", "clause_spans", "clause_parts", "MAX_CLAUSES", "MIN_WORDS", "MIN_CONTENT_WORDS"]

MAX_CLAUSES = 8
"""A sentence that would fall into more parts than this is kept whole (and the caller warns)."""
MIN_WORDS = 5
"""Each part of a cut sentence has at least this many words..."""
MIN_CONTENT_WORDS = 3
"""...and at least this many content words (not stopwords)."""
MAX_CUT_CHARS = 3000
"""Longer sentences (a runaway line) are not looked at: their cost would not be bounded."""

_CUT = re.compile(
    r"(?=[;:,\s])(?:"                              # each way to cut opens so: a quick test first
    r";\s+"                                       # "A; B"
    r"|(?P<colon>:\s+)"                           # "lessons: A", before a list of claims
    r"|(?P<dash>\s[-–—]\s+)"                      # "A - B", "A — B"
    r"|,\s+(?=(?:and|but|while|whereas|saying)\b)"  # "A, and B", "A, but B", "A, saying B"
    r"|\s(?=and\s+(?:also\s+)?[a-z]{3,}ed\s)"     # "Xi said A and proposed B"
    r"|,?\s(?=at\s+a\s+time\s+when\b)"            # "A at a time when B"
    r"|(?P<appositive>,\s+(?=an?\s+(?:[a-z]+\s+){1,2}(?:that|which)\s))"  # "A, a milestone that B"
    r"|,\s+(?=(?:on|in|under|through|for|with|by|from|at|to)\s+which\s)"  # "A, on which B"
    r")"
)
COLON_WORDS = 7
"""Both sides of a colon have at least this many words: "lessons: A; B" is cut, "three
principles: respect, coexistence and cooperation" and "As a saying goes: ..." are not."""
_REPORTED = re.compile(
    r"\b(?:urged|asked|told|called\s+on|pressed|encouraged|assured|reminded)\s+"
    r"(?:(?:[A-Z][\w.’'-]*|of|the)\s+){0,7}[A-Z][\w.’'-]*\s+(?=(?:for|that)\s)")
"""A verb of reported speech, its named addressee, and where what was said begins: "for the two
powers to be...", "that China would...", a clause with its own subject. Never before "to": in
"Xi asked Blinken | to convey greetings to Biden" the one who conveys is in the head, and the
rest alone reads like "Blinken conveyed greetings from Biden"."""
_PARTICIPLE_LEAD = re.compile(r"^(?:[A-Z][a-z]+ing)\s+that\s")
_PARTICIPLE_TURN = re.compile(r",\s+(?=[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*\s+[a-z]+ed\b)")
_WORD = re.compile(r"[^\W_]+")
_AND = re.compile(r",\s+and\s+(?!and\b)")
_ITEM_GAP = re.compile(r",\s+")
LIST_ITEM_WORDS = 3
"""An item between commas with at most this many words is an item of a list of things."""
AUXILIARIES = frozenset("does do did has have had is are was were will would should must can could "
                        "may might shall".split())
"""Stopwords that may open a predicate ("..., does not seek to B, and has no intention to C")."""
NOT_PREDICATE = frozenset("including instead namely especially particularly mainly rather except "
                          "like unlike despite according such".split())
"""Words that open a modifier of the item before, not a predicate of its own."""


def _is_claim(text: str, words: int = MIN_WORDS) -> bool:
    """Enough words, enough content words, and at least two in lower case (a dateline or a
    list of names is not a claim)."""
    found = _WORD.findall(text)
    if len(found) < words:
        return False
    lower = (w for w in found if len(w) > 2 and w.islower())
    if next(lower, None) is None or next(lower, None) is None:
        return False                         # the two in lower case are looked for, no more
    return len(content_words(text)) >= MIN_CONTENT_WORDS


def _is_list(text: str) -> bool:
    """Short items between commas and "and": a list of things, not of claims."""
    items = re.split(r",\s*(?:and\s+)?|\s+and\s+", text.split(";")[0])
    return all(len(_WORD.findall(item)) <= 3 for item in items)


def _short_item(text: str) -> bool:
    return len(_WORD.findall(text)) <= LIST_ITEM_WORDS


def _in_enumeration(text: str, at: int) -> bool:
    """Does the cut ", and B" at `at` fall inside a list of short items ("open, prosperous, and
    thriving U.S., and hopes ...")? The items on both sides of its comma are short."""
    before = text[:at].rstrip().rstrip(",")
    before = before[before.rfind(",") + 1:]
    after = re.sub(r"^(?:and|but)\s+", "", text[at:])
    item = re.match(r"[^,;:]*", after)
    ends_item = item is not None and after[item.end():item.end() + 1] == ","
    return ends_item and _short_item(before) and item is not None and _short_item(item.group())


def _opens_predicate(chunk: str) -> bool:
    """Does this item begin with a verb (a lower-case word that is no pronoun, article or
    preposition), as the items of a list of predicates do?"""
    first = _WORD.match(chunk.lstrip())
    if first is None or first.start() != len(chunk) - len(chunk.lstrip()):
        return False
    word = first.group()
    return word.islower() and word not in NOT_PREDICATE and (
        word not in STOPWORDS or word in AUXILIARIES)


def _predicate_list(text: str) -> list[int]:
    """The commas between the predicates of a list that ends ", and C" with a predicate
    ("A should help B, seek C, and honor D"): offsets where each predicate begins. A list after
    "namely", "including" or a colon is a list of things."""
    last = None
    for m in _AND.finditer(text):
        if _opens_predicate(text[m.end():]):
            last = m
    if last is None:
        return []
    gaps = list(_ITEM_GAP.finditer(text, 0, last.start()))
    starts: list[int] = []
    end = last.start()
    for g in reversed(gaps):
        chunk = text[g.end():end]
        word = _WORD.match(chunk.lstrip())
        if word is not None and word.group() in NOT_PREDICATE:
            continue                         # a modifier of the item before: look further back
        if not _opens_predicate(chunk) or not _is_claim(chunk):
            break
        starts.append(g.end())
        end = g.start()
    if not starts:
        return []
    head = text[:starts[-1]].rstrip().rstrip(",")
    if ":" in head or _short_item(head[head.rfind(",") + 1:]) \
            or re.search(r"\b(?:namely|including|such as)\W*$", head):
        return []                            # a list of things, or of short items
    return starts


def _candidates(text: str) -> list[tuple[int, int, bool]]:
    """(offset where a new part could begin, words each side needs, whether the part before
    may be an attribution rather than a claim), in order."""
    found = list(_CUT.finditer(text))
    dashes = sum(1 for m in found if m.group("dash"))
    cuts = [(m.end(), COLON_WORDS if m.group("colon") else MIN_WORDS, False) for m in found
            if not (m.group("dash") and dashes > 1)  # two dashes: a parenthesis, not a cut
            and not (m.group("colon") and _is_list(text[m.end():]))
            and not _in_enumeration(text, m.end())]
    cuts += [(at, MIN_WORDS, False) for at in _predicate_list(text)]
    cuts += [(m.end(), MIN_WORDS, True) for m in _REPORTED.finditer(text)]
    if _PARTICIPLE_LEAD.match(text):  # "Stating that A, President Xi asserted that B"
        turn = _PARTICIPLE_TURN.search(text)
        if turn:
            cuts.append((turn.end(), MIN_WORDS, False))
    return sorted(set(c for c in cuts if 0 < c[0] < len(text)))


def _is_head(text: str) -> bool:
    """An attribution that names who spoke to whom: enough words and content words."""
    return len(_WORD.findall(text)) >= MIN_WORDS and len(content_words(text)) >= MIN_CONTENT_WORDS


@lru_cache(maxsize=65536)
def clause_cuts(text: str) -> tuple[int, ...] | None:
    """Offsets into `text` where its parts begin (not 0), each part a claim of its own; () when
    the sentence is one claim, None when it has too many candidate parts to be cut (kept whole).
    Cached: syndicated copies share most sentences."""
    if len(text) > MAX_CUT_CHARS:
        return None
    kept: list[int] = []
    start = 0
    for cut, words, head in _candidates(text):
        before = text[start:cut]
        if (_is_claim(before, words) or head and _is_head(before)) and _is_claim(text[cut:], words):
            kept.append(cut)
            start = cut
    if len(kept) + 1 > MAX_CLAUSES:
        return None
    return tuple(kept)


def clause_spans(text: str, start: int, end: int) -> tuple[list[tuple[int, int]], bool]:
    """The parts of the sentence `text[start:end]` as document offsets (trailing spaces left
    out), and whether cutting gave up on it (then the one part is the whole sentence)."""
    parts, gave_up = clause_parts(text[start:end])
    return [(start + a, start + b) for a, b in parts], gave_up


@lru_cache(maxsize=65536)
def clause_parts(sentence: str) -> tuple[tuple[tuple[int, int], ...], bool]:
    """`clause_spans` of a whole sentence: its parts as offsets into it, and whether cutting
    gave up. Cached: syndicated copies share most sentences, and a copy's parts are these
    moved to where it stands."""
    cuts = clause_cuts(sentence)
    if not cuts:
        return ((0, len(sentence)),), cuts is None
    bounds = [0, *cuts, len(sentence)]
    spans = []
    for a, b in zip(bounds, bounds[1:]):
        while b > a and sentence[b - 1].isspace():
            b -= 1
        spans.append((a, b))
    return tuple(spans), False

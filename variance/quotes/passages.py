"""Passages: where a quote's words stand in a document.

`literal_passages` finds the closest literal passage within a few adjacent sentences (fuzzy,
order-aware); `paraphrase_passage` the run of clauses sharing most of its content words.
docs/quotes.md tells how the verdicts use them.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from rapidfuzz import fuzz

from ..model import Document, SentenceKind
from ..text.normalize import content_words, fold_word, stem

__all__ = ["literal_passages", "paraphrase_passage", "content_stems", "stem_weights", "overlap",
           "closest", "similarity", "WINDOW"]

WINDOW = 3
"""Adjacent sentences searched at once: a quote may run across this many."""
_REACH = 4
"""Words a literal passage may widen by to reach a clause edge."""
_CLAUSE_END = re.compile(r"[.,;:!?](?:\s|$)|[”»\"\n]")
_CLAUSE = re.compile(r"[^\W_](?:[^,;:.!?“”«»\"\n]*[^\s,;:.!?“”«»\"\n])?")
"""A clause: from a word character to the last character before punctuation, spaces aside."""
_MAX_CLAUSES = 12
_SENTENCE_END = re.compile(r"[.!?][”\"»]?\s+(?=[“\"«]?[A-Z])")
_WORDS = re.compile(r"[^\W_]+")
_SPLIT_GAIN = 0.05
"""How much closer a passage running past a sentence end must read than the passage cut there
for the words past the end to count as the quote's."""
_SPILL_WORDS = 4
"""Words past a sentence end from which they may be the quote's, not a stray neighbour."""


@dataclass(frozen=True)
class _Keyed:
    """Folded words of a stretch of text, with each word's span in the document."""

    key: str
    spans: tuple[tuple[int, int], ...]
    bounds: tuple[tuple[int, int], ...]
    """Each word's `[start, end)` inside `key`."""
    gaps: tuple[str, ...]
    """The text between each word and the next (or the stretch's end)."""

    def sub(self, i: int, j: int) -> str:
        """Key of words i..j-1."""
        return self.key[self.bounds[i][0]:self.bounds[j - 1][1]] if j > i else ""


def _keyed(text: str, start: int = 0, end: int | None = None) -> _Keyed:
    end = len(text) if end is None else end
    found = list(_WORDS.finditer(text, start, end))
    parts = [fold_word(m.group()) for m in found]
    spans = [m.span() for m in found]
    ends = list(accumulate(len(w) + 1 for w in parts))     # one space after each word
    bounds = [(e - len(w) - 1, e - 1) for w, e in zip(parts, ends)]
    gaps = tuple(text[a[1]:b[0]] for a, b in zip(spans, spans[1:] + [(end, end)]))
    return _Keyed(" ".join(parts), tuple(spans), tuple(bounds), gaps)


@lru_cache(maxsize=16384)
def _keyed_text(text: str) -> _Keyed:
    """`_keyed` of a whole text, read once per text: a quote is searched for in every version."""
    return _keyed(text)


class _Window:
    """A run of adjacent sentences: its extent and its set of folded words, with the folded
    words themselves (`key`) read only when a search needs them."""

    __slots__ = ("start", "end", "words", "_text", "_key")

    def __init__(self, start: int, end: int, text: str, words: frozenset[str]):
        self.start, self.end, self.words, self._text = start, end, words, text
        self._key: str | None = None

    @property
    def key(self) -> str:
        """The folded words, as `_keyed` of the window's text reads them (the literal search
        reads the same, `_window_hit`), kept once read."""
        if self._key is None:
            self._key = _keyed_window(self._text[self.start:self.end]).key
        return self._key


@lru_cache(maxsize=131072)
def content_stems(text: str) -> frozenset[str]:
    """Stemmed content words: what a passage says, whatever its word order and wording (read
    once per text: syndicated copies repeat their clauses)."""
    return frozenset(stem(w) for w in content_words(text))


@lru_cache(maxsize=8)
def stem_weights(documents: tuple[Document, ...]) -> dict[str, float]:
    """Inverse clause frequency of every content stem of the corpus: "China" and "relations",
    found everywhere, weigh little; "regression" weighs much. "" holds the weight of a stem
    the corpus does not have."""
    times: dict[str, int] = {}       # each sentence text, and how often the corpus prints it
    for d in documents:
        for s in d.sentences:
            if s.kind is not SentenceKind.METADATA:
                sentence = d.text[s.start:s.end]
                times[sentence] = times.get(sentence, 0) + 1
    df: dict[str, int] = {}          # filled in the order the corpus' clauses first say each stem
    n = 0
    for sentence, k in times.items():
        for _, _, stems in _sentence_clauses(sentence):
            n += k
            for word in stems:
                df[word] = df.get(word, 0) + k
    return {s: math.log((n + 1) / (k + 1)) + 1 for s, k in df.items()} | {"": math.log(n + 1) + 1}


def overlap(a: frozenset[str], b: frozenset[str], weights: dict[str, float] | None = None) -> float:
    """Shared content words of two passages: F1 of their stems, each stem weighted by
    `weights` when given, 0..1."""
    weigh = _weigher(weights)
    total = sum(map(weigh, a)) + sum(map(weigh, b))
    return round(2 * sum(map(weigh, a & b)) / total, 4) if a and b else 0.0


@lru_cache(maxsize=16384)
def _windows(document: Document, size: int) -> tuple[_Window, ...]:
    """Every run of `size` adjacent sentences."""
    sentences = [s for s in document.sentences if s.kind is not SentenceKind.METADATA]
    text = document.text
    pieces = _pieces(text, sentences)
    windows = []
    for i in range(max(1, len(sentences) - size + 1)):
        run = sentences[i:i + size]
        if run:
            lo, hi = run[0].start, run[-1].end
            if pieces is None:
                words = frozenset(_keyed(text, lo, hi).key.split())
            else:
                words = _union(tuple(pieces[2 * i:2 * (i + len(run)) - 1]))
            windows.append(_Window(lo, hi, text, words))
    return tuple(windows)


def _pieces(text: str, sentences: list) -> list[frozenset[str]] | None:
    """The folded words of each sentence and of the text between it and the next, in turn
    (sentence, gap, sentence, ...), each read once per wording: the words of a run of sentences
    are their union. None where a word runs across the edge of a sentence, where a run's words
    are not the words of its pieces."""
    out: list[frozenset[str]] = []
    for s, nxt in zip(sentences, sentences[1:] + [None]):
        out.append(_words_of(text[s.start:s.end]))
        if nxt is None:
            break
        if nxt.start < s.end:
            return None
        for edge in (s.end, nxt.start):
            if 0 < edge < len(text) and text[edge - 1].isalnum() and text[edge].isalnum():  # [^\W_] both
                return None
        out.append(_words_of(text[s.end:nxt.start]))
    return out


@lru_cache(maxsize=65536)
def _union(pieces: tuple[frozenset[str], ...]) -> frozenset[str]:
    """The words of a run of pieces, made once per run: syndicated copies repeat their runs."""
    return frozenset().union(*pieces)


@lru_cache(maxsize=65536)
def _words_of(text: str) -> frozenset[str]:
    """The folded words of a sentence or of the text between two (read once per text), told
    apart as a window's key is split (a folded word may hold a space: "中国" is "zhong guo ")."""
    return frozenset(" ".join(map(fold_word, _WORDS.findall(text))).split()) if text else frozenset()


@lru_cache(maxsize=8192)
def _clauses(document: Document) -> tuple[tuple[int, int, int, frozenset[str]], ...]:
    """(sentence index, start, end, content stems) of every clause of the document."""
    text = document.text
    return tuple((s.index, s.start + a, s.start + b, stems)
                 for s in document.sentences if s.kind is not SentenceKind.METADATA
                 for a, b, stems in _sentence_clauses(text[s.start:s.end]))


@lru_cache(maxsize=65536)
def _sentence_clauses(sentence: str) -> tuple[tuple[int, int, frozenset[str]], ...]:
    """(start, end, content stems) of each clause of one sentence's text, read once per
    wording (`_CLAUSE` looks neither before nor after its match)."""
    return tuple((m.start(), m.end(), content_stems(m.group())) for m in _CLAUSE.finditer(sentence))


def _window_size(text: str) -> int:
    """Sentences a search window spans: the quote's own, and one more for an insertion."""
    return max(WINDOW, len(_SENTENCE_END.findall(text)) + 2)


def literal_passages(text: str, document: Document, *, start: int = 0, end: int | None = None,
                     floor: float = 0.75) -> list[tuple[float, int, int]]:
    """Passages of `document` whose folded words read closest to `text`, as (similarity, start,
    end), best first, one per window of adjacent sentences scoring `floor` or more; the passage
    may sit inside a sentence or run across several. `start`/`end` limit the search."""
    q = _keyed_text(text)
    end = len(document.text) if end is None else end
    words = set(q.key.split())
    found = set()
    for window in _windows(document, _window_size(text)):
        lo, hi = window.start, window.end
        if hi <= start or lo >= end or len(words & window.words) < len(words) * (floor - 0.25):
            continue  # outside the span, or too few of the quote's words to reach `floor`
        if lo < start or hi > end:
            spans = [(s.start, s.end) for s in document.sentences]
            hit = _hit(text, floor, document.text, _keyed(document.text, max(lo, start), min(hi, end)), spans)
        else:
            inside = tuple((s.start - lo, s.end - lo) for s in document.sentences if s.start < hi and lo < s.end)
            hit = _window_hit(text, floor, document.text[lo:hi], inside)
            hit = None if hit is None else (hit[0], hit[1] + lo, hit[2] + lo)
        if hit is not None:
            found.add(hit)
    return sorted((f for f in found if f[0] >= floor), key=lambda f: (-f[0], f[1]))


@lru_cache(maxsize=16384)
def _window_hit(text: str, floor: float, window: str, sentences: tuple[tuple[int, int], ...]
                ) -> tuple[float, int, int] | None:
    """`_hit` in one whole window, offsets from its start: what it finds depends only on the
    window's text and where its sentences stand in it, so a run of sentences that syndicated
    copies repeat is searched once."""
    return _hit(text, floor, window, _keyed_window(window), sentences)


@lru_cache(maxsize=1024)
def _keyed_window(window: str) -> _Keyed:
    """`_keyed` of a window's text, read once per window while it is searched for one quote
    after another (a small corpus has a few hundred windows; a large one keys them again
    rather than keep every window's words and spans)."""
    return _keyed(window)


def _hit(text: str, floor: float, doc: str, w: _Keyed, sentences) -> tuple[float, int, int] | None:
    """The passage of stretch `w` of `doc` closest to `text`, cut at the sentence ends the
    quote does not have (`sentences`: the `[start, end)` of the sentences of `doc`), when the
    stretch reads `floor` close to it somewhere; else None."""
    q = _keyed_text(text)
    if not w.key or not fuzz.partial_ratio(q.key, w.key, score_cutoff=100 * floor):
        return None
    return _within_sentences(q, doc, sentences, _best_in(q, w), len(_SENTENCE_END.findall(text)) + 1)


def _within_sentences(q: _Keyed, text: str, sentences, found: tuple[float, int, int],
                      n: int) -> tuple[float, int, int]:
    """The passage cut at the sentence ends the quote does not have, so that a quote of one
    sentence does not run into the next one: of the runs of as many sentences as the quote has
    (`n`, or fewer), the one reading closest to it; the passage stays whole only when the words past
    the sentence end are the quote's (at least `_SPILL_WORDS` of them, and it reads
    `_SPLIT_GAIN` closer whole: a version that cut one of the quote's sentences in two)."""
    score, start, end = found
    inside = [s for s in sentences if s[0] < end and start < s[1]]
    if len(inside) <= n:
        return found
    best = None
    for k in range(1, n + 1):
        for run in (inside[i:i + k] for i in range(len(inside) - k + 1)):
            w = _keyed(text, max(start, run[0][0]), min(end, run[-1][1]))
            if w.spans:
                cut = (round(fuzz.ratio(q.key, w.key) / 100, 4), w.spans[0][0], w.spans[-1][1])
                best = cut if best is None or cut[0] > best[0] else best
    if best is None:
        return found
    spilled = len(_WORDS.findall(text, start, end)) - len(_WORDS.findall(text, best[1], best[2]))
    return found if score >= best[0] + _SPLIT_GAIN and spilled >= _SPILL_WORDS else best


def closest(text: str, document: Document) -> float:
    """How close the nearest stretch of `document` reads to `text` (partial similarity), 0..1,
    among the three windows sharing most of its words."""
    q = _keyed_text(text)
    words = set(q.key.split())
    windows = sorted(_windows(document, WINDOW), key=lambda w: -len(words & w.words))[:3]
    scores = [fuzz.partial_ratio(q.key, key) for key in (w.key for w in windows) if key]
    return round(max(scores, default=0.0) / 100, 4) if q.key else 0.0


def similarity(a: str, b: str) -> float:
    """How close two passages read, on folded words (case, accents and punctuation aside), 0..1."""
    return round(fuzz.ratio(_keyed_text(a).key, _keyed_text(b).key) / 100, 4)


def _best_in(q: _Keyed, w: _Keyed) -> tuple[float, int, int]:
    """The words of `w` closest to `q`: the character alignment's passage and every passage
    from a word matching the quote's first (or second) word to one matching its last (or last
    but one), the best of them with its edges then moved while the ratio improves."""
    n = len(w.spans)
    if len(w.key) <= len(q.key):
        i, j = 0, n
    else:
        a = fuzz.partial_ratio_alignment(q.key, w.key)
        assert a is not None               # no score cut-off was given
        i = next(k for k, (s, e) in enumerate(w.bounds) if e > a.dest_start)
        j = next((k for k, (s, e) in enumerate(w.bounds) if s >= a.dest_end), n)
    qw, ww = q.key.split(" "), w.key.split(" ")
    starts = {i} | {k - o for k, word in enumerate(ww) for o, first in enumerate(qw[:2]) if word == first}
    ends = {j} | {k + 1 + o for k, word in enumerate(ww) for o, last in enumerate(qw[:-3:-1]) if word == last}
    pairs = [(a, b) for a in starts for b in ends
             if 0 <= a < b <= n and len(q.key) / 2 <= len(w.sub(a, b)) <= 2 * len(q.key)]
    best = max(((fuzz.ratio(q.key, w.sub(a, b)), a, b) for a, b in pairs + [(i, j)]), key=lambda t: t[0])
    while True:
        _, i, j = best
        moves = [m for d in (1, 2, 4) for m in ((i - d, j), (i + d, j), (i, j - d), (i, j + d))]
        scored = [(fuzz.ratio(q.key, w.sub(a, b)), a, b) for a, b in moves if 0 <= a < b <= n]
        top = max(scored, default=best)
        if top[0] <= best[0]:
            break
        best = top
    i, j = _to_clause_edges(q, w, best[1], best[2])
    return round(fuzz.ratio(q.key, w.sub(i, j)) / 100, 4), w.spans[i][0], w.spans[j - 1][1]


def _to_clause_edges(q: _Keyed, w: _Keyed, i: int, j: int) -> tuple[int, int]:
    """When the quote's first or last word has no match in the passage (it was replaced),
    widen the passage to the clause edge, at most a few words away: "must be bilateral"
    against "should be a two-way street" takes the whole replacement, not just "a"."""
    first, last = q.key.split(" ", 1)[0], q.key.rsplit(" ", 1)[-1]
    words = w.key.split(" ")
    if words[j - 1] != last:
        edge = next((k + 1 for k in range(j - 1, min(len(words), j + _REACH)) if _ends_clause(w, k)), j)
        j = edge
    if words[i] != first:
        i = next((k for k in range(i, max(-1, i - _REACH - 1), -1) if k == 0 or _ends_clause(w, k - 1)), i)
    return i, j


def _ends_clause(w: _Keyed, k: int) -> bool:
    """Is word k of the stretch followed by punctuation (or the stretch's end)?"""
    return k + 1 >= len(w.spans) or bool(_CLAUSE_END.search(w.gaps[k]))


def paraphrase_passage(text: str, document: Document, weights: dict[str, float] | None = None, *,
                       start: int = 0, end: int | None = None) -> tuple[float, int, int] | None:
    """The run of clauses (within a few adjacent sentences) sharing most content words with
    `text`, as (overlap, start, end): where a paraphrase stands, whatever its word order."""
    want = content_stems(text)
    weigh = _weigher(weights)
    want_mass = sum(map(weigh, want))
    end = len(document.text) if end is None else end
    clauses = [c for c in _clauses(document) if c[1] >= start and c[2] <= end]
    size = _window_size(text)
    get, unknown = (weights.get, weights.get("", 1.0)) if weights else (None, 1.0)
    best: tuple[tuple[float, int], int, int] | None = None
    for i, first in enumerate(clauses):
        if not first[3] & want:
            continue  # a run opening on a clause that shares nothing scores below the same run without it
        seen: set[str] = set()
        mass = shared = 0.0
        for last in clauses[i:i + _MAX_CLAUSES]:
            if last[0] - first[0] >= size:
                break
            new = last[3] - seen
            for stem_ in new:  # `weigh` inlined: the weights are added in the same order
                weight = get(stem_, unknown) if get else 1.0
                mass += weight
                if stem_ in want:
                    shared += weight
            seen |= new
            score = (round(2 * shared / (want_mass + mass), 4) if mass else 0.0, first[1] - last[2])
            if best is None or score > best[0]:
                best = (score, first[1], last[2])
    if best is None or best[0][0] == 0:
        return None
    (value, _), lo, hi = best
    return value, lo, hi


def _weigher(weights: dict[str, float] | None):
    """The weight of a stem: 1 without weights; a stem the corpus lacks weighs most."""
    if not weights:
        return lambda stem_: 1.0
    unknown = weights.get("", 1.0)
    return lambda stem_: weights.get(stem_, unknown)

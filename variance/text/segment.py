"""Sentences with exact `[start, end)` offsets into a document's text.

Paragraphs are the text's lines; sentencex finds sentence ends inside a paragraph, with the
quotation marks masked so that a multi-sentence quote is split like any other text. Repairs
then undo what machine-translated news breaks: "China-U.S." split after "U.", ". lowercase"
fragments, sentences glued by a missing space, runaway lines with no punctuation.

Each document is split by the rules of its own language (the pipeline passes the document's
language, else the comparison's): Spanish keeps "EE. UU." and "p. m." inside a sentence and a
"¿…?" or "¡…!" whole, with a lowercase continuation after it ("¿qué pasará? y nadie...")
staying in the sentence; Chinese ends sentences at 。 ． ！ ？ with no space after them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from functools import cache, lru_cache

import sentencex

from ..errors import InputError
from ..model import Document, MetaSpan, Sentence, SentenceKind
from .scripts import holds_from

__all__ = ["segment_document", "split_paragraph", "MAX_SENTENCES", "MAX_SENTENCE_CHARS",
           "MAX_CUT_CHARS"]

MAX_SENTENCES = 20_000
"""Sentences one document may have (about 2 MB of prose); more is an input error, not hours."""
MAX_SENTENCE_CHARS = 1500
"""A sentence longer than this (a line with no punctuation) is cut into pieces: at the last
clause boundary (a comma, semicolon or colon, a dash between spaces) in its second half, else at
the last space, else at this length."""
MAX_CUT_CHARS = 300_000
"""Characters of one document that may be read in such pieces. Each piece shares words with
every other (it holds some 250 of them), so the aligner's products grow faster than the text:
6 MB with no sentence end took 31 s of CPU and 1.5 GB. More is an input error, not minutes."""

_MASK = str.maketrans({c: " " for c in "\"“”„«»‹›「」" + "".join(
    chr(cp) for cp in range(0x80, 0x3001) if chr(cp).isspace())})
"""Quotation marks and non-ASCII spaces become an ASCII space for sentencex: one character for
one, so offsets hold, and one byte for one, because sentencex's native code slices its UTF-8
input by byte and panics on a multi-byte space before a full stop ("capital S\u2009.")."""
_FALLBACK_END = re.compile(r"(?<=[.!?。！？])\s+")
_INITIAL_END = re.compile(r"(?:^|[\s(\-–—/])[A-Z]\.$")
_INITIAL_START = re.compile(r"^[A-Z]\.")
_GLUED_LATIN = r"(?<=[a-záéíóúñü]{2}[.!?])(?=[¿¡]?[A-ZÁÉÍÓÚÑ][a-záéíóúñü])"  # "said.The", "dijo.¿Vendrá"
_GLUED_HAN = (r"|(?<=[\u4e00-\u9fff][.!?])(?=[\u4e00-\u9fff“「])"  # "结束了.双方" (CJK after a Latin stop)
              r"|(?<=[\u4e00-\u9fff][．。！？])(?=[^\s”’」』）)\]．。！？])")  # "降级．7月": no decimal point
_OPENERS = "“„«‹\"「¿¡"
_LETTER = re.compile(r"[^\W\d_]")
_META_KIND = {"title": SentenceKind.HEADLINE, "headline": SentenceKind.HEADLINE}


def segment_document(doc: Document, language: str = "en",
                     warn: Callable[[str], None] | None = None) -> Document:
    """Return `doc` with its sentences: metadata spans first-class, body split into sentences.
    A sentence over `MAX_SENTENCE_CHARS` is read in pieces cut at clauses or spaces, which a
    note on the document and `warn` say. InputError when it has more than `MAX_SENTENCES`, or
    more than `MAX_CUT_CHARS` characters in such sentences."""
    spans: list[tuple[int, int, int, SentenceKind, bool]] = []
    too_long = cut_chars = 0
    han = holds_from(doc.text, 0xE4)
    meta = sorted(doc.meta, key=lambda m: m.start)
    for number, (start, end) in enumerate(_paragraphs(doc.text)):
        if len(spans) > MAX_SENTENCES:
            raise InputError(f"{doc.path}: more than {MAX_SENTENCES:,} sentences, the limit for "
                             "one document (split it into several files)")
        for s, e, kind in _classify(meta, start, end):
            s, e = _strip(doc.text, s, e)
            if s >= e:
                continue
            if kind is SentenceKind.BODY:
                whole = _sentences(doc.text, s, e, language, han)
                longer = sum(b - a > MAX_SENTENCE_CHARS for a, b in whole)
                too_long += longer
                cut_chars += sum(b - a for a, b in whole if b - a > MAX_SENTENCE_CHARS)
                if cut_chars > MAX_CUT_CHARS:
                    raise InputError(f"{doc.path}: over {MAX_CUT_CHARS:,} characters with no "
                                     "sentence end, the limit for one document (add sentence "
                                     "ends or split it into several files)")
                spans.extend([(a, b, number, kind, span[1] - span[0] > MAX_SENTENCE_CHARS)
                              for span in whole for a, b in _cap_length(doc.text, span)] if longer else
                             [(a, b, number, kind, False) for a, b in whole])
            else:
                spans.append((s, e, number, kind, False))
    if len(spans) > MAX_SENTENCES:
        raise InputError(f"{doc.path}: {len(spans):,} sentences, over the limit of "
                         f"{MAX_SENTENCES:,} for one document (split it into several files)")
    sentences = tuple(Sentence(i, s, e, p, k, cut) for i, (s, e, p, k, cut) in enumerate(spans))
    if not too_long:
        return replace(doc, sentences=sentences)
    note = (f"{too_long:,} sentence(s) over {MAX_SENTENCE_CHARS:,} characters with no sentence "
            "end, read in pieces cut at clauses or spaces")
    if warn:
        warn(f"{doc.path}: {note}")
    return replace(doc, sentences=sentences, notes=(*doc.notes, note))


def _paragraphs(text: str):
    """Non-blank lines as `(start, end)` without surrounding spaces."""
    for m in re.finditer(r"[^\n]+", text):
        s, e = _strip(text, m.start(), m.end())
        if s < e:
            yield s, e


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _classify(meta: list[MetaSpan], start: int, end: int):
    """Cut a paragraph into metadata pieces and body pieces (`meta` sorted by start)."""
    pos = start
    for span in meta:
        s, e = max(span.start, start), min(span.end, end)
        if s >= e:
            continue
        if pos < s:
            yield pos, s, SentenceKind.BODY
        yield s, e, _META_KIND.get(span.kind, SentenceKind.METADATA)
        pos = e
    if pos < end:
        yield pos, end, SentenceKind.BODY


def split_paragraph(text: str, start: int, end: int, language: str = "en") -> list[tuple[int, int]]:
    """Sentence spans of `text[start:end]`, as absolute offsets, whitespace trimmed, none over
    `MAX_SENTENCE_CHARS` (a longer one is cut at spaces)."""
    return [piece for span in _sentences(text, start, end, language)
            for piece in _cap_length(text, span)]


def _sentences(text: str, start: int, end: int, language: str, han: bool | None = None
               ) -> list[tuple[int, int]]:
    """Sentence spans of `text[start:end]`, as absolute offsets, of any length; `han`: whether
    `text` holds a character from U+4000 on (read from `text` when not given)."""
    if han is None:
        han = holds_from(text, 0xE4)
    return [(start + a, start + b) for a, b in
            _paragraph_sentences(text[start:end], text[max(0, start - 2):start], language, han)]


@lru_cache(maxsize=65536)
def _paragraph_sentences(chunk: str, before: str, language: str, han: bool) -> tuple[tuple[int, int], ...]:
    """The sentence spans of a paragraph `chunk`, relative to it. Cached: syndicated copies
    repeat most paragraphs word for word. What the spans depend on is all in the key: the
    paragraph, its language, whether the document holds a Han character (the glued-sentence
    pattern), and the two characters before it, as far as that pattern looks behind a cut."""
    text = before + chunk
    start = len(before)
    raw = [_strip(text, start + s, start + e) for s, e in _boundaries(chunk, language)]
    spans = [span for span in raw if span[0] < span[1]]
    spans = _split_glued(text, spans, han)
    spans = _move_opening_quotes(text, spans)
    return tuple((a - start, b - start) for a, b in _merge_fragments(text, spans))


def _boundaries(chunk: str, language: str) -> list[tuple[int, int]]:
    """sentencex's sentence spans of `chunk` (masked, see `_MASK`); should its native code
    still panic, a plain split after sentence-ending punctuation instead of a crash."""
    masked = chunk.translate(_MASK)
    try:
        return [(b["start_index"], b["end_index"])
                for b in sentencex.get_sentence_boundaries(language, masked)]
    except BaseException as exc:  # pyo3's PanicException derives from BaseException
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        cuts = [0] + [m.end() for m in _FALLBACK_END.finditer(masked)] + [len(masked)]
        return [(a, b) for a, b in zip(cuts, cuts[1:]) if a < b]


@cache
def _glued_end(han: bool) -> re.Pattern[str]:
    """Where two sentences are glued: the Han alternatives only for a text holding a character
    from U+4000 on (without one they cannot match; their four classes of 21,000 code points
    take `re` 8 ms to compile)."""
    return re.compile(_GLUED_LATIN + _GLUED_HAN if han else _GLUED_LATIN)


_GLUED_HINT = re.compile(r"[.!?][¿¡]?[A-ZÁÉÍÓÚÑ][a-záéíóúñü]")
"""What every Latin glued end holds: a sentence without it is not searched (the pattern's look
behind, tried at every character, is what costs)."""


def _split_glued(text: str, spans, han: bool):
    out: list[tuple[int, int]] = []
    glued_end = _glued_end(han)
    for s, e in spans:
        if not han and not _GLUED_HINT.search(text, s, e):
            out.append((s, e))
            continue
        cuts = [s] + [m.start() for m in glued_end.finditer(text, s, e) if m.start() > s] + [e]
        cuts = sorted(set(cuts))
        out.extend(zip(cuts, cuts[1:]))
    return out


def _move_opening_quotes(text: str, spans):
    """An opening quote left at the end of a sentence belongs to the next one: `end. “Next`."""
    out = list(spans)
    for i in range(len(out) - 1):
        s, e = out[i]
        if e - s > 2 and text[e - 1] in _OPENERS and text[e - 2].isspace():
            out[i] = _strip(text, s, e - 1)
            out[i + 1] = (e - 1, out[i + 1][1])
    return out


def _merge_fragments(text: str, spans):
    """Join pieces that cannot start a sentence to the one before them."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and _continues(text, out[-1], (s, e)):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _continues(text: str, prev: tuple[int, int], span: tuple[int, int]) -> bool:
    piece = text[span[0]:span[1]]
    letter = _LETTER.search(piece)
    if letter is None:           # only punctuation, digits or symbols: ". ." or "45."
        return not any(c.isdigit() for c in piece) or len(piece) < 3
    if letter.group().islower() and not piece[:letter.start()].strip(" \t\"'“”‘’«»-–—()"):
        return True               # ". lowercase": a full stop inside a sentence
    before = text[prev[0]:prev[1]]
    return bool(_INITIAL_END.search(before) and _INITIAL_START.match(piece))  # "U." + "S."


_CLAUSE_END = re.compile(r"[,;:](?=\s)|\s(?=[–—-]\s)")
"""Where a clause ends: after a comma, semicolon or colon, before a dash between spaces."""


def _cap_length(text: str, span: tuple[int, int]):
    s, e = span
    while e - s > MAX_SENTENCE_CHARS:
        cut = _cut(text, s)
        piece = _strip(text, s, cut)
        if piece[0] < piece[1]:
            yield piece
        s = _strip(text, cut, e)[0]
    if s < e:
        yield s, e


def _cut(text: str, s: int) -> int:
    """Where a piece from `s` ends: the last clause end in the second half of the longest
    piece, else its last space, else at `MAX_SENTENCE_CHARS`."""
    lo, hi = s + MAX_SENTENCE_CHARS // 2, s + MAX_SENTENCE_CHARS
    ends = [m.end() for m in _CLAUSE_END.finditer(text, lo, hi)]
    if ends:
        return ends[-1]
    cut = text.rfind(" ", lo, hi)
    return cut if cut > s else hi

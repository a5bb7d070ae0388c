"""Artefacts visible in one document's own text: doubled words, stray punctuation, fragments,
source-language leftovers.

Each detector in `TEXT_RULES` takes the shared `Corpus`, one `DocumentView` and one of its
sentences and yields `Finding`s; `quote_marks` reads a whole document (a quotation may run over
several paragraphs). None of them alters the text. The closed word lists (idioms,
abbreviations, pronouns, months, elided articles) are English.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from itertools import accumulate

from ..model import ArtefactKind, Sentence
from ..text.normalize import MONTHS, STOPWORDS
from .corpus import WORD, Corpus, DocumentView, Finding, is_capitalised

__all__ = ["FRAGMENT_WORDS", "QUOTE_PARAGRAPHS", "TEXT_RULES", "detect_doubled",
           "detect_stray_punctuation", "detect_fragments", "detect_untranslated", "quote_marks",
           "CONTEXT_WIDTH"]

K = ArtefactKind
_PHRASE_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_REPEATABLE = frozenset("""more less again over on round through out by bit little step one
fewer further farther bye no yes well now very ha so that had""".split())
"""Words that English repeats on purpose: "more and more", "over and over", "had had"."""
_ABBREVIATIONS = frozenset("""etc vs approx no nos co ltd inc corp dept govt jr sr st mr mrs ms
dr prof gen gov sen rep fig ed eds vol pp jan feb mar apr jun jul aug sep sept oct nov dec est
al cf ie eg ca resp""".split())
_PRONOUNS = frozenset("""i you he she it we they this that these those there who everyone
everybody someone somebody nobody none all both each many some others""".split())
"""A short sentence with a subject such as these is a sentence ("Then it ended."), not a piece."""
_FOREIGN = ("es", "fr")
_LANGUAGE_NAMES = {"en": "English", "es": "Spanish", "fr": "French"}
FRAGMENT_WORDS = 4
"""A sentence this short, with no subject and no date, is a fragment ("Chancellor's statement.")."""
QUOTE_PARAGRAPHS = 4
"""A quotation still open this many paragraphs later is taken as never closed."""
_SCRIPTS = ("\u0400-\u04FF\u0590-\u06FF\u0E00-\u0E7F\u3040-\u30FF"
            "\u3400-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF")
"""Cyrillic, Hebrew, Arabic, Thai, kana, CJK ideographs, Hangul."""
_OTHER_SCRIPT = re.compile(rf"[{_SCRIPTS}]+(?:\s*[{_SCRIPTS}]+)*")
_ELIDED = re.compile(r"(?<![\w'’])([ldj])(?:\s|['’])(?=[aeiouhéèêàâ][a-zéèêàâ]+)")
_DANGLING_CLAUSE = re.compile(r"[.!?][\"”’]?\s+([-–—]\s?[a-z][^.!?]{0,40}[.!?])\s*$")
_FULL_STOP = "a full stop inside a sentence"
_TWO_MARKS = "two punctuation marks in a row"
_STRAY = [  # the stray marks are the group named "mark"
    (re.compile(r"(?<![.\s])(?P<mark>\.)(?=\s+[a-z])"), _FULL_STOP),
    (re.compile(r"(?<![.])(?P<mark>[.,;:]\s*(?<!\.)[.,;:])(?![.\d])"), _TWO_MARKS),
    (re.compile(r"(?<=[^\W_])\s+(?P<mark>[,;])"), "a space before a comma"),
    (re.compile(r"(?P<mark>\()\s+(?=\S)"), "a space after an opening bracket"),
    (re.compile(r"(?P<mark>[，。、；：！？（）])"), "full-width punctuation in Latin text"),
]


def detect_doubled(corpus: Corpus, view: DocumentView, s: Sentence) -> Iterator[Finding]:
    """A word or phrase of up to three words said twice: "prosperous and prosperous", "the the"."""
    if not view.checked(s, headlines=True):
        return
    text = view.doc.text
    words = list(_PHRASE_WORD.finditer(text, s.start, s.end))
    keys = [w.group().casefold() for w in words]
    i = 0
    while i < len(words):
        hit = _repeat_at(text, words, keys, i)
        if hit is None:
            i += 1
            continue
        first, last, size = hit
        phrase = text[words[first].start():words[first + size - 1].end()]
        span = text[words[first].start():words[last].end()]
        i = last + 1
        if _shared(corpus, span) or (last - first + 1 == 2 * size and
                                     size > 1 and keys[first + size - 1] in STOPWORDS):
            continue                          # "Ni Ni", the source's own; "face to face to"
        yield Finding(words[first].start(), words[last].end(), K.DOUBLED,
                      f"\"{phrase}\" is said twice in a row (\"{span}\"); the repeat may "
                      f"stand for a word the translation lost",
                      reading=tuple(keys[first:last + 1]))


def _repeat_at(text: str, words, keys: list[str], i: int):
    """(first, last, size) when the phrase of `size` words at `i` is repeated right after it."""
    if keys[i] not in keys[i + 1:i + 5]:
        return None
    for size in (3, 2, 1):
        a = keys[i:i + size]
        if len(a) < size or not _joined(text, words, i, i + size - 1, ""):
            continue
        j = i + size
        if j < len(keys) and keys[j] in ("and", "or") and _joined(text, words, i + size - 1, j, ""):
            link_ok = _joined(text, words, j, j + 1, "") if j + 1 < len(words) else False
            j, linked = j + 1, link_ok
        else:
            linked = j < len(words) and _joined(text, words, j - 1, j, ",")
        if not linked or keys[j:j + size] != a or not _joined(text, words, j, j + size - 1, ""):
            continue
        if size == 1 and (a[0] in _REPEATABLE or (a[0].endswith("er") and j > i + 1)):
            return None
        return i, j + size - 1, size
    return None


def _shared(corpus: Corpus, span: str) -> bool:
    """Other versions write the repeat too: a capitalised one is a name ("Ni Ni", "Li Li"), and
    one that most versions share comes from the source, not from this version."""
    memo = corpus.memo.setdefault("repeats", {})
    if span.casefold() not in memo:
        memo[span.casefold()] = _carriers(corpus, span)
    carriers = memo[span.casefold()]
    if span[:1].isupper() and carriers >= 3:
        return True
    return len(corpus.views) >= 3 and carriers > len(corpus.views) / 2


def _carriers(corpus: Corpus, span: str) -> int:
    """How many documents write `span` (case aside) as words of their own. A repeat is words,
    spaces and commas, so in a document whose sentences no such stretch runs across
    (`_Sentences`) it stands inside one sentence: each distinct sentence text is read once
    (their folded texts searched joined, so only those holding the words are read again), the
    other documents whole."""
    pattern = re.compile(rf"\b{re.escape(span)}\b", re.IGNORECASE)
    key = _case_key(span)
    index = corpus.memo.get("sentence texts")
    if index is None:
        index = corpus.memo["sentence texts"] = _Sentences(corpus)
    found: set[int] = set()
    for t in index.holding(key):
        if pattern.search(index.texts[t]):
            found.update(index.documents[t])
    return len(found) + sum(1 for d, folded in index.whole
                            if key in folded and pattern.search(corpus.views[d].doc.text))


class _Sentences:
    """The corpus' distinct sentence texts, with the documents printing each, for the documents
    whose sentences a stretch of words, spaces and commas cannot run across (`_apart`); the
    others (`whole`) are read whole."""

    def __init__(self, corpus: Corpus):
        ids: dict[str, int] = {}
        self.documents: list[list[int]] = []
        self.whole: list[tuple[int, str]] = []
        """(index, folded text) of each document read whole."""
        for d, view in enumerate(corpus.views):
            doc = view.doc
            if not _apart(doc.text, doc.sentences):
                self.whole.append((d, _case_key(doc.text)))
                continue
            held = {ids.setdefault(doc.text[s.start:s.end], len(ids)) for s in doc.sentences}
            self.documents += [[] for _ in range(len(ids) - len(self.documents))]
            for t in held:
                self.documents[t].append(d)
        self.texts = list(ids)
        folded = [_case_key(t) for t in self.texts]   # a repeat is words, spaces and commas: never a NUL
        self.starts = list(accumulate((len(f) + 1 for f in folded[:-1]), initial=0))
        self.joined = "\0".join(folded)

    def holding(self, key: str) -> Iterator[int]:
        """The sentence texts whose folded text holds `key`, each once."""
        at = 0
        while (at := self.joined.find(key, at)) >= 0:
            t = bisect_right(self.starts, at) - 1
            yield t
            at = self.starts[t + 1] if t + 1 < len(self.starts) else len(self.joined)


def _apart(text: str, sentences) -> bool:
    """Whether every stretch of words, spaces and commas of `text` starting and ending with a
    letter stands inside one sentence, and reads there as it reads in the text: sentences in
    order, no word character outside them, no two joined by such a stretch (`_CROSSING`), nor
    by a word character on each side and nothing between (where `\\b` reads otherwise)."""
    end = 0
    for s in sentences:
        gap = text[end:s.start]
        if s.start < end or _WORD_CHAR.search(gap):
            return False
        if end and s.start < len(text):
            a, b = text[end - 1], text[s.start]
            if _CROSSING.fullmatch(a + gap + b) or (not gap and _WORD_CHAR.match(a) and _WORD_CHAR.match(b)):
                return False
        end = s.end
    return not _WORD_CHAR.search(text, end)


_WORD_CHAR = re.compile(r"\w")
_CROSSING = re.compile(r"(?:[^\W\d_]|[ ,]|(?:^|(?<=[^\W\d_]))[-'’](?=[^\W\d_]|$))+")
"""What a repeat may hold where one sentence ends and the next begins: letters, spaces,
commas, and hyphens or apostrophes between letters."""


def _case_key(text: str) -> str:
    """Case folded so that whatever `re.IGNORECASE` matches is a substring of it: the cheap
    test that spares the regular expression a thousand texts (its "i" also matches "ı", "İ")."""
    return text.replace("İ", "i").replace("ı", "i").casefold()


def _joined(text: str, words, a: int, b: int, allowed: str) -> bool:
    """Words a..b are separated by spaces only (and the characters in `allowed`)."""
    for k in range(a, b):
        gap = text[words[k].end():words[k + 1].start()]
        if gap.strip(allowed + " ") or not gap:
            return False
    return True


def detect_stray_punctuation(corpus: Corpus, view: DocumentView, s: Sentence) -> Iterator[Finding]:
    """Full stops inside a sentence, ". ,", spaces before commas (`quote_marks` finds the
    dangling quotation marks)."""
    if not view.checked(s, headlines=True):
        return
    text = view.doc.text
    for pattern, what in _STRAY:
        for m in pattern.finditer(text, s.start, s.end):
            start, end = m.span("mark")
            if what in (_FULL_STOP, _TWO_MARKS) and text[start] == "." \
                    and _abbreviation_before(text, start):
                continue
            yield Finding(start, end, K.STRAY_PUNCTUATION,
                          f"{what}: \"{_context(text, start, end)}\"", local=False)


def _abbreviation_before(text: str, dot: int) -> bool:
    """The full stop at `dot` ends an abbreviation: "U.S.", "e.g.", "etc.", an initial."""
    begin = dot
    while begin > 0 and not text[begin - 1].isspace():
        begin -= 1
    chunk = text[begin:dot].lstrip("\"“(‘'[")
    return "." in chunk or len(chunk) <= 1 or chunk.casefold() in _ABBREVIATIONS


CONTEXT_WIDTH = 18
"""A message quotes the text around a mark out to the first space this many characters away."""


def _context(text: str, start: int, end: int, width: int = CONTEXT_WIDTH) -> str:
    left = text.rfind(" ", 0, max(0, start - width))
    right = text.find(" ", min(len(text), end + width))
    snippet = text[left + 1 if left >= 0 else 0:right if right >= 0 else len(text)]
    return " ".join(snippet.split())


def quote_marks(corpus: Corpus, view: DocumentView) -> Iterator[Finding]:
    """Curly double quotation marks standing alone, closing nothing, or opening a quote never
    closed. A quote may run over several paragraphs, so open quotes carry over. Straight marks
    say nothing of their direction, and spaced ones are a house style: they are left alone."""
    text = view.doc.text
    paragraphs: dict[int, list] = {}
    for s in view.checked_sentences(headlines=True):
        paragraphs.setdefault(s.paragraph, []).append(s)
    opened: list[tuple[int, int]] = []          # (offset, paragraph) of each open quote
    for p in sorted(paragraphs):
        start, end = paragraphs[p][0].start, paragraphs[p][-1].end
        if opened and text[start] == "“":
            opened.pop()                        # a new paragraph of the same quotation
        for pos, mark in _marks(text, start, end):
            before = text[pos - 1] if pos > start else " "
            after = text[pos + 1] if pos + 1 < end else " "
            if before.isspace() and after.isspace():
                yield _quote(text, pos, "a quotation mark standing alone")
            elif mark == "“":
                opened.append((pos, p))
            elif opened:
                opened.pop()
            else:
                yield _quote(text, pos, "a closing quotation mark with no opening one")
        while opened and p - opened[0][1] >= QUOTE_PARAGRAPHS:
            yield _quote(text, opened.pop(0)[0], "a quotation that is never closed")
    for pos, _ in opened:
        yield _quote(text, pos, "a quotation that is never closed")


def _marks(text: str, start: int, end: int):
    for m in re.finditer(r"[“”]", text[start:end]):
        yield start + m.start(), m.group()


def _quote(text: str, pos: int, what: str) -> Finding:
    where = _context(text, pos, pos + 1)
    return Finding(pos, pos + 1, K.STRAY_PUNCTUATION, f"{what}: \"{where}\"", local=False)


def detect_fragments(corpus: Corpus, view: DocumentView, s: Sentence) -> Iterator[Finding]:
    """A dangling "-he commented." or a body sentence of a few words with no subject, not a
    heading, a dateline or a line of its own."""
    if not view.checked(s, headlines=False):
        return
    sentence = view.doc.text[s.start:s.end]
    m = _DANGLING_CLAUSE.search(sentence)
    if m:
        yield Finding(s.start + m.start(1), s.start + m.end(1), K.FRAGMENT,
                      f"a dangling piece after the sentence: \"{m.group(1)}\"")
        return
    words = WORD.findall(sentence)
    if s.index not in view.alone and _a_piece(sentence, words) \
            and not _dateline(view.wordings[s.index].tokens):
        yield Finding(s.start, s.end, K.FRAGMENT,
                      f"a sentence of {len(words)} word{'s' * (len(words) > 1)} that says "
                      f"nothing on its own: \"{sentence}\"")


def _a_piece(sentence: str, words: list[str]) -> bool:
    """A few words ending in a full stop, not a quote, with no subject: "Red lanterns."."""
    return (1 <= len(words) <= FRAGMENT_WORDS and sentence.endswith(".")
            and not re.search(r"[\"“”]", sentence) and any(w[0].islower() for w in words)
            and not _PRONOUNS.intersection(w.casefold() for w in words))


def _dateline(tokens) -> bool:
    """A source and date such as "chinanews.com, July 26.": a web address or a month."""
    return any(t.in_url or t.key in MONTHS for t in tokens)


def detect_untranslated(corpus: Corpus, view: DocumentView, s: Sentence) -> Iterator[Finding]:
    """Source-language leftovers: French "l intention", Spanish "que", another script."""
    if not view.checked(s, headlines=True):
        return
    text = view.doc.text
    if corpus.language == "en":
        for m in _ELIDED.finditer(text, s.start, s.end):
            where = _context(text, m.start(), m.end())
            yield Finding(m.start(), m.end(1), K.UNTRANSLATED,
                          f"a French elided article left in: \"{where}\"", local=False)
    for m in _OTHER_SCRIPT.finditer(text, s.start, s.end):
        yield Finding(m.start(), m.end(), K.UNTRANSLATED,
                      f"text in another script left untranslated: \"{m.group()}\"")
    tokens = view.wordings[s.index].tokens     # offsets from the sentence's start
    following = text[s.start:s.end + 1]
    for i, tok in enumerate(tokens):
        language = _foreign_language(corpus, tokens, i, following)
        if language:
            own = _LANGUAGE_NAMES.get(corpus.language, corpus.language)
            yield Finding(s.start + tok.start, s.start + tok.end, K.UNTRANSLATED,
                          f"\"{tok.text}\" is {_LANGUAGE_NAMES[language]}, left in the "
                          f"{own} text")


def _foreign_language(corpus: Corpus, tokens, i: int, text: str) -> str | None:
    tok = tokens[i]
    if tok.in_url or not tok.text.islower() or text[tok.end:tok.end + 1] == ".":
        return None
    inside_name = (0 < i < len(tokens) - 1 and is_capitalised(tokens[i - 1].text)
                   and is_capitalised(tokens[i + 1].text))
    if inside_name:
        return None
    return _foreign_word(corpus, tok.text)


def _foreign_word(corpus: Corpus, word: str) -> str | None:
    """The language `word` is far more common in than in the corpus's, asked once per word."""
    memo = corpus.memo.setdefault("foreign words", {})
    if word not in memo:
        own, memo[word] = corpus.zipf(word), None
        for language in _FOREIGN:
            if language != corpus.language:
                there = corpus.zipf(word, language)
                if there >= 5.0 and there - own >= 3.0:
                    memo[word] = language
                    break
    return memo[word]


TEXT_RULES = (detect_doubled, detect_stray_punctuation, detect_fragments, detect_untranslated)
"""The detectors that read one sentence at a time."""

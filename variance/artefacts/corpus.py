"""What the artefact detectors know about a corpus of versions.

For each document: its word tokens with the sentence they sit in and whether they open a
sentence or clause; which sentences read as headlines (a line on its own with no closing
punctuation, or title case) and which are metadata. For the corpus: how often each word is
written in lower case, capitalised inside a sentence, and capitalised on its own (not as part of
a run of capitalised words, the way place names such as "Beijing" appear). For the language: word
frequencies from wordfreq's lists, read by `lexicon` (wordfreq itself is slow to import), and cached.

Syndicated versions repeat most sentences word for word (1,000 synthetic versions hold 34,000
sentences and 2,900 wordings), so a sentence is read once per `Wording`: its tokens, whether it
reads as a headline and what it adds to the corpus counts are shared by every sentence with the
same text, kind and place in its paragraph, and only the offsets differ.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..model import ArtefactKind, Document, Sentence, SentenceKind, Statement

__all__ = ["Finding", "Token", "Wording", "DocumentView", "Corpus", "zipf", "WORD", "is_capitalised",
           "in_capitalised_run"]

WORD = re.compile(r"(?<![^\W_])[^\W\d_]+(?:['’][^\W\d_]+)*")
"""A word: letters, with inner apostrophes ("Xi’s", "don't"); hyphens separate words; "26th"
is a number, not a word."""
_URL_MARK = re.compile(r"://|www\.|@|\.(?:com|org|net|cn|gov|edu|int)\b", re.I)
"""What makes a run of non-space characters a web address or an e-mail."""
_CLAUSE_OPENERS = set(".!?:;“\"«()—–[]•|\n0123456789")
"""In the gap before a word, any of these lets it start with a capital: a sentence or clause
break, a bracket or a number (a dateline such as "July 26 (Xinhua) The ...")."""
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)\]]*$")
_WORD_CHAR = re.compile(r"\w")
_POSSESSIVE = re.compile(r"['’]s$")
_LINKS = frozenset({"of", "the", "de", "for", "and"})
"""Small words inside multi-word names: "Secretary of State", "Institute for ... Studies"."""
PLACE_NOUNS = re.compile(r"\b(?:island|city|province|county|town|village|state|region|capital|"
                         r"port|republic|kingdom|prefecture|district)s? of ([a-z]{3,})\b")
"""A lower-case word after "island of", "city of"...: a place name written in lower case."""


@dataclass(frozen=True)
class Finding:
    """One artefact found by a detector, before evidence from other versions is added."""

    start: int
    end: int
    kind: ArtefactKind
    message: str
    evidence: tuple[str, ...] = ()
    reading: tuple[str, ...] | None = None
    """The words the span probably stands for ("bali", "and"), to find them in other versions."""
    local: bool = True
    """Found, and said, from its sentence's own text: false when the message quotes the text
    around it, so that a sentence with it is never read as another sentence's copy."""


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str
    sentence: int
    """Index of the sentence in `Document.sentences`."""
    initial: bool
    """First word of a sentence, or right after a colon, quote mark, bracket or dash."""
    in_url: bool = False
    """Part of a web address or e-mail ("chinanews.com"): counted, never flagged."""

    @property
    def key(self) -> str:
        return self.text.casefold()

    @property
    def stem(self) -> str:
        """The word without a possessive ending: "Xi’s" -> "Xi"."""
        return _stem(self.text)


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """`Token.stem`, cached: asked of every word of every wording."""
    return _POSSESSIVE.sub("", word)


@lru_cache(maxsize=65536)
def is_capitalised(word: str) -> bool:
    """First letter upper case and at least one lower-case letter ("Beijing", not "CGTN");
    cached, as the detectors ask it of every word of every wording."""
    return word[:1].isupper() and any(c.islower() for c in word)


class Wording:
    """One sentence's words as the detectors read them, shared by every sentence with the same
    text, kind, place in its paragraph and web addresses: token offsets are relative to the
    sentence's start (and `Token.sentence` is 0)."""

    __slots__ = ("key", "tokens", "headline", "metadata", "counts", "keys", "lower_keys", "places")

    def __init__(self, key: tuple, text: str, kind: SentenceKind, alone: bool, urls: tuple,
                 before: str):
        self.key = key
        shown = before + text           # what a pattern's look-behind sees of the text before
        self.tokens = _tokens(shown, urls)
        self.metadata = kind is SentenceKind.METADATA
        self.headline = not self.metadata and (kind is SentenceKind.HEADLINE
                                               or _reads_as_headline(text, alone))
        self.counts = _counts(self.tokens, not self.headline and not self.metadata)
        """(every occurrence, written in lower case, capitalised inside, capitalised alone)."""
        self.keys = frozenset(self.counts[0])
        self.lower_keys = tuple(sorted({t.key for t in self.tokens if t.text.islower()}))
        self.places = () if self.metadata or self.headline else \
            tuple((m.group(1), m.group()) for m in PLACE_NOUNS.finditer(shown, 1))
        """(word, "island of bali") of each lower-case place name a body sentence writes."""


class DocumentView:
    """One document as the detectors read it: each sentence's `Wording`, and its tokens at
    their offsets in the document, made when a detector asks."""

    def __init__(self, doc: Document, wordings: list[Wording], alone: set[int]):
        self.doc = doc
        self.wordings = wordings
        """The wording of each sentence, by index."""
        self.alone = alone
        """Sentences that are a whole paragraph (line) by themselves."""
        self.headline = {s.index for s, w in zip(doc.sentences, wordings) if w.headline}
        """Sentences that read as headlines or sub-heads."""
        self.metadata = {s.index for s, w in zip(doc.sentences, wordings) if w.metadata}
        self.places: dict[str, str] = {}
        """Lower-case place names the body writes, each with the first phrase naming it."""
        for w in wordings:
            for key, phrase in w.places:
                self.places.setdefault(key, phrase)
        self._tokens: dict[int, list[Token]] = {}

    def tokens_of(self, index: int) -> list[Token]:
        """The tokens of sentence `index`, at their offsets in the document."""
        if index not in self._tokens:
            at = self.doc.sentences[index].start
            self._tokens[index] = [Token(t.start + at, t.end + at, t.text, index, t.initial, t.in_url)
                                   for t in self.wordings[index].tokens]
        return self._tokens[index]

    def checked_sentences(self, *, headlines: bool):
        """Sentences the detectors look at: never metadata, headlines only when asked."""
        for s in self.doc.sentences:
            if s.index in self.metadata or (not headlines and s.index in self.headline):
                continue
            yield s

    def checked(self, s: Sentence, *, headlines: bool) -> bool:
        """Is sentence `s` one the detectors look at (`checked_sentences`)?"""
        return s.index not in self.metadata and (headlines or s.index not in self.headline)


@lru_cache(maxsize=262144)
def zipf(word: str, language: str, wordlist: str = "best") -> float:
    """wordfreq's Zipf frequency of `word` (0 = unknown, 7 = "the"), cached. The "small" lists
    load ten times faster and know every word above Zipf 3 or so."""
    from .lexicon import zipf_frequency
    return zipf_frequency(word, language, wordlist)


class Corpus:
    """All documents of one comparison, with the counts the detectors share."""

    def __init__(self, documents: Sequence[Document], language: str = "en"):
        self.language = language
        self.statement_of: dict[tuple[str, int], Statement] = {}
        """(document id, sentence index) -> a statement holding that sentence (a sentence cut
        into claims serves several: `place_of` finds the one at an offset); set by `locate`."""
        self.places: dict[str, list[tuple[int, int, Statement]]] = {}
        """document id -> (start, end, statement) of every member, main or repeat, in order;
        set by `locate`."""
        self.wordings: dict[tuple, Wording] = {}
        """Every distinct wording of the corpus, by `wording_key`."""
        self.views = [self._view(d) for d in documents]
        self.by_id = {v.doc.id: i for i, v in enumerate(self.views)}
        self.count: Counter[str] = Counter()        # every occurrence, folded
        self.lower: Counter[str] = Counter()        # written all in lower case
        self.cap_inside: Counter[str] = Counter()   # capitalised, not opening a sentence
        self.cap_alone: Counter[str] = Counter()    # ... with no capitalised word next to it
        self.documents_with: Counter[str] = Counter()
        self.memo: dict = {}
        """Results detectors compute once per corpus rather than once per document."""
        self._count()

    def locate(self, statements: Sequence[Statement]) -> None:
        """Where the statements of `align_statements` stand in the corpus' documents (a
        statement with a member outside them is left out): the documents alone are read first,
        while the statements are still being made."""
        whole = [st for st in statements if all(m.document in self.by_id for m in st.members)]
        self.statement_of = {(m.document, i): st for st in whole for m in st.members for i in m.sentences}
        self.places = {}
        for st in whole:
            for m in st.members + st.repeats:
                self.places.setdefault(m.document, []).append((m.start, m.end, st))
        for spans in self.places.values():
            spans.sort(key=lambda p: (p[0], p[1]))

    def _view(self, doc: Document) -> DocumentView:
        text = doc.text
        urls = _urls(text)
        paragraph_size = Counter(s.paragraph for s in doc.sentences)
        wordings, alone = [], set()
        for s in doc.sentences:
            single = paragraph_size[s.paragraph] == 1
            if single:
                alone.add(s.index)
            inside = tuple((max(a, s.start) - s.start, min(b, s.end) - s.start)
                           for a, b in urls if a < s.end and b > s.start)
            before = _before(text, s.start)
            key = (text[s.start:s.end], s.kind, single, inside, before)
            wording = self.wordings.get(key)
            if wording is None:
                wording = self.wordings[key] = Wording(key, key[0], s.kind, single, inside, before)
            wordings.append(wording)
        return DocumentView(doc, wordings, alone)

    def _count(self) -> None:
        """The corpus counts: each wording's, times the sentences that have it."""
        times = Counter(id(w) for v in self.views for w in v.wordings)
        for wording in self.wordings.values():
            n = times[id(wording)]
            for total, counts in zip((self.count, self.lower, self.cap_inside, self.cap_alone),
                                     wording.counts):
                for key, c in counts.items():
                    total[key] += c * n
        for view in self.views:
            self.documents_with.update(frozenset().union(*(w.keys for w in view.wordings)))

    def zipf(self, word: str, language: str | None = None) -> float:
        """Frequency in the corpus's language, or (from a smaller list) in another one."""
        if language is None or language == self.language:
            return zipf(word.casefold(), self.language)
        return zipf(word.casefold(), language, "small")


def in_capitalised_run(tokens: Sequence[Token], i: int) -> bool:
    """A word starting with a capital sits next to token i, or one "of" away ("Hall of the")."""
    def upper(j: int) -> bool:
        return 0 <= j < len(tokens) and tokens[j].text[:1].isupper()

    def linked(j: int) -> bool:             # no clause break between j and the word after it
        return 0 <= j + 1 < len(tokens) and not tokens[j + 1].initial

    before = linked(i - 1) and (upper(i - 1) or (tokens[i - 1].key in _LINKS and linked(i - 2)
                                                 and upper(i - 2)))
    nxt = i + 1
    while nxt < len(tokens) and tokens[nxt].key in _LINKS and linked(nxt - 1):
        nxt += 1
    after = linked(nxt - 1) and upper(nxt)
    return before or after


def _urls(text: str) -> list[tuple[int, int]]:
    """[start, end) of each run of non-space characters holding a `_URL_MARK`: what
    `\\S*(?:MARK)\\S*` finds, without trying the pattern at every character."""
    spans: list[tuple[int, int]] = []
    for m in _URL_MARK.finditer(text):
        if spans and m.start() < spans[-1][1]:
            continue
        start, end = m.start(), m.end()
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        while end < len(text) and not text[end].isspace():
            end += 1
        spans.append((start, end))
    return spans


def _before(text: str, start: int) -> str:
    """The character before `start` as the word patterns' look-behinds tell it apart: a letter
    or digit ("a"), an underscore, or anything else (" ")."""
    c = text[start - 1:start]
    return "_" if c == "_" else "a" if _WORD_CHAR.fullmatch(c) else " "


def _tokens(shown: str, urls: tuple[tuple[int, int], ...]) -> tuple[Token, ...]:
    """The words of one sentence (`shown` after the character before it), offsets from its start."""
    tokens: list[Token] = []
    prev_end = 1
    for m in WORD.finditer(shown, 1):
        gap = shown[prev_end:m.start()]
        initial = not tokens or gap.lstrip().startswith("-") or not _CLAUSE_OPENERS.isdisjoint(gap)
        start, end = m.start() - 1, m.end() - 1
        in_url = bool(urls) and any(a <= start < b for a, b in urls)
        tokens.append(Token(start, end, m.group(), 0, initial, in_url))
        prev_end = m.end()
    return tuple(tokens)


def _counts(tokens: tuple[Token, ...], prose: bool) -> tuple[Counter[str], ...]:
    count: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    cap_inside: Counter[str] = Counter()
    cap_alone: Counter[str] = Counter()
    for i, tok in enumerate(tokens):
        key = tok.stem.casefold()
        count[key] += 1
        if tok.in_url:
            continue
        if tok.text.islower():
            lower[key] += 1
        elif prose and not tok.initial and is_capitalised(tok.text):
            cap_inside[key] += 1
            if not in_capitalised_run(tokens, i):
                cap_alone[key] += 1
    return count, lower, cap_inside, cap_alone


def _reads_as_headline(sentence: str, alone: bool) -> bool:
    """A line on its own without closing punctuation, or words in title case."""
    if alone and not _SENTENCE_END.search(sentence):
        return True
    words = WORD.findall(sentence)
    lower_content = [w for w in words if w.islower() and len(w) >= 4]
    return len(words) >= 3 and len(lower_content) <= 1 and \
        sum(is_capitalised(w) for w in words) >= 0.6 * len(words)

"""What the artefact detectors know about a corpus of versions.

For each document: its word tokens with the sentence they sit in and whether they open a
sentence or clause; which sentences read as headlines (a line on its own with no closing
punctuation, or title case) and which are metadata. For the corpus: how often each word is
written in lower case, capitalised inside a sentence, and capitalised on its own (not as part of
a run of capitalised words, the way place names such as "Beijing" appear). For the language: word
frequencies from wordfreq's lists, read by `lexicon` (wordfreq itself is slow to import), and cached.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import ArtefactKind, Document, SentenceKind, Statement

__all__ = ["Finding", "Token", "DocumentView", "Corpus", "zipf", "WORD", "is_capitalised",
           "in_capitalised_run"]

WORD = re.compile(r"(?<![^\W_])[^\W\d_]+(?:['’][^\W\d_]+)*")
"""A word: letters, with inner apostrophes ("Xi’s", "don't"); hyphens separate words; "26th"
is a number, not a word."""
_URLISH = re.compile(r"\S*(?:://|www\.|@|\.(?:com|org|net|cn|gov|edu|int)\b)\S*", re.I)
_CLAUSE_OPENERS = set(".!?:;“\"«()—–[]•|\n0123456789")
"""In the gap before a word, any of these lets it start with a capital: a sentence or clause
break, a bracket or a number (a dateline such as "July 26 (Xinhua) The ...")."""
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)\]]*$")
_POSSESSIVE = re.compile(r"['’]s$")
_LINKS = frozenset({"of", "the", "de", "for", "and"})
"""Small words inside multi-word names: "Secretary of State", "Institute for ... Studies"."""


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
        return _POSSESSIVE.sub("", self.text)


def is_capitalised(word: str) -> bool:
    """First letter upper case and at least one lower-case letter ("Beijing", not "CGTN")."""
    return word[:1].isupper() and any(c.islower() for c in word)


@dataclass
class DocumentView:
    """One document as the detectors read it."""

    doc: Document
    tokens: list[Token]
    headline: set[int]
    """Sentences that read as headlines or sub-heads."""
    metadata: set[int]
    alone: set[int]
    """Sentences that are a whole paragraph (line) by themselves."""
    by_sentence: dict[int, list[Token]] = field(default_factory=dict)

    def sentence_at(self, offset: int) -> int | None:
        for s in self.doc.sentences:
            if s.start <= offset < s.end:
                return s.index
        return None

    def checked_sentences(self, *, headlines: bool):
        """Sentences the detectors look at: never metadata, headlines only when asked."""
        for s in self.doc.sentences:
            if s.index in self.metadata or (not headlines and s.index in self.headline):
                continue
            yield s


@lru_cache(maxsize=262144)
def zipf(word: str, language: str, wordlist: str = "best") -> float:
    """wordfreq's Zipf frequency of `word` (0 = unknown, 7 = "the"), cached. The "small" lists
    load ten times faster and know every word above Zipf 3 or so."""
    from .lexicon import zipf_frequency
    return zipf_frequency(word, language, wordlist)


class Corpus:
    """All documents of one comparison, with the counts the detectors share."""

    def __init__(self, documents: Sequence[Document], statements: Sequence[Statement] = (),
                 language: str = "en"):
        self.language = language
        known = {d.id for d in documents}
        whole = [st for st in statements if all(m.document in known for m in st.members)]
        self.statement_of = {(m.document, i): st for st in whole for m in st.members for i in m.sentences}
        """(document id, sentence index) -> a statement holding that sentence (a sentence cut
        into claims serves several: `place_of` finds the one at an offset)."""
        self.places: dict[str, list[tuple[int, int, Statement]]] = {}
        """document id -> (start, end, statement) of every member, main or repeat, in order."""
        for st in whole:
            for m in st.members + st.repeats:
                self.places.setdefault(m.document, []).append((m.start, m.end, st))
        for spans in self.places.values():
            spans.sort(key=lambda p: (p[0], p[1]))
        self.views = [_view(d) for d in documents]
        self.by_id = {v.doc.id: i for i, v in enumerate(self.views)}
        self.count: Counter[str] = Counter()        # every occurrence, folded
        self.lower: Counter[str] = Counter()        # written all in lower case
        self.cap_inside: Counter[str] = Counter()   # capitalised, not opening a sentence
        self.cap_alone: Counter[str] = Counter()    # ... with no capitalised word next to it
        self.documents_with: Counter[str] = Counter()
        self.memo: dict = {}
        """Results detectors compute once per corpus rather than once per document."""
        for view in self.views:
            self._count(view)

    def _count(self, view: DocumentView) -> None:
        seen = set()
        for sentence, tokens in view.by_sentence.items():
            prose = sentence not in view.headline and sentence not in view.metadata
            for i, tok in enumerate(tokens):
                key = tok.stem.casefold()
                self.count[key] += 1
                seen.add(key)
                if tok.in_url:
                    continue
                if tok.text.islower():
                    self.lower[key] += 1
                elif prose and not tok.initial and is_capitalised(tok.text):
                    self.cap_inside[key] += 1
                    if not in_capitalised_run(tokens, i):
                        self.cap_alone[key] += 1
        self.documents_with.update(seen)

    def zipf(self, word: str, language: str | None = None) -> float:
        """Frequency in the corpus's language, or (from a smaller list) in another one."""
        if language is None or language == self.language:
            return zipf(word.casefold(), self.language)
        return zipf(word.casefold(), language, "small")


def in_capitalised_run(tokens: list[Token], i: int) -> bool:
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


def _view(doc: Document) -> DocumentView:
    text = doc.text
    urls = [(m.start(), m.end()) for m in _URLISH.finditer(text)]
    paragraph_size = Counter(s.paragraph for s in doc.sentences)
    view = DocumentView(doc, [], set(), set(), set())
    for s in doc.sentences:
        if paragraph_size[s.paragraph] == 1:
            view.alone.add(s.index)
        if s.kind is SentenceKind.METADATA:
            view.metadata.add(s.index)
        elif s.kind is SentenceKind.HEADLINE or _reads_as_headline(
                text[s.start:s.end], paragraph_size[s.paragraph] == 1):
            view.headline.add(s.index)
        tokens: list = []
        prev_end = s.start
        for m in WORD.finditer(text, s.start, s.end):
            gap = text[prev_end:m.start()]
            initial = not tokens or gap.lstrip().startswith("-") or any(c in _CLAUSE_OPENERS
                                                                        for c in gap)
            in_url = any(a <= m.start() < b for a, b in urls)
            tokens.append(Token(m.start(), m.end(), m.group(), s.index, initial, in_url))
            prev_end = m.end()
        view.by_sentence[s.index] = tokens
        view.tokens.extend(tokens)
    return view


def _reads_as_headline(sentence: str, alone: bool) -> bool:
    """A line on its own without closing punctuation, or words in title case."""
    if alone and not _SENTENCE_END.search(sentence):
        return True
    words = WORD.findall(sentence)
    lower_content = [w for w in words if w.islower() and len(w) >= 4]
    return len(words) >= 3 and len(lower_content) <= 1 and \
        sum(is_capitalised(w) for w in words) >= 0.6 * len(words)

"""Quotes: the direct quotes a document prints, who it attributes them to, and a quote checked
against every version (a verdict per document, conflicts of attribution)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from .document import Document
from .statement import Change

__all__ = ["Quote", "SpeakerKind", "Via", "VIA_WORDS", "Attribution", "Verdict", "VERDICT_RANK",
           "QuoteMatch", "Conflict", "QuoteCheck", "QuoteGroup", "LeftOut", "CorpusQuotes"]


@dataclass(frozen=True)
class Quote:
    """One direct quote of a document: the quoted words, marks excluded."""

    document: str
    start: int
    """Offset of the first quoted character (after the opening mark and any space)."""
    end: int
    """Offset one past the last quoted character (before the closing mark)."""
    opened: bool
    """An opening mark was printed (False: a closer with no opener ended it)."""
    closed: bool
    """A closing mark was printed (False: the quote runs to the end of its paragraph)."""

    def text(self, document: Document) -> str:
        return document.text[self.start:self.end]


class SpeakerKind(str, Enum):
    PERSON = "person"
    SOURCE = "source"   # a ministry, a statement, a newspaper, a government


class Via(str, Enum):
    """How the speaker of a cue was found."""

    NAMED = "named"               # named outright
    PRONOUN = "pronoun"           # "he said", resolved to the person in focus
    DESCRIPTION = "description"   # "the Chinese leader said", resolved likewise
    STATEMENT = "statement"       # "the statement added": its issuer
    CONTEXT = "context"           # carried over from an earlier sentence of the paragraph
    UNRESOLVED = "unresolved"     # a description with no person named before it


VIA_WORDS = {Via.NAMED: "", Via.PRONOUN: "a pronoun resolved", Via.DESCRIPTION: "a description resolved",
             Via.STATEMENT: "the statement's issuer", Via.CONTEXT: "earlier in the paragraph",
             Via.UNRESOLVED: "no one named before"}


@dataclass(frozen=True)
class Attribution:
    """Who the document says the words are from, and the words that say so."""

    speaker: str
    """The resolved speaker: "Xi Jinping", "China’s Foreign Ministry", "the statement"."""
    kind: SpeakerKind
    cue: str
    """The attributing words as printed: "he remarked", "urged the Chinese leader"."""
    start: int
    """Offset of the cue in the document."""
    end: int
    via: Via

    @property
    def how(self) -> str:
        """How the speaker was found, for readers: "" when named outright."""
        return VIA_WORDS.get(self.via, "")


class Verdict(str, Enum):
    VERBATIM = "verbatim"
    COSMETIC = "cosmetic"
    CHANGED = "changed"
    PARAPHRASED = "paraphrased"
    ABSENT = "absent"


VERDICT_RANK = {v: i for i, v in enumerate(Verdict)}
"""Verdicts from the best (verbatim, 0) to the worst (absent, 4)."""


@dataclass(frozen=True)
class QuoteMatch:
    """The passage of one document closest to the quote, and what it shows."""

    document: str
    verdict: Verdict
    start: int
    """Offset of the passage in the document; when absent, of the closest passage seen."""
    end: int
    similarity: float
    """How close the passage's folded characters read to the quote's, 0..1."""
    overlap: float
    """Share of content words the passage and the quote have in common (F1), 0..1."""
    quoted: bool
    """Most of the passage is inside quotation marks in this document."""
    attribution: Attribution | None
    changes: tuple[Change, ...]
    """Word diff of the passage against the quote: reference offsets into the quote text,
    witness offsets into the document."""
    statement: int | None
    """The statement holding the passage, if the alignment put it in one."""
    meaning: float | None = None
    """For a paraphrase found by the sentence encoder (few shared words): its similarity of
    meaning to the quote, 0..1."""


@dataclass(frozen=True)
class Conflict:
    """The same words given to different people."""

    speakers: tuple[tuple[str, tuple[str, ...]], ...]
    """(speaker, documents giving them the words), two speakers or more."""

    @property
    def message(self) -> str:
        parts = [f"{', '.join(docs)} to {speaker}" for speaker, docs in self.speakers]
        return "the same words are attributed to different people: " + "; ".join(parts)


@dataclass(frozen=True)
class QuoteCheck:
    text: str
    """The quote as given, or as printed in its source document."""
    source: str | None
    """The document the quote was taken from, if any."""
    results: tuple[QuoteMatch, ...]
    """One per document, in the comparison's order."""
    also: tuple[QuoteMatch, ...]
    """Further passages of a document carrying the quote (changed or closer), besides its best."""
    conflicts: tuple[Conflict, ...]

    def result(self, document: str) -> QuoteMatch:
        return next(r for r in self.results if r.document == document)

    def verdict_counts(self) -> dict[Verdict, int]:
        """How many documents got each verdict, every verdict listed."""
        return {v: sum(r.verdict is v for r in self.results) for v in Verdict}

    def fails(self, threshold: Verdict) -> bool:
        """Is any document's verdict at `threshold` or worse (the quote's own source excepted)?"""
        return any(VERDICT_RANK[r.verdict] >= VERDICT_RANK[threshold]
                   for r in self.results if r.document != self.source)


@dataclass(frozen=True)
class QuoteGroup:
    """The direct quotes of one statement (None: quotes outside every statement)."""

    statement: int | None
    checks: tuple[QuoteCheck, ...]


@dataclass(frozen=True)
class LeftOut:
    """What a budgeted check of the corpus' quotes left out, and why."""

    quotes: int
    """Distinct direct quotes in the corpus."""
    versions: int
    """Documents compared."""
    only: str | None
    """The document whose quotes were checked instead, or None when none were."""


@dataclass(frozen=True)
class CorpusQuotes:
    """The quotes a comparison checks: every quote within the budget, else the reference's
    own, else none; and, when some were left out, how many."""

    groups: tuple[QuoteGroup, ...]
    left_out: LeftOut | None = None
    """None when every quote was checked."""

    @property
    def conflicts(self) -> tuple[tuple[QuoteCheck, Conflict], ...]:
        """Every attribution conflict, with the check that found it."""
        return tuple((c, conflict) for g in self.groups for c in g.checks for conflict in c.conflicts)

"""Domain types shared by every stage: frozen dataclasses and closed sets as str enums.

A `Document` owns its text; everything else points into it with `[start, end)` offsets, so
the text shown is always the original slice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

__all__ = [
    "SentenceKind", "Op", "ChangeKind", "Severity", "ArtefactKind", "Options",
    "MetaSpan", "Sentence", "Document", "Member", "Change", "PairDiff", "Statement",
    "Artefact", "Comparison", "SEVERITY_OF", "SEVERITY_RANK", "worst_severity",
]


class SentenceKind(str, Enum):
    BODY = "body"           # part of the story; aligned
    HEADLINE = "headline"   # a title or sub-head; shown, not aligned
    METADATA = "metadata"   # dateline, date line, reference line; shown, not aligned


class Op(str, Enum):
    EQUAL = "equal"
    INSERT = "insert"
    DELETE = "delete"
    REPLACE = "replace"


class ChangeKind(str, Enum):
    COSMETIC = "cosmetic"
    SPELLING = "spelling"
    NUMBER = "number"
    NEGATION = "negation"
    ENTITY = "entity"
    ATTRIBUTION = "attribution"
    QUOTE = "quote"
    WORDING = "wording"
    ADDITION = "addition"
    OMISSION = "omission"


class Severity(str, Enum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


SEVERITY_OF = {
    ChangeKind.COSMETIC: Severity.LOW, ChangeKind.SPELLING: Severity.LOW,
    ChangeKind.WORDING: Severity.MEDIUM, ChangeKind.ADDITION: Severity.MEDIUM,
    ChangeKind.OMISSION: Severity.MEDIUM, ChangeKind.NUMBER: Severity.HIGH,
    ChangeKind.NEGATION: Severity.HIGH, ChangeKind.ENTITY: Severity.HIGH,
    ChangeKind.ATTRIBUTION: Severity.HIGH, ChangeKind.QUOTE: Severity.HIGH,
}
SEVERITY_RANK = {Severity.LOW: 1, Severity.MEDIUM: 2, Severity.HIGH: 3}


def worst_severity(changes, *, cosmetic: bool = False) -> Severity | None:
    """The highest severity among `changes` (cosmetic ones left out unless asked); None if none."""
    found = [c.severity for c in changes if cosmetic or c.kind is not ChangeKind.COSMETIC]
    return max(found, key=SEVERITY_RANK.__getitem__) if found else None


class ArtefactKind(str, Enum):
    GLUED = "glued"
    DOUBLED = "doubled"
    STRAY_PUNCTUATION = "stray_punctuation"
    CASE = "case"
    NAME_VARIANT = "name_variant"
    FRAGMENT = "fragment"
    UNTRANSLATED = "untranslated"


@dataclass(frozen=True)
class Options:
    """Every setting that changes a result; written into every output."""

    reference: str | None = None
    """Document id to organise statements around; None picks the one carrying most statements."""
    link_threshold: float = 0.28
    """Minimum similarity of a sentence run to a statement for it to join the statement."""
    max_run: int = 3
    """Longest run of adjacent sentences one member may span (splits and merges)."""
    language: str = "en"
    """Language of the texts as compared (translations are compared in this language)."""
    max_bytes: int = 20_000_000
    """Largest input file accepted, in bytes."""
    strict: bool = False
    """Treat any unreadable input file as an error instead of skipping it with a warning."""
    artefacts: bool = True
    """Look for translation and production artefacts (commands that do not show them skip it)."""
    quotes: bool = True
    """Check every direct quote of the corpus in every version (commands that do not show them
    skip it)."""

    def to_json(self) -> dict:
        return {"reference": self.reference, "link_threshold": self.link_threshold,
                "max_run": self.max_run, "language": self.language,
                "max_bytes": self.max_bytes, "strict": self.strict, "artefacts": self.artefacts,
                "quotes": self.quotes}


@dataclass(frozen=True)
class MetaSpan:
    """A line or line prefix that is about the story, not part of it."""

    start: int
    end: int
    kind: str
    """title, headline, dateline, date, reference, source or front_matter."""


@dataclass(frozen=True)
class Sentence:
    index: int
    """Position in the document, from 0."""
    start: int
    """Offset of the first character in the document text."""
    end: int
    """Offset one past the last character."""
    paragraph: int
    """Index of the paragraph (block separated by line breaks) holding the sentence."""
    kind: SentenceKind = SentenceKind.BODY


@dataclass(frozen=True)
class Document:
    id: str
    """Unique id: the file name without extension, made unique across folders."""
    path: str
    """Where it was read from, as given ('-' for stdin)."""
    text: str
    """The text as loaded; every offset points into it."""
    sha256: str
    """Hash of the input bytes, so a report is evidence of what was compared."""
    title: str | None = None
    outlet: str | None = None
    date: str | None = None
    language: str | None = None
    role: str | None = None
    """official, wire, translation, state-media... as the user declares it."""
    meta: tuple[MetaSpan, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    notes: tuple[str, ...] = ()
    """What loading did to the input (encoding used, repairs), for the report."""

    def __hash__(self) -> int:
        """Cheap and consistent with equality: documents are cache keys in the quote checks."""
        return hash((self.id, self.sha256, len(self.text), len(self.sentences)))

    def sentence_text(self, index: int) -> str:
        s = self.sentences[index]
        return self.text[s.start:s.end]

    @property
    def body_sentences(self) -> tuple[Sentence, ...]:
        return tuple(s for s in self.sentences if s.kind is SentenceKind.BODY)


@dataclass(frozen=True)
class Member:
    """One document's wording of a statement: a run of adjacent sentences."""

    document: str
    sentences: tuple[int, ...]
    start: int
    end: int
    confidence: float
    """Similarity to the other members of the statement, 0..1."""
    reason: tuple[str, ...] = ()
    """The rarest words this member shares with the others: why it was linked."""


@dataclass(frozen=True)
class Change:
    """One edit between a reference member and a witness member; offsets are document offsets."""

    op: Op
    ref_start: int
    ref_end: int
    wit_start: int
    wit_end: int
    reference: str
    witness: str
    kind: ChangeKind
    severity: Severity


@dataclass(frozen=True)
class PairDiff:
    """The word diff of one member (the witness) against the reference member."""

    document: str
    against: str
    drift: float
    """0 = the same up to cosmetic changes, 1 = nothing in common."""
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class Statement:
    id: int
    members: tuple[Member, ...]
    score: float
    """Mean confidence of the links that hold the statement together."""
    diffs: tuple[PairDiff, ...] = ()

    def member(self, document: str) -> Member | None:
        for m in self.members:
            if m.document == document:
                return m
        return None

    def diff(self, document: str) -> PairDiff | None:
        for d in self.diffs:
            if d.document == document:
                return d
        return None


@dataclass(frozen=True)
class Artefact:
    document: str
    start: int
    end: int
    text: str
    kind: ArtefactKind
    message: str
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class Comparison:
    options: Options
    documents: tuple[Document, ...]
    statements: tuple[Statement, ...]
    reference: str | None
    artefacts: tuple[Artefact, ...] = ()
    warnings: tuple[str, ...] = ()
    quotes: Any = None
    """The corpus' direct quotes checked in every version (`quotecheck.CorpusQuotes`), or None
    when the options did not ask for them."""
    _cache: dict = field(default_factory=dict, compare=False, repr=False)
    """Derived lookups, computed once on first use (the dataclass itself stays frozen)."""

    def _derived(self, name: str, compute):
        if name not in self._cache:
            self._cache[name] = compute()
        return self._cache[name]

    def document_drift(self, doc_id: str) -> float | None:
        """Mean drift of a document's members against the reference; None if nothing to compare."""
        def compute():
            values: dict[str, list[float]] = {}
            for st in self.statements:
                for d in st.diffs:
                    values.setdefault(d.document, []).append(d.drift)
            return {k: round(sum(v) / len(v), 4) for k, v in values.items()}
        return self._derived("drift", compute).get(doc_id)

    def reference_coverage(self, doc_id: str) -> tuple[int, int]:
        """(how many of the reference's statements `doc_id` carries, how many it has)."""
        def compute():
            ref = [st for st in self.statements if self.reference and st.member(self.reference)]
            carried: dict[str, int] = {}
            for st in ref:
                for m in st.members:
                    carried[m.document] = carried.get(m.document, 0) + 1
            return carried, len(ref)
        carried, total = self._derived("coverage", compute)
        return carried.get(doc_id, 0), total

    def document(self, doc_id: str) -> Document:
        return self._derived("by_id", lambda: {d.id: d for d in self.documents})[doc_id]

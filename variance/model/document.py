"""Documents and their sentences: a `Document` owns its text; sentences and metadata spans are
`[start, end)` offsets into it, so the text shown is always the original slice."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

__all__ = ["SentenceKind", "MetaSpan", "Sentence", "Fetch", "Document"]


class SentenceKind(str, Enum):
    BODY = "body"           # part of the story; aligned
    HEADLINE = "headline"   # a title or sub-head; shown, not aligned
    METADATA = "metadata"   # dateline, date line, reference line; shown, not aligned



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
    cut: bool = False
    """A piece of a run of text with no sentence end, cut at a space once over the longest
    sentence kept whole (`text.segment.MAX_SENTENCE_CHARS`): compared by its words only."""


@dataclass(frozen=True)
class Fetch:
    """How a document given as a URL was fetched: the evidence of what the server sent."""

    url: str
    """The URL as given."""
    final_url: str
    """Where the page was found after redirects."""
    status: int
    """The HTTP status of the final answer."""
    fetched_at: str
    """When the request was sent, ISO 8601 in UTC ('2024-04-26T09:30:00Z')."""
    redirects: tuple[str, ...] = ()
    """Each redirect followed, in order, as 'STATUS URL' ('301 https://...')."""
    content_type: str = ""
    """The media type the server declared ('text/html')."""


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
    fetch: Fetch | None = None
    """For a document given as a URL: the final URL, status and time of the fetch."""

    def __hash__(self) -> int:
        """Cheap and consistent with equality: documents are cache keys in the quote checks."""
        return hash((self.id, self.sha256, len(self.text), len(self.sentences)))

    def sentence_text(self, index: int) -> str:
        s = self.sentences[index]
        return self.text[s.start:s.end]

    def sentence_extent(self, indices) -> tuple[int, int]:
        """From the start of the first of these sentences to the end of the last: the context a
        partial member is shown in."""
        return self.sentences[indices[0]].start, self.sentences[indices[-1]].end

    @property
    def body_sentences(self) -> tuple[Sentence, ...]:
        return tuple(s for s in self.sentences if s.kind is SentenceKind.BODY)



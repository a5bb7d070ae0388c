"""Shingles: the rare-feature evidence behind trace and reuse, as passim finds text reuse.

An article is loaded as variance loads any text (line ends, mojibake, metadata lines), split
into sentences (`variance.text.segment`), and each sentence's folded words
(`variance.text.normalize.key_words`: case, accents, "U.S." ≍ "United States") are cut into
word 5-grams. Each 5-gram is hashed to a signed 64-bit integer (BLAKE2b, so every process and
every engine computes the same number) and kept once per article, with the first sentence that
holds it. Shingles never cross a sentence end; a sentence of fewer than five words gives none.

Everything here is pure Python on one article, so the embedded and the Spark engine run the
very same code and produce the same rows.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ..model import SentenceKind
from .sources import ArchiveArticle

__all__ = ["SHINGLE_KIND", "SHINGLE_WORDS", "AnalysedArticle", "analyse_article", "shingle_hashes"]

SHINGLE_WORDS = 5
"""Words per shingle."""
SHINGLE_KIND = f"word{SHINGLE_WORDS}-blake2b64"
"""Recorded in the index: an index made with other shingles cannot be searched with these."""


@dataclass(frozen=True)
class AnalysedArticle:
    """An article ready to store: its text as loaded, its sentences and its shingles."""

    article: ArchiveArticle
    text: str
    """The text as loaded (line ends normalised, mojibake repaired): offsets point into it."""
    sentences: tuple[tuple[int, int, int, str], ...]
    """(start, end, paragraph, kind) per sentence, in order; kind is a `SentenceKind` value."""
    shingles: tuple[tuple[int, int], ...]
    """(hash, sentence index), each hash once, with the first sentence holding it."""


def _hash(gram: str) -> int:
    return int.from_bytes(hashlib.blake2b(gram.encode("utf-8", "surrogatepass"), digest_size=8).digest(),
                          "big", signed=True)


def shingle_hashes(text: str) -> list[int]:
    """The hashed word 5-grams of `text`, in order, repeats kept."""
    from ..text.normalize import key_words

    words = key_words(text)
    return [_hash(" ".join(words[i:i + SHINGLE_WORDS])) for i in range(len(words) - SHINGLE_WORDS + 1)]


def analyse_article(article: ArchiveArticle) -> AnalysedArticle:
    """Load, segment and shingle one article."""
    from ..load.paths import document_from_text
    from ..text.segment import segment_document

    doc = segment_document(document_from_text(article.text, article.id, path=article.source,
                                              title=article.title, outlet=article.outlet,
                                              date=article.date, language=article.language),
                           article.language or "en")
    sentences = tuple((s.start, s.end, s.paragraph, s.kind.value) for s in doc.sentences)
    seen: dict[int, int] = {}
    for i, s in enumerate(doc.sentences):
        if s.kind is SentenceKind.METADATA:
            continue
        for h in shingle_hashes(doc.text[s.start:s.end]):
            seen.setdefault(h, i)
    return AnalysedArticle(article, doc.text, sentences, tuple(seen.items()))

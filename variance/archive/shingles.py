"""Shingles: the rare-feature evidence behind trace and reuse, as passim finds text reuse.

An article is loaded as variance loads any text (line ends, mojibake, metadata lines), its
language taken as declared or detected from its opening, split into sentences
(`variance.text.segment`, in that language), and each sentence's folded words
(`variance.text.normalize.key_words`: case, accents, "U.S." ≍ "United States") are cut into
word 5-grams. Each word is hashed once (BLAKE2b, 64 bits, so every process and every engine
computes the same number) and a 5-gram's hash combines its five word hashes by position, mixed
to a signed 64-bit integer (`gram_hashes`, vectorised over the whole article). A 5-gram is kept
once per article, with the first sentence that holds it. Shingles never cross a sentence end; a
sentence of fewer than five words gives none. Each sentence also gets a `key`: the hash of all
its folded words, which finds short statements (fewer than five words) by equality.

Everything here is pure Python and numpy on one article, so the embedded and the Spark engine
run the very same code and produce the same rows.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..model import SentenceKind
from .sources import ArchiveArticle

__all__ = ["LANGUAGE_SAMPLE", "SHINGLE_KIND", "SHINGLE_WORDS", "AnalysedArticle", "analyse_article",
           "gram_hashes", "sentence_key", "shingle_hashes"]

SHINGLE_WORDS = 5
"""Words per shingle."""
SHINGLE_KIND = f"word{SHINGLE_WORDS}-blake2b64-mix"
"""Recorded in the index: an index made with other shingles cannot be searched with these."""
LANGUAGE_SAMPLE = 400
"""Characters of an article's opening its language is detected from, when not declared."""
_MULTIPLIERS = (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93,
                0xFF51AFD7ED558CCD)
"""One odd 64-bit constant per position in a 5-gram: the same words in another order hash apart."""


@dataclass(frozen=True)
class AnalysedArticle:
    """An article ready to store: its text as loaded, its sentences and its shingles."""

    article: ArchiveArticle
    text: str
    """The text as loaded (line ends normalised, mojibake repaired): offsets point into it."""
    language: str | None
    """As declared, else detected from the opening (`LANGUAGE_SAMPLE`), else None."""
    sentences: tuple[tuple[int, int, int, str, int], ...]
    """(start, end, paragraph, kind, key) per sentence, in order; kind is a `SentenceKind` value,
    key the `sentence_key` of its text."""
    hashes: Any
    """The article's shingles (numpy int64), each once, in the order first seen."""
    holders: Any
    """For each shingle, the index of the first sentence holding it (numpy int32)."""


@lru_cache(maxsize=1 << 18)
def _word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big")


def gram_hashes(word_hashes: Any) -> Any:
    """Signed 64-bit hashes of every run of `SHINGLE_WORDS` consecutive word hashes (uint64)."""
    import numpy as np

    n = len(word_hashes) - SHINGLE_WORDS + 1
    if n <= 0:
        return np.zeros(0, dtype=np.int64)
    h = np.zeros(n, dtype=np.uint64)
    for j, m in enumerate(_MULTIPLIERS):
        h += word_hashes[j:j + n] * np.uint64(m)
    h ^= h >> np.uint64(31)        # splitmix64's finaliser: every input bit reaches every output bit
    h *= np.uint64(0xBF58476D1CE4E5B9)
    h ^= h >> np.uint64(27)
    h *= np.uint64(0x94D049BB133111EB)
    h ^= h >> np.uint64(31)
    return h.view(np.int64)


def _word_array(words: list[str]) -> Any:
    import numpy as np

    return np.fromiter((_word_hash(w) for w in words), dtype=np.uint64, count=len(words))


def shingle_hashes(text: str) -> list[int]:
    """The hashed word 5-grams of `text`, in order, repeats kept."""
    from ..text.normalize import key_words

    return [int(h) for h in gram_hashes(_word_array(key_words(text)))]


def sentence_key(words: list[str]) -> int:
    """The hash of a sentence's folded words, all of them (0 for a sentence without words)."""
    if not words:
        return 0
    return int.from_bytes(hashlib.blake2b(" ".join(words).encode("utf-8", "surrogatepass"),
                                          digest_size=8).digest(), "big", signed=True)


def _language(article: ArchiveArticle) -> str | None:
    from ..load.language import declared_language, detect_language

    declared = declared_language(article.language)
    if declared:
        return declared
    found = detect_language(article.text[:LANGUAGE_SAMPLE])
    return found.code if found else None


def analyse_article(article: ArchiveArticle) -> AnalysedArticle:
    """Load, segment and shingle one article."""
    import numpy as np

    from ..load.paths import document_from_text
    from ..text.normalize import key_words
    from ..text.segment import segment_document

    language = _language(article)
    doc = document_from_text(article.text, article.id, path=article.source, title=article.title,
                             outlet=article.outlet, date=article.date, language=language or article.language)
    doc = segment_document(doc, doc.language or "en")
    sentences, words, holder = [], [], []
    for i, s in enumerate(doc.sentences):
        folded = key_words(doc.text[s.start:s.end])
        sentences.append((s.start, s.end, s.paragraph, s.kind.value, sentence_key(folded)))
        if s.kind is not SentenceKind.METADATA and len(folded) >= SHINGLE_WORDS:
            words.extend(folded)
            holder.extend([i] * len(folded))
    grams = gram_hashes(_word_array(words))
    at = np.asarray(holder, dtype=np.int32)
    inside = at[:len(grams)] == at[SHINGLE_WORDS - 1:]          # no shingle across a sentence end
    grams, at = grams[inside], at[:len(inside)][inside]
    _, first = np.unique(grams, return_index=True)
    first.sort()
    return AnalysedArticle(article, doc.text, doc.language, tuple(sentences), grams[first], at[first])

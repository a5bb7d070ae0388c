"""A quote's nearest sentence in meaning, in each document where the words found nothing (the
sentence encoder, `variance.align.embed`).

The questions of a whole check are asked together: every quote and every body sentence they are
compared with go to the encoder in one call, so that its texts are encoded in full batches (one
sentence at a time costs about twice as much per text) and the model is loaded only when some
document needs meaning at all. Each document's sentence vectors are kept on the comparison
(`Comparison.memo`), so a second quote compared with it reads them again from neither the cache
nor the encoder.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..model import Comparison, Document, Options, Semantic, Sentence
from .statements import once

__all__ = ["nearest_sentences", "vectors_cached", "read_vectors", "reads_ahead"]


def nearest_sentences(comparison: Comparison, asked: Sequence[tuple[str, Document]]
                      ) -> dict[tuple[str, str], tuple[Sentence, float]]:
    """For each (quote, document) asked, the document's body sentence nearest in meaning to the
    quote and its similarity (cosine of meaning), by (quote, document id); documents with no
    body sentence are left out."""
    docs = {doc.id: doc for _, doc in asked}
    kept = _kept(comparison)
    wanted = [doc for doc in docs.values() if doc.id not in kept]
    texts = list(dict.fromkeys([text for text, _ in asked]
                               + [doc.text[s.start:s.end] for doc in wanted for s in _sentences(doc)]))
    if not texts:
        return {}
    from ..align.embed import default_encoder

    vectors = default_encoder().encode(texts)
    row = {text: i for i, text in enumerate(texts)}
    for doc in wanted:
        sentences = _sentences(doc)
        kept[doc.id] = (sentences, vectors[[row[doc.text[s.start:s.end]] for s in sentences]])
    found: dict[tuple[str, str], tuple[Sentence, float]] = {}
    for text, doc in asked:
        sentences, matrix = kept[doc.id]
        if sentences:
            sims = matrix @ vectors[row[text]]
            k = int(sims.argmax())
            found[text, doc.id] = (sentences[k], float(sims[k]))
    return found


def vectors_cached(documents: Sequence[Document]) -> bool:
    """Whether the encoder's cache holds a vector for every body sentence of `documents` (the
    files are looked at, not read): the corpus was compared before, and the search will ask the
    model at most for a quote it never asked about."""
    from ..align.embed import default_encoder

    return default_encoder().cached(_texts(documents, ()))


def reads_ahead(documents: Sequence[Document], options: Options) -> bool:
    """Whether `corpus.read_quotes` may run before the statements are made: with words alone,
    or when the encoder's cache holds every body sentence's vector (else the model, which the
    aligner then loads too, would be loaded a second time, where a process forked after
    alignment has it already). Here, not in `corpus`, so that asking costs no import of the
    quote check."""
    if options.semantic is Semantic.OFF:
        return True
    return vectors_cached(documents)


def read_vectors(documents: Sequence[Document], quotes: Sequence[str]) -> None:
    """The vectors `nearest_sentences` may ask for that the encoder's cache holds, read into
    memory now (the model is not loaded for the others), so that the search finds them there."""
    from ..align.embed import default_encoder

    default_encoder().recall(_texts(documents, quotes))


def _texts(documents: Sequence[Document], quotes: Sequence[str]) -> list[str]:
    return list(dict.fromkeys([*quotes, *(doc.text[s.start:s.end] for doc in documents for s in _sentences(doc))]))


def _sentences(doc: Document) -> list[Sentence]:
    return [s for s in doc.body_sentences if s.end > s.start]


def _kept(comparison: Comparison) -> dict[str, tuple[list[Sentence], np.ndarray]]:
    """The sentence vectors of the documents compared so far, for this comparison's documents."""
    return once(comparison, "quote sentence vectors", comparison.documents, lambda _: {})

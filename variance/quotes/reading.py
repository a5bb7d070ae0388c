"""What the quote check reads from the documents alone, kept for one tuple of documents.

Most of a quote's check depends on no statement: where its words stand in each document
(`passages.literal_passages`), the word diff of such a passage (`check` reads a verdict from
it), the run of clauses anywhere in a document that shares most of its content words
(`passages.paraphrase_passage` over the whole text), how close the nearest stretch reads
(`passages.closest`), the corpus' stem weights. A `Reading` answers each of these once per
(quote, document) and keeps the answer; the check asks through it (`check._reading`), so an
answer computed ahead is the answer the check would have computed, to the bit.

That lets the pipeline read the documents for the corpus' quotes while the statements are being
made (`variance.pipeline`, `corpus.read_quotes`): the check proper, once the statements come,
finds most of its answers kept.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..diff.classify import make_change
from ..diff.words import diff_texts
from ..model import Change, Document, Op
from .passages import closest, literal_passages, paraphrase_passage, stem_weights

__all__ = ["Reading", "core"]


class Reading:
    """The answers of the quote check that depend on the documents alone (module docstring)."""

    def __init__(self, documents: tuple[Document, ...]):
        self.documents = documents
        """The documents read: answers are kept by document id, valid for these very objects."""
        self._weights: dict[str, float] | None = None
        self._kept: dict[tuple, Any] = {}

    def fits(self, documents: tuple[Document, ...]) -> bool:
        """Whether this reading is of these very documents (the same objects, in order)."""
        return len(documents) == len(self.documents) and all(a is b for a, b in zip(documents, self.documents))

    @property
    def weights(self) -> dict[str, float]:
        """`passages.stem_weights` of the documents."""
        return self.read_weights()

    def read_weights(self) -> dict[str, float]:
        """The stem weights, computed now if they were not yet."""
        if self._weights is None:
            self._weights = stem_weights(self.documents)
        return self._weights

    def literal(self, text: str, doc: Document, floor: float) -> tuple[tuple[float, int, int], ...]:
        """`passages.literal_passages(text, doc, floor=floor)`, best first."""
        return self._once(("literal", text, doc.id, floor),
                          lambda: tuple(literal_passages(text, doc, floor=floor)))

    def paraphrase(self, text: str, doc: Document) -> tuple[float, int, int] | None:
        """`passages.paraphrase_passage` of `text` over the whole of `doc`, with the weights."""
        return self._once(("paraphrase", text, doc.id), lambda: paraphrase_passage(text, doc, self.weights))

    def closest(self, text: str, doc: Document) -> float:
        """`passages.closest(text, doc)`."""
        return self._once(("closest", text, doc.id), lambda: closest(text, doc))

    def changes(self, query: str, doc: Document, start: int, end: int) -> tuple[Change, ...]:
        """The changes of the word diff of `query` (from its first to its last letter or digit)
        against `doc.text[start:end]`."""
        return self._once(("changes", query, doc.id, start, end), lambda: _changes(query, doc.text, start, end))

    def _once(self, key: tuple, compute: Callable[[], Any]) -> Any:
        kept = self._kept
        if key in kept:
            return kept[key]
        found = kept[key] = compute()
        return found


def core(text: str) -> tuple[int, int]:
    """The span from the first to the last letter or digit."""
    alnum = [i for i, ch in enumerate(text) if ch.isalnum()]
    return (alnum[0], alnum[-1] + 1) if alnum else (0, 0)


def _changes(query: str, text: str, start: int, end: int) -> tuple[Change, ...]:
    lo, hi = core(query)
    return tuple(make_change(e.op, query, text, (lo + e.ref_start, lo + e.ref_end),
                             (start + e.wit_start, start + e.wit_end))
                 for e in diff_texts(query[lo:hi], text[start:end]) if e.op is not Op.EQUAL)

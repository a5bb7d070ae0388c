"""The corpus' quotes, checked once in the pipeline within a budget: every direct quote against
every version when that takes seconds, else only the reference's own quotes, else none (and the
comparison says what was left out).

The pipeline runs the check in two steps, in a process of its own (`variance.parallel.Aside`):
`read_quotes` reads the documents for every quote while the statements are being made (what
depends on no statement: `variance.quotes.reading`), `finish_quotes` checks them once the
statements come. `meaning.reads_ahead` says whether the first step may start before the
statements: with the sentence encoder, only when every vector it may ask for is cached already,
so that the model is never loaded twice, once there and once by the aligner.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Comparison, Document, Options, Statement
from ..model.quotes import CorpusQuotes, LeftOut, QuoteCheck, QuoteGroup
from .check import corpus_quotes, distinct_quotes, document_quotes, keep_reading, read_quote
from .reading import Reading

__all__ = ["budgeted_quotes", "read_quotes", "finish_quotes", "QUOTE_BUDGET", "QUOTE_CELLS"]


QUOTE_BUDGET = 1_000_000_000
"""Quotes' total length times the corpus' length above which not every quote is checked
(about 15 s of checking on this machine)."""
QUOTE_CELLS = 5000
"""Quotes times versions above which not every quote is checked."""


def read_quotes(documents: tuple[Document, ...], *, vectors: bool = False) -> Reading:
    """The documents read for the corpus' quotes (`check.read_quote` for each quote) when every
    quote will be checked, else only the stem weights every check reads; with `vectors`, the
    vectors the meaning search may ask for that the encoder's cache holds read as well."""
    reading = Reading(documents)
    quotes = [(q.text(doc), doc.id) for q, doc in distinct_quotes(documents)]
    if _every_quote_fits(documents, [len(text) for text, _ in quotes]):
        for text, doc_id in quotes:
            read_quote(reading, text, doc_id)
    else:
        reading.read_weights()
    if vectors:
        from .meaning import read_vectors

        read_vectors(documents, [text for text, _ in quotes])
    return reading



def finish_quotes(reading: Reading, statements: tuple[Statement, ...], reference: str | None, *,
                  options: Options) -> CorpusQuotes:
    """`budgeted_quotes` of the comparison of `reading`'s documents and these statements, with
    the answers `reading` holds."""
    comparison = Comparison(options, reading.documents, statements, reference)
    keep_reading(comparison, reading)
    return budgeted_quotes(comparison)


def _every_quote_fits(documents: Sequence[Document], lengths: list[int]) -> bool:
    """Whether every quote (of these lengths) may be checked against every document."""
    size = sum(len(d.text) for d in documents)
    return sum(lengths) * size <= QUOTE_BUDGET and len(lengths) * len(documents) <= QUOTE_CELLS


def budgeted_quotes(comparison: Comparison) -> CorpusQuotes:
    """`corpus_quotes` when the corpus is small enough to check every quote against every
    version in seconds; else only the reference's quotes; else none (see `QUOTE_BUDGET`)."""
    docs = comparison.documents
    size = sum(len(d.text) for d in docs)
    every = _quote_lengths(docs)
    if _every_quote_fits(docs, every):
        return CorpusQuotes(tuple(corpus_quotes(comparison)))
    left_out = LeftOut(len(every), len(docs), None)
    ref = comparison.reference
    own = _quote_lengths([comparison.document(ref)]) if ref else []
    if ref is None or not own or sum(own) * size > QUOTE_BUDGET or len(own) * len(docs) > QUOTE_CELLS:
        return CorpusQuotes((), left_out)
    by_statement: dict[int | None, list[QuoteCheck]] = {}
    for check in document_quotes(comparison, ref):
        by_statement.setdefault(check.result(ref).statement, []).append(check)
    order = {st.id: i for i, st in enumerate(comparison.statements)}
    keys = sorted(by_statement, key=lambda k: (k is None, order.get(k, 0) if k is not None else 0))
    return CorpusQuotes(tuple(QuoteGroup(k, tuple(by_statement[k])) for k in keys), LeftOut(len(every), len(docs), ref))


def _quote_lengths(documents) -> list[int]:
    """Lengths of the distinct direct quotes of `documents` (`check.distinct_quotes`)."""
    return [q.end - q.start for q, _ in distinct_quotes(documents)]

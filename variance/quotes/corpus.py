"""The corpus' quotes, checked once in the pipeline within a budget: every direct quote against
every version when that takes seconds, else only the reference's own quotes, else none (and the
comparison says what was left out)."""

from __future__ import annotations

from ..model import Comparison
from ..model.quotes import CorpusQuotes, LeftOut, QuoteCheck, QuoteGroup
from ..text.normalize import key_words
from ..text.quotemarks import direct_quotes
from .check import corpus_quotes, document_quotes

__all__ = ["budgeted_quotes", "QUOTE_BUDGET", "QUOTE_CELLS"]


QUOTE_BUDGET = 1_000_000_000
"""Quotes' total length times the corpus' length above which not every quote is checked
(about 15 s of checking on this machine)."""
QUOTE_CELLS = 5000
"""Quotes times versions above which not every quote is checked."""


def budgeted_quotes(comparison: Comparison) -> CorpusQuotes:
    """`corpus_quotes` when the corpus is small enough to check every quote against every
    version in seconds; else only the reference's quotes; else none (see `QUOTE_BUDGET`)."""
    docs = comparison.documents
    size = sum(len(d.text) for d in docs)
    every = _quote_lengths(docs)
    if sum(every) * size <= QUOTE_BUDGET and len(every) * len(docs) <= QUOTE_CELLS:
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
    """Lengths of the distinct direct quotes of `documents`, told apart as `corpus_quotes`
    does (by their folded words)."""
    seen: dict[tuple[str, ...], int] = {}
    for doc in documents:
        for q in direct_quotes(doc):
            seen.setdefault(tuple(key_words(q.text(doc))), q.end - q.start)
    seen.pop((), None)
    return list(seen.values())

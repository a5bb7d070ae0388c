"""Quotes: where a quote's words stand in a document (`passages`), who they are attributed to
(`attribution`), verdicts per version (`check`) and the corpus' quotes checked within a budget
(`corpus`).

The face's names are imported on first use, so a stage that needs only `attribution` (the
omissions, for speakers' names) does not load the quote check and its fuzzy matching."""

from __future__ import annotations

from typing import TYPE_CHECKING

import lazy_loader

if TYPE_CHECKING:
    from .check import check_quote, corpus_quotes, document_quotes
    from .corpus import budgeted_quotes, finish_quotes, read_quotes
    from .meaning import reads_ahead

__all__ = ["check_quote", "document_quotes", "corpus_quotes", "budgeted_quotes", "read_quotes",
           "finish_quotes", "reads_ahead"]

__getattr__, __dir__, _ = lazy_loader.attach(__name__, submod_attrs={
    "check": ["check_quote", "document_quotes", "corpus_quotes"],
    "corpus": ["budgeted_quotes", "read_quotes", "finish_quotes"], "meaning": ["reads_ahead"]})

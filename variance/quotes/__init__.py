"""Quotes: where a quote's words stand in a document (`passages`), who they are attributed to
(`attribution`), verdicts per version (`check`) and the corpus' quotes checked within a budget
(`corpus`)."""

from .check import check_quote, corpus_quotes, document_quotes
from .corpus import budgeted_quotes

__all__ = ["check_quote", "document_quotes", "corpus_quotes", "budgeted_quotes"]

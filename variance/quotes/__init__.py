"""Quotes: where a quote's words stand in a document (`passages`), who they are attributed to
(`attribution`), verdicts per version (`check`) and the corpus' quotes checked within a budget
(`corpus`).

The face's names are imported on first use, so a stage that needs only `attribution` (the
omissions, for speakers' names) does not load the quote check and its fuzzy matching."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .check import check_quote, corpus_quotes, document_quotes
    from .corpus import budgeted_quotes

__all__ = ["check_quote", "document_quotes", "corpus_quotes", "budgeted_quotes"]

_HOME = {"check_quote": "check", "document_quotes": "check", "corpus_quotes": "check", "budgeted_quotes": "corpus"}


def __getattr__(name: str) -> Any:
    if name in _HOME:
        value = getattr(import_module(f"{__name__}.{_HOME[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

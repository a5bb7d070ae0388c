"""What a format reader hands the loader: the text as loaded, declared fields and notes."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import MetaSpan

__all__ = ["Extracted", "merge_spans"]


@dataclass(frozen=True)
class Extracted:
    """The body text of one input, with what the input declares about itself."""

    text: str
    """The text every offset of the document will point into."""
    fields: dict[str, str] = field(default_factory=dict)
    """Declared metadata among title, outlet, date, language, role."""
    notes: tuple[str, ...] = ()
    """What extraction did ("extracted text from PDF (3 pages)", "left out page numbers")."""
    spans: tuple[MetaSpan, ...] = ()
    """Metadata spans the format itself marks (a Word heading), added to those found in the text."""


def merge_spans(given: tuple[MetaSpan, ...], found) -> tuple[MetaSpan, ...]:
    """The format's own spans, plus those found in the text that overlap none of them, in order."""
    kept = list(given) + [f for f in found
                          if not any(f.start < g.end and g.start < f.end for g in given)]
    return tuple(sorted(kept, key=lambda span: (span.start, span.end)))

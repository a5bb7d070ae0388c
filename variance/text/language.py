"""The language a document is compared in: as loaded (declared or detected by the loader),
else Chinese when Han characters dominate its letters, else the comparison's language. The
aligner and the diff ask the same question, so they never disagree on it."""

from __future__ import annotations

import re
from functools import cache

from ..model import Document
from .scripts import holds_from

__all__ = ["comparison_language"]

_LETTER = re.compile(r"[^\W\d_]")
_SAMPLE = 2000


def comparison_language(doc: Document, default: str) -> str:
    """`doc.language`, else "zh" for a text mostly in Han script, else `default`."""
    if doc.language:
        return doc.language
    sample = doc.text[:_SAMPLE]
    if not holds_from(sample, 0xE4):  # no character from U+4000 on: no Han
        return default
    letters = len(_LETTER.findall(sample))
    return "zh" if letters and len(_han().findall(sample)) > 0.3 * letters else default


@cache
def _han() -> re.Pattern[str]:
    """Han characters: compiled when first asked for (its 28,000 code points take `re` 3 ms)."""
    return re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

"""Text that is safe to hold: `valid_unicode` is applied at load. A lone surrogate (from JSON
`"\\ud800"`, a broken UTF-16 pair) cannot be encoded as UTF-8, so it becomes U+FFFD, one
character for one (offsets hold), and the loader notes how many. What is safe to *show* on a
terminal is the views' business (`variance.render.terminal`)."""

from __future__ import annotations

import re

__all__ = ["valid_unicode", "REPLACEMENT"]

REPLACEMENT = "\ufffd"
_SURROGATE = re.compile("[\ud800-\udfff]")


def valid_unicode(text: str) -> tuple[str, int]:
    """`text` with each lone surrogate replaced by U+FFFD, and how many there were."""
    if not _SURROGATE.search(text):
        return text, 0
    return _SURROGATE.subn(REPLACEMENT, text)

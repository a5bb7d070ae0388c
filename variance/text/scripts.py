"""Whether a text holds a character from a given block of Unicode on, answered without a
regular expression: the patterns of scripts far from Latin (Han: 28,000 code points) take `re`
milliseconds to compile, and most corpora never need them.

A character from U+0800 on is three or four bytes in UTF-8, and its first byte alone says which
block of 4,096 code points (U+1000 for E1, U+3000 for E3...) it opens; continuation bytes are
below 0xC0. So the text holds a character from the block of `lead` on exactly when its UTF-8
form holds a byte from `lead` on: one `encode` and one `translate`, both in C (15 µs for 4,000
characters, where `max(text)` takes 300).
"""

from __future__ import annotations

from functools import cache

__all__ = ["holds_from"]


def holds_from(text: str, lead: int) -> bool:
    """Does `text` hold a character of the block that `lead` opens in UTF-8, or of a later one?
    `lead` is 0xE1..0xEF: 0xE3 asks for a character from U+3000 on, 0xE4 from U+4000 on.
    Surrogates count as characters from U+D000."""
    return bool(text.encode("utf-8", "surrogatepass").translate(None, _below(lead)))


@cache
def _below(lead: int) -> bytes:
    if not 0xE1 <= lead <= 0xEF:
        raise ValueError(f"not the lead byte of a three-byte character: {lead:#x}")
    return bytes(range(lead))

"""Word-level edit scripts between two members, built with diff-match-patch.

Each token (a word, an abbreviation such as "U.S.", a run of spaces, or one other character)
is mapped to one private code point, diff-match-patch diffs those strings with no timeout and
semantic clean-up, and the result is mapped back to the original text. Tokens keep their
offsets, so applying the script to one side rebuilds the other exactly. This is the only
module that imports diff-match-patch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from diff_match_patch import diff_match_patch

from ..model import Op

__all__ = ["Edit", "tokenize", "diff_texts", "apply_edits"]

TOKEN_RE = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:['’\-][^\W_]+)*|\s+|.", re.S)
_FIRST_CODE = 0xE000  # private use area first, then planes 15-16: never a surrogate


@dataclass(frozen=True)
class Edit:
    """One step of the script, as `[start, end)` into each side's text."""

    op: Op
    ref_start: int
    ref_end: int
    wit_start: int
    wit_end: int


def tokenize(text: str) -> list[tuple[int, int]]:
    """Token spans covering `text` exactly, in order."""
    return [m.span() for m in TOKEN_RE.finditer(text)]


def _code(n: int) -> str:
    if n < 0x1900:                      # U+E000..U+F8FF
        return chr(_FIRST_CODE + n)
    return chr(0xF0000 + n - 0x1900)    # supplementary private use planes


def _encode(text: str, spans, table: dict[str, str]) -> str:
    out = []
    for s, e in spans:
        token = text[s:e]
        code = table.get(token)
        if code is None:
            code = table[token] = _code(len(table))
        out.append(code)
    return "".join(out)


@lru_cache(maxsize=4096)
def _reference_side(reference: str) -> tuple[tuple[tuple[int, int], ...], str, dict[str, str]]:
    """The reference's tokens, its codes and the table they fill (codes in order of first
    occurrence): a statement's reference member is diffed against every other version, so
    this is done once per reference text. The table is copied before a witness extends it."""
    spans = tokenize(reference)
    table: dict[str, str] = {}
    return tuple(spans), _encode(reference, spans, table), table


def diff_texts(reference: str, witness: str) -> list[Edit]:
    """The edit script turning `reference` into `witness`, equal runs included."""
    ref_spans, a, ref_table = _reference_side(reference)
    wit_spans, table = tokenize(witness), dict(ref_table)
    b = _encode(witness, wit_spans, table)
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    diffs = dmp.diff_main(a, b, False)
    dmp.diff_cleanupSemantic(diffs)
    return _to_edits(diffs, ref_spans, wit_spans, len(reference), len(witness))


def _to_edits(diffs, ref_spans, wit_spans, ref_len: int, wit_len: int) -> list[Edit]:
    edits: list[Edit] = []
    i = j = 0  # token positions
    pending_del = pending_ins = 0

    def pos(spans, k, total):
        return spans[k][0] if k < len(spans) else total

    def flush():
        nonlocal i, j, pending_del, pending_ins
        if pending_del or pending_ins:
            op = Op.REPLACE if pending_del and pending_ins else (Op.DELETE if pending_del else Op.INSERT)
            edits.append(Edit(op, pos(ref_spans, i, ref_len), pos(ref_spans, i + pending_del, ref_len),
                              pos(wit_spans, j, wit_len), pos(wit_spans, j + pending_ins, wit_len)))
            i, j = i + pending_del, j + pending_ins
            pending_del = pending_ins = 0

    for tag, chunk in diffs:
        if tag == diff_match_patch.DIFF_DELETE:
            pending_del += len(chunk)
        elif tag == diff_match_patch.DIFF_INSERT:
            pending_ins += len(chunk)
        else:
            flush()
            n = len(chunk)
            edits.append(Edit(Op.EQUAL, pos(ref_spans, i, ref_len), pos(ref_spans, i + n, ref_len),
                              pos(wit_spans, j, wit_len), pos(wit_spans, j + n, wit_len)))
            i, j = i + n, j + n
    flush()
    return edits


def apply_edits(reference: str, witness: str, edits: list[Edit]) -> tuple[str, str]:
    """Both sides rebuilt from the script: (reference, witness). A test invariant."""
    ref = "".join(reference[e.ref_start:e.ref_end] for e in edits if e.op is not Op.INSERT)
    wit = "".join(witness[e.wit_start:e.wit_end] for e in edits if e.op is not Op.DELETE)
    return ref, wit

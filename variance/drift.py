"""Pair diffs for every statement: each member against the reference member, every change
classified, and a drift score (0 = the same up to cosmetic changes, 1 = nothing in common)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from .classify import make_change
from .diff import diff_texts
from .model import ChangeKind, Document, Member, Op, PairDiff, Statement
from .quotes import inside_quote, quote_spans

__all__ = ["diff_statements", "diff_members", "anchor_member", "pieces"]

_WORD = re.compile(r"[^\W_]+")


def anchor_member(statement: Statement, reference: str | None) -> Member:
    """The member others are compared with: the reference's, else the most central one."""
    ref = statement.member(reference) if reference else None
    return ref or max(statement.members, key=lambda m: (m.confidence, -len(m.sentences), m.document))


def diff_statements(statements: Sequence[Statement], documents: Sequence[Document],
                    reference: str | None) -> tuple[Statement, ...]:
    by_id = {d.id: d for d in documents}
    out = []
    for st in statements:
        if len(st.members) < 2:
            out.append(st)
            continue
        anchor = anchor_member(st, reference)
        diffs = tuple(diff_members(by_id[anchor.document], anchor, by_id[m.document], m)
                      for m in st.members if m is not anchor)
        out.append(replace(st, diffs=diffs))
    return tuple(out)


def diff_members(ref_doc: Document, ref: Member, wit_doc: Document, wit: Member) -> PairDiff:
    """The classified word diff of `wit` against `ref`, offsets in document coordinates."""
    a, b = ref_doc.text[ref.start:ref.end], wit_doc.text[wit.start:wit.end]
    qa, qb = quote_spans(a), quote_spans(b)
    changes = []
    for e in diff_texts(a, b):
        if e.op is Op.EQUAL:
            continue
        quoted = inside_quote(qa, e.ref_start, e.ref_end) or inside_quote(qb, e.wit_start, e.wit_end)
        change = make_change(e.op, a, b, (e.ref_start, e.ref_end), (e.wit_start, e.wit_end),
                             quoted=quoted)
        changes.append(replace(change, ref_start=ref.start + e.ref_start, ref_end=ref.start + e.ref_end,
                               wit_start=wit.start + e.wit_start, wit_end=wit.start + e.wit_end))
    return PairDiff(wit.document, ref.document, _drift(a, b, changes), tuple(changes))


def _drift(a: str, b: str, changes) -> float:
    total = len(_WORD.findall(a)) + len(_WORD.findall(b))
    if total == 0:
        return 0.0
    moved = sum(len(_WORD.findall(c.reference)) + len(_WORD.findall(c.witness))
                for c in changes if c.kind is not ChangeKind.COSMETIC)
    return round(min(1.0, moved / total), 4)


def pieces(text: str, start: int, end: int, changes, side: str = "witness"):
    """A member's text cut into `(slice, change or None)` pieces, in order, for views to colour.

    `side` is "witness" (the member the changes belong to) or "reference" (the member they are
    measured against). Unchanged stretches come with None; joining the slices gives the text.
    """
    lo, hi = ("wit_start", "wit_end") if side == "witness" else ("ref_start", "ref_end")
    out = []
    pos = start
    for c in changes:
        s, e = getattr(c, lo), getattr(c, hi)
        if s > pos:
            out.append((text[pos:s], None))
        if e > s:
            out.append((text[s:e], c))
        pos = max(pos, e)
    if pos < end:
        out.append((text[pos:end], None))
    return out

"""Which statement of a comparison holds a quote: each document's members by statement, looked
up once per comparison and kept on it (`Comparison.memo`) for as long as it holds the same
statements."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Comparison, Member, Statement

__all__ = ["Own", "holding", "home_statement", "members_of", "once", "statement_at", "top_passage"]

HELD_SHARE = 0.8
"""Share of a quote one member must hold for its statement to be the quote's own."""


def home_statement(comparison: Comparison, literal) -> int | None:
    """The statement holding the closest literal passage anywhere, if it reads close."""
    top = top_passage(literal)
    return None if top is None else statement_at(comparison, *top)


def top_passage(literal) -> tuple[str, int, int] | None:
    """(document, start, end) of the closest literal passage anywhere."""
    top = max(((f[0], doc, f[1], f[2]) for doc, found in literal.items() for f in found[:1]),
              default=None)
    return None if top is None else (top[1], top[2], top[3])


@dataclass(frozen=True)
class Own:
    """The quote's own statement: the one whose member holds the quote where it is printed."""

    statement: int | None
    """The statement, or None when no one member holds the quote (it says several)."""
    anchor: tuple[str, int, int] | None
    """(document, start, end) of the quote where it is printed (or read closest)."""


def holding(comparison: Comparison, doc_id: str, start: int, end: int) -> int | None:
    """The statement whose member in `doc_id` holds at least `HELD_SHARE` of `[start, end)`:
    the quote says one statement, not parts of several."""
    for sid, m in members_of(comparison).get(doc_id, ()):
        if min(end, m.end) - max(start, m.start) >= HELD_SHARE * (end - start):
            return sid
    return None


def statement_at(comparison: Comparison, doc_id: str, start: int, end: int) -> int | None:
    """The statement whose member in `doc_id` overlaps `[start, end)` the most."""
    best, most = None, 0
    for sid, m in members_of(comparison).get(doc_id, ()):
        if (shared := min(end, m.end) - max(start, m.start)) > most:
            best, most = sid, shared
    return best


def members_of(comparison: Comparison) -> dict[str, list[tuple[int, Member]]]:
    """Each document's members with their statement ids, in statement order, built once."""
    def build(statements: tuple[Statement, ...]) -> dict[str, list[tuple[int, Member]]]:
        out: dict[str, list[tuple[int, Member]]] = {}
        for st in statements:
            for m in st.members:
                if st.member(m.document) is m:          # a document's main member, once
                    out.setdefault(m.document, []).append((st.id, m))
        return out
    return once(comparison, "members by document", comparison.statements, build)


def once(comparison: Comparison, name: str, source, compute):
    """`compute(source)` kept on the comparison for as long as it holds that very `source`
    (a comparison copied with other statements computes its own)."""
    kept = comparison.memo.get(name)
    if kept is None or kept[0] is not source:
        kept = comparison.memo[name] = (source, compute(source))
    return kept[1]

"""`variance trace`: every indexed article carrying a statement, ranked, with its wording.

Candidates are the articles sharing at least one shingle with the statement (one equality lookup
per shingle in the `shingles` table, which `index` keeps in hash order, so DuckDB's zone maps
read one or two row groups per shingle), most shared first, at most `limit` of them. Each
candidate is then checked with variance's own quote check (`variance.quotes.check.check_quote`:
the closest passage, its word diff, a verdict); articles found absent are dropped. Carriers are
ranked by verdict, then similarity, then date and key.
"""

from __future__ import annotations

from ..errors import InputError
from ..model import Carrier, Comparison, Options, Trace
from .shingles import SHINGLE_WORDS, shingle_hashes
from .store import Index

__all__ = ["LIMIT", "candidates", "trace_statement"]

LIMIT = 500
"""Candidate articles checked per statement, most shared shingles first."""


def candidates(index: Index, text: str) -> list[tuple[int, int]]:
    """(article number, shared shingles) for every article sharing a shingle, most first."""
    hashes = sorted(set(shingle_hashes(text)))
    if not hashes:
        raise InputError(f"statement too short to trace (at least {SHINGLE_WORDS} words): {text!r}")
    lookups = " UNION ALL ".join(["SELECT article FROM shingles WHERE hash = ?"] * len(hashes))
    return index.con.execute(f"SELECT article, count(*) AS shared FROM ({lookups}) GROUP BY article "
                             "ORDER BY shared DESC, article", hashes).fetchall()


def trace_statement(index: Index, text: str, *, limit: int = LIMIT) -> Trace:
    """The carriers of `text` in the index, best first."""
    from ..model.quotes import VERDICT_RANK, Verdict
    from ..quotes import check_quote

    found = candidates(index, text)
    shared = dict(found[:limit])
    docs = index.documents(shared)
    urls = dict(index.con.execute("SELECT id, url FROM articles WHERE article IN (SELECT unnest(?))",
                                  [list(shared)]).fetchall())
    number = {d.id: n for d, n in zip(docs, shared)}
    check = check_quote(Comparison(Options(), tuple(docs), (), None), text)
    carriers = []
    for doc, match in zip(docs, check.results):
        if match.verdict is Verdict.ABSENT:
            continue
        carriers.append(Carrier(doc.id, doc.outlet, doc.date, urls.get(doc.id), doc.title,
                                match.verdict.value, round(match.similarity, 4),
                                doc.text[match.start:match.end], match.start, match.end, match.changes,
                                shared[number[doc.id]]))
    carriers.sort(key=lambda c: (VERDICT_RANK[Verdict(c.verdict)], -c.similarity, c.date or "", c.article))
    return Trace(text, tuple(carriers), len(found), len(shared))

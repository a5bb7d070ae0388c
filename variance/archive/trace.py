"""`variance trace`: every indexed article carrying a statement, ranked, with its wording.

The work per statement is bounded, whatever the archive holds:
1. Evidence, in one query: the statement's shingles are looked up in `shingles` (one equality
   lookup each; `index` keeps the table in hash order, so DuckDB's zone maps read one or two
   row groups per shingle) and counted per article and per sentence. A statement of fewer than
   five words has no shingle: its folded words are looked up as a whole sentence instead
   (`sentences.key`), so it is found where an article prints it as a sentence of its own, case,
   accents and punctuation aside.
2. Ranking: articles by shared shingles (most first, then by number); only the best `limit`
   are verified, and the trace says how many more share words with it.
3. Verification, on the passages only: each candidate's sentences are cut to windows around
   the `SPOTS` sentences holding most of the shared shingles (`WINDOW` either side, more for a
   statement of several sentences), and the quote check of variance
   (`variance.quotes.check.check_quote`: the closest passage, its word diff, a verdict) runs once
   over all these windows, words only.
4. Meaning, where the lexical evidence is thin: of the best `MEANING` candidates, those the words
   found absent are checked again with the sentence encoder on their best sentences alone
   (`variance.align.embed`; a sentence near enough in meaning is a paraphrase, as for quotes):
   at most `MEANING * SPOTS` sentences encoded per statement, each once (vectors are cached).
   Not with `semantic=False` (`--semantic off`). Articles found absent are dropped.
Carriers are ranked by verdict, then similarity, then date and key.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..errors import InputError
from ..model import Carrier, Comparison, Document, Options, Semantic, Trace
from .shingles import SHINGLE_WORDS, sentence_key, shingle_hashes
from .store import Index

__all__ = ["LIMIT", "MEANING", "SPOTS", "WINDOW", "candidates", "trace_statement"]

LIMIT = 50
"""Candidate articles verified per statement, most shared shingles first."""
WINDOW = 2
"""Sentences either side of a candidate's best sentences that the quote check reads."""
SPOTS = 3
"""Sentences of a candidate, those holding most shared shingles, that the quote check reads
around (an article that repeats the statement's phrases holds each shingle only once, with
the first sentence that has it, so the statement's own sentence may hold few)."""
MEANING = 10
"""Best candidates whose absent verdict the sentence encoder checks again."""
_SENTENCE_END = re.compile(r"[.!?。！？][”\"»]?\s+")

_EVIDENCE = """
WITH hits AS (SELECT article, sentence, count(*) AS n FROM ({lookups}) GROUP BY article, sentence)
SELECT article, sum(n)::INTEGER AS shared, list(sentence ORDER BY n DESC, sentence)[1:{spots}] AS at,
       count(*) OVER () AS total
FROM hits GROUP BY article ORDER BY shared DESC, article LIMIT ?"""

_SENTENCE = """
SELECT article, 0, list(sentence ORDER BY sentence)[1:{spots}] AS at, count(*) OVER () AS total FROM sentences
WHERE key = ? AND kind <> 'metadata' GROUP BY article ORDER BY article LIMIT ?"""


def candidates(index: Index, text: str, limit: int = LIMIT) -> tuple[int, list[tuple[int, int, list[int]]]]:
    """(articles with any evidence, the best `limit` as (article, shared shingles, its best
    sentences))."""
    from ..text.normalize import key_words

    words = key_words(text)
    if not words:
        raise InputError(f"nothing to trace: the statement has no words: {text!r}")
    if len(words) < SHINGLE_WORDS:
        rows = index.con.execute(_SENTENCE.format(spots=SPOTS), [sentence_key(words), limit]).fetchall()
    else:
        hashes = sorted(set(shingle_hashes(text)))
        lookups = " UNION ALL ".join(["SELECT article, sentence FROM shingles WHERE hash = ?"] * len(hashes))
        rows = index.con.execute(_EVIDENCE.format(lookups=lookups, spots=SPOTS), [*hashes, limit]).fetchall()
    total = rows[0][3] if rows else 0
    return total, [(a, shared, at) for a, shared, at, _ in rows]


def _window(doc: Document, spots: list[int], reach: int) -> Document:
    """The document with only the sentences within `reach` of one of `spots` (offsets kept)."""
    return replace(doc, sentences=tuple(s for s in doc.sentences if any(abs(s.index - at) <= reach for at in spots)))


def trace_statement(index: Index, text: str, *, limit: int = LIMIT, semantic: bool = True) -> Trace:
    """The carriers of `text` in the index, best first."""
    from ..model.quotes import VERDICT_RANK, Verdict
    from ..quotes import check_quote

    total, found = candidates(index, text, limit)
    evidence = {a: (shared, at) for a, shared, at in found}
    reach = max(WINDOW, len(_SENTENCE_END.findall(text.strip())) + 1)
    full = dict(zip(evidence, index.documents(evidence)))
    docs = [_window(full[n], evidence[n][1], reach) for n in evidence]
    urls = dict(index.con.execute("SELECT id, url FROM articles WHERE article IN (SELECT unnest(?))",
                                  [list(evidence)]).fetchall())
    number = {d.id: n for d, n in zip(docs, evidence)}
    matches = list(zip(docs, check_quote(Comparison(Options(semantic=Semantic.OFF), tuple(docs), (), None),
                                         text).results))
    thin = [n for n in list(evidence)[:MEANING] if semantic
            and next(m for d, m in matches if number[d.id] == n).verdict is Verdict.ABSENT]
    if thin:
        spots = [_window(full[n], evidence[n][1], 0) for n in thin]
        again = dict(zip(thin, check_quote(Comparison(Options(), tuple(spots), (), None), text).results))
        matches = [(d, again.get(number[d.id], m)) for d, m in matches]
    carriers = []
    for doc, match in matches:
        if match.verdict is Verdict.ABSENT:
            continue
        carriers.append(Carrier(doc.id, doc.outlet, doc.date, urls.get(doc.id), doc.title,
                                match.verdict.value, round(match.similarity, 4),
                                doc.text[match.start:match.end], match.start, match.end, match.changes,
                                evidence[number[doc.id]][0]))
    carriers.sort(key=lambda c: (VERDICT_RANK[Verdict(c.verdict)], -c.similarity, c.date or "", c.article))
    return Trace(text, tuple(carriers), total, len(found))

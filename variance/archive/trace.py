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
5. Meaning, across languages or where the words find little (fewer than `THIN` carriers, or
   articles in another language than the statement's are indexed): when the index holds
   sentence vectors (`index --vectors`), the sentences nearest the statement in meaning, one
   per article (`archive.vectors.nearest`, the best `limit`); in another language a
   translation (its similarity of meaning, no word diff), else the quote check on that
   sentence. Without vectors, a statement in another language than most articles gets a note
   saying how to add them.
Carriers are ranked by verdict (translations last), then similarity (of meaning for
translations), then date and key.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..errors import InputError
from ..model import TRANSLATION, Carrier, Comparison, Document, Options, Semantic, Trace
from .shingles import SHINGLE_WORDS, sentence_key, shingle_hashes
from .store import Index
from .vectors import has_vectors, model_version, nearest, stored_model

__all__ = ["LIMIT", "MEANING", "NEAR", "SPOTS", "THIN", "WINDOW", "candidates", "statement_language", "trace_statement"]

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
THIN = 3
"""Carriers found by the words under which the sentence vectors are searched too."""
NEAR = 0.6
"""Similarity of meaning from which a sentence found by the vectors is checked: the quote
check's `MEANING_QUOTE_MIN`, from which a sentence is a paraphrase (a test keeps them equal)."""
_RANK = {"verbatim": 0, "cosmetic": 1, "changed": 2, "paraphrased": 3, TRANSLATION: 4}
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


def trace_statement(index: Index, text: str, *, limit: int = LIMIT, semantic: bool = True,
                    meaning: bool | None = None) -> Trace:
    """The carriers of `text` in the index, best first. `meaning`: search the sentence vectors
    too (True), never (False), or (None) when the words find fewer than `THIN` carriers or the
    index holds articles in another language than the statement; only with `semantic` and
    vectors in the index."""
    total, found = candidates(index, text, limit)
    carriers = _lexical(index, text, found, semantic)
    language = statement_language(text)
    languages = index.languages()
    foreign = language is not None and any(lang not in (None, language) for lang in languages)
    note = None
    by_meaning = 0
    if semantic and has_vectors(index):
        if meaning or (meaning is None and (len(carriers) < THIN or foreign)):
            more = _by_meaning(index, text, language, {c.article for c in carriers}, limit)
            by_meaning = more[0]
            carriers += more[1]
    elif semantic and meaning is not False and language is not None and language != next(iter(languages), None):
        note = _no_vectors(index, language, str(next(iter(languages))))
    carriers.sort(key=lambda c: (_RANK[c.verdict], -(c.meaning or 0.0) if c.verdict == TRANSLATION else
                                 -c.similarity, c.date or "", c.article))
    return Trace(text, tuple(carriers), total, len(found), by_meaning, note)


def _no_vectors(index: Index, language: str, theirs: str) -> str:
    """The one line of a trace across languages on an index without (usable) vectors."""
    made = stored_model(index) if index.has_table("vectors") else None
    why = (f"its sentence vectors are of {made}, this variance encodes with {model_version()}" if made
           else "no sentence vectors in this index")
    return (f"{index.path}: {why}, so a statement in {language} is matched by its words alone against "
            f"articles in {theirs}; {'make' if made else 'add'} them with "
            f"'variance index ARCHIVE... --db {index.path} --vectors'")


def statement_language(text: str) -> str | None:
    """The statement's language, detected from its text (None when too short to tell)."""
    from ..load.language import detect_language

    found = detect_language(text)
    return found.code if found else None


def _lexical(index: Index, text: str, found: list[tuple[int, int, list[int]]], semantic: bool) -> list[Carrier]:
    """Steps 3 and 4: the quote check on the candidates' passages, the encoder on the thin ones."""
    from ..model.quotes import Verdict
    from ..quotes import check_quote

    evidence = {a: (shared, at) for a, shared, at in found}
    reach = max(WINDOW, len(_SENTENCE_END.findall(text.strip())) + 1)
    full = dict(zip(evidence, index.documents(evidence)))
    docs = [_window(full[n], evidence[n][1], reach) for n in evidence]
    urls = _urls(index, list(evidence))
    number = {d.id: n for d, n in zip(docs, evidence)}
    matches = list(zip(docs, check_quote(Comparison(Options(semantic=Semantic.OFF), tuple(docs), (), None),
                                         text).results))
    thin = [n for n in list(evidence)[:MEANING] if semantic
            and next(m for d, m in matches if number[d.id] == n).verdict is Verdict.ABSENT]
    if thin:
        spots = [_window(full[n], evidence[n][1], 0) for n in thin]
        again = dict(zip(thin, check_quote(Comparison(Options(), tuple(spots), (), None), text).results))
        matches = [(d, again.get(number[d.id], m)) for d, m in matches]
    return [_carrier(doc, match, urls, evidence[number[doc.id]][0]) for doc, match in matches
            if match.verdict is not Verdict.ABSENT]


def _urls(index: Index, articles: list[int]) -> dict[str, str | None]:
    return dict(index.con.execute("SELECT id, url FROM articles WHERE article IN (SELECT unnest(?))",
                                  [articles]).fetchall())


def _carrier(doc: Document, match, urls: dict[str, str | None], shared: int) -> Carrier:
    return Carrier(doc.id, doc.outlet, doc.date, urls.get(doc.id), doc.title, match.verdict.value,
                   round(match.similarity, 4), doc.text[match.start:match.end], match.start, match.end,
                   match.changes, shared, match.meaning, doc.language)


def _by_meaning(index: Index, text: str, language: str | None, known: set[str],
                limit: int) -> tuple[int, list[Carrier]]:
    """Step 5: the sentences nearest the statement in meaning (the index's vectors), at least
    `NEAR` near, best first, one per article not already a carrier. An article
    in another language than the statement carries a translation (no word diff across
    languages); one in the same language gets variance's quote check on that sentence, words
    and meaning, as a lexical candidate does."""
    from ..align.embed import default_encoder, one_thread
    from ..quotes import check_quote

    with one_thread():
        vector = default_encoder().encode([text])[0]
    best: dict[int, tuple[int, float]] = {}
    for article, sentence, cosine in nearest(index, vector, floor=NEAR, limit=limit):
        best.setdefault(article, (sentence, cosine))
    found = index.documents(best)                  # every article a vector names is indexed
    number = {d.id: n for d, n in zip(found, best)}
    docs = [d for d in found if d.id not in known]
    urls = _urls(index, [number[d.id] for d in docs])
    carriers: list[Carrier] = []
    same = []
    for doc in docs:
        sentence, cosine = best[number[doc.id]]
        if language is not None and doc.language not in (None, language):
            s = next(x for x in doc.sentences if x.index == sentence)
            carriers.append(Carrier(doc.id, doc.outlet, doc.date, urls.get(doc.id), doc.title, TRANSLATION, 0.0,
                                    doc.text[s.start:s.end], s.start, s.end, (), 0, round(cosine, 4),
                                    doc.language))
        else:
            same.append(_window(doc, [sentence], 0))
    if same:
        from ..model.quotes import Verdict

        checked = check_quote(Comparison(Options(), tuple(same), (), None), text).results
        carriers += [_carrier(d, m, urls, 0) for d, m in zip(same, checked) if m.verdict is not Verdict.ABSENT]
    return len(docs), carriers

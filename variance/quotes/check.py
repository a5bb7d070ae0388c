"""Checking a quote against every version: where each document carries it, how close it
stays, whether it is printed as a quote, and who it is attributed to.

For each document the closest literal passage (`variance.quotes.passages.literal_passages`) is diffed
word by word against the quote (`variance.diff.words`, kinds from `variance.diff.classify`):
- verbatim: the same characters, spacing aside;
- cosmetic: only case, punctuation or quote style differ;
- changed: words differ, but the passage reads close to the quote (similarity at least
  `CHANGED_MIN`) and keeps most of its content words (`KEPT_MIN`);
- paraphrased: a run of clauses shares enough of the quote's content words (`overlap` at least
  `PARAPHRASE_MIN`, or `HOME_MIN` inside the statement that carries the quote best elsewhere),
  for a quote of `PARAPHRASE_WORDS` content words or more; or, when the words find none, one
  sentence means the same (the sentence encoder, similarity of meaning at least
  `MEANING_QUOTE_MIN`; not with `--semantic off`): a remembered paraphrase. The words decide
  first for every quote of a check, then the meaning all of them still need is asked in one
  call (`variance.quotes.meaning`);
- absent: nothing that close.
The thresholds come from cases written from the seeds (tests/data/quote_cases.tsv) and are
explained in docs/quotes.md. Attribution conflicts (the same words given to different people)
are found across documents and within one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..model import Comparison, Document, Member, Semantic
from ..model.quotes import Conflict, Quote, QuoteCheck, QuoteGroup, QuoteMatch, Verdict
from ..text.normalize import key_words
from ..text.quotemarks import direct_quotes, quoted_share
from .attribution import attribute, same_speaker
from .passages import content_stems, overlap, paraphrase_passage, similarity
from .reading import Reading, core
from .statements import Own, holding, home_statement, once, statement_at, top_passage

__all__ = ["check_quote", "document_quotes", "corpus_quotes", "distinct_quotes", "read_quote", "keep_reading",
           "CHANGED_MIN", "KEPT_MIN", "PARAPHRASE_MIN", "HOME_MIN", "PARAPHRASE_WORDS"]

CHANGED_MIN = 0.75
"""Similarity (folded characters) from which a passage may be the quote, changed."""
KEPT_MIN = 0.7
"""Share of the quote's content words a changed passage keeps (their stems may change)."""
PARAPHRASE_MIN = 0.6
"""Overlap of content words from which a passage is a paraphrase wherever it stands."""
HOME_MIN = 0.45
"""Overlap from which a passage is a paraphrase inside the statement that carries the quote."""
PARAPHRASE_WORDS = 4
"""Content words a quote needs before a paraphrase of it can be told from chance."""
MEANING_QUOTE_MIN = 0.6
"""Similarity of meaning (the sentence encoder) from which a sentence is a paraphrase of the
quote when the words alone found none."""
ALIGNED_MIN = 0.25
"""Overlap from which the member of the quote's own statement is a paraphrase of it: the
alignment is the evidence, the words only confirm that the member still says the quote."""
QUOTED_SHARE = 0.5
"""Share of a passage inside quotation marks from which it counts as quoted."""


def check_quote(comparison: Comparison, text: str, *, source: str | None = None,
                span: tuple[int, int] | None = None) -> QuoteCheck:
    """Where every document of `comparison` carries `text`, how close, and who says it.
    `span`: where the quote stands in `source`, which then carries it verbatim there, and whose
    statement is the quote's own (its members in other versions are where a paraphrase is)."""
    return _checked(comparison, [_by_words(comparison, text, source, span)])[0]


@dataclass(frozen=True)
class _Words:
    """A quote's check as far as the words go."""

    text: str
    source: str | None
    literal: dict[str, list]
    """Each document's literal passages (`literal_passages`), closest first."""
    results: tuple[QuoteMatch | None, ...]
    """Each document's match by the words; None where its meaning is asked next."""


def _by_words(comparison: Comparison, text: str, source: str | None, span: tuple[int, int] | None) -> _Words:
    reading = _reading(comparison)
    literal = {d.id: list(reading.literal(text, d, CHANGED_MIN)) for d in comparison.documents}
    anchor = None
    if source in literal and span is not None:
        lo, hi = core(comparison.document(source).text[span[0]:span[1]])
        anchor = (source, span[0] + lo, span[0] + hi) if hi > lo else None
    if anchor is not None:
        at, lo, hi = anchor
        literal[at] = [(1.0, lo, hi)] + [f for f in literal[at] if f[2] <= lo or f[1] >= hi]
        home = statement_at(comparison, at, lo, hi)
    else:
        home, anchor = home_statement(comparison, literal), top_passage(literal)
    whole = Own(holding(comparison, *anchor), anchor) if anchor is not None else Own(None, None)
    own = source if span is not None else None
    weights = _weights(comparison) if len(content_stems(text)) >= PARAPHRASE_WORDS else None
    results: list[QuoteMatch | None] = []
    for doc in comparison.documents:
        if own is not None and doc.id == own:
            results.append(_match(comparison, doc, text, Verdict.VERBATIM, literal[doc.id][0], []))
        else:
            results.append(_best_match(comparison, doc, text, weights, literal[doc.id], home, whole))
    return _Words(text, source, literal, tuple(results))


def _checked(comparison: Comparison, checks: list[_Words]) -> list[QuoteCheck]:
    """The checks finished: the meaning of every quote asked in one call of the encoder
    (`variance.quotes.meaning`), then the further passages and the conflicts."""
    asked = [(c.text, doc) for c in checks for doc, r in zip(comparison.documents, c.results) if r is None]
    if asked:
        from .meaning import nearest_sentences  # numpy: a reading for the quotes needs none of it

        nearest = nearest_sentences(comparison, asked)
    else:
        nearest = {}
    out = []
    for check in checks:
        results, also = [], []
        for doc, found in zip(comparison.documents, check.results):
            if found is None:
                found = _meaning_match(comparison, doc, check.text, nearest.get((check.text, doc.id)))
            results.append(found)
            for passage in _others(check.literal[doc.id], found):
                match = _literal_match(comparison, doc, check.text, passage)
                if match is not None:
                    also.append(match)
        out.append(QuoteCheck(check.text, check.source, _ranked(results), tuple(also), _conflicts(results + also)))
    return out


def _ranked(results: list[QuoteMatch]) -> tuple[QuoteMatch, ...]:
    """The results with no absent version scoring above a version that carries the quote:
    an absent one's closest stretch is capped at the lowest similarity found."""
    found = [m.similarity for m in results if m.verdict is not Verdict.ABSENT]
    if not found:
        return tuple(results)
    cap = min(found)
    return tuple(replace(m, similarity=min(m.similarity, cap)) if m.verdict is Verdict.ABSENT else m
                 for m in results)


def _weights(comparison: Comparison) -> dict[str, float]:
    """`stem_weights` of the comparison's documents, looked up once per comparison (hashing a
    thousand documents for every match cost more than the match)."""
    return _reading(comparison).weights


def _reading(comparison: Comparison) -> Reading:
    """The answers that depend on the documents alone (`variance.quotes.reading`), kept on the
    comparison: the one `keep_reading` gave it, else one made on first use."""
    return once(comparison, "document reading", comparison.documents, Reading)


def keep_reading(comparison: Comparison, reading: Reading) -> None:
    """Let the checks of `comparison` use `reading`, when it is a reading of its very documents
    (answers read ahead, while the statements were being made)."""
    if reading.fits(comparison.documents):
        comparison.memo["document reading"] = (comparison.documents, reading)


def read_quote(reading: Reading, text: str, source: str | None) -> None:
    """Ask `reading` ahead what the check of `text` (printed in `source`) will ask it in every
    other document, as far as no statement decides: the literal passages, the closest one's
    diff, and where that makes no match, the paraphrase anywhere in the document, its diff
    when it is one, else how close the nearest stretch reads. What the check asks besides, it
    computes then; what is asked here and not used costs time, never a result."""
    long_enough = len(content_stems(text)) >= PARAPHRASE_WORDS
    for doc in reading.documents:
        literal = reading.literal(text, doc, CHANGED_MIN)
        if doc.id == source:
            continue     # where the quote is printed, it stands verbatim
        if literal and _literal_verdict(reading, doc, text, literal[0]) is not None:
            continue
        para = reading.paraphrase(text, doc) if long_enough else None
        if para is not None and para[0] >= PARAPHRASE_MIN:
            reading.changes(text, doc, para[1], para[2])
        else:
            reading.closest(text, doc)


def _best_match(comparison: Comparison, doc: Document, text: str, weights, literal,
                home: int | None, whole: Own) -> QuoteMatch | None:
    """The closest literal match; else a paraphrase (when `weights` are given: the quote is
    long enough to tell one); else None when meaning is asked next; else absent."""
    if literal:
        match = _literal_match(comparison, doc, text, literal[0])
        if match is not None:
            return match
    para = _paraphrase(comparison, doc, text, home) if weights is not None else None
    if para is None and weights is not None:
        para = _aligned(comparison, doc, text, whole.statement)
    if para is None:
        para = _quoted_counterpart(comparison, doc, text, whole)
    if para is None and weights is not None and comparison.options.semantic is not Semantic.OFF:
        return None
    return para if para is not None else _absent(comparison, doc, text)


def _absent(comparison: Comparison, doc: Document, text: str) -> QuoteMatch:
    return QuoteMatch(doc.id, Verdict.ABSENT, 0, 0, _reading(comparison).closest(text, doc), 0.0, False, None,
                      (), None)


def _literal_match(comparison: Comparison, doc: Document, text: str, found) -> QuoteMatch | None:
    """The verbatim, cosmetic or changed match a literal passage makes, or None."""
    reading = _reading(comparison)
    verdict = _literal_verdict(reading, doc, text, found)
    if verdict is None:
        return None
    return _match(comparison, doc, text, verdict, found, reading.changes(text, doc, found[1], found[2]))


def _literal_verdict(reading: Reading, doc: Document, text: str, found) -> Verdict | None:
    """Verbatim, cosmetic or changed: what a literal passage makes of the quote, or None."""
    similarity, start, end = found
    changes = reading.changes(text, doc, start, end)
    lo, hi = core(text)
    if " ".join(text[lo:hi].split()) == " ".join(doc.text[start:end].split()):
        return Verdict.VERBATIM
    if all(key_words(c.reference) == key_words(c.witness) for c in changes):
        return Verdict.COSMETIC
    if similarity >= CHANGED_MIN and _kept(text, changes) >= KEPT_MIN:
        return Verdict.CHANGED
    return None


def _paraphrase(comparison: Comparison, doc: Document, text: str, home) -> QuoteMatch | None:
    best = _reading(comparison).paraphrase(text, doc)
    if best is not None and best[0] >= PARAPHRASE_MIN:
        return _paraphrase_match(comparison, doc, text, best)
    member = next((st.member(doc.id) for st in comparison.statements if st.id == home), None)
    if member is not None:
        inside = paraphrase_passage(text, doc, _weights(comparison), start=member.start, end=member.end)
        if inside is not None and inside[0] >= HOME_MIN:
            return _paraphrase_match(comparison, doc, text, inside)
    return None


def _aligned(comparison: Comparison, doc: Document, text: str, home: int | None) -> QuoteMatch | None:
    """The member `doc` has of the quote's own statement (the alignment put it with the quote),
    when it shares at least `ALIGNED_MIN` of the quote's content words: a paraphrase or a
    translation the words alone did not reach. The passage is the run of clauses inside the
    member that shares most, else the whole member."""
    member = _member(comparison, home, doc.id)
    if member is None:
        return None
    inside = paraphrase_passage(text, doc, _weights(comparison), start=member.start,
                                end=_region_end(doc, member))
    if inside is None or inside[0] < ALIGNED_MIN:
        return None
    return _paraphrase_match(comparison, doc, text, inside)


def _member(comparison: Comparison, statement: int | None, doc_id: str) -> Member | None:
    st = next((st for st in comparison.statements if st.id == statement), None)
    return st.member(doc_id) if st is not None else None


def _region_end(doc: Document, member: Member) -> int:
    """Where a member's words end, or the next sentence's when the member ends on a colon:
    the cue that introduces a quote printed as its own sentence ("... stressed to the media:")."""
    if not doc.text[member.start:member.end].rstrip(" ”\"").endswith(":"):
        return member.end
    after = next((s for s in doc.sentences if s.start >= member.end), None)
    return after.end if after is not None else member.end


def _quoted_counterpart(comparison: Comparison, doc: Document, text: str, own: Own) -> QuoteMatch | None:
    """The direct quote `doc` prints in its member of the quote's own statement, in the same
    place among as many quotes as the quote's member prints: a translated title or slogan
    ("Running Out of Time 2" / "Bomb Disposal Expert 2") shares no word, but the alignment and
    the quotation marks say where it is."""
    if own.anchor is None or own.anchor[0] == doc.id:
        return None
    source, start, end = own.anchor
    theirs, mine = _member(comparison, own.statement, source), _member(comparison, own.statement, doc.id)
    if theirs is None or mine is None:
        return None
    src = comparison.document(source)
    inside = [q for q in direct_quotes(src) if theirs.start <= q.start and q.end <= _region_end(src, theirs)]
    here = [q for q in direct_quotes(doc) if mine.start <= q.start and q.end <= _region_end(doc, mine)]
    at = next((i for i, q in enumerate(inside) if q.start < end and start < q.end), None)
    if at is None or len(here) != len(inside):
        return None
    q = here[at]
    return _paraphrase_match(comparison, doc, text, (0.0, q.start, q.end))


def _meaning_match(comparison: Comparison, doc: Document, text: str, nearest) -> QuoteMatch:
    """The body sentence nearest in meaning to the quote (`nearest`: the sentence and its
    similarity), when it is at least `MEANING_QUOTE_MIN` near: a remembered paraphrase that
    shares few words; else absent."""
    if nearest is None or nearest[1] < MEANING_QUOTE_MIN:
        return _absent(comparison, doc, text)
    s, meaning = nearest
    found = (similarity(text, doc.text[s.start:s.end]), s.start, s.end)
    changes = _reading(comparison).changes(text, doc, s.start, s.end)
    match = _match(comparison, doc, text, Verdict.PARAPHRASED, found, changes)
    return replace(match, meaning=round(meaning, 4))


def _paraphrase_match(comparison: Comparison, doc: Document, text: str, found) -> QuoteMatch:
    _, start, end = found
    changes = _reading(comparison).changes(text, doc, start, end)
    return _match(comparison, doc, text, Verdict.PARAPHRASED, (similarity(text, doc.text[start:end]), start, end),
                  changes)


def _match(comparison: Comparison, doc: Document, text: str, verdict: Verdict, found,
           changes) -> QuoteMatch:
    similarity, start, end = found
    return QuoteMatch(
        doc.id, verdict, start, end, similarity,
        overlap(content_stems(text), content_stems(doc.text[start:end]), _weights(comparison)),
        quoted_share(direct_quotes(doc), start, end) >= QUOTED_SHARE,
        attribute(doc, start, end), tuple(changes), statement_at(comparison, doc.id, start, end))


def _others(literal, best: QuoteMatch):
    """Further literal passages of a document that do not overlap the ones already taken."""
    taken = [(best.start, best.end)] if best.verdict is not Verdict.ABSENT else []
    for found in literal[1:]:
        if all(found[2] <= s or found[1] >= e for s, e in taken):
            taken.append((found[1], found[2]))
            yield found


def _kept(query: str, changes) -> float:
    """Share of the quote's content words the passage keeps, in the same or another form."""
    total = content_stems(query)
    real = [c for c in changes if key_words(c.reference) != key_words(c.witness)]
    lost = content_stems(" ".join(c.reference for c in real)) - \
        content_stems(" ".join(c.witness for c in real))
    return 1.0 - len(lost & total) / len(total) if total else 0.0


def _conflicts(matches: list[QuoteMatch]) -> tuple[Conflict, ...]:
    """Different people given the same words, across documents or within one."""
    people: list[tuple[str, list[str]]] = []
    for m in matches:
        a = m.attribution
        if a is None or a.kind != "person" or a.via == "unresolved" or m.verdict is Verdict.ABSENT:
            continue
        for name, docs in people:
            if same_speaker(name, a.speaker):
                if m.document not in docs:
                    docs.append(m.document)
                break
        else:
            people.append((a.speaker, [m.document]))
    if len(people) < 2:
        return ()
    return (Conflict(tuple((name, tuple(docs)) for name, docs in people)),)


def document_quotes(comparison: Comparison, doc_id: str) -> list[QuoteCheck]:
    """Every direct quote printed in one document, each checked across all documents."""
    doc = comparison.document(doc_id)
    checks: list[_Words] = []
    seen: set[tuple[str, ...]] = set()
    for q in direct_quotes(doc):
        key = tuple(key_words(q.text(doc)))
        if key and key not in seen:
            seen.add(key)
            checks.append(_by_words(comparison, q.text(doc), doc_id, (q.start, q.end)))
    return _checked(comparison, checks)


def distinct_quotes(documents: Sequence[Document]) -> list[tuple[Quote, Document]]:
    """Each direct quote of `documents` with its document, in order, but only the first of
    those with the same folded words (a quote printed alike in several documents) and none
    without a word."""
    seen: set[tuple[str, ...]] = set()
    out = []
    for doc in documents:
        for q in direct_quotes(doc):
            key = tuple(key_words(q.text(doc)))
            if key and key not in seen:
                seen.add(key)
                out.append((q, doc))
    return out


def corpus_quotes(comparison: Comparison) -> list[QuoteGroup]:
    """Every direct quote of the corpus, checked across all documents, grouped by the
    statement that holds it in its source document (statement order; quotes outside every
    statement, such as headlines, last). A quote printed alike in several documents is
    checked once, from the first."""
    groups: dict[int | None, list[QuoteCheck]] = {}
    checks: list[_Words] = []
    homes: list[int | None] = []
    for q, doc in distinct_quotes(comparison.documents):
        checks.append(_by_words(comparison, q.text(doc), doc.id, (q.start, q.end)))
        homes.append(statement_at(comparison, doc.id, q.start, q.end))
    for home, check in zip(homes, _checked(comparison, checks)):
        groups.setdefault(home, []).append(check)
    order = {st.id: i for i, st in enumerate(comparison.statements)}
    keys = sorted(groups, key=lambda k: (k is None, order.get(k, 0) if k is not None else 0))
    return [QuoteGroup(k, tuple(groups[k])) for k in keys]

"""Making decisions from what a person sees: a statement, one of its members, a sentence of
another version, another statement. Also the choices offered: the sentences and statements
most like the one on screen, ranked by similarity of their words, and for sentences also of
their meaning (the sentence encoder, unless the comparison was made with `--semantic off`), so
that a paraphrase sharing few words is offered too."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ..model import Comparison, Member, Semantic, Statement
from ..model.decisions import Decision, DecisionKind, DecisionSpan, SpanRole
from .store import new_decision

__all__ = ["Candidate", "link_candidates", "merge_candidates", "decide_unlink", "decide_link",
           "decide_merge", "decide_split", "decide_note", "decide_verify"]

MOST = 40
"""Choices offered at most."""
MEANING_MOST = 2000
"""Sentences whose meaning is compared at most (the encoder's cost is per sentence): those of
versions that lack the statement first, then the others by similarity of words."""


def _never() -> bool:
    """A search nobody cancels."""
    return False


@dataclass(frozen=True)
class Candidate:
    """A sentence of some version that could join a statement."""

    document: str
    start: int
    end: int
    text: str
    similarity: float
    """0..1, how alike its words are to the statement's closest member."""
    statement: int | None
    """The statement holding it now, if any."""
    meaning: float | None = None
    """Similarity of meaning to the statement (sentence encoder, cosine), when compared."""


def link_candidates(c: Comparison, st: Statement, most: int = MOST, *,
                    cancelled: Callable[[], bool] = _never) -> tuple[Candidate, ...]:
    """Body sentences not already in `st`, most like it first: the most alike in words and
    the most alike in meaning in turn. `cancelled` is asked before each version is read and
    before the meanings are compared (half a second of CPU at a thousand versions, for a
    dialog that may be closed meanwhile): once it answers True the search stops and finds
    nothing."""
    from rapidfuzz import fuzz, process

    texts = [_text(c, m) for m in _places(st)][:4]  # a few wordings: linear in the corpus
    taken = {(m.document, s.start) for m in _places(st) for s in m.spans}
    holder = {(m.document, s.start): other.id for other in c.statements for m in _places(other)
              for s in m.spans}
    spans: dict[str, list[tuple[int, int]]] = {}
    for m in _places(st):
        spans.setdefault(m.document, []).extend((s.start, s.end) for s in m.spans)
    similarity: dict[str, float] = {}
    """Each distinct sentence text's, measured once (syndicated copies repeat most of them)."""
    found = []
    for doc in c.documents:
        if cancelled():
            return ()
        inside = spans.get(doc.id, ())
        for s in doc.body_sentences:
            if (doc.id, s.start) in taken or any(a <= s.start and s.end <= b for a, b in inside):
                continue
            text = doc.text[s.start:s.end]
            if text not in similarity:
                best = process.extractOne(text, texts, scorer=fuzz.token_set_ratio)
                similarity[text] = round(best[1] / 100, 4) if best else 0.0
            found.append(Candidate(doc.id, s.start, s.end, text, similarity[text],
                                   holder.get((doc.id, s.start))))
    found.sort(key=lambda k: (-k.similarity, k.document, k.start))
    if c.options.semantic is Semantic.OFF or not found or not texts:
        return tuple(found[:most])
    if cancelled():
        return ()
    found = _with_meaning(found, texts, {m.document for m in st.members})
    by_meaning = sorted(found, key=lambda k: (-(k.meaning if k.meaning is not None else -1.0),
                                              k.document, k.start))
    return tuple(_in_turn(found, by_meaning)[:most])


def _in_turn(*rankings: list[Candidate]) -> list[Candidate]:
    """The first of each ranking, then the second of each, ..., each candidate once: words and
    meaning each bring their best (a paraphrase scores low in words, a near copy with another
    subject high in meaning)."""
    out: dict[tuple[str, int], Candidate] = {}
    for row in zip(*rankings):
        for k in row:
            out.setdefault((k.document, k.start), k)
    return list(out.values())


def _with_meaning(found: list[Candidate], texts: list[str], carrying: set[str]) -> list[Candidate]:
    """The candidates with their similarity of meaning to the statement's wordings (the
    nearest of them), for the `MEANING_MOST` that matter most (see there)."""
    from dataclasses import replace

    from ..align.embed import default_encoder, one_thread

    order = sorted(range(len(found)), key=lambda i: (found[i].document in carrying, -found[i].similarity))
    chosen = order[:MEANING_MOST]
    with one_thread():
        vectors = default_encoder().encode(texts + [found[i].text for i in chosen])
        sims = (vectors[len(texts):] @ vectors[:len(texts)].T).max(axis=1)
    out = list(found)
    for i, sim in zip(chosen, sims):
        out[i] = replace(found[i], meaning=round(float(sim), 4))
    return out


def merge_candidates(c: Comparison, st: Statement, most: int = MOST, *,
                     cancelled: Callable[[], bool] = _never) -> tuple[tuple[Statement, float], ...]:
    """Other statements, most like `st` first; nothing once `cancelled` (asked before each
    statement is compared) answers True."""
    from rapidfuzz import fuzz

    mine = _wordings(c, st)
    ranked = []
    for other in c.statements:
        if cancelled():
            return ()
        if other.id != st.id:
            ranked.append((other, round(fuzz.token_set_ratio(mine, _wordings(c, other)) / 100, 4)))
    ranked.sort(key=lambda x: (-x[1], x[0].id))
    return tuple(ranked[:most])


def decide_unlink(c: Comparison, st: Statement, document: str, *, author: str, note: str = "") -> Decision:
    """`document`'s member does not belong to `st`."""
    moving = [m for m in _places(st) if m.document == document]
    staying = [m for m in _places(st) if m.document != document]
    return new_decision(DecisionKind.UNLINK, [*_spans(c, moving, SpanRole.MEMBER),
                                              *_spans(c, staying, SpanRole.STATEMENT)], author=author, note=note)


def decide_link(c: Comparison, st: Statement, candidate: Candidate, *, author: str, note: str = "") -> Decision:
    """The candidate sentence belongs to `st`."""
    doc = c.document(candidate.document)
    span = DecisionSpan(doc.id, doc.sha256, candidate.start, candidate.end,
                        doc.text[candidate.start:candidate.end], SpanRole.MEMBER)
    return new_decision(DecisionKind.LINK, [span, *_spans(c, _places(st), SpanRole.STATEMENT)],
                        author=author, note=note)


def decide_merge(c: Comparison, st: Statement, other: Statement, *, author: str, note: str = "") -> Decision:
    """`st` and `other` are one statement."""
    return new_decision(DecisionKind.MERGE, [*_spans(c, _places(st), SpanRole.STATEMENT),
                                             *_spans(c, _places(other), SpanRole.MEMBER)],
                        author=author, note=note)


def decide_split(c: Comparison, st: Statement, documents: Iterable[str], *, author: str,
                 note: str = "") -> Decision:
    """The members of `documents` are a statement of their own, apart from the rest of `st`."""
    off = set(documents)
    return new_decision(DecisionKind.SPLIT, [
        *_spans(c, [m for m in _places(st) if m.document in off], SpanRole.MEMBER),
        *_spans(c, [m for m in _places(st) if m.document not in off], SpanRole.STATEMENT)],
        author=author, note=note)


def decide_note(c: Comparison, st: Statement, note: str, *, author: str) -> Decision:
    return new_decision(DecisionKind.NOTE, _spans(c, _places(st), SpanRole.STATEMENT), author=author,
                        note=note)


def decide_verify(c: Comparison, st: Statement, *, author: str, note: str = "") -> Decision:
    return new_decision(DecisionKind.VERIFY, _spans(c, _places(st), SpanRole.STATEMENT), author=author,
                        note=note)


def _places(st: Statement) -> tuple[Member, ...]:
    return st.members + st.repeats


def _spans(c: Comparison, members: Sequence[Member], role: SpanRole) -> list[DecisionSpan]:
    out = []
    for m in members:
        doc = c.document(m.document)
        out += [DecisionSpan(doc.id, doc.sha256, s.start, s.end, doc.text[s.start:s.end], role)
                for s in m.spans]
    return out


def _text(c: Comparison, m: Member) -> str:
    text = c.document(m.document).text
    return " ".join(text[s.start:s.end] for s in m.spans)


def _wordings(c: Comparison, st: Statement) -> str:
    """The members' texts, each distinct one once: `token_set_ratio` compares sets of words,
    which a text said again does not change."""
    return " ".join(dict.fromkeys(_text(c, m) for m in st.members))

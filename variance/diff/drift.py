"""Pair diffs for every statement: each member against the reference member, every change
classified, and a drift score (0 = the same up to cosmetic changes, 1 = nothing in common)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ..model import Change, ChangeKind, Document, Member, Op, PairDiff, Statement
from ..parallel import Warn, parallel_map
from ..text.language import comparison_language
from ..text.quotemarks import inside_quote, quote_spans
from .classify import make_change, settle_moved_cues
from .words import diff_texts

__all__ = ["diff_statements", "diff_members"]

_WORD = re.compile(r"[^\W_]+")


PARALLEL_MIN_DIFFS = 3000
"""Below this many member diffs, one process is faster than starting a pool."""


def diff_statements(statements: Sequence[Statement], documents: Sequence[Document],
                    reference: str | None, language: str = "en", *, warn: Warn | None = None
                    ) -> tuple[Statement, ...]:
    """Every statement with its pair diffs, and whether a member prints quotation marks; large
    corpora use every core. Members in another language than their anchor are not diffed
    (`language` is the comparison's)."""
    by_id = {d.id: d for d in documents}
    lang = {d.id: comparison_language(d, language) for d in documents}
    jobs: list[tuple[int, Member, Member]] = []
    for k, st in enumerate(statements):
        if len(st.members) > 1:
            anchor = st.anchor(reference)
            jobs.extend((k, anchor, m) for m in st.members
                        if m is not anchor and lang[m.document] == lang[anchor.document])
    tasks = [(by_id[a.document].text[a.start:a.end], by_id[m.document].text[m.start:m.end])
             for _, a, m in jobs]
    scripts = _run_diffs(tasks, warn)
    diffs: dict[int, list[PairDiff]] = {}
    for (k, anchor, member), (changes, drift) in zip(jobs, scripts):
        diffs.setdefault(k, []).append(PairDiff(member.document, anchor.document, drift,
                                                _placed(changes, anchor.start, member.start)))
    quoted: dict[str, bool] = {}     # syndicated copies: many members, few wordings

    def prints_quote(m: Member) -> bool:
        text = by_id[m.document].text[m.start:m.end]
        if text not in quoted:
            quoted[text] = bool(quote_spans(text))
        return quoted[text]

    return tuple(replace(st, diffs=tuple(diffs.get(k, ())), quoted=any(prints_quote(m) for m in st.members))
                 for k, st in enumerate(statements))


def _run_diffs(tasks: list[tuple[str, str]], warn: Warn | None = None) -> list:
    unique = list(dict.fromkeys(tasks))
    results = parallel_map(_diff_pair, unique, at_least=PARALLEL_MIN_DIFFS, what="the word diffs", warn=warn)
    done = dict(zip(unique, results))
    return [done[t] for t in tasks]


def _diff_pair(pair: tuple[str, str]):
    """Classified changes of `b` against `a`, offsets relative to each text, and the drift."""
    a, b = pair
    qa, qb = quote_spans(a), quote_spans(b)
    changes = []
    for e in diff_texts(a, b):
        if e.op is Op.EQUAL:
            continue
        quoted = _mostly_quoted(qa, a, e.ref_start, e.ref_end) or \
            _mostly_quoted(qb, b, e.wit_start, e.wit_end)
        changes.append(make_change(e.op, a, b, (e.ref_start, e.ref_end), (e.wit_start, e.wit_end),
                                   quoted=quoted))
    return settle_moved_cues(changes), _drift(a, b, changes)


def _mostly_quoted(spans: list[tuple[int, int]], text: str, start: int, end: int) -> bool:
    """Whether most of the words of `text[start:end]` lie inside quotation marks (a change that
    only brushes a quote, or adds one among other words, is not a change of the quote)."""
    words = [m.span() for m in _WORD.finditer(text, start, end)]
    if not words:
        return inside_quote(spans, start, end)
    inside = sum(1 for s, e in words if inside_quote(spans, s, e))
    return inside * 2 > len(words)


def diff_members(ref_doc: Document, ref: Member, wit_doc: Document, wit: Member) -> PairDiff:
    """The classified word diff of `wit` against `ref`, offsets in document coordinates."""
    [(changes, drift)] = _run_diffs([(ref_doc.text[ref.start:ref.end], wit_doc.text[wit.start:wit.end])])
    return PairDiff(wit.document, ref.document, drift, _placed(changes, ref.start, wit.start))


def _placed(changes, ref_offset: int, wit_offset: int) -> tuple[Change, ...]:
    """Changes moved from member-relative to document offsets."""
    return tuple(Change(c.op, c.ref_start + ref_offset, c.ref_end + ref_offset, c.wit_start + wit_offset,
                        c.wit_end + wit_offset, c.reference, c.witness, c.kind, c.severity)
                 for c in changes)


def _drift(a: str, b: str, changes) -> float:
    total = len(_WORD.findall(a)) + len(_WORD.findall(b))
    if total == 0:
        return 0.0
    # A change that is not cosmetic counts at least once even without words of its own (a
    # quotation mark opened around a claim, a sign): drift is 0 for cosmetic changes only.
    moved = sum(max(1, len(_WORD.findall(c.reference)) + len(_WORD.findall(c.witness)))
                for c in changes if c.kind is not ChangeKind.COSMETIC)
    return round(min(1.0, moved / total), 4)

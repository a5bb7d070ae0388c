"""Versions that report another event: a date that disagrees with the rest.

Each document's event date is its declared date (metadata, a "date" line, a dateline such as
"BEIJING, June 20, 2023"), else the first "Month day" of its dateline or first three body
sentences. When at least two other versions agree on a date (within a few days) and a version
gives a date further away, that version reports another event (seed 000, the June 2023
meeting, beside four versions of the April 2024 one). A date read from the body is only a
guess (a version that opens on "funds released on July 17 and 22" may report the July 24
visit further down): a version whose text itself writes the date the others agree on reports
their event. Its members are taken out of the
statements they share with the others, unless the wording is near-verbatim or the editor kept
the member there (a link, pin, merge or verify of the editor's), where the link stays and is
listed in `OtherEvent.kept` ("another event"). Place and participants are not compared:
the versions of one story often differ in both (datelines name where the copy was filed).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from rapidfuzz import fuzz

from ..model import Document, Member, OtherEvent, SentenceKind, Statement
from ..model.decisions import Constraints, Place
from ..text.normalize import fold

__all__ = ["find_other_events", "separate_events", "NEAR_VERBATIM"]

NEAR_VERBATIM = 90.0
"""Similarity (rapidfuzz ratio of folded texts, 0-100) from which a member of another event
stays linked: the same words reported again, worth seeing beside the others."""
_SAME_EVENT_DAYS = 3
"""Dates this close are one event (a readout dated the day after the meeting)."""
_MONTHS = {m: i + 1 for i, m in enumerate("january february march april may june july august "
                                          "september october november december".split())}
_MONTH_DAY = re.compile(r"\b(" + "|".join(m.capitalize() for m in _MONTHS) +
                        r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+((?:19|20)\d\d))?")
_DAY_MONTH = re.compile(r"\b(\d{1,2})\s+(" + "|".join(m.capitalize() for m in _MONTHS) +
                        r")\b(?:,?\s+((?:19|20)\d\d))?")
_ISO = re.compile(r"^((?:19|20)\d\d)-(\d\d)-(\d\d)")

_When = tuple[int | None, int, int]
"""(year or None, month, day)."""


def _declared(doc: Document) -> _When | None:
    m = _ISO.match(doc.date or "")
    return (int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


def _written(text: str) -> _When | None:
    """The first date written out in `text` ("April 26", "26 April 2024", "June 20, 2023")."""
    found = _all_written(text)
    return found[0] if found else None


def _all_written(text: str) -> list[_When]:
    """Every date written out in `text`, in order."""
    found = []
    for m in _MONTH_DAY.finditer(text):
        found.append((m.start(), int(m.group(3)) if m.group(3) else None,
                      _MONTHS[m.group(1).lower()], int(m.group(2))))
    for m in _DAY_MONTH.finditer(text):
        found.append((m.start(), int(m.group(3)) if m.group(3) else None,
                      _MONTHS[m.group(2).lower()], int(m.group(1))))
    return [f[1:] for f in sorted(found) if 1 <= f[3] <= 31]


def event_date(doc: Document) -> _When | None:
    """When the document says its event happened: declared, else written near the top."""
    return _dated(doc)[0]


def _dated(doc: Document) -> tuple[_When | None, bool]:
    """The event date and whether it was only read from the first body sentences."""
    declared = _declared(doc)
    if declared:
        return declared, False
    head = [doc.text[m.start:m.end] for m in doc.meta if m.kind in ("dateline", "date")]
    when = _written(" ".join(head))
    if when is not None:
        return when, False
    body = [doc.text[s.start:s.end] for s in doc.sentences if s.kind is SentenceKind.BODY][:3]
    return _written(" ".join(body)), True


def _writes(doc: Document, when: _When) -> bool:
    """Does the document write, anywhere, a valid date within `_SAME_EVENT_DAYS` of `when`?"""
    for other in _all_written(doc.text):
        try:
            if _days_apart(other, when) <= _SAME_EVENT_DAYS:
                return True
        except ValueError:
            continue
    return False


def _days_apart(a: _When, b: _When) -> int:
    """Days between two dates; without both years, the month and day alone (same year)."""
    year = a[0] if a[0] and b[0] else 2000
    ya, yb = (a[0], b[0]) if a[0] and b[0] else (year, year)
    return abs((date(ya, a[1], a[2]) - date(yb, b[1], b[2])).days)


def _iso(when: _When) -> str:
    return (f"{when[0]:04d}-" if when[0] else "") + f"{when[1]:02d}-{when[2]:02d}"


def find_other_events(documents: Sequence[Document]) -> tuple[OtherEvent, ...]:
    """The documents whose event date disagrees with a date at least two others agree on."""
    dated, guessed = {}, {}
    for d in documents:
        try:
            when, guessed[d.id] = _dated(d)
            if when is not None:
                _days_apart(when, when)          # a valid calendar date
                dated[d.id] = when
        except ValueError:
            continue
    found = []
    near = _near_counts(list(dated.values()))
    firsts: dict[_When, list[tuple[int, str]]] = {}
    for i, (doc_id, when) in enumerate(dated.items()):
        owners = firsts.setdefault(when, [])
        if len(owners) < 2:
            owners.append((i, doc_id))
    by_id = {d.id: d for d in documents}
    for doc_id, when in dated.items():
        count, majority = _majority(doc_id, when, firsts, near)
        if count >= 2 and _days_apart(when, majority) > _SAME_EVENT_DAYS and near[when] - 1 < count \
                and not (guessed[doc_id] and _writes(by_id[doc_id], majority)):
            found.append(OtherEvent(doc_id, _iso(when), _iso(majority),
                                    f"another event: dated {_iso(when)}; {count} other versions "
                                    f"give {_iso(majority)}"))
    return tuple(found)


def _near_counts(dates: list[_When]) -> dict[_When, int]:
    """For each distinct date, how many of `dates` (itself included) lie within
    `_SAME_EVENT_DAYS` of it: distinct dates are few, so this stays linear in the documents."""
    copies = Counter(dates)
    return {w: sum(k for o, k in copies.items() if _days_apart(o, w) <= _SAME_EVENT_DAYS)
            for w in copies}


def _majority(doc_id: str, when: _When, firsts: dict[_When, list[tuple[int, str]]],
              near: dict[_When, int]) -> tuple[int, _When]:
    """The date the most other documents agree with (within a few days) and how many: of the
    dates the other documents give, the first in document order with the most support (a date
    with a year first), each date's support counted without `doc_id` itself. `firsts` holds
    each distinct date's first two (position, document id)."""
    best: tuple[int, bool, int] | None = None
    chosen = when
    for w, owners in firsts.items():
        position = next((i for i, k in owners if k != doc_id), None)
        if position is None:
            continue
        key = (near[w] - (_days_apart(when, w) <= _SAME_EVENT_DAYS), w[0] is not None, -position)
        if best is None or key > best:
            best, chosen = key, w
    return (best[0], chosen) if best else (0, when)


def _overlaps(m: Member, place: Place) -> bool:
    return m.document == place.document and m.start < place.end and place.start < m.end


def _linked_by_editor(m: Member, others: Sequence[Member], constraints: Constraints | None) -> bool:
    """Did a decision keep `m` in one statement with another version's member of it?"""
    return any(any(_overlaps(m, p) for p in group) and
               any(_overlaps(o, p) for o in others for p in group)
               for c in (constraints.items if constraints else ()) for group in c.together)


def separate_events(statements: Sequence[Statement], documents: Sequence[Document],
                    events: Sequence[OtherEvent], constraints: Constraints | None = None
                    ) -> tuple[tuple[Statement, ...], tuple[OtherEvent, ...]]:
    """Statements with another event's members taken out unless near-verbatim or kept there
    by the editor's `constraints`; those taken out become statements of their own (new ids
    after the last). The events come back with the statements they stay linked to."""
    if not events:
        return tuple(statements), tuple(events)
    apart = {e.document for e in events}
    texts = {d.id: d.text for d in documents}
    kept: dict[str, list[int]] = {e.document: [] for e in events}
    out, split_off = [], []
    for st in statements:
        others = [m for m in st.members if m.document not in apart]
        if not others or len(others) == len(st.members):
            out.append(st)
            continue
        stay = []
        for m in st.members:
            if m.document not in apart:
                continue
            text = fold(texts[m.document][m.start:m.end])
            best = max(fuzz.ratio(text, fold(texts[o.document][o.start:o.end])) for o in others)
            if best >= NEAR_VERBATIM or _linked_by_editor(m, others, constraints):
                stay.append(m)
                kept[m.document].append(st.id)
            else:
                split_off.append((m, [r for r in st.repeats if r.document == m.document]))
        members = tuple(m for m in st.members if m.document not in apart or m in stay)
        repeats = tuple(r for r in st.repeats if r.document not in apart or
                        any(s.document == r.document for s in stay))
        score = round(sum(m.confidence for m in members) / len(members), 4) if len(members) > 1 else 0.0
        out.append(replace(st, members=members, repeats=repeats, score=score))
    next_id = max((st.id for st in statements), default=0) + 1
    for k, (m, theirs) in enumerate(split_off):
        out.append(Statement(next_id + k, (replace(m, confidence=0.0, reason=()),), 0.0,
                             repeats=tuple(theirs)))
    return tuple(out), tuple(replace(e, kept=tuple(kept[e.document])) for e in events)

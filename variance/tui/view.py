"""What the terminal UI shows of a `Comparison`: the user's filter and lookups for the screens.

Pure functions over the `Comparison` the pipeline built; nothing here changes a result, it only
decides which changes a screen colours and finds things for the cursor. No Textual here, so the
rules are tested without a terminal.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass, replace
from enum import Enum
from functools import cached_property

from ..model import (
    SEVERITY_RANK,
    Artefact,
    Change,
    ChangeKind,
    Comparison,
    Member,
    SentenceKind,
    Severity,
    Statement,
)
from ..render.labels import short_labels

__all__ = ["ViewFilter", "Status", "FINDINGS", "SearchHit", "Lookup", "short_labels", "GLYPH", "WIDE"]

WIDE = 16
"""More versions than this and the coverage matrix shows each statement as a strip of glyphs,
one per version, instead of a column per version."""
GLYPH = {"absent": "·", "only": "■", "anchor": "◆", "same": "=", "low": "○", "medium": "●", "high": "▲"}
"""The glyph of each cell of a strip (one character each, all different)."""
_RUNS = re.compile(r"(.)\1*")
"""A run of one glyph."""


@dataclass(frozen=True)
class ViewFilter:
    """Which changes the screens colour and which statements the list keeps."""

    kinds: frozenset[ChangeKind] = frozenset(ChangeKind)
    """Change kinds shown; the others read as unchanged text."""
    min_severity: Severity = Severity.LOW
    """Changes below this severity read as unchanged text."""
    hide_cosmetic: bool = True
    """Cosmetic changes (case, punctuation, quote style) read as unchanged text, as in the CLI
    and the report; `c` shows them."""

    def shows(self, change: Change) -> bool:
        return self.shows_mark(change.kind, change.severity)

    def shows_mark(self, kind: ChangeKind, severity: Severity) -> bool:
        """Does the filter show a change of this kind and severity?"""
        if self.hide_cosmetic and kind is ChangeKind.COSMETIC:
            return False
        return kind in self.kinds and SEVERITY_RANK[severity] >= SEVERITY_RANK[self.min_severity]

    def worst(self, marks: frozenset[tuple[ChangeKind, Severity]]) -> Severity | None:
        """The highest severity among the (kind, severity) pairs the filter shows."""
        shown = [severity for kind, severity in marks if self.shows_mark(kind, severity)]
        return max(shown, key=SEVERITY_RANK.__getitem__) if shown else None

    @property
    def narrows(self) -> bool:
        """Does the filter drop statements from the list (kinds or severity chosen)?"""
        return self.kinds != frozenset(ChangeKind) or self.min_severity is not Severity.LOW

    def describe(self) -> str:
        """A short label for the status line: '' for the default view."""
        parts = []
        if self.min_severity is not Severity.LOW:
            parts.append(f"{self.min_severity.value}+")
        if self.kinds != frozenset(ChangeKind):
            parts.append(", ".join(k.value for k in ChangeKind if k in self.kinds) or "no kinds")
        if not self.hide_cosmetic:
            parts.append("cosmetic shown")
        return " · ".join(parts)


class Status(str, Enum):
    """How one sentence of a document fares against the other versions."""

    AS_IS = "as-is"
    CHANGED = "changed"
    UNIQUE = "unique"
    ARTEFACT = "artefact"
    UNCOMPARED = "not compared"


FINDINGS = frozenset({Status.CHANGED, Status.UNIQUE, Status.ARTEFACT})
"""Statuses `n`/`p` jump between in the document view."""


@dataclass(frozen=True)
class SearchHit:
    document: str
    start: int
    end: int
    sentence: int | None
    """Index of the sentence holding the match, None if it falls between sentences."""
    statement: int | None
    """Id of the statement that sentence belongs to, None for headlines and metadata."""


class Lookup:
    """Indexes over one comparison, built once, for the cursor's questions."""

    def __init__(self, comparison: Comparison) -> None:
        self.comparison = comparison
        self.statements = {st.id: st for st in comparison.statements}
        self.order = {d.id: i for i, d in enumerate(comparison.documents)}
        """Each document's place in input order."""
        self._visible: dict[ViewFilter, list[Statement]] = {}
        self._anchors: dict[int, Member] = {}
        self._worst: dict[ViewFilter, dict[frozenset, Severity | None]] = {}
        self._severities: dict[tuple[int, ViewFilter], dict[str, Severity]] = {}
        self._strips: dict[tuple[int, ViewFilter], tuple[str, ...]] = {}
        self.artefacts: dict[str, list[Artefact]] = defaultdict(list)
        for a in comparison.artefacts:
            self.artefacts[a.document].append(a)

    @cached_property
    def _ends(self) -> dict[str, list[int]]:
        """Each document's sentence ends, for finding the sentence at an offset."""
        return {d.id: [s.end for s in d.sentences] for d in self.comparison.documents}

    def anchor(self, st: Statement) -> Member:
        """The member the statement's others are diffed against (found once per statement)."""
        if st.id not in self._anchors:
            self._anchors[st.id] = st.anchor(self.comparison.reference)
        return self._anchors[st.id]

    def visible(self, view: ViewFilter) -> list[Statement]:
        """The statements the list shows: all, or those with a change the filter keeps
        (computed once per filter)."""
        if view not in self._visible:
            self._visible[view] = list(self.comparison.statements) if not view.narrows else \
                [st for st in self.comparison.statements if self.severity(st, view) is not None]
        return self._visible[view]

    def severities(self, st: Statement, view: ViewFilter) -> dict[str, Severity]:
        """Each version's highest shown change severity; versions with none are left out
        (computed once per statement and filter)."""
        key = (st.id, view)
        if key not in self._severities:
            known = self._worst.setdefault(view, {})   # most diffs share a handful of mark sets
            worst = {}
            for d in st.diffs:
                if d.marks not in known:
                    known[d.marks] = view.worst(d.marks)
                worst[d.document] = known[d.marks]
            self._severities[key] = {doc: s for doc, s in worst.items() if s is not None}
        return self._severities[key]

    def cells(self, st: Statement, view: ViewFilter) -> list[str]:
        """The name of each version's cell in the coverage matrix, in input order: "only" (the
        one version), "absent", "anchor" (the version compared against), its worst change's
        severity, or "same"."""
        present = {m.document for m in st.members}
        ids = self.order                                       # input order
        if len(present) == 1:
            return ["only" if doc_id in present else "absent" for doc_id in ids]
        anchor = self.anchor(st).document
        worst = self.severities(st, view)
        return ["absent" if doc_id not in present else "anchor" if doc_id == anchor else
                worst[doc_id].value if doc_id in worst else "same" for doc_id in ids]

    def strip(self, st: Statement, view: ViewFilter) -> tuple[str, ...]:
        """The statement's strip in the wide coverage matrix, a glyph per version in input
        order (`GLYPH` of its `cells`), as runs of one glyph (computed once per statement and
        filter)."""
        key = (st.id, view)
        if key not in self._strips:
            glyphs = "".join(GLYPH[name] for name in self.cells(st, view))
            self._strips[key] = tuple(run.group() for run in _RUNS.finditer(glyphs))
        return self._strips[key]

    def warm(self, view: ViewFilter) -> None:
        """Work out once what the screens ask of every statement under `view` (its anchor, the
        worst change of each version, whether the list keeps it, its strip in a wide matrix,
        under `view` and with cosmetic changes shown or hidden the other way, what `c` turns
        to) and the sentence index."""
        self.visible(view)
        twin = replace(view, hide_cosmetic=not view.hide_cosmetic)
        wide = len(self.comparison.documents) > WIDE
        for st in self.comparison.statements:
            self.anchor(st)
            self.severities(st, view)
            if wide:
                self.strip(st, view)
                self.strip(st, twin)
        if self.comparison.documents:
            self.comparison.statements_of_sentence(self.comparison.documents[0].id, 0)

    @staticmethod
    def severity(st: Statement, view: ViewFilter) -> Severity | None:
        """The highest severity among the statement's shown changes."""
        return view.worst(st.marks)

    def quotes(self, st: Statement) -> bool:
        """Does any version word the statement with a direct quote?"""
        return st.quoted

    def text(self, member: Member) -> str:
        return self.comparison.document(member.document).text[member.start:member.end]

    def statement_of(self, document: str, sentence: int, offset: int | None = None) -> Statement | None:
        """The statement the sentence is in: of a sentence cut into claims, the one whose place
        holds `offset` when given, else its first."""
        found = [self.statements[k] for k in self.comparison.statements_of_sentence(document, sentence)]
        if offset is not None:
            for st in found:
                if any(m.document == document and any(p.start <= offset < p.end for p in m.spans)
                       for m in st.members + st.repeats):
                    return st
        return found[0] if found else None

    def status(self, document: str, sentence: int, view: ViewFilter) -> Status:
        s = self.comparison.document(document).sentences[sentence]
        if any(a.start < s.end and s.start < a.end for a in self.artefacts.get(document, ())):
            return Status.ARTEFACT
        st = self.statement_of(document, sentence)
        if st is None or s.kind is not SentenceKind.BODY:
            return Status.UNCOMPARED
        held = [self.statements[k] for k in self.comparison.statements_of_sentence(document, sentence)]
        shared = [h for h in held if len(h.members) > 1]
        if not shared:
            return Status.UNIQUE
        # A sentence cut into claims is changed when any of its parts is.
        for h in shared:
            diffs = h.diffs if self.anchor(h).document == document else \
                [d for d in h.diffs if d.document == document]
            if any(view.worst(d.marks) for d in diffs):
                return Status.CHANGED
        return Status.AS_IS

    def sentence_at(self, document: str, offset: int) -> int | None:
        """Index of the sentence holding `offset`, else the next one; None past the last."""
        ends = self._ends[document]
        i = bisect.bisect_right(ends, offset)
        return i if i < len(ends) else None

    def search(self, query: str, *, limit: int = 200) -> list[SearchHit]:
        """Case-insensitive matches of `query` in every version's text, in document order."""
        if not query.strip():
            return []
        pattern = re.compile(re.escape(query.strip()), re.IGNORECASE)
        hits: list[SearchHit] = []
        for doc in self.comparison.documents:
            for match in pattern.finditer(doc.text):
                i = self.sentence_at(doc.id, match.start())
                inside = i is not None and doc.sentences[i].start <= match.start()
                st = self.statement_of(doc.id, i, match.start()) if inside else None
                hits.append(SearchHit(doc.id, match.start(), match.end(), i if inside else None,
                                      st.id if st else None))
                if len(hits) >= limit:
                    return hits
        return hits

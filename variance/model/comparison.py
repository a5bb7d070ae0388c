"""The `Comparison`: the one product of the pipeline, which every view reads."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from .artefact import Artefact
from .coverage import Omission, OtherEvent
from .decisions import DecisionsReport
from .document import Document
from .options import Options
from .quotes import CorpusQuotes
from .statement import Severity, Statement, worst_severity

__all__ = ["Comparison"]


@dataclass(frozen=True)
class Comparison:
    """Everything a view shows: the documents, their statements and diffs, and the findings.

    Lookups derived from the statements (`document`, `document_drift`, `reference_coverage`)
    are computed once per comparison on first use; `dataclasses.replace` makes a new
    comparison whose lookups are computed afresh, so they never describe another reference.
    """

    options: Options
    documents: tuple[Document, ...]
    statements: tuple[Statement, ...]
    reference: str | None
    """The document the statements are organised around and diffed against."""
    artefacts: tuple[Artefact, ...] = ()
    warnings: tuple[str, ...] = ()
    """What loading and comparing had to say (skipped files, limits reached), for every view."""
    quotes: CorpusQuotes | None = None
    """The corpus' direct quotes checked in every version, or None when the options did not
    ask for them."""
    omissions: tuple[Omission, ...] = ()
    """The reference's statements other versions dropped, most telling first."""
    decisions: DecisionsReport | None = None
    """The editor's decisions file and what became of each decision; None when none was read."""
    events: tuple[OtherEvent, ...] = ()
    """Versions that report another event than the rest (their date disagrees), with the
    statements they stay linked to because the wording is near-verbatim."""
    unaligned: tuple[Document, ...] = ()
    """Documents in another language than the comparison's: segmented and shown, never aligned
    (lexical evidence cannot link sentences across languages); the warnings say so."""

    @cached_property
    def memo(self) -> dict:
        """Room for a stage's lookups over this comparison (kept with what they were computed
        from); a copy made with `dataclasses.replace` starts with none."""
        return {}

    @cached_property
    def _by_id(self) -> dict[str, Document]:
        return {d.id: d for d in self.documents}

    @cached_property
    def _drift(self) -> dict[str, float]:
        values: dict[str, list[float]] = {}
        for st in self.statements:
            for d in st.diffs:
                values.setdefault(d.document, []).append(d.drift)
        return {k: round(sum(v) / len(v), 4) for k, v in values.items()}

    @cached_property
    def _coverage(self) -> tuple[dict[str, int], int]:
        ref = [st for st in self.statements if self.reference and st.member(self.reference)]
        carried: dict[str, int] = {}
        for st in ref:
            for m in st.members:
                carried[m.document] = carried.get(m.document, 0) + 1
        return carried, len(ref)

    def other_event(self, doc_id: str) -> OtherEvent | None:
        """Why `doc_id` reports another event than the rest, or None."""
        return next((e for e in self.events if e.document == doc_id), None)

    def document(self, doc_id: str) -> Document:
        return self._by_id[doc_id]

    def document_drift(self, doc_id: str) -> float | None:
        """Mean drift of a document's members against the reference; None if nothing to compare."""
        return self._drift.get(doc_id)

    def reference_coverage(self, doc_id: str) -> tuple[int, int]:
        """(how many of the reference's statements `doc_id` carries, how many it has)."""
        carried, total = self._coverage
        return carried.get(doc_id, 0), total

    def severity_counts(self) -> dict[Severity, int]:
        """How many versions of shared statements have each worst severity (cosmetic changes
        left out): a cell of the coverage matrix each. Versions with no change are not counted."""
        return dict(self._severity_counts)

    @cached_property
    def _severity_counts(self) -> dict[Severity, int]:
        counts = {s: 0 for s in Severity}
        for st in self.statements:
            for d in st.diffs:
                worst = worst_severity(d.changes)
                if worst is not None:
                    counts[worst] += 1
        return counts

    def statements_of_sentence(self, document: str, sentence: int) -> tuple[int, ...]:
        """Ids of every statement a place of the sentence is in (a sentence cut into claims
        serves several), in statement order; () for a sentence in none."""
        return self._sentence_statements.get((document, sentence), ())

    @cached_property
    def _sentence_statements(self) -> dict[tuple[str, int], tuple[int, ...]]:
        held: dict[tuple[str, int], dict[int, None]] = {}
        for st in self.statements:
            for m in st.members + st.repeats:
                for i in m.sentences:
                    held.setdefault((m.document, i), {})[st.id] = None
        return {key: tuple(ids) for key, ids in held.items()}

    def statement(self, statement_id: int) -> Statement:
        return self._statements_by_id[statement_id]

    @cached_property
    def _statements_by_id(self) -> dict[int, Statement]:
        return {st.id: st for st in self.statements}

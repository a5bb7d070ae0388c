"""The `Comparison`: the one product of the pipeline, which every view reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .artefact import Artefact
from .decisions import DecisionsReport
from .document import Document
from .options import Options
from .statement import Severity, Statement, worst_severity

__all__ = ["Comparison"]


@dataclass(frozen=True)
class Comparison:
    options: Options
    documents: tuple[Document, ...]
    statements: tuple[Statement, ...]
    reference: str | None
    artefacts: tuple[Artefact, ...] = ()
    warnings: tuple[str, ...] = ()
    quotes: Any = None
    """The corpus' direct quotes checked in every version (`quotecheck.CorpusQuotes`), or None
    when the options did not ask for them."""
    decisions: DecisionsReport | None = None
    """The editor's decisions file and what became of each decision; None when none was read."""
    _cache: dict = field(default_factory=dict, compare=False, repr=False)
    """Derived lookups, computed once on first use (the dataclass itself stays frozen)."""

    def _derived(self, name: str, compute):
        if name not in self._cache:
            self._cache[name] = compute()
        return self._cache[name]

    def document_drift(self, doc_id: str) -> float | None:
        """Mean drift of a document's members against the reference; None if nothing to compare."""
        def compute():
            values: dict[str, list[float]] = {}
            for st in self.statements:
                for d in st.diffs:
                    values.setdefault(d.document, []).append(d.drift)
            return {k: round(sum(v) / len(v), 4) for k, v in values.items()}
        return self._derived("drift", compute).get(doc_id)

    def reference_coverage(self, doc_id: str) -> tuple[int, int]:
        """(how many of the reference's statements `doc_id` carries, how many it has)."""
        def compute():
            ref = [st for st in self.statements if self.reference and st.member(self.reference)]
            carried: dict[str, int] = {}
            for st in ref:
                for m in st.members:
                    carried[m.document] = carried.get(m.document, 0) + 1
            return carried, len(ref)
        carried, total = self._derived("coverage", compute)
        return carried.get(doc_id, 0), total

    def severity_counts(self) -> dict[Severity, int]:
        """How many versions of shared statements have each worst severity (cosmetic changes
        left out): a cell of the coverage matrix each. Versions with no change are not counted."""
        def compute():
            counts = {s: 0 for s in Severity}
            for st in self.statements:
                for d in st.diffs:
                    worst = worst_severity(d.changes)
                    if worst is not None:
                        counts[worst] += 1
            return counts
        return dict(self._derived("severity", compute))

    def document(self, doc_id: str) -> Document:
        return self._derived("by_id", lambda: {d.id: d for d in self.documents})[doc_id]

"""Domain types shared by every stage: frozen dataclasses and closed sets as str enums.

A `Document` owns its text; everything else points into it with `[start, end)` offsets, so
the text shown is always the original slice.

Names are imported from their module on first use, so a command that needs only `Options`
(the command line's defaults) does not build every type.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .archive import Carrier, Cluster, Trace
    from .artefact import Artefact, ArtefactKind
    from .comparison import Comparison
    from .coverage import Omission, OtherEvent
    from .decisions import (
        AppliedDecision,
        Constraint,
        Constraints,
        Decision,
        DecisionKind,
        DecisionSpan,
        DecisionsReport,
        DecisionStatus,
        Place,
        PlacedSpan,
        SpanRole,
    )
    from .document import Document, Fetch, MetaSpan, Sentence, SentenceKind
    from .options import Options, Semantic
    from .statement import (
        SEVERITY_OF,
        SEVERITY_RANK,
        Change,
        ChangeKind,
        Evidence,
        Member,
        Op,
        PairDiff,
        Severity,
        Span,
        Statement,
        pieces,
        worst_severity,
    )

__all__ = [
    "SentenceKind", "Op", "ChangeKind", "Severity", "ArtefactKind", "Options", "Semantic", "Evidence",
    "MetaSpan", "Sentence", "Fetch", "Document", "Span", "Member", "Change", "PairDiff", "Statement",
    "Artefact", "Comparison", "Omission", "OtherEvent", "Carrier", "Trace", "Cluster", "DecisionKind", "SpanRole",
    "DecisionStatus", "DecisionSpan", "Decision", "Place", "Constraint", "Constraints", "PlacedSpan",
    "AppliedDecision", "DecisionsReport", "SEVERITY_OF", "SEVERITY_RANK", "worst_severity", "pieces",
]

_NAMES = {
    "archive": ("Carrier", "Cluster", "Trace"),
    "artefact": ("Artefact", "ArtefactKind"),
    "comparison": ("Comparison",),
    "coverage": ("Omission", "OtherEvent"),
    "decisions": ("AppliedDecision", "Constraint", "Constraints", "Decision", "DecisionKind", "DecisionSpan",
                  "DecisionsReport", "DecisionStatus", "Place", "PlacedSpan", "SpanRole"),
    "document": ("Document", "Fetch", "MetaSpan", "Sentence", "SentenceKind"),
    "options": ("Options", "Semantic"),
    "statement": ("SEVERITY_OF", "SEVERITY_RANK", "Change", "ChangeKind", "Evidence", "Member", "Op", "PairDiff",
                  "Severity", "Span", "Statement", "pieces", "worst_severity"),
}
_HOME = {name: module for module, names in _NAMES.items() for name in names}


def __getattr__(name: str) -> Any:
    if name in _HOME:
        value = getattr(import_module(f"{__name__}.{_HOME[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))

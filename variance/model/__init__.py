"""Domain types shared by every stage: frozen dataclasses and closed sets as str enums.

A `Document` owns its text; everything else points into it with `[start, end)` offsets, so
the text shown is always the original slice.

Names are imported from their module on first use, so a command that needs only `Options`
(the command line's defaults) does not build every type.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import lazy_loader

if TYPE_CHECKING:
    from .archive import TRANSLATION, Carrier, Cluster, Trace
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
    "Artefact", "Comparison", "Omission", "OtherEvent", "Carrier", "Trace", "Cluster", "TRANSLATION",
    "DecisionKind", "SpanRole",
    "DecisionStatus", "DecisionSpan", "Decision", "Place", "Constraint", "Constraints", "PlacedSpan",
    "AppliedDecision", "DecisionsReport", "SEVERITY_OF", "SEVERITY_RANK", "worst_severity", "pieces",
]

_NAMES = {
    "archive": ("Carrier", "Cluster", "Trace", "TRANSLATION"),
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

__getattr__, __dir__, _ = lazy_loader.attach(__name__, submod_attrs=_NAMES)

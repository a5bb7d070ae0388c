"""Short labels every view shares: distinct labels for document ids (views with a column per
document), and what an editor's decision says on a statement."""

from __future__ import annotations

from ..model.decisions import AppliedDecision, DecisionKind, SpanRole

__all__ = ["short_labels", "DECISION_LABEL", "decision_label"]


def short_labels(ids: list[str], *, shortest: int = 3, longest: int = 12,
                 mark: str = "…") -> dict[str, str]:
    """Column labels: the shortest common prefix length that keeps every id apart, with
    `mark` after a cut id."""
    for n in range(shortest, longest + 1):
        labels = {i: i[:n] + (mark if len(i) > n else "") for i in ids}
        if len(set(labels.values())) == len(ids):
            return labels
    return {i: i for i in ids}


DECISION_LABEL = {
    DecisionKind.PIN: "pinned by the editor", DecisionKind.UNLINK: "unlinked by the editor",
    DecisionKind.LINK: "linked by the editor", DecisionKind.MERGE: "merged by the editor",
    DecisionKind.SPLIT: "split by the editor", DecisionKind.NOTE: "note by the editor",
    DecisionKind.VERIFY: "verified by the editor",
}
"""What each kind of decision says on a statement, in every view."""


def decision_label(applied: AppliedDecision, statement: int | None = None) -> str:
    """"unlinked by the editor (ana, 2026-04-27 09:30 UTC): the note", as seen from `statement`:
    an unlink names the member it took out, or the statement it was taken from."""
    d = applied.decision
    label = DECISION_LABEL[d.kind]
    if d.kind is DecisionKind.UNLINK and statement is not None:
        moved = [p for p in applied.places if p.role is SpanRole.MEMBER]
        if any(p.statement == statement for p in moved):
            others = sorted({p.statement for p in applied.places
                             if p.role is SpanRole.STATEMENT and p.statement not in (None, statement)})
            label += " from " + ", ".join(f"S{s}" for s in others) if others else ""
        elif moved:
            label += f": {moved[0].document}"
    when = f"{d.author}, {d.time:%Y-%m-%d %H:%M} UTC"
    return f"{label} ({when})" + (f": {d.note}" if d.note else "")

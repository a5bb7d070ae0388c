"""The terminal list of the editor's decisions: what, by whom, when, and whether it still applies."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from ..model import Comparison
from ..model.decisions import AppliedDecision, DecisionStatus
from .labels import DECISION_LABEL
from .terminal import for_terminal
from .text import indented

__all__ = ["render_decisions", "STATUS_STYLE"]

STATUS_STYLE = {DecisionStatus.ACTIVE: "green", DecisionStatus.EDITED: "green",
                DecisionStatus.STALE: "bold red", DecisionStatus.ABSENT: "yellow",
                DecisionStatus.OVERRIDDEN: "yellow"}


def render_decisions(comparison: Comparison, console: Console) -> None:
    """A header naming the file and its sha256, then one block per decision; every string (the
    decisions file's authors, notes and ids too) with visible stand-ins for control characters."""
    report = for_terminal(comparison).decisions
    if report is None:
        return
    counts = ", ".join(f"{n} {s.value}" for s in DecisionStatus if (n := report.count(s)))
    console.print(Text.assemble((report.path or "decisions", "bold"),
                                f"  {len(report.decisions)} decisions" + (f": {counts}" if counts else "")),
                  soft_wrap=True)
    if report.sha256:
        console.print(Text(f"  sha256 {report.sha256}", style="dim"), soft_wrap=True)
    for applied in report.decisions:
        console.print()
        _decision(applied, console)


def _decision(a: AppliedDecision, console: Console) -> None:
    d = a.decision
    head = Text(f"{d.kind.value:<7}", style="bold")
    head.append(f" {a.status.value.upper() if a.status is DecisionStatus.STALE else a.status.value}",
                style=STATUS_STYLE[a.status])
    if a.statements:
        head.append("  " + ", ".join(f"S{s}" for s in a.statements))
    head.append(f"  {d.author}, {d.time:%Y-%m-%d %H:%M} UTC  {d.id}", style="dim")
    console.print(head, soft_wrap=True)
    indented(console, Text(DECISION_LABEL[d.kind] + (f": {d.note}" if d.note else ""), style="italic"), 2)
    if a.why:
        indented(console, Text(a.why, style=STATUS_STYLE[a.status]), 2)
    for s in d.spans:
        line = Text(f"{s.role.value:<9} ", style="dim").append(f"{s.document}  ", style="cyan")
        indented(console, line.append(f"{s.start}-{s.end}  “{_short(s.text)}”"), 2)


def _short(text: str, most: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= most else text[:most - 1] + "…"

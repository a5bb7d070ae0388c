"""The terminal view of quote checks: one quote in full, or many as a table."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from .labels import short_labels
from .terminal import for_terminal
from .text import diff_text, indented

__all__ = ["render_quote_check", "render_quote_table", "QUOTE_LEGEND", "VERDICT_STYLE"]

VERDICT_STYLE = {"verbatim": "bold green", "cosmetic": "green", "changed": "bold yellow",
                  "paraphrased": "magenta", "absent": "dim"}
QUOTE_LEGEND = "· absent   0.87 similarity   nq not in quotation marks"


def render_quote_check(comparison, check, console) -> None:
    """One quote in full: per document the verdict, similarity, quotation marks, speaker, and
    the word diff of a changed passage; then passages found besides, then conflicts."""
    comparison, check = for_terminal((comparison, check))

    counts = {v.value: n for v, n in check.verdict_counts().items()}
    console.print(Text.assemble(("quote ", "bold"), f"“{check.text}”"))
    found = ", ".join(f"{n} {v}" for v, n in counts.items() if n)
    console.print(f"{len(check.results)} document{'s' * (len(check.results) != 1)}: " + found)
    for title, r in [("", r) for r in check.results] + [("also ", r) for r in check.also]:
        head = Text(f"\n{title}{r.document}  ", style="bold")
        head.append(r.verdict.value, style=VERDICT_STYLE[r.verdict.value])
        if r.verdict.value == "absent":
            console.print(head.append(f"  (closest {r.similarity:.2f})", style="dim"))
            continue
        meaning = f"  same meaning ({r.meaning:.2f})" if r.meaning is not None else ""
        console.print(head.append(f"  {r.similarity:.2f}  " + ("quoted" if r.quoted else "not quoted") + meaning))
        a, doc = r.attribution, comparison.document(r.document)
        indented(console, Text("attributed to nobody", style="dim") if a is None else Text.assemble(
            (a.speaker, "bold cyan"), (f"  “{a.cue}”" + (f", {a.how}" if a.how else ""), "dim")))
        indented(console, diff_text(doc.text, r.start, r.end, r.changes, False)
                  if r.verdict.value == "changed" else Text(doc.text[r.start:r.end]))
    for c in check.conflicts:
        console.print(Text(f"\nconflict: {c.message}", style="bold red"))


def render_quote_table(comparison, checks, console) -> None:
    """Quotes as rows (long ones clipped: the full text is in --json), documents as columns; a
    cell is the verdict, the similarity, and "nq" when the passage is not in quotation marks."""
    comparison, checks = for_terminal((comparison, checks))
    ids = [d.id for d in comparison.documents]
    labels = short_labels(ids, longest=40, mark="")
    table = Table(box=None, padding=(0, 1), show_edge=False, header_style="bold")
    table.add_column("quote", ratio=1, min_width=20)
    for i in ids:
        table.add_column(labels[i], no_wrap=True)
    for check in checks:
        clipped = check.text if len(check.text) <= 120 else check.text[:117].rsplit(" ", 1)[0] + " …"
        cell = Text(f"“{clipped}”")
        own = check.result(check.source).attribution if check.source else None
        cell.append(f"\n{own.speaker}" if own else "", style="cyan")
        for c in check.conflicts:
            cell.append(f"\n{c.message}", style="bold red")
        cell.append("\n")
        cells = []
        for r in check.results:
            v = r.verdict.value
            cells.append(Text({"paraphrased": "paraphr.", "absent": "·"}.get(v, v), style=VERDICT_STYLE[v]))
            if v not in ("absent", "verbatim"):
                cells[-1].append(f"\n{r.similarity:.2f}" + ("" if r.quoted else " nq"), style="dim")
        table.add_row(cell, *cells)
    console.print(table)

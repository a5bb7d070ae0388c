"""Views of the archive commands: traces as text, JSON or CSV, clusters as text."""

from __future__ import annotations

import csv
import io

from ..model import TRANSLATION, Carrier, ChangeKind, Cluster, Trace

__all__ = ["marked_diff", "render_clusters", "render_traces", "trace_csv", "trace_json"]


def marked_diff(c: Carrier) -> str:
    """The carrier's wording with changes marked: [-removed-]{+added+}⟨kind⟩, cosmetic hidden
    (a translation has none: it is never diffed across languages)."""
    out, pos = [], c.start
    text = c.wording
    for ch in sorted(c.changes, key=lambda x: x.wit_start):
        if ch.kind is ChangeKind.COSMETIC:
            continue
        out.append(text[pos - c.start:ch.wit_start - c.start])
        out.append((f"[-{ch.reference}-]" if ch.reference else "")
                   + (f"{{+{ch.witness}+}}" if ch.witness else "") + f"⟨{ch.kind.value}⟩")
        pos = ch.wit_end
    out.append(text[pos - c.start:])
    return "".join(out)


def _carrier_json(rank: int, c: Carrier) -> dict:
    return {"rank": rank, "article": c.article, "outlet": c.outlet, "date": c.date, "url": c.url,
            "title": c.title, "verdict": c.verdict, "similarity": c.similarity, "shared_shingles": c.shared,
            "meaning": c.meaning, "language": c.language, "text": c.wording, "start": c.start, "end": c.end,
            "changes": [{"op": x.op.value, "reference": x.reference, "witness": x.witness,
                         "kind": x.kind.value, "severity": x.severity.value} for x in c.changes]}


def trace_json(traces: list[Trace], db: str) -> dict:
    """The `--json` output of `variance trace` (docs/archive.md)."""
    return {"format": 1, "index": db, "statements": [
        {"text": t.text, "candidates": t.candidates, "checked": t.checked, "by_meaning": t.by_meaning,
         "note": t.note, "carriers": len(t.carriers),
         "results": [_carrier_json(i, c) for i, c in enumerate(t.carriers, 1)]} for t in traces]}


def trace_csv(traces: list[Trace]) -> str:
    """One row per carrier of every statement."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["statement", "rank", "article", "outlet", "date", "url", "verdict", "similarity",
                     "wording", "diff", "meaning"])
    for t in traces:
        for i, c in enumerate(t.carriers, 1):
            writer.writerow([t.text, i, c.article, c.outlet or "", c.date or "", c.url or "", c.verdict,
                             f"{c.similarity:.2f}", c.wording, marked_diff(c),
                             "" if c.meaning is None else f"{c.meaning:.2f}"])
    return buffer.getvalue()


def render_traces(traces: list[Trace], console) -> None:
    """Per statement: how many carry it, then each carrier with outlet, date, verdict and diff."""
    from rich.text import Text

    from .quote_text import VERDICT_STYLE
    from .terminal import for_terminal
    from .text import diff_text, indented

    for t in for_terminal(traces):
        counts: dict[str, int] = {}
        for c in t.carriers:
            counts[c.verdict] = counts.get(c.verdict, 0) + 1
        console.print(Text.assemble(("trace ", "bold"), f"“{t.text}”"))
        summary = ", ".join(f"{n} {v}" for v, n in counts.items())
        by_meaning = f", {t.by_meaning} more by meaning" if t.by_meaning else ""
        console.print(f"{len(t.carriers)} carrying article{'s' * (len(t.carriers) != 1)}"
                      + (f": {summary}" if summary else "") + f" ({t.checked} candidates checked{by_meaning})")
        if t.checked < t.candidates:
            console.print(f"{t.candidates - t.checked} more articles share words with it and were not "
                          f"checked; raise --limit to check them", style="yellow")
        for i, c in enumerate(t.carriers, 1):
            head = Text(f"\n{i:>3}  {c.article}  ", style="bold")
            head.append(c.verdict, style=VERDICT_STYLE.get(c.verdict, ""))
            if c.verdict == TRANSLATION:
                head.append(f", same meaning ({c.meaning or 0:.2f})  {c.language or '-'}", style="")
                head.append(f"  {c.outlet or '-'}  {c.date or '-'}", style="")
            else:
                meaning = f", same meaning ({c.meaning:.2f})" if c.meaning is not None else ""
                head.append(f"  {c.similarity:.2f}{meaning}  {c.outlet or '-'}  {c.date or '-'}", style="")
            console.print(head)
            wording = diff_text(c.wording, 0, len(c.wording), tuple(_shifted(c)), False) \
                if c.verdict in ("changed", "paraphrased") else Text(c.wording)
            indented(console, wording)
        console.print()


def _shifted(c: Carrier):
    from dataclasses import replace

    return [replace(x, wit_start=x.wit_start - c.start, wit_end=x.wit_end - c.start) for x in c.changes]


def render_clusters(clusters: list[Cluster], console, *, limit: int = 20) -> None:
    """The largest clusters, with their members (article ids with visible stand-ins for control
    characters, and never read as rich markup)."""
    from .terminal import for_terminal

    clusters = for_terminal(clusters)
    console.print(f"{len(clusters)} cluster{'s' * (len(clusters) != 1)} of articles sharing passages")
    for cl in clusters[:limit]:
        members = ", ".join(cl.articles[:8]) + (f" and {len(cl.articles) - 8} more" if len(cl.articles) > 8 else "")
        console.print(f"  {cl.id:>5}  {len(cl.articles)} articles, {cl.passages} shared passages: {members}",
                      markup=False)
    if len(clusters) > limit:
        console.print(f"  ... {len(clusters) - limit} more (all in the output file and the index)")

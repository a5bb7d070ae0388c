"""The HTML report: one self-contained file, the same bytes for the same input.

The page is built in two steps, as coverage.py's HTML report is: `report_data` turns a
`Comparison` into plain dicts, lists and strings (unit-tested on its own), then a Jinja2
template with autoescape renders them with the CSS and JavaScript of `assets/` inlined.
Nothing is fetched when the page opens; no date or time is written into it.

The Quotes section reads the quotes the pipeline checked (`Comparison.quotes`, from
`variance.quotes.budgeted_quotes`): every direct quote of the corpus with each version's verdict,
speaker and passage, and the attribution conflicts; in a corpus too large to check them all,
only the reference's quotes or none, and the page says so.

Where a report may be written, and how, is `variance.outputs`.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable
from functools import lru_cache

import jinja2
from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined
from jinja2.bccache import Bucket
from markupsafe import Markup

from .. import __version__
from ..cache import cache_folder
from ..model import (
    SEVERITY_OF,
    SEVERITY_RANK,
    Artefact,
    ChangeKind,
    Comparison,
    Document,
    Evidence,
    Member,
    PairDiff,
    Statement,
    worst_severity,
)
from ..model import pieces as member_pieces
from ..model.quotes import LeftOut, QuoteCheck, QuoteGroup, QuoteMatch, Verdict
from .html_island import DOC_CHUNK, DOCS_OPEN, FOLD_AFTER, is_lazy, lazy_payload, matrix_island
from .labels import decision_label
from .provenance import fetched_line

__all__ = ["report_data", "render_html", "prepare_html", "omissions_that_matter", "quotes_data", "KIND_LABELS",
           "VERDICT_LABELS", "FOLD_AFTER", "QUOTES_OPEN", "quotes_checked", "lazy_payload"]

KIND_LABELS = {
    ChangeKind.COSMETIC: "case, punctuation, quote style, spacing",
    ChangeKind.SPELLING: "the same word or name spelled differently",
    ChangeKind.NUMBER: "a number, date, count or ordinal changed",
    ChangeKind.NEGATION: "a negation or modality appears or disappears",
    ChangeKind.ENTITY: "a named actor or place replaced by another",
    ChangeKind.ATTRIBUTION: "who says it changed",
    ChangeKind.QUOTE: "text inside quotation marks differs",
    ChangeKind.WORDING: "other substitutions: synonyms, paraphrase",
    ChangeKind.ADDITION: "words present in this version only",
    ChangeKind.OMISSION: "words of the reference this version drops",
}
VERDICT_LABELS = {
    Verdict.VERBATIM: "the same words",
    Verdict.COSMETIC: "only case, punctuation or quote style differ",
    Verdict.CHANGED: "words changed, the passage still close",
    Verdict.PARAPHRASED: "the content reported in other words",
    Verdict.ABSENT: "nothing close",
}
QUOTES_OPEN = 12
"""Quotes shown open in the Quotes section (whole statements); the rest sit behind 'N more'."""


def report_data(comparison: Comparison) -> dict:
    """Everything the page shows, as plain data: no markup, no view state."""
    docs = comparison.documents
    column = {d.id: i for i, d in enumerate(docs)}
    statements = [_statement(comparison, st, column) for st in comparison.statements]
    return {
        "version": __version__,
        "options": comparison.options.to_json(),
        "reference": comparison.reference,
        "reference_given": comparison.options.reference is not None,
        "warnings": list(comparison.warnings),
        "documents": _documents(comparison),
        "unaligned": [{"id": d.id, "path": d.path, "title": d.title, "outlet": d.outlet,
                       "date": d.date, "language": d.language, "sha256": d.sha256,
                       "fetched": fetched_line(d), "notes": list(d.notes),
                       "sentences": [d.text[x.start:x.end] for x in d.sentences]}
                      for d in comparison.unaligned],
        "decisions": _decisions(comparison),
        "shared": [s for s in statements if len(s["members"]) > 1],
        "single": _single_by_document(statements, docs),
        "statement_count": len(statements),
        "severity_counts": {s.value: n for s, n in comparison.severity_counts().items()},
        "omissions": omissions_that_matter(comparison),
        "artefacts": _artefacts(comparison),
        "kinds": [{"kind": k.value, "severity": SEVERITY_OF[k].value, "label": KIND_LABELS[k]}
                  for k in ChangeKind],
        "matrix": [{"id": s["id"], "text": s["anchor_text"], "cells": s["cells"]} for s in statements],
        "quotes": quotes_data(comparison),
    }


def _documents(comparison: Comparison) -> list[dict]:
    ref = comparison.reference
    artefacts = _count_by(a.document for a in comparison.artefacts)
    rows = []
    for i, doc in enumerate(comparison.documents):
        carried, total = comparison.reference_coverage(doc.id)
        rows.append({
            "index": i + 1, "id": doc.id, "path": doc.path, "sha256": doc.sha256,
            "title": doc.title, "outlet": doc.outlet, "date": doc.date, "language": doc.language,
            "role": doc.role, "notes": list(doc.notes), "sentences": len(doc.body_sentences),
            "fetched": fetched_line(doc),
            "is_reference": doc.id == ref, "carried": carried if total else None,
            "reference_statements": total,
            "carried_share": round(carried / total, 4) if total else None,
            "drift": comparison.document_drift(doc.id), "artefacts": artefacts.get(doc.id, 0),
            "other_event": (e.message if (e := comparison.other_event(doc.id)) else None),
        })
    return rows


def _decisions(comparison: Comparison) -> dict | None:
    """The decisions file, its hash, and the decisions not applied (with why)."""
    report = comparison.decisions
    if report is None:
        return None
    return {"file": report.path, "sha256": report.sha256,
            "applied": sum(1 for a in report.decisions if a.applied),
            "not_applied": [{"kind": a.decision.kind.value, "status": a.status.value, "why": a.why,
                             "label": decision_label(a)} for a in report.decisions if not a.applied]}


def _count_by(keys: Iterable[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for k in keys:
        counts[k] = counts.get(k, 0) + 1
    return counts


def _statement(comparison: Comparison, st: Statement, column: dict[str, int]) -> dict:
    anchor = st.anchor(comparison.reference)
    anchor_text = _text(comparison, anchor)
    diffs = {d.document: d for d in st.diffs}
    members = [_member(comparison, m, diffs.get(m.document), m is anchor, column)
               for m in sorted(st.members, key=lambda m: (m is not anchor, column[m.document]))]
    linked = comparison.decisions.linked(st.id) if comparison.decisions else frozenset()
    for m in members:
        m["linked"] = m["document"] in linked
    changes = [c for d in st.diffs for c in d.changes]
    present = {m.document for m in st.members}
    worst = {m["document"]: str(m["worst"]) for m in members if not m["is_anchor"]}
    ref = comparison.reference
    decided = comparison.decisions
    return {
        "id": st.id, "score": st.score, "anchor": anchor.document,
        "decisions": [{"kind": a.decision.kind.value, "label": decision_label(a, st.id)}
                      for a in decided.on_statement(st.id)] if decided else [],
        "anchor_is_reference": anchor.document == ref, "anchor_text": anchor_text,
        "anchor_context": _context(comparison, anchor),
        "members": members, "carried_by": len(st.members),
        "repeats": [_repeat(comparison, m, st, column) for m in st.repeats],
        "absent": [d.id for d in comparison.documents if d.id not in present],
        "cells": ["r" if d.id == anchor.document else worst.get(d.id, "a")
                  for d in comparison.documents],
        "kinds": sorted({c.kind.value for c in changes}),
        "worst": _worst(changes),
        "quoted": any(c.kind is ChangeKind.QUOTE for c in changes)
                  or st.quoted,
        "omitted": bool(ref) and ref in present and len(present) < len(comparison.documents),
    }


def _text(comparison: Comparison, member: Member) -> str:
    return comparison.document(member.document).text[member.start:member.end]


def _worst(changes) -> int:
    """Highest severity rank among the changes (0 when none), cosmetic ones left out."""
    worst = worst_severity(changes)
    return SEVERITY_RANK[worst] if worst else 0


def _member(comparison: Comparison, m: Member, diff: PairDiff | None, is_anchor: bool,
            column: dict[str, int]) -> dict:
    text = comparison.document(m.document).text
    return {
        "document": m.document, "column": column[m.document] + 1, "is_anchor": is_anchor,
        "confidence": m.confidence, "reason": list(m.reason), "because": m.because(),
        "not_diffed": diff is None and not is_anchor and m.evidence is Evidence.TRANSLATION,
        "text": text[m.start:m.end],
        "drift": diff.drift if diff else None, "worst": _worst(diff.changes) if diff else 0,
        "pieces": _pieces(text, m.start, m.end, diff.changes) if diff else [{"text": text[m.start:m.end]}],
        **_context(comparison, m),
    }


def _context(comparison: Comparison, m: Member) -> dict:
    """For a part of a sentence, the rest of that sentence before and after it (shown dimmed)."""
    if not m.partial:
        return {"partial": False, "before": "", "after": ""}
    doc = comparison.document(m.document)
    lo, hi = doc.sentence_extent(m.sentences)
    return {"partial": True, "before": doc.text[lo:m.start].rstrip(), "after": doc.text[m.end:hi].lstrip()}


def _repeat(comparison: Comparison, m: Member, st: Statement, column: dict[str, int]) -> dict:
    """Another place where a version says the statement: its words, and where it sits."""
    main = st.member(m.document)
    text = comparison.document(m.document).text
    return {"document": m.document, "column": column[m.document] + 1, "confidence": m.confidence,
            "text": text[m.start:m.end], "where": "later" if main and m.start > main.start else "earlier",
            "sentence": m.sentences[0] + 1, **_context(comparison, m)}


def _pieces(text: str, start: int, end: int, changes) -> list[dict]:
    """The witness wording `text[start:end]` cut at its changes; a change piece carries the
    reference words it replaces (`del`) and its own (`ins`), so deletions show too. Joining
    `text`/`ins` gives the witness wording."""
    return [{"text": piece} if c is None else {"kind": c.kind.value, "del": c.reference, "ins": piece}
            for piece, c in member_pieces(text, start, end, changes)]


def _single_by_document(statements: list[dict], docs: tuple[Document, ...]) -> list[dict]:
    """Statements only one version carries, grouped by that version, in document order."""
    groups = []
    for doc in docs:
        own = [s for s in statements if len(s["members"]) == 1 and s["anchor"] == doc.id]
        if own:
            groups.append({"document": doc.id, "statements": own})
    return groups


def omissions_that_matter(comparison: Comparison) -> list[dict]:
    """Reference statements other versions dropped, most telling first (`Comparison.omissions`:
    quotes, numbers, named people, then how many dropped them)."""
    return [{"id": o.statement,
             "text": _text(comparison, comparison.statement(o.statement).anchor(comparison.reference)),
             "score": o.score, "reasons": list(o.reasons), "dropped_by": list(o.dropped_by)}
            for o in comparison.omissions]


def quotes_checked(comparison: Comparison) -> tuple[list[QuoteGroup], LeftOut | None]:
    """The quotes the pipeline checked (`Comparison.quotes`, none when not asked for), and what
    was left out."""
    found = comparison.quotes
    return (list(found.groups), found.left_out) if found is not None else ([], None)


def quotes_data(comparison: Comparison, groups: list[QuoteGroup] | None = None) -> dict:
    """The quotes `quotes_checked` gives (or `groups`), numbered in statement order and grouped
    by statement; per quote one cell per document in column order, the speakers, and the
    attribution conflicts listed apart; verdict counts over all cells; what was left out."""
    groups, left_out = quotes_checked(comparison) if groups is None else (groups, None)
    column = {d.id: i + 1 for i, d in enumerate(comparison.documents)}
    counts = {v.value: 0 for v in Verdict}
    out: list[dict] = []
    conflicts: list[dict] = []
    n = 0
    for g in groups:
        quotes = []
        for check in g.checks:
            n += 1
            quotes.append(_quote(comparison, check, n, column))
            for v, k in check.verdict_counts().items():
                counts[v.value] += k
            conflicts.extend({"quote": n, "statement": g.statement, "text": check.text,
                              "message": c.message,
                              "speakers": [{"speaker": name, "documents": [{"id": d, "column": column[d]}
                                                                           for d in docs]}
                                           for name, docs in c.speakers]}
                             for c in check.conflicts)
        out.append({"statement": g.statement, "first": quotes[0]["n"], "quotes": quotes})
    return {"count": n, "groups": out, "conflicts": conflicts, "left_out": left_out,
            "verdicts": [{"verdict": v.value, "label": VERDICT_LABELS[v], "count": counts[v.value]}
                         for v in Verdict]}


def _quote(comparison: Comparison, check: QuoteCheck, n: int, column: dict[str, int]) -> dict:
    also: dict[str, list[dict]] = {}
    for m in check.also:
        also.setdefault(m.document, []).append(_passage(comparison, m, column))
    speakers: dict[str, dict] = {}
    for m in check.results + check.also:
        a = m.attribution
        if a is not None:
            entry = speakers.setdefault(a.speaker, {"speaker": a.speaker, "kind": a.kind, "columns": []})
            entry["columns"] = sorted(set(entry["columns"]) | {column[m.document]})
    return {"n": n, "text": check.text, "source": check.source,
            "source_column": column.get(check.source) if check.source else None,
            "conflict": bool(check.conflicts), "speakers": list(speakers.values()),
            "cells": [_passage(comparison, r, column) | {"also": also.get(r.document, [])}
                      for r in check.results]}


def _passage(comparison: Comparison, m: QuoteMatch, column: dict[str, int]) -> dict:
    """One document's passage for a quote; its word diff against the quote when the verdict
    rests on it (cosmetic, changed), else its plain wording; no wording when absent."""
    text = comparison.document(m.document).text
    a = m.attribution
    if m.verdict is Verdict.ABSENT:
        wording = None
    elif m.verdict in (Verdict.COSMETIC, Verdict.CHANGED):
        wording = _pieces(text, m.start, m.end, m.changes)
    else:
        wording = [{"text": text[m.start:m.end]}]
    return {"document": m.document, "column": column[m.document], "verdict": m.verdict.value,
            "similarity": m.similarity, "overlap": m.overlap, "quoted": m.quoted,
            "statement": m.statement, "pieces": wording,
            "speaker": None if a is None else {"speaker": a.speaker, "kind": a.kind, "cue": a.cue,
                                               "via": a.via, "how": a.how}}


def _artefacts(comparison: Comparison) -> list[dict]:
    """Per document: its artefacts with the statement holding each, and its text cut at them.
    `mark` is the number of the mark that shows an artefact in the text: its own, or that of
    an earlier artefact it overlaps."""
    holders: dict[str, list[tuple[int, int, int]]] = {}
    for st in comparison.statements:
        for m in st.members:
            holders.setdefault(m.document, []).append((m.start, m.end, st.id))
    by_doc: dict[str, list[Artefact]] = {}
    for a in sorted(comparison.artefacts, key=lambda a: (a.start, a.end, a.kind.value)):
        by_doc.setdefault(a.document, []).append(a)
    out = []
    for i, doc in enumerate(comparison.documents):
        found = by_doc.get(doc.id, [])
        pieces, marks = _text_pieces(doc.text, found)
        items = [{"n": n, "mark": marks[n], "kind": a.kind.value, "text": a.text,
                  "message": a.message, "evidence": list(a.evidence),
                  "statement": next((sid for s, e, sid in holders.get(doc.id, ())
                                     if s <= a.start < e), None)}
                 for n, a in enumerate(found, 1)]
        out.append({"index": i + 1, "document": doc.id, "found": items, "text": pieces})
    return out


def _text_pieces(text: str, artefacts: list[Artefact]) -> tuple[list[dict], dict[int, int]]:
    """The whole text cut at artefact spans (a mark piece has `n`), and for each artefact the
    number of the mark showing it: an artefact overlapping an earlier one joins that mark."""
    out: list[dict] = []
    marks: dict[int, int] = {}
    pos, last = 0, 0
    for n, a in enumerate(artefacts, 1):
        if a.start < pos:
            marks[n] = last
            continue
        if a.start > pos:
            out.append({"text": text[pos:a.start]})
        out.append({"text": text[a.start:a.end], "n": n, "kind": a.kind.value})
        marks[n], last, pos = n, n, max(pos, a.end)
    if pos < len(text):
        out.append({"text": text[pos:]})
    return out, marks


class _TemplateCache(FileSystemBytecodeCache):
    """The compiled template kept between runs (compiling it is a tenth of a second, loading it
    back a few milliseconds), keyed by the template's name and a checksum of its source, so an
    edited template is compiled again. A cache file that cannot be read or written is ignored."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError):
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def _template_cache() -> FileSystemBytecodeCache | None:
    """A cache of compiled templates in the cache folder, one folder per Jinja version; None when
    the folder cannot be made."""
    folder = cache_folder() / "templates" / f"jinja2-{jinja2.__version__}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _TemplateCache(str(folder))


def _environment() -> Environment:
    """The page's Jinja environment, one per cache folder (a folder set later is used as set)."""
    return _environment_for(str(cache_folder()))


@lru_cache(maxsize=4)
def _environment_for(folder: str) -> Environment:
    env = Environment(loader=PackageLoader("variance.render", "assets"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True, bytecode_cache=_template_cache())
    env.filters["fixed"] = lambda v, n=2: "–" if v is None else f"{v:.{n}f}"
    env.filters["percent"] = lambda v: "–" if v is None else f"{round(v * 100)}%"
    return env


TEMPLATE = "report.html.j2"
"""The page's template in `assets/`."""
SCRIPTS = ("report-islands.js", "report-draw.js", "report-matrix.js", "report.js")
"""The page's script, in the order it is inlined: islands, drawing, matrix, then the page."""


def render_html(comparison: Comparison, lazy: bool | None = None) -> str:
    """The report page for `comparison`: deterministic, self-contained, every text escaped.
    `lazy` draws cards, matrix and quote passages as they are looked at (`html_island`); by
    default only beyond `html_island.LAZY_CELLS` coverage cells."""
    env = _environment()
    asset = env.loader.get_source  # type: ignore[union-attr]
    css = Markup(asset(env, "report.css")[0])
    js = Markup("".join(asset(env, name)[0] for name in SCRIPTS))
    data = report_data(comparison)
    lazy = is_lazy(data) if lazy is None else lazy
    return env.get_template(TEMPLATE).render(
        data=data, css=css, js=js, lazy=lazy, island=lazy_payload(data, lazy),
        matrix=matrix_island(data) if lazy else None, fold_after=FOLD_AFTER, quotes_open=QUOTES_OPEN,
        docs_open=DOCS_OPEN, doc_chunk=DOC_CHUNK)


def prepare_html() -> None:
    """What `render_html` needs before any comparison, made now: Jinja's environment and the
    compiled template (from the cache folder), kept for the next page; the command calls it
    while the comparison waits for its other processes."""
    _environment().get_template(TEMPLATE)

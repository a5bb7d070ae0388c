"""JSON format 2 (docs/json-format.md, docs/quotes.md): stable, versioned, deterministic (same
input, same bytes). `comparison_to_json` is the whole comparison; the `quote` and `quotes`
commands write `checks_json` and `groups_json`."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from .. import __version__
from ..model import Artefact, Change, Comparison, Document, Evidence, Member, Statement
from ..model.decisions import AppliedDecision, DecisionsReport
from ..model.quotes import CorpusQuotes, QuoteCheck, QuoteGroup, QuoteMatch, Verdict

__all__ = ["FORMAT", "PARTS", "comparison_to_json", "write_comparison_json", "dumps", "document_json", "statement_json",
           "member_json", "artefact_json", "change_json", "check_json", "match_json", "checks_json",
           "groups_json", "quotes_json", "omissions_json", "decisions_json", "applied_json"]

FORMAT = 2
PARTS = ("documents", "reference", "statements", "artefacts", "quotes", "omissions")
"""Every top-level section."""


def document_json(doc: Document, comparison: Comparison | None = None) -> dict:
    out: dict = {"id": doc.id, "path": doc.path, "sha256": doc.sha256, "title": doc.title,
           "outlet": doc.outlet, "date": doc.date, "language": doc.language, "role": doc.role,
           "notes": list(doc.notes), "fetch": _fetch_json(doc),
           "sentences": [{"index": s.index, "start": s.start, "end": s.end, "kind": s.kind._value_,
                          "text": doc.text[s.start:s.end]} for s in doc.sentences]}
    if comparison is not None:
        out["drift"] = comparison.document_drift(doc.id)
        event = comparison.other_event(doc.id)
        out["other_event"] = None if event is None else {
            "date": event.date, "others": event.others, "message": event.message,
            "kept": list(event.kept)}
    return out


def member_json(m: Member, comparison: Comparison) -> dict:
    """One place of a statement: its extent, its exact spans and the sentences it touches."""
    text = comparison.document(m.document).text
    spans = m.spans
    return {"document": m.document, "sentences": list(m.sentences), "start": m.start,
            "end": m.end, "spans": [[spans[0].start, spans[0].end]] if len(spans) == 1 else
            [[s.start, s.end] for s in spans], "partial": m.partial,
            "text": text[m.start:m.end], "confidence": m.confidence, "reason": list(m.reason),
            "evidence": m.evidence._value_, "meaning": m.meaning, "nearest": m.nearest,
            "because": _because(m)}


_SHARED_WORDS: dict[tuple[str, ...], str] = {}
"""`Member.because` of the members linked by words, by their reason (kept to `_SHARED_KEPT`)."""
_SHARED_KEPT = 65536


def _because(m: Member) -> str:
    """`m.because()`, made once per reason for members linked by words: the copies of one
    wording share their reason (a thousand versions write 44,000 members)."""
    if m.evidence is not Evidence.WORDS:
        return m.because()
    known = _SHARED_WORDS.get(m.reason)
    if known is None:
        if len(_SHARED_WORDS) >= _SHARED_KEPT:
            _SHARED_WORDS.clear()
        known = _SHARED_WORDS[m.reason] = m.because()
    return known


def _fetch_json(doc: Document) -> dict | None:
    fetch = doc.fetch
    if fetch is None:
        return None
    return {"url": fetch.url, "final_url": fetch.final_url, "status": fetch.status,
            "fetched_at": fetch.fetched_at, "redirects": list(fetch.redirects),
            "content_type": fetch.content_type}


def statement_json(st: Statement, comparison: Comparison) -> dict:
    return {
        "id": st.id,
        "score": st.score,
        "members": [member_json(m, comparison) for m in st.members],
        "repeats": [member_json(m, comparison) for m in st.repeats],
        "diffs": [{"document": d.document, "against": d.against, "drift": d.drift,
                   "changes": [change_json(c) for c in d.changes]} for d in st.diffs],
    }


def change_json(c: Change) -> dict:
    # `_value_`, not `.value`: the same string, without the enum property's cost (a thousand
    # versions write a hundred thousand of these)
    return {"op": c.op._value_, "reference": c.reference, "witness": c.witness,
            "kind": c.kind._value_, "severity": c.severity._value_,
            "reference_span": [c.ref_start, c.ref_end], "witness_span": [c.wit_start, c.wit_end]}


def artefact_json(a: Artefact) -> dict:
    return {"document": a.document, "start": a.start, "end": a.end, "text": a.text,
            "kind": a.kind.value, "message": a.message, "evidence": list(a.evidence)}


def decisions_json(report: DecisionsReport) -> dict:
    """The decisions file and every decision in it, with its author, time and status."""
    return {"file": report.path, "sha256": report.sha256,
            "decisions": [applied_json(a) for a in report.decisions]}


def applied_json(a: AppliedDecision) -> dict:
    d = a.decision
    return {"id": d.id, "kind": d.kind.value, "author": d.author,
            "time": d.time.strftime("%Y-%m-%dT%H:%M:%SZ"), "note": d.note, "status": a.status.value,
            "why": a.why, "statements": list(a.statements),
            "spans": [{"role": s.role.value, "document": s.document, "sha256": s.sha256,
                       "start": s.start, "end": s.end, "text": s.text} for s in d.spans],
            "found": [{"role": p.role.value, "document": p.document, "start": p.start, "end": p.end,
                       "statement": p.statement} for p in a.places]}


def comparison_to_json(comparison: Comparison, *, parts: Iterable[str] = PARTS) -> dict:
    """The whole comparison; `parts` selects the top-level sections (align shows only the
    documents, the reference and the statements)."""
    return {key: list(value) if isinstance(value, Iterator) else value
            for key, value in _sections(comparison, set(parts))}


def write_comparison_json(comparison: Comparison, write: Callable[[bytes], object], *,
                          parts: Iterable[str] = PARTS) -> None:
    """`dumps(comparison_to_json(comparison, parts=parts))` in UTF-8, the same bytes, handed to
    `write` a document and a statement at a time: a corpus of ten thousand versions is never
    held as one dictionary and one string besides the comparison. Bytes, as orjson makes them:
    sixty megabytes at a thousand versions are neither decoded nor encoded again."""
    import orjson

    write(b"{")
    for k, (key, value) in enumerate(_sections(comparison, set(parts))):
        write((b"," if k else b"") + b"\n  " + orjson.dumps(key) + b": ")
        if not isinstance(value, Iterator):
            write(_indented(value, 1))
            continue
        first = True
        for item in value:
            write((b"[\n    " if first else b",\n    ") + _indented(item, 2))
            first = False
        write(b"[]" if first else b"\n  ]")
    write(b"\n}\n")


def _indented(value: object, depth: int) -> bytes:
    """orjson's indented JSON of `value` as it reads at `depth` (its lines after the first
    indented by `depth` levels): dumped inside `depth` lists, whose own lines are cut off, so
    the bytes are never searched and copied again for their line ends."""
    import orjson

    for _ in range(depth):
        value = [value]
    text = orjson.dumps(value, option=orjson.OPT_INDENT_2)
    opening, closing = _WRAPPERS[depth]
    return text[opening:len(text) - closing]


_WRAPPERS = {depth: (sum(2 + 2 * k for k in range(1, depth + 1)), sum(2 + 2 * k for k in range(depth)))
             for depth in (1, 2)}
"""Bytes before and after a value dumped inside one list (an opening bracket, a line end and
one indent; a line end and a bracket) or two."""


def _sections(comparison: Comparison, parts: set[str]) -> Iterator[tuple[str, object]]:
    """(key, value) of every top-level section in order; documents and statements as iterators."""
    yield "format", FORMAT
    yield "variance", __version__
    yield "options", comparison.options.to_json()
    if "documents" in parts:
        yield "documents", (document_json(d, comparison) for d in comparison.documents)
        if comparison.unaligned:  # present only when a document was kept out of alignment
            yield "unaligned", [document_json(d) for d in comparison.unaligned]
    if "reference" in parts:
        yield "reference", comparison.reference
    if "statements" in parts:
        yield "statements", (statement_json(s, comparison) for s in comparison.statements)
    if "artefacts" in parts:
        yield "artefacts", [artefact_json(a) for a in comparison.artefacts]
    if comparison.decisions is not None and "statements" in parts:
        yield "decisions", decisions_json(comparison.decisions)
    if "quotes" in parts and comparison.quotes is not None:
        yield "quotes", quotes_json(comparison, comparison.quotes)
    if "omissions" in parts:
        yield "omissions", omissions_json(comparison)
    if comparison.warnings:
        yield "warnings", list(comparison.warnings)


def check_json(check: QuoteCheck, comparison: Comparison) -> dict:
    """The check as plain data (docs/quotes.md): for `--json` and for views that embed it."""
    return {"quote": check.text, "source": check.source,
            "results": [match_json(m, comparison) for m in check.results],
            "also": [match_json(m, comparison) for m in check.also],
            "conflicts": [{"speakers": [{"speaker": s, "documents": list(d)} for s, d in c.speakers],
                           "message": c.message} for c in check.conflicts]}


def match_json(m: QuoteMatch, comparison: Comparison) -> dict:
    absent = m.verdict is Verdict.ABSENT
    a = m.attribution
    return {
        "document": m.document, "verdict": m.verdict.value,
        "text": None if absent else comparison.document(m.document).text[m.start:m.end],
        "start": None if absent else m.start, "end": None if absent else m.end,
        "similarity": m.similarity, "overlap": m.overlap, "quoted": m.quoted,
        "statement": m.statement, "meaning": m.meaning,
        "attribution": None if a is None else {"speaker": a.speaker, "kind": a.kind.value, "cue": a.cue,
                                               "start": a.start, "end": a.end, "via": a.via.value, "how": a.how},
        "changes": [change_json(c) for c in m.changes],
    }


def checks_json(comparison: Comparison, checks: list[QuoteCheck], *,
                document: str | None = None) -> dict:
    """Format-1 body of `variance quote` (one check) or `variance quote --from DOC` (many)."""
    if document is None and len(checks) == 1:
        return check_json(checks[0], comparison)
    return {"document": document, "quotes": [check_json(c, comparison) for c in checks]}


def groups_json(comparison: Comparison, groups: list[QuoteGroup]) -> dict:
    """Format-1 body of `variance quotes`."""
    return {"groups": [{"statement": g.statement, "quotes": [check_json(c, comparison) for c in g.checks]}
                       for g in groups]}


def quotes_json(comparison: Comparison, quotes: CorpusQuotes) -> dict:
    """The corpus' quotes as the pipeline checked them, and what its budget left out."""
    left = quotes.left_out
    return groups_json(comparison, list(quotes.groups)) | {
        "left_out": None if left is None else {"quotes": left.quotes, "versions": left.versions,
                                               "only": left.only}}


def omissions_json(comparison: Comparison) -> list[dict]:
    return [{"statement": o.statement, "score": o.score, "reasons": list(o.reasons),
             "dropped_by": list(o.dropped_by)} for o in comparison.omissions]


def dumps(obj: dict) -> str:
    """Indented UTF-8 JSON; orjson keeps a thousand-version corpus fast to write."""
    import orjson

    return orjson.dumps(obj, option=orjson.OPT_INDENT_2).decode("utf-8") + "\n"

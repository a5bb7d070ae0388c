"""What the HTML report's script draws rather than the markup: the data islands.

A small report is markup through and through, its script only folding and filtering. A large one
(more than `LAZY_CELLS` coverage cells, statements times versions) would be tens of thousands of
elements laid out at once, seconds before the page answers a click; there the page is drawn as it
is looked at:

- the coverage matrix: its rows travel as plain JSON (one character per cell), and the script
  draws only the rows and columns in the matrix's box, redrawn as it scrolls;
- every statement card: its header is markup (so filters, counts and `#statement-N` links work
  before anything is drawn), its versions are drawn when the card comes near the screen or is
  linked to;
- each quote's passages: drawn when a verdict cell is opened or `#qp-N-C` is linked to.

Whatever a reader sees only on demand (those versions and passages, each card's folded
versions, the documents table's later rows, every document's artefact list and full text) goes
into gzip-compressed, base64-encoded JSON islands (`lazy_payload`), unpacked when needed and
all of them, one at a time, once the page is shown; before printing the script draws it all.
"""

from __future__ import annotations

import base64
import gzip
import json
import re

__all__ = ["LAZY_CELLS", "FOLD_AFTER", "DOCS_OPEN", "DOC_CHUNK", "is_lazy", "lazy_payload", "matrix_island"]

LAZY_CELLS = 5000
"""Coverage cells (statements × versions) above which the page draws cards, matrix and quote
passages as they are looked at (at 200 versions of one story: about 16,000)."""
DOCS_OPEN = 40
"""Rows of the documents table written as markup in a large report; the script draws the rest
as the table's box scrolls near its end."""
DOC_CHUNK = 50
"""Documents whose artefact lists and full texts share one island (near copies compress together)."""
FOLD_AFTER = 12
"""Versions shown open in a statement card; the rest sit behind 'show N more'."""


def is_lazy(data: dict) -> bool:
    """Whether the page of `data` (`html.report_data`) is drawn as it is looked at."""
    return len(data["matrix"]) * len(data["documents"]) > LAZY_CELLS


def lazy_payload(data: dict, lazy: bool = False) -> dict[str, str]:
    """What the page draws only when it is looked at, as named islands, each a gzip-compressed,
    base64-encoded JSON document the script unpacks when it is needed (and all of them, one at
    a time, once the page is shown): each group of `DOC_CHUNK` documents' artefact lists and
    full texts (`docs-K`), and the versions behind each card's "N more versions" (`folded`); for
    a page drawn as it is looked at, instead of `folded`, every shared statement's versions and
    repeats (`card-ID`), each quote's passages (`quotes`) and the documents table's rows after
    its first `DOCS_OPEN` (`rows`). Syndicated copies repeat each other, so this is a few
    hundred kB where the same as markup was tens of MB; small islands keep each unpacking short."""
    arts = data["artefacts"]
    islands = {f"docs-{k // DOC_CHUNK}": arts[k:k + DOC_CHUNK] for k in range(0, len(arts), DOC_CHUNK)}
    if lazy:
        islands |= {f"card-{s['id']}": {"ref": s["anchor_is_reference"], "members": [_lean(m) for m in s["members"]],
                                         "repeats": s["repeats"]} for s in data["shared"]}
        islands["rows"] = [_row(d) for d in data["documents"][DOCS_OPEN:]]
        islands["quotes"] = {str(q["n"]): {"source": q["source_column"],
                                           "cells": [c for c in q["cells"] if c["pieces"] is not None or c["also"]]}
                             for g in data["quotes"]["groups"] for q in g["quotes"]}
    else:
        islands["folded"] = {str(s["id"]): s["members"][FOLD_AFTER + 1:] for s in data["shared"]
                             if len(s["members"]) > FOLD_AFTER + 1}
    return {name: _packed(body) for name, body in islands.items()}


def _packed(body: object) -> str:
    return base64.b64encode(gzip.compress(_json(body), compresslevel=6, mtime=0)).decode("ascii")


def _json(body: object) -> bytes:
    """`json.dumps(body, ensure_ascii=False, separators=(",", ":"), sort_keys=True)` in UTF-8,
    by orjson where the two write the same bytes (0.08 s against 0.6 s for the islands of
    1,000 versions): they write every string, integer and float alike, but for a float below
    1e-4 (orjson "0.00001", json "1e-05"), found in orjson's bytes (`_small_float`: or text
    that reads like one, and json then writes it, the same bytes either way), and for what
    orjson refuses (keys that are not strings, integers past 64 bits). A NaN or an infinity,
    which orjson writes as null and json as no JSON at all, never reaches a page: the
    script's `JSON.parse` would refuse the island."""
    import orjson

    try:
        raw = orjson.dumps(body, option=orjson.OPT_SORT_KEYS)
    except TypeError:
        raw = None
    if raw is None or _small_float(raw):
        return json.dumps(body, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    return raw


def _small_float(raw: bytes) -> bool:
    """Whether orjson may have written a float below 1e-4 in `raw`: "0.0000" then digits, or
    a digit then a negative exponent ("1e-7")."""
    return b"0.0000" in raw or _EXPONENT.search(raw) is not None


_EXPONENT = re.compile(rb"e-(?<=[0-9]e-)")
"""A negative exponent, looked for from its letters (a digit before them is checked after)."""


def _row(doc: dict) -> dict:
    """A row of the documents table, its figures formatted as the template formats them."""
    share = doc["carried_share"]
    return {"index": doc["index"], "id": doc["id"], "title": doc["title"], "path": doc["path"],
            "is_reference": doc["is_reference"], "other_event": doc["other_event"],
            "extra": [x for x in (doc["fetched"], doc["language"], doc["role"], *doc["notes"]) if x],
            "outlet": doc["outlet"] or "–", "date": doc["date"] or "–", "sentences": doc["sentences"],
            "carried": None if doc["carried"] is None else f"{doc['carried']}/{doc['reference_statements']}",
            "bar": None if share is None else round(share * 100),
            "share": "–" if share is None else f"{round(share * 100)}%",
            "drift": "–" if doc["drift"] is None else f"{doc['drift']:.2f}", "artefacts": doc["artefacts"],
            "sha256": doc["sha256"]}


def _lean(member: dict) -> dict:
    """A member as the script needs it: its wording is in its pieces, so not twice; no `reason`
    (its words are in `because`); no field that is false or empty (the script reads a missing
    one as such)."""
    return {k: v for k, v in member.items() if k not in _LEFT_OUT and v is not False and v != ""}


_LEFT_OUT = frozenset({"text", "reason"})


def matrix_island(data: dict) -> dict:
    """The coverage matrix as the script draws it: per version its column label and title, the
    reference's column, and per statement `[id, its wording, one character per cell]` (the
    cell states of `html.report_data`: r, 0 to 3, a)."""
    docs = data["documents"]
    return {"heads": [[f"{d['index']} {d['id']}", f"{d['index']} {d['id']}" + (f": {d['title']}" if d["title"] else "")]
                      for d in docs],
            "ref": next((d["index"] for d in docs if d["is_reference"]), 0),
            "rows": [[r["id"], r["text"], "".join(r["cells"])] for r in data["matrix"]]}

"""Reading archive inputs: the articles to index, from folders and files of many kinds.

An ARCHIVE argument is one of:
- a `.jsonl`/`.ndjson` file: one article per line, an object with `text` (or `body`, `content`)
  and optionally `id`, `outlet`, `date`, `url`, `title`, `language`;
- a `.csv` file with a header naming the same columns (`text` required);
- a `.parquet` file with the same columns (`text` required), read through DuckDB;
- anything else (a folder, `.txt`, `.html`, `.json`...): read by variance's own loaders
  (`variance.load.load_paths`), one article per document.

Archives are read twice: `check_sources` validates every record first, so that bad input
stops the run before anything is written (one line naming the file and the record), then
`read_sources` streams the articles. An article's key is its `id` (else `FILE:N`), its
`sha256` the hash of its fields, so re-indexing finds what is new or changed.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from ..errors import InputError

__all__ = ["FIELDS", "ArchiveArticle", "check_sources", "read_sources"]

FIELDS = ("id", "outlet", "date", "url", "title", "language")
"""Metadata columns read from JSONL, CSV and Parquet archives (all optional)."""
_TEXT = ("text", "body", "content")
_RECORD_SUFFIXES = (".jsonl", ".ndjson", ".csv", ".parquet")


@dataclass(frozen=True)
class ArchiveArticle:
    """One article to index, as read."""

    id: str
    """Its key: the `id` field, else `FILE:N` (N-th record) or the loader's document id."""
    text: str
    sha256: str
    """Hash of the text and every field: a changed article is re-indexed."""
    source: str
    """The file it came from."""
    outlet: str | None = None
    date: str | None = None
    url: str | None = None
    title: str | None = None
    language: str | None = None


def _article(fields: Mapping[str, object], source: str, where: str, number: int) -> ArchiveArticle:
    """An article from one record, or InputError naming the record."""
    body = next((fields[k] for k in _TEXT if fields.get(k) is not None), None)
    if not isinstance(body, str) or not body.strip():
        what = ("no text" if body is None
                else "an empty text" if isinstance(body, str) else "a text that is not a string")
        raise InputError(f"{source}: {where} {number}: {what} (expected a 'text' field)")
    meta: dict[str, str | None] = {}
    for name in FIELDS:
        value = fields.get(name)
        if value is not None and not isinstance(value, (str, int)) or isinstance(value, bool):
            raise InputError(f"{source}: {where} {number}: field '{name}' must be a string")
        meta[name] = str(value).strip() or None if value is not None else None
    key = meta.pop("id") or f"{os.path.basename(source)}:{number}"
    digest = hashlib.sha256(json.dumps([key, body, meta], ensure_ascii=False).encode("utf-8",
                                                                                       "surrogatepass")).hexdigest()
    return ArchiveArticle(key, body, digest, source, **meta)


def _jsonl(path: str) -> Iterator[ArchiveArticle]:
    try:
        with open(path, encoding="utf-8", errors="strict") as f:
            for number, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    item = json.loads(line)
                except (json.JSONDecodeError, RecursionError) as exc:
                    raise InputError(f"{path}: line {number}: invalid JSON ({exc})") from exc
                if not isinstance(item, dict):
                    raise InputError(f"{path}: line {number}: expected an object")
                yield _article(item, path, "line", number)
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc


def _csv(path: str) -> Iterator[ArchiveArticle]:
    csv.field_size_limit(1 << 30)
    try:
        with open(path, encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            if not reader.fieldnames or not set(_TEXT) & set(reader.fieldnames):
                raise InputError(f"{path}: the header has no 'text' column")
            for number, row in enumerate(reader, 1):
                yield _article({k: v for k, v in row.items() if k is not None}, path, "row", number)
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    except csv.Error as exc:
        raise InputError(f"{path}: not a readable CSV file ({exc})") from exc


def _parquet(path: str, batch: int = 2000) -> Iterator[ArchiveArticle]:
    import duckdb

    con = duckdb.connect()
    try:
        columns = [r[0] for r in con.execute("SELECT name FROM parquet_schema(?)", [path]).fetchall()]
        text = next((c for c in _TEXT if c in columns), None)
        if text is None:
            raise InputError(f"{path}: the Parquet file has no 'text' column")
        wanted = [c for c in FIELDS if c in columns]
        select = ", ".join(f'CAST("{c}" AS VARCHAR)' for c in [text, *wanted])
        cursor = con.execute(f"SELECT {select} FROM read_parquet(?)", [path])
        number = 0
        while rows := cursor.fetchmany(batch):
            for row in rows:
                number += 1
                yield _article(dict(zip(["text", *wanted], row)), path, "row", number)
    except duckdb.Error as exc:
        raise InputError(f"{path}: not a readable Parquet file ({str(exc).splitlines()[0]})") from exc
    finally:
        con.close()


def _documents(path: str) -> Iterator[ArchiveArticle]:
    from ..load import load_paths
    from ..model import Options

    def strict(message: str) -> None:
        raise InputError(message)

    for doc in load_paths([path], Options(strict=True), warn=strict):
        fields = {"id": doc.id, "text": doc.text, "outlet": doc.outlet, "date": doc.date,
                  "title": doc.title, "language": doc.language}
        _article(fields, doc.path, "document", 1)        # the same checks as records
        yield ArchiveArticle(doc.id, doc.text, doc.sha256, doc.path, doc.outlet, doc.date, None,
                             doc.title, doc.language)


def _read_one(path: str) -> Iterator[ArchiveArticle]:
    if path != "-" and not os.path.exists(path):
        raise InputError(f"{path}: no such file or folder")
    suffix = os.path.splitext(path)[1].lower()
    if suffix in (".jsonl", ".ndjson"):
        return _jsonl(path)
    if suffix == ".csv":
        return _csv(path)
    if suffix == ".parquet":
        return _parquet(path)
    return _documents(path)


def read_sources(paths: Sequence[str]) -> Iterator[ArchiveArticle]:
    """Every article of every ARCHIVE, in order; InputError on the first bad record."""
    for path in paths:
        yield from _read_one(path)


def check_sources(paths: Sequence[str]) -> int:
    """Validate every record of every ARCHIVE; the number of articles. InputError naming the
    first bad record, a repeated id, or an archive with no article."""
    if not paths:
        raise InputError("no archive given: name folders or .jsonl, .csv, .parquet files")
    seen: dict[str, str] = {}
    for path in paths:
        count = 0
        for article in _read_one(path):
            count += 1
            if article.id in seen:
                raise InputError(f"{path}: article id {article.id!r} is used twice "
                                 f"(also in {seen[article.id]})")
            seen[article.id] = path
        if count == 0:
            raise InputError(f"{path}: no article in this archive")
    return len(seen)

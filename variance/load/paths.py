"""Load what the user gives (URLs, files, folders, stdin) into `Document`s, the first stage.

A PATH is an `http(s)://` URL (fetched once: `variance.load.fetch`), a file, a folder (read
recursively in sorted order of relative paths; hidden files and folders skipped; symbolic
links followed only inside the folder unless `follow_links`, only regular files read, at most
`MAX_FILES` files a run: `variance.load.walk`) or `-` for standard input. Formats by
extension: `.txt`/`.text`/`.md`/`.markdown` plain text, `.html`/`.htm`/`.xhtml` saved pages,
`.json` (an object or a list of objects) and `.jsonl`/`.ndjson` (one object per line), `.pdf`,
`.docx` and `.eml` (see `variance.load.kinds`); a file with another or no extension is read as
text (or as HTML, PDF or Word when it starts like one). In folders only those extensions and
extensionless files are read.
`NAME.meta.json` next to a text or HTML document is its metadata sidecar, never a document
(JSON records carry their own fields).

Each document keeps its text exactly as decoded (see `variance.load.decode`), except that a lone
surrogate, which no UTF-8 output could carry, becomes U+FFFD (noted); a file name's undecodable
bytes read `\\xNN` in its id and path. Metadata lines are
marked, not removed (see `variance.load.metadata`). Field precedence, lowest first: what the text
shows (title line, date line), front matter, the page's or JSON record's own fields, the sidecar.
The language is the declared one, else detected from the text (see `variance.load.language`).
A folder written by `--save-inputs` loads its documents as they were saved (`variance.load.saved`).
Sentences are left empty: segmentation is a later stage. Inputs are only ever read.

Ids are file names without extension (`stdin` for `-`; for JSON records their `id` field, else
the file's stem, or `STEM-N` for the N-th record of a list or line N of a JSONL file). When an id
is already taken, the parent folder's name is appended (`a/x.txt`, `b/x.txt` → `x`, `x-b`), then
a counter (`x-b-2`, `x-b-3`...), in the order inputs are loaded; the document's notes say so.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, BinaryIO

from variance.load.metadata import META_FIELDS, find_meta

from ..errors import InputError
from ..model import Document, MetaSpan, Options
from ..text.safe import valid_unicode
from .decode import clean_text, decode_bytes
from .extract import merge_spans
from .fetch import Fetched, fetch_url, fetched_text, is_url, url_name
from .kinds import BINARY_KINDS, BINARY_SUFFIXES, binary_kind, extract_binary
from .language import document_language
from .saved import is_saved_inputs, read_saved_inputs
from .walk import MAX_FILES, read_at_most, read_file, walk_folder

if TYPE_CHECKING:
    from .formats import Record

__all__ = ["load_paths", "document_from_text"]

TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSON_SUFFIXES = (".json",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
SIDECAR = ".meta.json"
SIDECAR_MAX_BYTES = 1_000_000
"""A metadata sidecar holds a few fields; a larger one is ignored with a warning."""
_KNOWN = TEXT_SUFFIXES + HTML_SUFFIXES + JSON_SUFFIXES + JSONL_SUFFIXES + tuple(BINARY_SUFFIXES)
_LOOKED_FOR = (".txt, .md, .html, .htm, .json, .jsonl, .pdf, .docx, .eml and files without "
               "an extension")


def _warn_stderr(message: str) -> None:
    print(f"variance: warning: {message}", file=sys.stderr)


@dataclass(frozen=True)
class _Input:
    """One file (or stdin) to read."""

    path: str
    """As given, or the folder as given joined with the path inside it; '-' for stdin."""
    stem: str
    parent: str
    """Name of the folder holding the file, to tell apart files with the same stem."""


class _Loader:
    """State of one `load_paths` call: options, warnings, ids taken, stdin."""

    def __init__(self, options: Options, warn: Callable[[str], None],
                 stdin: BinaryIO | None, originals: dict[str, bytes] | None = None) -> None:
        self.options, self.warn, self.stdin = options, warn, stdin
        self.originals = originals
        """When a dict, every input's bytes as read, by path (for --save-inputs)."""
        self.taken: set[str] = set()
        self.stdin_read = False

    def skip(self, error: InputError) -> None:
        """Report a problem that leaves something out: a warning, or the error if strict."""
        if self.options.strict:
            raise error
        self.warn(str(error))

    def claim_all(self, documents: list[Document]) -> list[Document]:
        """The documents with unique ids, each renamed one noted."""
        out = []
        for doc in documents:
            got = self.claim(doc.id, "")
            out.append(replace(doc, id=got, notes=doc.notes + _renamed(doc.id, got)))
        return out

    def claim(self, wanted: str, parent: str) -> str:
        """A unique id for `wanted` (see the module docstring for the scheme)."""
        candidate = wanted if wanted not in self.taken else f"{wanted}-{parent}" if parent else ""
        if not candidate or candidate in self.taken:
            base, number = candidate or wanted, 2
            while f"{base}-{number}" in self.taken:
                number += 1
            candidate = f"{base}-{number}"
        self.taken.add(candidate)
        return candidate


def load_paths(paths: Sequence[str], options: Options = Options(), *,
               warn: Callable[[str], None] = _warn_stderr,
               stdin: BinaryIO | None = None,
               originals: dict[str, bytes] | None = None) -> list[Document]:
    """Read every PATH into documents, in order.

    With one file a problem raises InputError; otherwise a bad input is skipped with
    `warn("path: what is wrong")` unless `options.strict`. InputError if nothing is usable.
    `originals`, when given, receives every input's bytes by path (to save them).
    """
    if not paths:
        raise InputError("no input given: name files, folders, or - for standard input")
    loader = _Loader(options, warn, stdin, originals)
    single = len(paths) == 1 and (paths[0] == "-" or not os.path.isdir(paths[0]))
    documents: list[Document] = []
    files = 0
    for path in paths:
        try:
            if is_saved_inputs(path):  # a folder written by --save-inputs: as it was compared
                documents.extend(loader.claim_all(read_saved_inputs(
                    path, options.max_bytes, originals)))
                continue
            inputs = _expand(path, loader)
        except InputError as error:
            if len(paths) == 1:
                raise
            loader.skip(error)
            continue
        files += len(inputs)
        if files > MAX_FILES:
            raise InputError(f"{path}: more than {MAX_FILES:,} files given; a run reads at most "
                             f"{MAX_FILES:,} (give fewer files or a subfolder)")
        for item in inputs:
            try:
                documents.extend(_load_input(item, loader))
            except InputError as error:
                if single:
                    raise
                loader.skip(error)
    if not documents:
        raise InputError(f"no usable input in {', '.join(paths)} (see the warnings above)")
    return documents


def document_from_text(text: str, id: str, *, path: str = "<text>", title: str | None = None,
                       outlet: str | None = None, date: str | None = None,
                       language: str | None = None, role: str | None = None) -> Document:
    """A document from text already in memory (mojibake repaired, line ends normalised)."""
    cleaned, notes = clean_text(text)
    if not cleaned.strip():
        raise InputError(f"{path}: text is empty")
    declared = {"title": title, "outlet": outlet, "date": date, "language": language,
                "role": role}
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return _document(id, path, cleaned, digest, notes,
                     {k: v for k, v in declared.items() if v is not None})


def _document(doc_id: str, path: str, text: str, digest: str, notes: tuple[str, ...],
              declared: dict[str, str], spans: tuple[MetaSpan, ...] = ()) -> Document:
    text, replaced = valid_unicode(text)
    if replaced:
        notes += (f"{replaced:,} lone surrogate{'s' * (replaced != 1)} (invalid UTF-16) "
                  "replaced by U+FFFD",)
    doc_id, path = _shown_name(doc_id), _shown_name(path)
    declared = {k: valid_unicode(v)[0] if isinstance(v, str) else v for k, v in declared.items()}
    meta = find_meta(text)
    fields: dict[str, Any] = {**meta.detected, **meta.declared, **declared}
    fields["language"], language_note = document_language(fields.get("language"), text)
    return Document(
        id=doc_id, path=path, text=text, sha256=digest, meta=merge_spans(spans, meta.spans),
        notes=tuple(notes) + tuple(meta.notes) + language_note,
        **_meta_fields(fields))


def _expand(path: str, loader: _Loader) -> list[_Input]:
    """The files one PATH stands for; InputError if it is missing or an empty folder."""
    if path == "-":
        return [_Input("-", "stdin", "")]
    if is_url(path):
        return [_Input(path, *url_name(path))]
    if os.path.isdir(path):
        files, ignored = walk_folder(path, _wanted, loader.skip, refuse=_saved_folder,
                                     follow_links=loader.options.follow_links)
        if not files:
            raise InputError(f"{path}: no text files in this folder (looked for {_LOOKED_FOR}"
                             f"{_ignored(ignored)})")
        return [_input(f) for f in files]
    if not os.path.lexists(path):
        raise InputError(f"{path}: no such file or directory")
    if path.lower().endswith(SIDECAR):
        return _explicit_sidecar(path)
    return [_input(path)]


def _shown_name(name: str) -> str:
    """A file name as valid text: undecodable bytes (surrogate escapes) as `\\xNN`."""
    if not any("\ud800" <= c <= "\udfff" for c in name):
        return name
    return "".join(f"\\x{ord(c) - 0xDC00:02x}" if "\udc80" <= c <= "\udcff" else
                   "\ufffd" if "\ud800" <= c <= "\udfff" else c for c in name)


def _saved_folder(path: str) -> str | None:
    """Why a folder found inside a PATH is not read, if it is a folder of saved inputs."""
    if is_saved_inputs(path):
        return "inputs saved by --save-inputs; skipped (give the folder as its own PATH to compare them)"
    return None


def _wanted(name: str) -> bool:
    """Is a file of this (lowercase) name, found in a folder, one to read?"""
    return name.endswith(_KNOWN) or not os.path.splitext(name)[1]


def _ignored(count: int) -> str:
    return f"; {count} other file{'s' if count != 1 else ''} ignored" if count else ""


def _input(path: str) -> _Input:
    name = os.path.basename(path)
    stem = os.path.splitext(name)[0] or name
    return _Input(path, stem, os.path.basename(os.path.dirname(os.path.abspath(path))))


def _explicit_sidecar(path: str) -> list[_Input]:
    """A sidecar named as input is read with its document; alone it is an error."""
    stem = path[:-len(SIDECAR)]
    if not any(os.path.exists(stem + suffix) for suffix in _KNOWN + ("",)):
        raise InputError(f"{path}: metadata sidecar with no document next to it "
                         f"(expected {os.path.basename(stem)}.txt or similar)")
    return []


def _read(item: _Input, loader: _Loader) -> bytes:
    """The raw bytes of one input, at most `max_bytes` of them; never writes anything."""
    limit = loader.options.max_bytes
    if item.path != "-":
        return _read_file(item.path, limit)
    stream = loader.stdin if loader.stdin is not None else getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise InputError("-: no standard input to read")
    if loader.stdin_read:
        raise InputError("-: standard input can be read only once")
    loader.stdin_read = True
    try:
        data = read_at_most(stream, limit + 1)
    except OSError as exc:
        raise InputError(f"-: cannot read standard input ({exc.strerror or exc})") from exc
    if len(data) > limit:
        raise InputError(f"-: standard input is over the limit of {limit:,} bytes "
                         f"(raise it with --max-bytes)")
    return data


def _read_file(path: str, limit: int) -> bytes:
    return read_file(path, limit)


def _sidecar(item: _Input, loader: _Loader) -> tuple[dict[str, str], tuple[str, ...]]:
    """Fields from `STEM.meta.json` next to the file, and a note; problems are warnings."""
    if item.path == "-" or is_url(item.path):
        return {}, ()
    path = os.path.join(os.path.dirname(item.path), item.stem + SIDECAR)
    if not os.path.isfile(path):
        return {}, ()
    try:
        text, _ = decode_bytes(_read_file(path, min(loader.options.max_bytes, SIDECAR_MAX_BYTES)), path)
        data = json.loads(text)
    except RecursionError:
        loader.skip(InputError(f"{path}: JSON nested too deeply to read; metadata ignored"))
        return {}, ()
    except json.JSONDecodeError as exc:
        loader.skip(InputError(f"{path}: invalid JSON at line {exc.lineno}, column "
                               f"{exc.colno}: {exc.msg}; metadata ignored"))
        return {}, ()
    except InputError as error:
        loader.skip(InputError(f"{error}; metadata ignored"))
        return {}, ()
    if not isinstance(data, dict):
        loader.skip(InputError(f"{path}: expected a JSON object of metadata fields "
                               f"({', '.join(META_FIELDS)}); metadata ignored"))
        return {}, ()
    wrong = [k for k in META_FIELDS if data.get(k) is not None and not isinstance(data[k], str)]
    if wrong:
        loader.skip(InputError(f"{path}: field '{wrong[0]}' must be a string; metadata ignored"))
        return {}, ()
    fields = {k: data[k].strip() for k in META_FIELDS if isinstance(data.get(k), str)}
    return {k: v for k, v in fields.items() if v}, (f"metadata from {path}",)


def _load_input(item: _Input, loader: _Loader) -> list[Document]:
    if not is_url(item.path):
        return _load_bytes(item, loader, None)
    fetched = fetch_url(item.path, loader.options.max_bytes)
    return [replace(d, fetch=fetched.fetch) for d in _load_bytes(item, loader, fetched)]


def _load_bytes(item: _Input, loader: _Loader, fetched: Fetched | None) -> list[Document]:
    data = fetched.data if fetched else _read(item, loader)
    if loader.originals is not None:
        loader.originals[item.path] = data
    digest = hashlib.sha256(data).hexdigest()
    kind, sniffed = (fetched.kind, ()) if fetched else _format(item.path, data)

    def decode() -> tuple[str, tuple[str, ...]]:
        return fetched_text(fetched, loader.skip) if fetched else decode_bytes(data, item.path)

    if kind in ("json", "jsonl"):
        text, notes = decode()
        from .formats import json_records  # with html.parser: only for the files that need them

        records = json_records(text, item.path, lines=kind == "jsonl", skip=loader.skip)
        return [_record_document(item, record, digest, notes, loader)
                for record in records]
    spans: tuple[MetaSpan, ...] = ()
    if kind in BINARY_KINDS:
        extracted = extract_binary(kind, data, item.path, loader.options)
        text, notes = clean_text(extracted.text)
        notes, declared, spans = extracted.notes + notes, dict(extracted.fields), extracted.spans
    else:
        text, notes = decode()
        notes += sniffed
        declared = {}
    if kind == "html":
        from .formats import html_to_text

        text, declared, html_notes = html_to_text(text, item.path)
        notes += html_notes
    sidecar, sidecar_notes = _sidecar(item, loader)
    declared.update(sidecar)
    doc_id = loader.claim(item.stem, item.parent)
    return [_document(doc_id, item.path, text, digest,
                      notes + sidecar_notes + _renamed(item.stem, doc_id), declared, spans)]


def _record_document(item: _Input, record: Record, digest: str, notes: tuple[str, ...],
                     loader: _Loader) -> Document:
    text, clean_notes = clean_text(record.text)
    wanted = record.fields.get("id") or (
        f"{item.stem}-{record.number}" if record.where else item.stem)
    doc_id = loader.claim(wanted, item.parent)
    where = (f"{record.where} of the file",) if record.where else ()
    declared = {k: v for k, v in record.fields.items() if k != "id"}
    return _document(doc_id, item.path, text, digest,
                     notes + clean_notes + where + _renamed(wanted, doc_id), declared)


def _renamed(wanted: str, got: str) -> tuple[str, ...]:
    return (f"id '{wanted}' was already taken; renamed to '{got}'",) if wanted != got else ()


def _format(path: str, data: bytes) -> tuple[str, tuple[str, ...]]:
    """'text', 'html', 'json', 'jsonl', 'pdf', 'docx' or 'eml' by extension, else by how the
    bytes start; notes."""
    name = path.lower()
    binary = binary_kind(name, data)
    if binary:
        return binary, ()
    for suffixes, kind in ((TEXT_SUFFIXES, "text"), (HTML_SUFFIXES, "html"),
                           (JSON_SUFFIXES, "json"), (JSONL_SUFFIXES, "jsonl")):
        if name.endswith(suffixes):
            return kind, ()
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return "html", ()
    if path == "-" and head[:1] in (b"{", b"["):
        try:
            json.loads(data)
        except (ValueError, RecursionError):  # not JSON after all (or not UTF-8): plain text
            return "text", ("starts like JSON but does not parse as JSON; read as text",)
        return "json", ()
    return "text", ()


def _meta_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """The `Document` fields among `fields` (title, outlet, date, language, role...), None when absent."""
    return {k: fields.get(k) for k in META_FIELDS}

"""Inputs saved as compared (`--save-inputs DIR`), and read back as the same documents.

A saved folder holds every input's bytes as read or fetched (`originals/`), every document's
text as loaded (`texts/`, UTF-8) and `variance-inputs.json`, the manifest: for each document
its id, the path or URL given, the sha256 of the original bytes and of the text, its fields,
its metadata spans, its notes and, for a URL, the fetch record. Given as a PATH, such a folder
loads the documents from the manifest, checking both hashes, so the comparison re-runs offline
with the same statements and the same evidence; a file changed since it was saved is an error.
The folder is written only when it is new or empty, with files created, never overwritten.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Mapping, Sequence

from .. import __version__
from ..errors import InputError, OutputError
from ..model import Document, Fetch, MetaSpan

__all__ = ["MANIFEST", "check_folder", "is_saved_inputs", "read_saved_inputs", "save_inputs"]

MANIFEST = "variance-inputs.json"
FORMAT = "variance-inputs"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_FIELDS = ("title", "outlet", "date", "language", "role")
_EXTENSIONS = {"text/html": ".html", "application/xhtml+xml": ".html", "application/pdf": ".pdf",
               "text/plain": ".txt", "application/json": ".json", "message/rfc822": ".eml",
               "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx"}


def save_inputs(folder: str, documents: Sequence[Document], originals: Mapping[str, bytes]) -> int:
    """Write `folder`; return how many files were written. OutputError if it cannot be."""
    _prepare(folder)
    entries, written, saved = [], 0, {}
    for number, doc in enumerate(documents, 1):
        name = f"{number:03d}-{_UNSAFE.sub('_', doc.id)[:60]}"
        if doc.path not in saved and doc.path in originals:
            saved[doc.path] = f"originals/{name}{_extension(doc)}"
            _write(folder, saved[doc.path], originals[doc.path])
            written += 1
        text_path = f"texts/{name}.txt"
        data = doc.text.encode("utf-8", "surrogatepass")
        _write(folder, text_path, data)
        written += 1
        entries.append(_entry(doc, saved.get(doc.path), text_path, data))
    manifest = {"format": FORMAT, "version": 1, "variance": __version__, "documents": entries}
    _write(folder, MANIFEST, (json.dumps(manifest, ensure_ascii=False, indent=1) + "\n").encode())
    return written + 1


def check_folder(folder: str) -> None:
    """OutputError unless `folder` is new (its parent existing) or an empty folder."""
    if os.path.lexists(folder) and not os.path.isdir(folder):
        raise OutputError(f"{folder}: exists and is not a folder; --save-inputs needs a new or "
                          "empty folder")
    if os.path.isdir(folder) and os.listdir(folder):
        raise OutputError(f"{folder}: folder is not empty; --save-inputs writes only into a new "
                          "or empty folder")
    parent = os.path.dirname(os.path.abspath(folder))
    if not os.path.isdir(parent):
        raise OutputError(f"{folder}: {parent} does not exist")


def _prepare(folder: str) -> None:
    check_folder(folder)
    try:
        for sub in ("", "originals", "texts"):
            os.makedirs(os.path.join(folder, sub), exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create folder ({exc.strerror or exc})") from exc


def _write(folder: str, relative: str, data: bytes) -> None:
    path = os.path.join(folder, relative)
    try:
        with open(path, "xb") as handle:
            handle.write(data)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from exc


def _extension(doc: Document) -> str:
    if doc.fetch is not None:
        return _EXTENSIONS.get(doc.fetch.content_type, ".bin")
    suffix = os.path.splitext(doc.path)[1].lower()
    return suffix if re.fullmatch(r"\.[a-z0-9]{1,8}", suffix) else ".bin"


def _entry(doc: Document, original: str | None, text_path: str, text: bytes) -> dict:
    fetch = doc.fetch
    return {
        "id": doc.id, "input": doc.path, "sha256": doc.sha256, "original": original,
        "text": text_path, "text_sha256": hashlib.sha256(text).hexdigest(),
        **{k: getattr(doc, k) for k in _FIELDS},
        "meta": [[m.start, m.end, m.kind] for m in doc.meta], "notes": list(doc.notes),
        "fetch": None if fetch is None else {
            "url": fetch.url, "final_url": fetch.final_url, "status": fetch.status,
            "fetched_at": fetch.fetched_at, "redirects": list(fetch.redirects),
            "content_type": fetch.content_type},
    }


def is_saved_inputs(path: str) -> bool:
    return os.path.isdir(path) and os.path.isfile(os.path.join(path, MANIFEST))


def read_saved_inputs(folder: str, limit: int,
                      originals: dict[str, bytes] | None = None) -> list[Document]:
    """The documents of a saved folder, exactly as they were compared; InputError if the
    manifest is unreadable or a file no longer matches its hash. `originals`, when given,
    receives the saved original bytes by the path or URL first given."""
    path = os.path.join(folder, MANIFEST)
    try:
        with open(path, "rb") as handle:
            manifest = json.loads(handle.read(limit + 1))
    except (OSError, ValueError, RecursionError) as exc:
        raise InputError(f"{path}: cannot read the manifest of saved inputs ({exc})") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT \
            or not isinstance(manifest.get("documents"), list):
        raise InputError(f"{path}: not a manifest of saved inputs (format {FORMAT!r} expected)")
    try:
        return [_document(folder, entry, limit, originals) for entry in manifest["documents"]]
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"{path}: malformed entry ({type(exc).__name__}: {exc})") from exc


def _document(folder: str, entry: dict, limit: int,
              originals: dict[str, bytes] | None) -> Document:
    text_bytes = _checked(folder, entry["text"], entry["text_sha256"], limit)
    if entry.get("original"):
        original = _checked(folder, entry["original"], entry["sha256"], limit)
        if originals is not None:
            originals[str(entry["input"])] = original
    fetch = entry.get("fetch")
    fields = {k: None if entry.get(k) is None else str(entry[k]) for k in _FIELDS}
    return Document(
        id=str(entry["id"]), path=str(entry["input"]), text=text_bytes.decode("utf-8", "surrogatepass"),
        sha256=str(entry["sha256"]), title=fields["title"], outlet=fields["outlet"],
        date=fields["date"], language=fields["language"], role=fields["role"],
        meta=tuple(MetaSpan(int(s), int(e), str(k)) for s, e, k in entry.get("meta", [])),
        notes=tuple(entry.get("notes", [])) + (f"read from the saved inputs in {folder}",),
        fetch=None if fetch is None else Fetch(**{**fetch, "redirects": tuple(fetch["redirects"])}))


def _checked(folder: str, relative: str, digest: str, limit: int) -> bytes:
    """The bytes of a saved file, which must still hash to `digest`."""
    if os.path.isabs(relative) or ".." in relative.replace("\\", "/").split("/"):
        raise InputError(f"{folder}: the manifest names {relative!r}, outside the folder")
    path = os.path.join(folder, relative)
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    if len(data) > limit:
        raise InputError(f"{path}: over the limit of {limit:,} bytes (raise it with --max-bytes)")
    if hashlib.sha256(data).hexdigest() != digest:
        raise InputError(f"{path}: changed since it was saved (its sha256 differs from the "
                         "manifest's)")
    return data

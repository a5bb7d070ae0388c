"""Input formats that are not plain text: which one an input is, and its reader.

By extension first (`.pdf`, `.docx`, `.eml`), else by how the bytes start (`%PDF-`, a ZIP
archive holding `word/document.xml`), so that standard input and files without an extension
are read too. Each reader lives in its own module and imports its library only when a file of
its kind is met: `pdf` (pdfminer.six), `word` (python-docx), `mail` (Python's `email`).
"""

from __future__ import annotations

from ..model import Options
from .extract import Extracted

__all__ = ["BINARY_KINDS", "BINARY_SUFFIXES", "binary_kind", "extract_binary"]

BINARY_SUFFIXES = {".pdf": "pdf", ".docx": "docx", ".eml": "eml"}
BINARY_KINDS = frozenset(BINARY_SUFFIXES.values())


def binary_kind(name: str, data: bytes) -> str | None:
    """'pdf', 'docx' or 'eml' by the name's extension or the bytes' signature; else None."""
    for suffix, kind in BINARY_SUFFIXES.items():
        if name.lower().endswith(suffix):
            return kind
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        import io
        import zipfile  # only for a file that may be a Word document

        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if "word/document.xml" in archive.namelist():
                    return "docx"
        except zipfile.BadZipFile:
            return None
    return None


def extract_binary(kind: str, data: bytes, path: str, options: Options) -> Extracted:
    """The text of a PDF, Word file or e-mail; InputError (naming `path`) when there is none."""
    if kind == "pdf":
        from .pdf import pdf_to_text

        return pdf_to_text(data, path, limit=options.max_bytes)
    if kind == "docx":
        from .word import docx_to_text

        return docx_to_text(data, path, options.max_bytes)
    from .mail import email_to_text

    return email_to_text(data, path)

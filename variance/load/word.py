"""Word (.docx) body text for the loader (python-docx, imported only when a .docx is read).

Paragraphs and table cells are read in document order, one paragraph per line. Run text is
read from the paragraph's XML so that tracked insertions count and tracked deletions do not
(the text as it now reads); tabs and line breaks are kept, soft hyphens dropped, and text
boxes and the page headers and footers are left out (the notes say so). A paragraph styled
Title gives the title; Title, Subtitle and Heading paragraphs are marked as headlines, shown
and not aligned. The core properties give the title and language when the body has none.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

from ..errors import InputError
from ..model import MetaSpan
from .extract import Extracted

__all__ = ["docx_to_text"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SKIPPED = {_W + "del", _W + "moveFrom", _W + "txbxContent", _W + "delText", _W + "instrText",
            "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"}
_HEADINGS = ("title", "subtitle", "heading")


def docx_to_text(data: bytes, path: str, limit: int) -> Extracted:
    """Body text of a Word file; InputError if it is not one, is too large unpacked, or empty."""
    _check_archive(data, path, limit)
    import docx  # heavy: imported only when a Word file is read
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise InputError(f"{path}: not a Word .docx file ({exc})") from exc
    except Exception as exc:  # malformed XML inside the package
        raise InputError(f"{path}: cannot read this Word file ({type(exc).__name__})") from exc
    lines: list[tuple[str, str]] = []
    _blocks(document, lines, _style_names(document))
    text, spans, title = _assemble(lines)
    if not text.strip():
        raise InputError(f"{path}: Word file has no body text")
    fields = _fields(document, title)
    notes = ["extracted text from Word (.docx)"]
    if any(p.text.strip() for s in document.sections for p in (
            *s.header.paragraphs, *s.footer.paragraphs)):
        notes.append("page headers and footers left out")
    return Extracted(text, fields, tuple(notes), tuple(spans))


def _check_archive(data: bytes, path: str, limit: int) -> None:
    """A .docx is a ZIP archive: refuse one that is not, or that unpacks past `limit` bytes."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise InputError(f"{path}: not a Word .docx file (not a ZIP archive)") from exc
    if "word/document.xml" not in names:
        raise InputError(f"{path}: a ZIP archive without word/document.xml, not a Word file")
    if unpacked > limit:
        raise InputError(f"{path}: Word file unpacks to {unpacked:,} bytes, over the limit of "
                         f"{limit:,} (raise it with --max-bytes)")


def _style_names(document) -> Callable[[str | None], str]:
    """A paragraph style's name from its id, looked up once per id: python-docx finds the
    default style by walking every style of the document for each paragraph (2 ms each, so a
    Word file of 300,000 short paragraphs took over ten minutes)."""
    from docx.enum.style import WD_STYLE_TYPE

    names: dict[str | None, str] = {}

    def name(style_id: str | None) -> str:
        if style_id not in names:
            style = document.part.get_style(style_id, WD_STYLE_TYPE.PARAGRAPH)
            names[style_id] = (style.name if style is not None else "") or ""
        return names[style_id]
    return name


def _blocks(container, lines: list[tuple[str, str]], style_name: Callable[[str | None], str]) -> None:
    """(style, text) of every paragraph under `container`, table cells included, in order."""
    from docx.table import Table

    for item in container.iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                seen = set()
                for cell in row.cells:
                    if id(cell._tc) not in seen:  # a merged cell appears once per column
                        seen.add(id(cell._tc))
                        _blocks(cell, lines, style_name)
        else:
            style = style_name(item._p.style)
            for piece in _run_text(item._p).split("\n"):
                lines.append((style, piece))


def _run_text(element) -> str:
    """The text of a paragraph as it now reads (tracked deletions and text boxes left out)."""
    parts: list[str] = []
    for child in element:
        tag = child.tag
        if tag in _SKIPPED:
            continue
        if tag == _W + "t":
            parts.append(child.text or "")
        elif tag == _W + "tab":
            parts.append("\t")
        elif tag in (_W + "br", _W + "cr"):
            parts.append("\n")
        elif tag == _W + "noBreakHyphen":
            parts.append("-")
        elif tag == _W + "p":
            continue  # a paragraph nested in a run (text box): not part of this one
        else:
            parts.append(_run_text(child))
    return "".join(parts)


def _assemble(lines: list[tuple[str, str]]) -> tuple[str, list[MetaSpan], str]:
    """The text (one non-blank paragraph a line), headline spans and the Title paragraph."""
    out: list[str] = []
    spans: list[MetaSpan] = []
    title = ""
    offset = 0
    for style, line in lines:
        stripped = line.strip()
        if not stripped:
            continue
        kind = style.lower()
        if kind.startswith(_HEADINGS):
            spans.append(MetaSpan(offset, offset + len(stripped),
                                  "title" if kind == "title" else "headline"))
            if kind == "title" and not title:
                title = stripped
        out.append(stripped)
        offset += len(stripped) + 1
    return "\n".join(out), spans, title


def _fields(document, title: str) -> dict[str, str]:
    properties = document.core_properties
    fields = {"title": title or (properties.title or "").strip(),
              "language": (properties.language or "").strip()}
    return {k: v for k, v in fields.items() if v}

"""PDF text in reading order, for the loader (pdfminer.six, imported only when a PDF is read).

pdfminer's layout analysis groups characters into text boxes and orders the boxes as a reader
would (columns one after another), so a two-column page reads column by column even when the
file draws it line by line across the columns. Each box becomes one paragraph (one line of the
loaded text): its lines are joined with a space, and a line that ends in a hyphen before a
lowercase continuation is joined without it when the joined word is the commoner spelling
("chan-" + "nels" → "channels", but "two-" + "way" stays "two-way"). A paragraph cut by a page
break is joined across the break.

Running headers, footers and page numbers (text in the top or bottom band of the page that
repeats, digits aside, on at least half the pages, or a bare page number) are left out of the
body; the notes say what was left out. A PDF with no text at all (a scan) is an InputError, and
a page without text among pages with text is noted.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass

from ..errors import InputError
from .extract import Extracted

__all__ = ["pdf_to_text"]

_BAND = 0.12
"""Share of the page height at the top and at the bottom where running furniture sits."""
_PAGE_NUMBER = re.compile(r"(?i)(?:page|p\.|seite|página|pagina)?\s*[-–—(]?\s*#+\s*[-–—)]?"
                          r"(?:\s*(?:of|/|de|von|sur)\s*#+)?")
_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")
_HYPHENATED = re.compile(r"(\w+)[-\u00ad]$")
_ENDS_SENTENCE = re.compile(r"[.!?…:;。！？．\"”’»)]$")


@dataclass(frozen=True)
class _Box:
    """One text box of one page, top to bottom in reading order."""

    page: int
    """Page number, from 1."""
    lines: tuple[str, ...]
    top: float
    """Distance of the box's top edge from the top of the page, as a share of its height."""
    bottom: float
    """Distance of the box's bottom edge from the top of the page, as a share of its height."""

    @property
    def key(self) -> str:
        """The text with digits as '#', spaces folded and case folded: equal on every page."""
        return _SPACES.sub(" ", _DIGITS.sub("#", " ".join(self.lines))).strip().casefold()

    @property
    def in_band(self) -> bool:
        return self.bottom <= _BAND or self.top >= 1 - _BAND


def pdf_to_text(data: bytes, path: str, language: str | None = None, *, limit: int | None = None) -> Extracted:
    """Body text of a PDF in reading order, its title and language when declared, and notes;
    InputError when its compressed streams (images aside) unpack past `limit` bytes."""
    if limit is not None:
        _check_unpacked(data, path, limit)
    boxes, pages, fields = _read(data, path)
    if not boxes:
        raise InputError(f"{path}: PDF has no text layer ({pages} page{'s' * (pages != 1)} of "
                         f"images: a scan?); run OCR on it first")
    body, notes = _body(boxes, pages)
    paragraphs, joined = _paragraphs(body, language or fields.get("language"))
    text = "\n".join(paragraphs)
    if not text.strip():
        raise InputError(f"{path}: PDF has only running headers and page numbers, no body text")
    notes.insert(0, f"extracted text from PDF ({pages} page{'s' * (pages != 1)}, in reading order)")
    if joined:
        notes.append(f"joined {joined} word{'s' * (joined != 1)} hyphenated at line ends")
    empty = sorted(set(range(1, pages + 1)) - {b.page for b in boxes})
    if empty:
        notes.append(f"no text on page{'s' * (len(empty) != 1)} {', '.join(map(str, empty))} "
                     f"(images only?); left out")
    if fields.get("title") and fields["title"].casefold() not in text[:1000].casefold():
        del fields["title"]  # a producer's file name, not the document's title
    return Extracted(text, fields, tuple(notes))


_STREAM = re.compile(rb">>\s*stream\r?\n")


def _check_unpacked(data: bytes, path: str, limit: int) -> None:
    """InputError if the Flate streams pdfminer would unpack (every stream but images) hold more
    than `limit` bytes: pdfminer unpacks a stream whole, so a 400 KB PDF of one page could ask
    for 850 MB of memory, and 20 MB for tens of GB. Each stream is unpacked in pieces, only
    until the limit is passed."""
    import zlib

    total = 0
    for found in _STREAM.finditer(data):
        head = data[max(0, found.start() - 2000):found.start()]
        head = head[head.rfind(b"<<"):]
        if b"Flate" not in head or b"/Image" in head:
            continue
        inflate, pos = zlib.decompressobj(), found.end()
        try:
            while not inflate.eof and pos < len(data) and total <= limit:
                total += len(inflate.decompress(data[pos:pos + 65536], limit + 1 - total))
                pos += 65536
                while inflate.unconsumed_tail and total <= limit:
                    total += len(inflate.decompress(inflate.unconsumed_tail, limit + 1 - total))
        except zlib.error:
            continue  # a damaged stream: pdfminer's own reading decides
        if total > limit:
            raise InputError(f"{path}: PDF unpacks to more than {limit:,} bytes of text streams, over "
                             "the limit (raise it with --max-bytes)")


def _read(data: bytes, path: str) -> tuple[list[_Box], int, dict[str, str]]:
    """Every text box of every page, the page count and the declared fields."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams, LTTextContainer
    from pdfminer.pdfdocument import PDFDocument, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    boxes: list[_Box] = []
    pages = 0
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        manager = PDFResourceManager()
        device = PDFPageAggregator(manager, laparams=LAParams())
        interpreter = PDFPageInterpreter(manager, device)
        for pages, page in enumerate(PDFPage.create_pages(document), 1):
            interpreter.process_page(page)
            layout = device.get_result()
            height = layout.height or 1.0
            for element in layout:
                if not isinstance(element, LTTextContainer):
                    continue
                lines = tuple(line for line in (_SPACES.sub(" ", part).strip()
                              for part in element.get_text().splitlines()) if line)
                if lines:
                    boxes.append(_Box(pages, lines, 1 - element.y1 / height,
                                      1 - element.y0 / height))
        fields = _fields(document)
    except PDFPasswordIncorrect as exc:
        raise InputError(f"{path}: PDF is protected by a password") from exc
    except Exception as exc:  # pdfminer raises many kinds on malformed files
        raise InputError(f"{path}: cannot read this PDF ({type(exc).__name__}: "
                         f"{str(exc)[:80] or 'malformed'})") from exc
    return boxes, pages, fields


def _fields(document) -> dict[str, str]:
    """Title and language as the file declares them."""
    from pdfminer.pdftypes import resolve1

    fields = {}
    info = document.info[0] if document.info else {}
    title = _string(resolve1(info.get("Title")))
    if title:
        fields["title"] = title
    language = _string(resolve1(document.catalog.get("Lang")))
    if language:
        fields["language"] = language
    return fields


def _string(value: object) -> str:
    if isinstance(value, bytes):
        if value.startswith((b"\xfe\xff", b"\xff\xfe")):
            return value.decode("utf-16", "replace").strip()
        return value.decode("latin-1").strip()
    return value.strip() if isinstance(value, str) else ""


def _body(boxes: list[_Box], pages: int) -> tuple[list[_Box], list[str]]:
    """The boxes that are not running headers, footers or page numbers, and notes."""
    on_pages = Counter(key for key, _ in {(b.key, b.page) for b in boxes if b.in_band})
    repeated = {key for key, count in on_pages.items()
                if pages >= 2 and count >= 2 and count * 2 >= pages}
    body: list[_Box] = []
    left_out: Counter[str] = Counter()
    numbers = 0
    for box in boxes:
        if box.in_band and _PAGE_NUMBER.fullmatch(box.key):
            numbers += 1
        elif box.key in repeated:
            left_out[" ".join(box.lines)] += 1
        else:
            body.append(box)
    notes = [f"left out the running header or footer “{text[:60]}” ({count} page"
             f"{'s' * (count != 1)})" for text, count in left_out.items()]
    if numbers:
        notes.append(f"left out page numbers ({numbers} page{'s' * (numbers != 1)})")
    return body, notes


def _paragraphs(boxes: list[_Box], language: str | None) -> tuple[list[str], int]:
    """One paragraph per box, lines joined, hyphenation repaired; joined across page breaks."""
    out: list[str] = []
    joined = 0
    last_page = 0
    for box in boxes:
        lines = list(box.lines)
        if out and box.page != last_page and not _ENDS_SENTENCE.search(out[-1]) \
                and lines[0][:1].islower():
            lines.insert(0, out.pop())  # a paragraph the page break cut
        text, count = _join_lines(lines, language)
        out.append(text)
        joined += count
        last_page = box.page
    return out, joined


def _join_lines(lines: list[str], language: str | None) -> tuple[str, int]:
    text, joined = lines[0], 0
    for line in lines[1:]:
        match = _HYPHENATED.search(text)
        head = line.split(" ", 1)[0]
        if not (match and head[:1].islower()):
            text = f"{text} {line}"
        elif _dehyphenate(match[1], head, language):
            text, joined = text[:match.start()] + match[1] + line, joined + 1
        else:
            text += line  # a hyphenated compound: "two-" + "way"
    return text, joined


def _dehyphenate(first: str, second: str, language: str | None) -> bool:
    """True when 'first' + 'second' is a word split by the typesetter, not a hyphenated compound."""
    word = second.rstrip(".,;:!?)»”’\"'")
    try:
        import wordfreq  # only PDFs with hyphenated line ends pay for the lexicon
    except ImportError:
        return True
    lang = (language or "en").split("-")[0].lower()
    if lang not in wordfreq.available_languages():
        return True
    whole = wordfreq.zipf_frequency(first + word, lang)
    compound = wordfreq.zipf_frequency(f"{first}-{word}", lang)
    return whole >= compound

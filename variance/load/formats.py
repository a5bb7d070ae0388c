"""Input formats other than plain text, for the loader: saved HTML pages and JSON/JSONL records.

`html_to_text` keeps the article text of a saved page (trafilatura, imported only when an HTML
file is met; a plain tag-stripper when trafilatura finds nothing) and reads the page's title,
site name, publication date and language. Both read the page with lxml's HTML parser, whose
tokenizer follows HTML5 as browsers do: a comment never closed runs to the end of the file, and
the document's notes say how much of the page it hid. `json_records` reads one object, a list of objects or
one object per line (JSONL), each with a text field (`text`, `body` or `content`) and optional
`title`, `outlet`, `date`, `language`, `role` and `id`. A bad record is reported through `skip`
and left out; a file that is not JSON at all is an InputError.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from variance.errors import InputError
from variance.text.safe import valid_unicode

__all__ = ["Record", "html_to_text", "json_records", "unclosed_comment", "TEXT_FIELDS",
           "META_FIELDS"]

TEXT_FIELDS = ("text", "body", "content")
META_FIELDS = ("title", "outlet", "date", "language", "role")

_HIDDEN = {"script", "style", "noscript", "template", "svg", "iframe", "object", "head"}
_BLOCK = {
    "p", "div", "br", "li", "ul", "ol", "tr", "td", "th", "table", "article", "section",
    "header", "footer", "aside", "nav", "main", "blockquote", "pre", "figure", "figcaption",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "dd", "dt", "form", "address",
}
_SPACES = re.compile(r"[^\S\n]+")


@dataclass(frozen=True)
class Record:
    """One document's worth of a JSON file."""

    where: str
    """'' for a single object, 'record N' in a list, 'line N' in JSONL (N from 1)."""
    number: int
    """Position of the record in its file, from 1."""
    text: str
    fields: dict[str, str] = field(default_factory=dict)
    """Declared metadata among META_FIELDS, plus 'id' when the record names itself."""


MAX_ATTRIBUTES = 1_000
"""An element with more attributes than this is not a page to extract an article from
(trafilatura's time grows faster than linearly with them): its tags are stripped instead."""


class _PageScan:
    """One pass over a page: visible text (tags stripped) and head metadata.

    A target of lxml's HTML parser (libxml2, whose tokenizer follows HTML5: a comment left open
    runs to the end of the page, as in a browser), the parser trafilatura reads the page with."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.meta: dict[str, str] = {}
        self.title = ""
        self._hidden = 0
        self._in_title = False
        self.most_attributes = 0
        """The largest number of attributes one element has (see MAX_ATTRIBUTES)."""
        self.last_comment: str | None = None
        """The last comment's text while nothing but end tags has followed it."""

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        self.last_comment = None
        self.most_attributes = max(self.most_attributes, len(attrs))
        values = {k: v or "" for k, v in attrs.items()}
        if tag == "html" and values.get("lang"):
            self.meta.setdefault("lang", values["lang"])
        elif tag == "meta":
            key = (values.get("property") or values.get("name") or "").lower()
            if key and values.get("content"):
                self.meta.setdefault(key, values["content"].strip())
        elif tag == "title":
            self._in_title = True
        if tag == "body":  # a page may leave <head> unclosed
            self._hidden = 0
        if tag in _HIDDEN:
            self._hidden += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def end(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in _HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def data(self, data: str) -> None:
        self.last_comment = None
        if self._in_title:
            self.title += data
        elif not self._hidden:
            self.parts.append(data)

    def comment(self, text: str) -> None:
        self.last_comment = text

    def close(self) -> None:
        pass

    def text(self) -> str:
        lines = (_SPACES.sub(" ", line).strip() for line in "".join(self.parts).split("\n"))
        return "\n".join(line for line in lines if line)

    def fields(self) -> dict[str, str]:
        title = self.meta.get("og:title") or _SPACES.sub(" ", self.title).strip()
        date = self.meta.get("article:published_time") or self.meta.get("date") or ""
        found = {"title": title, "outlet": self.meta.get("og:site_name", ""),
                 "date": date[:10] if re.match(r"\d{4}-\d\d-\d\d", date) else "",
                 "language": self.meta.get("lang", "")}
        return {k: v for k, v in found.items() if v}


def _scan(markup: str) -> _PageScan:
    import lxml.etree  # trafilatura's own parser: imported only when an HTML file is met

    scan = _PageScan()
    parser = lxml.etree.HTMLParser(target=scan, huge_tree=True, no_network=True)
    parser.feed(markup)
    parser.close()
    return scan


def unclosed_comment(markup: str, scan: _PageScan) -> str:
    """A note when the page ends inside a comment (`<!--` never closed), else ''.

    Browsers (HTML5) read such a comment to the end of the file, and so does this loader: what
    follows the `<!--` is not shown, so the user is told where the text stops and how much of
    the page was left unread."""
    body = scan.last_comment
    if body is None:
        return ""
    for tail in ("", "-", "--"):  # EOF may fall within the comment's own closing dashes
        if markup.endswith("<!--" + body + tail):
            opened = len(markup) - len(body) - len(tail) - 4
            break
    else:
        return ""
    rest = len(markup) - opened
    line = markup.count("\n", 0, opened) + 1
    return (f"an HTML comment opened at line {line:,} is never closed: as in a browser, the "
            f"{rest:,} characters after it, to the end of the page, are not read")


def html_to_text(markup: str, path: str) -> tuple[str, dict[str, str], tuple[str, ...]]:
    """Article text, metadata fields and notes of a saved page; InputError if it has no text."""
    markup, replaced = valid_unicode(markup)  # lxml takes valid Unicode only
    surrogates = (f"{replaced:,} lone surrogate{'s' * (replaced != 1)} (invalid UTF-16) replaced "
                  "by U+FFFD",) if replaced else ()
    scan = _scan(markup)
    lost = unclosed_comment(markup, scan)
    if scan.most_attributes > MAX_ATTRIBUTES:
        text, note = "", (f"an element has {scan.most_attributes:,} attributes, over the limit of "
                          f"{MAX_ATTRIBUTES:,}: article extraction skipped; tags stripped")
    else:
        text, note = _article_text(markup)
    if not text.strip():
        text, note = scan.text(), note or "no article found by trafilatura; tags stripped"
    if not text.strip():
        raise InputError(f"{path}: no text found in this HTML page" + (f" ({lost})" if lost else ""))
    notes = ("extracted article text from HTML" + (f" ({note})" if note else ""),)
    return text, scan.fields(), notes + surrogates + ((lost,) if lost else ())


def _article_text(markup: str) -> tuple[str, str]:
    """trafilatura's article text, or '' and why not. Never fetches anything."""
    try:
        import trafilatura  # heavy: imported only when an HTML file is met
    except ImportError as exc:
        return "", f"trafilatura unavailable ({exc}); tags stripped"
    text = trafilatura.extract(markup, include_comments=False, include_tables=True,
                               deduplicate=False, with_metadata=False, output_format="txt")
    return text or "", ""


def json_records(text: str, path: str, *, lines: bool,
                 skip: Callable[[InputError], None]) -> list[Record]:
    """The usable records of a JSON (`lines=False`) or JSONL file; bad ones go to `skip`."""
    items = _jsonl_items(text, path, skip) if lines else _json_items(text, path)
    records = []
    for where, number, item in items:
        try:
            records.append(_record(item, where, number))
        except ValueError as exc:
            skip(InputError(f"{path}: {where + ': ' if where else ''}{exc}; record skipped"))
    if not records:
        raise InputError(f"{path}: no usable record (each needs a non-empty "
                         f"'text', 'body' or 'content' string)")
    return records


def _json_items(text: str, path: str) -> list[tuple[str, int, object]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: invalid JSON at line {exc.lineno}, column {exc.colno}: "
                         f"{exc.msg}") from exc
    except RecursionError as exc:
        raise InputError(f"{path}: JSON nested too deeply to read") from exc
    if isinstance(data, dict):
        return [("", 1, data)]
    if isinstance(data, list):
        return [(f"record {n}", n, item) for n, item in enumerate(data, 1)]
    raise InputError(f"{path}: expected a JSON object with a 'text' field or a list of such "
                     f"objects, found {_kind(data)}")


def _jsonl_items(text: str, path: str,
                 skip: Callable[[InputError], None]) -> list[tuple[str, int, object]]:
    items = []
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            items.append((f"line {n}", n, json.loads(line)))
        except json.JSONDecodeError as exc:
            skip(InputError(f"{path}: line {n}: invalid JSON ({exc.msg}); record skipped"))
        except RecursionError:
            skip(InputError(f"{path}: line {n}: JSON nested too deeply; record skipped"))
    return items


def _record(item: object, where: str, number: int) -> Record:
    """One record, or ValueError saying which field is missing or wrong."""
    if not isinstance(item, dict):
        raise ValueError(f"expected an object, found {_kind(item)}")
    present = [name for name in TEXT_FIELDS if name in item]
    if not present:
        raise ValueError("no text field (expected 'text', 'body' or 'content')")
    body = item[present[0]]
    if not isinstance(body, str):
        raise ValueError(f"field '{present[0]}' must be a string, not {_kind(body)}")
    if not body.strip():
        raise ValueError(f"field '{present[0]}' is empty")
    fields = {}
    for name in (*META_FIELDS, "id"):
        value = item.get(name)
        if value is None:
            continue
        if name == "id" and isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise ValueError(f"field '{name}' must be a string, not {_kind(value)}")
        if value.strip():
            fields[name] = value.strip()
    return Record(where, number, body, fields)


def _kind(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "true/false",
             int: "a number", float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)

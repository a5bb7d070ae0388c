"""Metadata lines of a news text: the parts that are about the story, not part of it.

`find_meta` marks them with `MetaSpan`s (`[start, end)` offsets into the text, which is never
changed) so that later stages can show them apart and leave them out of alignment:

- `front_matter`: a `---` block of `key: value` lines at the very top (fills the fields);
- `date`: a leading line such as "date 2024-04-26 Politics"; `byline`: "By Jane Doe";
- `source`: a bare domain line ("cgtn.com") at the top or bottom, or "Source: Xinhua";
- `title`: the first line when it is short (at most 20 words) and has no final full stop;
- `dateline`: "BEIJING, June 20, 2023 /PRNewswire/ — ", "Beijing – ", "Yichang, China. " at the
  start of the first body paragraph, or a lone "Beijing:" line;
- `reference`: a "Reference(s):" line and the lines after it, near the end;
- `headline`: a short sub-head inside the body ("Expert Insights", a quoted pull line, a
  Markdown "## heading").

Every rule is conservative: a line that could be a sentence of the story stays in the story.
Hard-wrapped text (lines broken inside sentences) is recognised, and then a title or sub-head
must stand in its own blank-line-separated paragraph. Regexes only ever see bounded prefixes of
lines, so a multi-megabyte line costs linear time.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from variance.model import MetaSpan

__all__ = ["Meta", "find_meta", "META_FIELDS"]

META_FIELDS = ("title", "outlet", "date", "language", "role")

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DATE = (rf"(?:\d{{4}}-\d\d-\d\d|\d{{4}}/\d\d?/\d\d?|{_MONTH} \d\d?(?:st|nd|rd|th)?,? \d{{4}}"
         rf"|\d\d? {_MONTH},? \d{{4}})")
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,? )?"
_DATE_LINE = re.compile(
    rf"(?i:(?:date|published|posted|updated|last updated)\s*:?\s*)?{_WEEKDAY}(?P<date>{_DATE})"
    r"(?:[ ,|·]+\d\d?:\d\d(?:\s?[AaPp]\.?[Mm]\.?)?(?: [A-Z]{2,5})?)?"
    r"(?:\s*[ ,|·–—-]\s*[A-Z][\w&]*(?: [A-Z&][\w&]*){0,2})?")
_CAP = r"[A-ZÀ-Þ][\w'’.-]*"
_PLACE = rf"{_CAP}(?: {_CAP}){{0,3}}"
_AGENCY = r"(?: ?/[^/\n]{1,40}/| ?\([^()\n]{1,40}\))"
_START = r"(?=[A-ZÀ-Þ0-9“\"‘'«])"
_DATELINES = (  # (pattern, needs the plain-place check)
    (re.compile(rf"(?P<place>{_PLACE}(?:, {_PLACE})?)(?:, {_WEEKDAY}(?P<date>{_DATE}))?"
                rf"(?P<agency>{_AGENCY})?(?P<dash>\s*[—–]|\s+--?)\s*{_START}"), True),
    (re.compile(rf"{_PLACE}, {_PLACE}\.\s+{_START}"), False),
    (re.compile(rf"[A-Z]{{2,}}(?:[ -][A-Z]{{2,}}){{0,2}}{_AGENCY}?:\s+{_START}"), False),
)
_LONE_DATELINE = re.compile(
    rf"{_PLACE}(?:, {_PLACE})?(?:, {_DATE})?{_AGENCY}?\s*(?::|[—–]|--?)")
_DOMAIN = re.compile(r"(?:https?://)?(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+"
                     r"[A-Za-z]{2,24}(?:/\S*)?")
_SOURCE_LINE = re.compile(r"(?i:sources?|source\(s\)|via)\s*:\s*\S.{0,80}")
_REFERENCE = re.compile(r"(?i:references?|reference\(s\)|sources?|source\(s\))\s*:")
_MARKDOWN_HEADING = re.compile(r"#{1,6} +\S")
_FRONT_LINE = re.compile(r"([A-Za-z][\w-]{0,40})\s*:\s*(.*)")
_SMALL = {"a", "an", "the", "and", "or", "nor", "but", "of", "in", "on", "for", "to", "with",
          "at", "by", "from", "as", "vs", "vs.", "over", "into", "via", "per", "amid", "after"}
_BYLINE_SMALL = {"and", "de", "del", "la", "le", "van", "von", "der", "da", "di", "bin", "al"}
_CLOSERS = "\"'”’»)]*_ "
_OPENERS = "“\"‘'«"
_MAX_META_LINE = 300
_TITLE_WORDS = 20
_HEADLINE_WORDS = 14
_REFERENCE_WINDOW = 8


class _Line(NamedTuple):
    start: int
    end: int
    text: str
    blank: bool

    def span(self, kind: str, length: int | None = None) -> MetaSpan:
        """The line without surrounding white space (or its first `length` characters)."""
        lead = len(self.text) - len(self.text.lstrip())
        end = self.start + lead + length if length is not None else self.end - (
            len(self.text) - len(self.text.rstrip()))
        return MetaSpan(self.start + lead, end, kind)


@dataclass
class Meta:
    """What `find_meta` found: spans, declared fields (front matter), detected fields, notes."""

    spans: list[MetaSpan] = field(default_factory=list)
    declared: dict[str, str] = field(default_factory=dict)
    detected: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def find_meta(text: str) -> Meta:
    """Mark the metadata lines of `text`; see the module docstring for the kinds."""
    lines = _split_lines(text)
    meta = Meta()
    first = _front_matter(lines, meta)
    end = _footer(lines, first, meta)
    wrapped = _is_wrapped(lines, first, end)
    body = _header(lines, first, end, meta, wrapped)
    _headlines(lines, body, end, meta, wrapped)
    meta.spans.sort(key=lambda s: (s.start, s.end))
    return meta


def _split_lines(text: str) -> list[_Line]:
    lines, start = [], 0
    for line in text.split("\n"):
        lines.append(_Line(start, start + len(line), line, not line.strip()))
        start += len(line) + 1
    return lines


def _front_matter(lines: list[_Line], meta: Meta) -> int:
    """Index of the first line after a front-matter block (0 when there is none)."""
    if not lines or lines[0].text.rstrip() != "---":
        return 0
    found: dict[str, str] = {}
    ignored: list[str] = []
    for index in range(1, min(len(lines), 40)):
        line = lines[index].text.strip()
        if line in ("---", "...") and (found or ignored):
            meta.spans.append(MetaSpan(0, lines[index].span("").end, "front_matter"))
            meta.declared.update(found)
            meta.notes.extend(f"front matter key '{key}' ignored" for key in ignored)
            return index + 1
        match = _FRONT_LINE.fullmatch(line[:_MAX_META_LINE]) if line else None
        if line and not match:
            return 0
        if match and match[1].lower() in META_FIELDS:
            value = match[2].strip().strip("\"'").strip()
            if value:
                found[match[1].lower()] = value
        elif match:
            ignored.append(match[1])
    return 0


def _footer(lines: list[_Line], first: int, meta: Meta) -> int:
    """Mark trailing source lines and a reference block; return where the body ends."""
    tail = [i for i in range(len(lines) - 1, first, -1) if not lines[i].blank]
    end = len(lines)
    while len(tail) > 1 and len(lines) - end < 3 and _is_source(lines[tail[0]].text):
        meta.spans.append(lines[tail[0]].span("source"))
        end = tail.pop(0)
    for index in sorted(tail[:_REFERENCE_WINDOW]):
        text = lines[index].text.strip()
        if len(text) > _MAX_META_LINE or not _REFERENCE.match(text):
            continue
        kind = "reference" if text[:1] in "Rr" else "source"
        if kind == "source" and index != tail[0]:
            continue  # a source credit followed by more story is not a footer
        meta.spans.append(MetaSpan(lines[index].span(kind).start,
                                   lines[tail[0]].span(kind).end, kind))
        return index
    return end


def _header(lines: list[_Line], index: int, end: int, meta: Meta, wrapped: bool) -> int:
    """Mark leading date/byline/source lines, the title and the dateline; return the body start."""
    index = _leading_lines(lines, index, end, meta)
    if _is_title(lines, index, end, wrapped):
        meta.spans.append(lines[index].span("title"))
        meta.detected["title"] = lines[index].text.strip().lstrip("#").strip()
        index = _leading_lines(lines, index + 1, end, meta)
    return _dateline(lines, index, end, meta)


def _leading_lines(lines: list[_Line], index: int, end: int, meta: Meta) -> int:
    """Mark up to four date, byline or source lines; return the first other non-blank line."""
    marked = 0
    while index < end and marked < 4:
        line = lines[index]
        text = line.text.strip()
        if line.blank:
            index += 1
            continue
        date = _DATE_LINE.fullmatch(text) if len(text) <= 120 else None
        kind = ("date" if date else "byline" if _is_byline(text)
                else "source" if _is_source(text) or _SOURCE_LINE.fullmatch(text[:120]) else "")
        if not kind or _next_nonblank(lines, index + 1, end) is None:
            break
        meta.spans.append(line.span(kind))
        if date and (iso := _iso_date(date["date"])):
            meta.detected.setdefault("date", iso)
        index, marked = index + 1, marked + 1
    return index


def _is_title(lines: list[_Line], index: int, end: int, wrapped: bool) -> bool:
    if index >= end or lines[index].blank:
        return False
    text = lines[index].text.strip()
    after = _next_nonblank(lines, index + 1, end)
    if after is None or len(text) > _MAX_META_LINE or len(text.split()) > _TITLE_WORDS:
        return False
    if _inner(text)[-1:] in ".,;:。．，；：" or _starts_lower(lines[after].text):
        return False
    if not any(c.isalnum() for c in text):
        return False
    return not wrapped or lines[index + 1].blank


def _dateline(lines: list[_Line], index: int, end: int, meta: Meta) -> int:
    """Mark a lone dateline line or a dateline prefix of the first body paragraph."""
    found = _next_nonblank(lines, index, end)
    if found is None:
        return end
    index = found
    line = lines[index]
    text = line.text.strip()
    if (len(text) <= 60 and _LONE_DATELINE.fullmatch(text)
            and _next_nonblank(lines, index + 1, end) is not None):
        meta.spans.append(line.span("dateline"))
        return index
    head = line.text.lstrip()[:200]
    for pattern, plain_check in _DATELINES:
        match = pattern.match(head)
        if match and (not plain_check or _plausible_dateline(match, line.text)):
            meta.spans.append(line.span("dateline", match.end()))
            if plain_check and match["date"] and (iso := _iso_date(match["date"])):
                meta.detected.setdefault("date", iso)
            break
    return index


def _plausible_dateline(match: re.Match, line: str) -> bool:
    """'Place – ' alone is a dateline only if short or in capitals and not a dash aside."""
    if match["date"] or match["agency"]:
        return True
    place = match["place"]
    if not (place.isupper() or len(place.replace(",", " ").split()) <= 2):
        return False
    dash = match["dash"].strip()
    aside = f" {dash} " if dash.startswith("-") else dash  # "China-US" is no dash aside
    return aside not in line.lstrip()[match.end():match.end() + 80]


def _headlines(lines: list[_Line], index: int, end: int, meta: Meta, wrapped: bool) -> None:
    """Mark short sub-heads and credit lines inside the body (not lines already marked)."""
    body_end = lines[end].start if end < len(lines) else lines[-1].end + 1
    covered = max((s.end for s in meta.spans if s.start < body_end), default=-1)
    previous = None
    for i in range(index, end):
        line = lines[i]
        if line.blank:
            continue
        if line.text.rstrip()[-1:] in ".。．" or line.start < covered:
            previous = i  # ends a sentence, or is already marked (a dateline)
            continue
        after = _next_nonblank(lines, i + 1, end)
        if after is None:
            pass
        elif _SOURCE_LINE.fullmatch(line.text.strip()[:120]):
            meta.spans.append(line.span("source"))  # a credit line, such as "Source: Xinhua"
        elif _is_headline(lines, i, previous, after, wrapped):
            meta.spans.append(line.span("headline"))
        previous = i


def _is_headline(lines: list[_Line], i: int, previous: int | None, after: int,
                 wrapped: bool) -> bool:
    text = lines[i].text.strip()
    if len(text) > 150:
        return False
    if _MARKDOWN_HEADING.match(text):
        return True
    starts = text.lstrip(_OPENERS)[:1]
    if not (starts.isupper() or starts.isdigit()) or _starts_lower(lines[after].text):
        return False
    words = text.split()
    if len(words) > _HEADLINE_WORDS or _inner(text)[-1:] in ".!?,;:…。．！？，；：":
        return False
    alone = (i == 0 or lines[i - 1].blank) and lines[i + 1].blank
    ended = (previous is None or lines[i - 1].blank
             or _inner(lines[previous].text)[-1:] in ".!?…:。．！？：")
    if not ended or (wrapped and not alone):
        return False
    quoted = text[0] in _OPENERS and text[-1] in "”\"’'»" and len(words) >= 2
    return quoted or _title_case(words) or (alone and len(words) <= 10)


def _is_wrapped(lines: list[_Line], index: int, end: int) -> bool:
    """True when lines are often broken inside sentences (a hard-wrapped text)."""
    pairs = broken = 0
    for i in range(index, end - 1):
        if lines[i].blank or lines[i + 1].blank:
            continue
        pairs += 1
        if _inner(lines[i].text)[-1:] not in ".!?…:" and _starts_lower(lines[i + 1].text):
            broken += 1
    return broken >= 2 and broken * 5 >= pairs


def _title_case(words: list[str]) -> bool:
    content = [w.strip(_OPENERS + _CLOSERS + ",:;–—-") for w in words]
    content = [w for w in content if w and w.lower() not in _SMALL]
    return bool(content) and all(w[0].isupper() or w[0].isdigit() for w in content)


def _is_byline(text: str) -> bool:
    words = text.replace(",", " ").split() if len(text) <= 120 else []
    if len(words) < 2 or len(words) > 9 or words[0].lower() != "by" or text.endswith("."):
        return False
    return all(w[0].isupper() or w.lower() in _BYLINE_SMALL for w in words[1:])


def _is_source(text: str) -> bool:
    text = text.strip()
    return len(text) <= 200 and bool(_DOMAIN.fullmatch(text))


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
"""Month abbreviations, as `strptime`'s `%b` reads them in the C locale (without importing
`_strptime` and `calendar` for them)."""


def _iso_date(text: str) -> str | None:
    """'2024-04-26', 'April 26, 2024', '26 Apr 2024' → '2024-04-26'; None if not a real date."""
    numbers = [int(n) for n in re.findall(r"\d+", text)]
    month_name = re.search(r"[A-Za-z]{3}", text)
    try:
        if month_name:
            month = _MONTHS.index(month_name[0].lower()) + 1  # ValueError when not a month
            day, year = (numbers[0], numbers[1]) if numbers[1] > 31 else (numbers[1], numbers[0])
            return dt.date(year, month, day).isoformat()
        return dt.date(numbers[0], numbers[1], numbers[2]).isoformat()
    except (ValueError, IndexError):
        return None


def _next_nonblank(lines: list[_Line], index: int, end: int) -> int | None:
    while index < end:
        if not lines[index].blank:
            return index
        index += 1
    return None


def _inner(text: str) -> str:
    """The text without trailing white space, closing quotes and brackets."""
    return text.rstrip().rstrip(_CLOSERS)


def _starts_lower(text: str) -> bool:
    return text.lstrip()[:1].islower()

"""Numbers, counts, dates and times in a stretch of text, as comparable values.

"three-day" and "3 days" carry the same value, "45th" and "forty-fifth" another; "two-way" and
"one-China" carry none. Dates are months, weekdays, "today"/"yesterday", "next week", "on the
afternoon of". The change classifier asks whether two sides carry different values, and whether
a change carries nothing but values (an added "on Friday").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..text.normalize import MONTHS, fold

__all__ = ["Values", "values", "is_measure_word", "VAGUE_QUANTITIES"]

_CARDINALS = {w: str(n) for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split())}
_CARDINALS.update({"thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "seventy": "70",
                   "eighty": "80", "ninety": "90", "hundred": "100", "thousand": "1000",
                   "million": "1e6", "billion": "1e9", "trillion": "1e12", "dozen": "12",
                   "both": "2", "pair": "2", "twice": "2", "half": "0.5", "double": "x2",
                   "triple": "x3"})
_ORDINALS = {w: str(n) for n, w in enumerate(
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth".split())}
VAGUE_QUANTITIES = frozenset("""several many few numerous multiple dozens hundreds thousands
millions billions scores countless various""".split())
"""Counts without a value: "three" → "several" is a change of number."""
_SOFT_WORDS = frozenset("both pair twice half double triple".split())
"""Words that carry a count in passing ("both sides"): weak evidence in a long rewrite."""
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_DAY_WORDS = frozenset("today yesterday tomorrow tonight".split())
_TIMES = frozenset("morning afternoon evening night noon midnight dawn".split())
_PERIODS = frozenset("day week weekend month year decade century".split())
_RELATIVE = frozenset("next last this past coming previous following".split())
_UNITS = frozenset("""day days week weeks month months year years hour hours minute minutes point
points percent per cent time times member members nation nations country countries party parties
fold""".split())
"""Words that may follow a number in a compound ("three-day"), so the compound is a count."""
_AMBIGUOUS_MONTHS = frozenset({"may", "march"})
"""Months that are also a modal and a verb: dates only beside a day or year ("May 3")."""
_BEFORE_MONTH = frozenset("in of since until by early late mid last next this".split())
_TOKEN = re.compile(r"[^\W_]+(?:[-.,][^\W_]+)*")
_ORDINAL_DIGITS = re.compile(r"^(\d+)(st|nd|rd|th)$")
_DIGITS_AND_UNIT = re.compile(r"^(\d+(?:\.\d+)?)[^\W\d_]{1,3}$")
_MULTIPLIERS = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9,
                "trillion": 10**12}


def _value(token: str) -> str | None:
    """The value of one folded token ("1,200" → "1200", "45th" → "45", "two" → "2"): an
    ordinal and a cardinal of one number are the same value ("September 30th" ≍ "30")."""
    if token[0].isdigit():
        m = _ORDINAL_DIGITS.match(token)
        if m:
            return m.group(1)
        plain = token.replace(",", "")
        if re.fullmatch(r"\d+(?:\.\d+)?", plain):
            return plain
        m = _DIGITS_AND_UNIT.match(plain)   # "2F" (floor), "5G", "1980s": the number
        return m.group(1) if m else token
    return _CARDINALS.get(token) or _ORDINALS.get(token)


def _number(x: float) -> str:
    return str(int(x)) if x == int(x) else str(x)


def _next_to_digit(tokens: list[str], i: int) -> bool:
    return any(0 <= j < len(tokens) and tokens[j][0].isdigit() for j in (i - 1, i + 1))


@dataclass(frozen=True)
class Values:
    """The values one stretch of text carries."""

    counts: frozenset[str]
    """Numbers and counts: "3", "45", "1e9", "several"."""
    dates: frozenset[str]
    """Dates and times: "april", "friday", "next week", "afternoon"."""
    soft: frozenset[str] = field(default=frozenset(), compare=False)
    """Counts carried only by words such as "both" or "several"."""

    def __bool__(self) -> bool:
        return bool(self.counts or self.dates)

    @property
    def firm(self) -> bool:
        """Some value is more than a passing count ("both nations" alone is not firm)."""
        return bool(self.counts - self.soft or self.dates)

    def exact(self) -> Values:
        """Only the values written as such: digits, number words, named days and months (not
        "both", "several", "next week", "afternoon")."""
        return Values(self.counts - self.soft,
                      frozenset(d for d in self.dates if " " not in d and d not in _TIMES))


def values(text: str) -> Values:
    """The numbers, counts, dates and times in `text`."""
    counts: set[str] = set()
    dates: set[str] = set()
    hard: set[str] = set()
    tokens = _TOKEN.findall(fold(text))
    last = None
    for i, token in enumerate(tokens):
        head, *rest = token.split("-")
        if head in _MULTIPLIERS and last is not None and last in counts:
            counts.discard(last)                                # "10 thousand" is 10000
            hard.discard(last)
            last = _number(float(last) * _MULTIPLIERS[head])
            counts.add(last)
            hard.add(last)
            continue
        value = last = _value(head)
        if value is not None and not re.fullmatch(r"\d+(?:\.\d+)?", value):
            last = None
        if value is not None and (not rest or rest[0] in _UNITS or rest[0][0].isdigit()):
            (dates if len(value) == 4 and value.startswith(("19", "20")) else counts).add(value)
            if head not in _SOFT_WORDS:
                hard.add(value)
        elif head in VAGUE_QUANTITIES:
            counts.add(head)
        elif head in _AMBIGUOUS_MONTHS:
            if _next_to_digit(tokens, i) or (i and tokens[i - 1] in _BEFORE_MONTH):
                dates.add(head)
        elif head in MONTHS or head in _WEEKDAYS or head in _DAY_WORDS or head in _TIMES:
            dates.add(head)
        elif head in _PERIODS and i and tokens[i - 1] in _RELATIVE:
            dates.add(f"{tokens[i - 1]} {head}")
    return Values(frozenset(counts), frozenset(dates), frozenset(counts - hard))


def is_measure_word(word: str) -> bool:
    """A folded word that is part of a value: a number, a unit, a date or time word."""
    head = word.split("-")[0]
    return (_value(head) is not None if head else False) or head in VAGUE_QUANTITIES \
        or head in MONTHS or head in _WEEKDAYS or head in _DAY_WORDS or head in _TIMES \
        or head in _PERIODS or head in _RELATIVE or head in _UNITS

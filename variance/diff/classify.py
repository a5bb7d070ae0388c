"""A kind and a severity for every change, so a reader can hide noise and see what matters.

Kinds are tried from the most specific to the least: cosmetic (same comparison key), number,
negation or modality, attribution, entity, spelling, quote, and finally wording, addition or
omission. A change that is cosmetic in part and real in part is never cosmetic: the diff
already separates the parts, and classification looks at the whole change.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from ..quotes.attribution import SPEECH_WORDS
from ..model import SEVERITY_OF, Change, ChangeKind, Op
from ..text.normalize import MONTHS, STOPWORDS, key_words, stem
from ..quotes.passages import CLOSERS, OPENERS

__all__ = ["classify_change", "make_change"]

_NUMBER_WORDS = frozenset("""zero one two three four five six seven eight nine ten eleven twelve
thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty
seventy eighty ninety hundred thousand million billion trillion first second third fourth fifth
sixth seventh eighth ninth tenth dozen half twice once double triple percent""".split())
_NEGATION = frozenset("""not no never none nor neither without cannot nothing nobody nowhere
must should may might can could will would shall need needs ought""".split())
_ATTRIBUTION = (SPEECH_WORDS - {"states", "called"}) | frozenset("""say statement statements release
spokesperson spokesman spokeswoman claimed read""".split())
"""Words that say who speaks; "states" (United States) and "called" (so-called) mislead here."""
_QUOTE_MARKS = set(OPENERS + CLOSERS + "\"'‘’")
_DIGIT = re.compile(r"\d")


_SAME_NUMBER = {"both": "two", "pair": "two", "twice": "two", "once": "one", "single": "one"}
_UNITS = frozenset("""day days week weeks month months year years hour hours minute minutes point
points percent per cent time times member members nation nations country countries party parties
""".split())
_NUMBER_TOKEN = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


def _numbers(text: str) -> set[str]:
    """Numbers, dates and counts in `text`; "three-day" counts, "two-way" and "one-China" do not."""
    found = set()
    for token in _NUMBER_TOKEN.findall(text):
        head, *rest = token.casefold().split("-")
        head = _SAME_NUMBER.get(head, head)
        is_number = bool(_DIGIT.search(head)) or head in _NUMBER_WORDS or head in MONTHS
        if is_number and (not rest or rest[0] in _UNITS or _DIGIT.search(rest[0])):
            found.add("-".join([head, *rest]))
    return found


def _names(text: str) -> set[str]:
    """Keys of capitalised words that are not function words or pronouns: candidate names."""
    words = [w for w in re.findall(r"\b[A-Z][\w’'.-]*", text) if w.casefold() not in STOPWORDS]
    return set(key_words(" ".join(words)))


def classify_change(op: Op, reference: str, witness: str, *, quoted: bool = False,
                    context: str = "") -> ChangeKind:
    """The kind of one change. `quoted`: it lies inside quotation marks on either side;
    `context`: the text around it on the reference side (helps tell attribution)."""
    ref_words, wit_words = key_words(reference), key_words(witness)
    if ref_words == wit_words:
        marks = set(reference + witness) & _QUOTE_MARKS
        if op is not Op.REPLACE and marks:
            return ChangeKind.QUOTE
        return ChangeKind.COSMETIC
    ref_set, wit_set = set(ref_words), set(wit_words)
    if _numbers(reference) != _numbers(witness):
        return ChangeKind.NUMBER
    if (ref_set & _NEGATION) != (wit_set & _NEGATION):
        return ChangeKind.NEGATION
    if {stem(w) for w in (ref_set ^ wit_set) & _ATTRIBUTION} - {stem(w) for w in ref_set & wit_set} \
            and {stem(w) for w in ref_set & _ATTRIBUTION} != {stem(w) for w in wit_set & _ATTRIBUTION}:
        return ChangeKind.ATTRIBUTION
    if op is Op.REPLACE:
        kind = _replacement_kind(reference, witness, ref_words, wit_words)
        if kind is not None:
            return kind
    if quoted:
        return ChangeKind.QUOTE
    return {Op.REPLACE: ChangeKind.WORDING, Op.INSERT: ChangeKind.ADDITION,
            Op.DELETE: ChangeKind.OMISSION}[op]


def _replacement_kind(reference: str, witness: str, ref_words, wit_words) -> ChangeKind | None:
    a, b = " ".join(ref_words), " ".join(wit_words)
    if len(ref_words) <= 2 and len(wit_words) <= 2 and _same_word_spelled_apart(
            a, b, bool(_names(reference) and _names(witness))):
        return ChangeKind.SPELLING
    ref_names, wit_names = _names(reference), _names(witness)
    if ref_names and wit_names and ref_names != wit_names:
        return ChangeKind.ENTITY
    return None


def _same_word_spelled_apart(a: str, b: str, is_name: bool) -> bool:
    """"counter-narcotics"/"counternarcotics" always; for names also near misses such as
    "Antony"/"Anthony", "Blink"/"Blinken", "Wan"/"Wang". "met"/"meets" is wording."""
    if a.replace(" ", "") == b.replace(" ", ""):
        return True
    if not is_name:
        return False
    if min(len(a), len(b)) >= 3 and (a.startswith(b) or b.startswith(a)):
        return True
    return fuzz.ratio(a, b) >= 75


def make_change(op: Op, ref_text: str, wit_text: str, ref_span: tuple[int, int],
                wit_span: tuple[int, int], *, quoted: bool = False) -> Change:
    """A `Change` with its kind and severity; spans are document offsets."""
    reference = ref_text[ref_span[0]:ref_span[1]]
    witness = wit_text[wit_span[0]:wit_span[1]]
    kind = classify_change(op, reference, witness, quoted=quoted)
    return Change(op, *ref_span, *wit_span, reference, witness, kind, SEVERITY_OF[kind])

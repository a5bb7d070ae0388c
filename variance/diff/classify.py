"""A kind and a severity for every change, so a reader can hide noise and see what matters.

Kinds are tried from the most specific to the least: cosmetic (same comparison key), number (a
value, date or time that differs, or a change made of values only), negation or modality,
attribution (a speech cue, or the name that a cue attributes words to), spelling, entity, quote,
and finally wording, addition or omission. The specific kinds are about a small stretch of text:
a long rewrite that happens to hold a "should" or a date is wording unless the sides still share
most of their words. A change that is cosmetic in part and real in part is never cosmetic.

Severity says whether meaning may have changed: high for a value that differs on both sides, a
negation or modality, a different speaker, a different actor, different words inside a quote;
medium for added or dropped words, values and cues, and for quotation marks that appear; low for
cosmetic changes, spellings and a cue reworded or moved with the speaker kept.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import Enum
from functools import lru_cache

from rapidfuzz import fuzz

from ..model import Change, ChangeKind, Op, Severity
from ..text.normalize import SPEECH_WORDS, STOPWORDS, key_words, stem
from ..text.quotemarks import CLOSERS, OPENERS
from .quantities import VAGUE_QUANTITIES, Values, is_measure_word, values

__all__ = ["classify_change", "change_severity", "make_change", "settle_moved_cues"]

_NEGATORS = frozenset("""not no never none nor neither without cannot nothing nobody refused refuses
refuse declined declines denied denies rejected rejects""".split())
"""Words that negate, the verbs that say no among them ("refused to" ≍ "did not")."""
_MODALS = frozenset("must should may might can could need needs ought".split())
"""Modals that change what is claimed; "will" and "would" mostly mark tense."""
_NEGATIVE = "¬"
_OBLIGED = "□"
"""The mark of a side saying an obligation by a periphrase ("it is necessary to", "has to")."""
_PERIPHRASES = re.compile(r"\b(?:necessary|required|obliged|obligated|ha(?:ve|s|d) to)\b", re.I)
_DEONTIC = frozenset("must should ought need needs".split())
"""Modals of obligation, whose strength a periphrase does not tell."""
"""The polarity mark of a side holding any negator: "not" → "neither" keeps the polarity."""
_CUE_WORDS = (SPEECH_WORDS - {"states", "called", "out"}) | frozenset("say quoted claimed".split())
"""Speech verbs as written; "states" (United States), "called" (so-called) and "out" mislead."""
_VERBS = frozenset(stem(w) for w in _CUE_WORDS)
_SOURCES = frozenset(stem(w) for w in "statement release readout spokesperson spokesman "
                     "spokeswoman".split())
"""Nouns that speak in a cue ("the statement added"): speakers, and cue words."""
_ROLES = {stem(w): "spokesperson" for w in "spokesman spokeswoman spokesperson".split()}
"""Words for one role, whichever is used."""
_AUDIENCE = frozenset("reporters reporter journalists journalist press conference conferences news "
                      "briefing briefings media interview interviews".split())
"""Who a cue addresses or where it was said, as written: not the speaker ("told reporters" ≍
"said"); a "report" still speaks."""
_SAYS_BEFORE = frozenset("said says added adds noted notes stressed wrote explained remarked "
                         "commented continued insisted".split())
"""Verbs that put the speaker right after them ("said Ana Lobo")."""
_TELLS = frozenset("told tells".split())
"""Verbs that put the audience right after them ("told Reuters")."""
_TITLED_AFTER = re.compile(rf"\b(?:{'|'.join(sorted(_SAYS_BEFORE))}|[Aa]ccording to)\s+(?:the\s+)?"
                           r"((?:[a-z][\w-]*\s+){1,3})$")
"""A cue and a lower-case title before a change: "said port director [Elena Marsh]" (the title's
words are no function words: "said in [a radio interview]" is no speaker)."""
_APPOSED_BEFORE = re.compile(rf"^\s*,\s*(?:the|an?|who|which)\b[^,.;:]{{0,60}},\s*"
                             rf"(?:{'|'.join(sorted(_CUE_WORDS))})\b")
"""An apposition, then a cue, after a change: "[Elena Marsh], the port director, said"."""
_PRONOUNS = frozenset("he she they it we i".split())
_QUOTE_MARKS = set(OPENERS + CLOSERS + "\"'‘’")
_NOT = re.compile(r"n['’]t\b", re.I)
_CAPITAL = re.compile(r"\b[A-Z][\w’'.-]*")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;(“\"‘—–])\s*$")
_NOT_ONLY = re.compile(r"\bnot\s+only\b", re.I)
_APPROXIMATORS = frozenset("""more than less fewer about around nearly almost roughly approximately
some over under at least most up to just close to""".split())
"""Words that qualify a number ("more than 300", "nearly half")."""
_SMALL = 4
"""Content words on the larger side up to which a change is about one thing."""
_CUE_SIZE = 6
"""Content words up to which a change holding a speech word is a cue ("the ministry said")."""


class _Slot(str, Enum):
    """Where a change sits relative to a speech cue."""

    SPEAKER = "speaker"     # "[Xi] said", "said [Ana Lobo]", "according to [the ministry]"
    AUDIENCE = "audience"   # "told [Reuters]"
    NONE = "none"


@dataclass(frozen=True)
class _Side:
    """What one side of a change holds, in comparison keys."""

    words: tuple[str, ...]
    """Every folded word."""
    content: frozenset[str]
    """Stems of the words that are not function words."""
    values: Values
    """Numbers, counts, dates, times."""
    polarity: frozenset[str]
    """Negators and modals ("not only" is neither)."""
    cues: frozenset[str]
    """Stems of speech verbs and of the nouns that speak ("statement")."""
    names: frozenset[str]
    """Keys of capitalised words that are not function words, values or speech words."""
    capitals: frozenset[str]
    """The same with a sentence's first word kept: what a name on the other side may match."""

    @property
    def only_values(self) -> bool:
        """Nothing but values: "on Friday", "In 2019,", "three-day"."""
        return self.values.firm and all(is_measure_word(w) for w in self.words
                                         if w not in STOPWORDS)


@lru_cache(maxsize=65536)
def _side(text: str, *, initial: bool = False) -> _Side:
    """`initial`: the text starts a sentence, so its first capital is not a name. Cached: the
    same edit ("U.S." for "US") recurs across a corpus' pairs."""
    words = tuple(key_words(text))
    plain = _NOT_ONLY.sub(" ", text)
    polarity = {w for w in key_words(plain) if w in _MODALS}
    if _NOT.search(plain) or any(w in _NEGATORS for w in key_words(plain)):
        polarity.add(_NEGATIVE)
    if _PERIPHRASES.search(plain):
        polarity.add(_OBLIGED)
    content = frozenset(stem(w) for w in words if w not in STOPWORDS)
    found = [m for m in _CAPITAL.finditer(text)
             if len(m[0]) > 1 and (m[0].isupper() or m[0].casefold() not in STOPWORDS)]
    def keys(matches) -> frozenset[str]:
        return frozenset(k for k in key_words(" ".join(m[0] for m in matches))
                         if not is_measure_word(k) and k not in _CUE_WORDS)
    capitals = keys(found)
    if initial and found and not text[:found[0].start()].strip(" “\"‘'("):
        found = found[1:]
    names = keys(found)
    cues = {stem(w) for i, w in enumerate(words) if w in _CUE_WORDS or
            (w == "states" and (i == 0 or words[i - 1] != "united"))} | (content & _SOURCES)
    return _Side(words, content, values(text), frozenset(polarity), frozenset(cues), names, capitals)


def _sides(reference: str, witness: str, around: Sequence[tuple[str, str]]) -> tuple[_Side, _Side]:
    """Both sides; a side starting a sentence (by its own context, or the reference's when only
    one is known) does not count its first capital as a name."""
    starts = [bool(_SENTENCE_START.search(before)) for before, _ in around] or [False]
    return (_side(reference, initial=starts[0]), _side(witness, initial=starts[-1]))


def _overlap(a: _Side, b: _Side) -> float:
    """Share of content stems the two sides have in common (Jaccard)."""
    union = a.content | b.content
    return len(a.content & b.content) / len(union) if union else 1.0


def classify_change(op: Op, reference: str, witness: str, *, quoted: bool = False,
                    around: Sequence[tuple[str, str]] = ()) -> ChangeKind:
    """The kind of one change. `quoted`: it lies inside quotation marks on either side;
    `around`: (text before, text after) the change on each side, which tells a speaker's name
    from another name."""
    ref, wit = _sides(reference, witness, around)
    if ref.words == wit.words:
        if op is not Op.REPLACE and set(reference + witness) & _QUOTE_MARKS:
            return ChangeKind.QUOTE
        return ChangeKind.COSMETIC
    if ref.values == wit.values and ref.values and ref.only_values and wit.only_values:
        return ChangeKind.COSMETIC          # "140-year" / "140 years", "both" / "the two"
    small = max(len(ref.content), len(wit.content)) <= _SMALL or _overlap(ref, wit) >= 0.5
    if _number_changed(ref, wit, small) or _approximation_changed(ref, wit, around):
        return ChangeKind.NUMBER
    if _modality_changed(ref.polarity, wit.polarity) and small:
        return ChangeKind.NEGATION
    if _cue_changed(ref, wit, small):
        return ChangeKind.ATTRIBUTION
    if op is Op.REPLACE:
        kind = _replacement_kind(ref, wit, small, around, quoted)
        if kind is not None:
            return kind
    if quoted:
        return ChangeKind.QUOTE
    return {Op.REPLACE: ChangeKind.WORDING, Op.INSERT: ChangeKind.ADDITION,
            Op.DELETE: ChangeKind.OMISSION}[op]


def _modality_changed(a: frozenset[str], b: frozenset[str]) -> bool:
    """Negation or modality differs. An obligation said by a modal on one side and by a
    periphrase on the other ("We should" / "It is necessary to") is the same modality: the
    periphrase does not tell "must" from "should"."""
    if a == b:
        return False
    if _OBLIGED in a ^ b and (a | b) & _DEONTIC:
        return (a - _DEONTIC - {_OBLIGED}) != (b - _DEONTIC - {_OBLIGED})
    return True


def _replacement_kind(ref: _Side, wit: _Side, small: bool, around: Sequence[tuple[str, str]],
                      quoted: bool) -> ChangeKind | None:
    """Spelling, a speaker or audience replaced, or another actor (outside quotes: inside, a
    capital may only start the quoted sentence)."""
    if small and len(ref.words) <= 2 and len(wit.words) <= 2 and _same_word_spelled_apart(
            " ".join(ref.words), " ".join(wit.words), bool(ref.names and wit.names)):
        return ChangeKind.SPELLING
    if max(len(ref.words), len(wit.words)) <= _CUE_SIZE + 2 and \
            _slot(around, named=bool(ref.names or wit.names)) is not _Slot.NONE:
        return ChangeKind.ATTRIBUTION
    if small and not quoted and _unmatched(ref.names, wit.capitals) and _unmatched(wit.names, ref.capitals):
        return ChangeKind.ENTITY
    return None


def _unmatched(names: frozenset[str], others: frozenset[str]) -> bool:
    """Some name of `names` is no spelling of any of `others` ("Russia" is one of "Russian")."""
    return any(not any(_same_word_spelled_apart(n, o, True) or n in o or o in n for o in others)
               for n in names)


def _number_changed(ref: _Side, wit: _Side, small: bool) -> bool:
    """Counts on both sides that differ, dates on both sides that differ, or a change made of
    values only ("on Friday" added, "In 2019," dropped, "three" → "several"). In a long rewrite
    only exact values count ("both", "next week" do not), and only when the sides share none."""
    a, b = ref.values, wit.values
    if not small:
        a, b = a.exact(), b.exact()
        if (a.counts & b.counts) or (a.dates & b.dates):
            return False
    if (a.counts and b.counts and a.counts != b.counts) or (a.dates and b.dates and a.dates != b.dates):
        return True
    return a != b and (ref.only_values or not ref.content) and (wit.only_values or not wit.content) \
        and not (a.counts | b.counts) & VAGUE_QUANTITIES


def _approximation_changed(ref: _Side, wit: _Side, around: Sequence[tuple[str, str]]) -> bool:
    """"more than 300" → "about 300": only the words before a number changed."""
    if not (set(ref.words) | set(wit.words)) or not \
            (set(ref.words) | set(wit.words)) <= _APPROXIMATORS:
        return False
    return any(values(" ".join(key_words(after)[:1])) for _, after in around)


def _cue_changed(ref: _Side, wit: _Side, small: bool) -> bool:
    """A speech cue appears, goes or is reworded, in a change small enough to be the cue."""
    return ref.cues != wit.cues and bool((ref.cues ^ wit.cues) - (ref.content & wit.content)) \
        and (small or max(len(ref.content), len(wit.content)) <= _CUE_SIZE)


def _slot(around: Sequence[tuple[str, str]], *, named: bool) -> _Slot:
    """Whether a change is the speaker of a cue next to it ("[Xi] said", "said [Ana Lobo]",
    "according to [the ministry]") or its audience ("told [Reuters]"), on either side.
    `named`: the change holds a name; after "said" only a name is a speaker ("said [that]")."""
    for before, after in around:
        follow = key_words(after)[:1]
        lead = key_words(before)[-3:]
        if lead and lead[-1] in _TELLS:
            return _Slot.AUDIENCE
        if (follow and follow[0] in _CUE_WORDS) or \
                (named and lead and lead[-1] in _SAYS_BEFORE) or \
                " ".join(lead).endswith(("according to", "according to the")) or \
                (named and (_titled(before) or _APPOSED_BEFORE.match(after))):
            return _Slot.SPEAKER
    return _Slot.NONE


def _titled(before: str) -> bool:
    """Does `before` end on a cue and a lower-case title ("said port director ")?"""
    m = _TITLED_AFTER.search(before)
    return m is not None and not any(w in STOPWORDS for w in m.group(1).split())


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


def change_severity(kind: ChangeKind, op: Op, reference: str, witness: str, *,
                    around: Sequence[tuple[str, str]] = ()) -> Severity:
    """Whether meaning may have changed: see the module docstring."""
    if kind in (ChangeKind.COSMETIC, ChangeKind.SPELLING):
        return Severity.LOW
    if kind in (ChangeKind.NEGATION, ChangeKind.ENTITY):
        return Severity.HIGH
    ref, wit = _sides(reference, witness, around)
    if kind is ChangeKind.NUMBER:
        a, b = ref.values, wit.values
        both = (a.counts and b.counts) or (a.dates and b.dates) or not (a or b)  # "more than"
        return Severity.HIGH if both else Severity.MEDIUM
    if kind is ChangeKind.ATTRIBUTION:
        slot = _slot(around, named=bool(ref.names or wit.names)) if op is Op.REPLACE else _Slot.NONE
        return _attribution_severity(ref, wit, slot)
    if kind is ChangeKind.QUOTE:
        return Severity.HIGH if ref.content != wit.content else Severity.MEDIUM
    return Severity.LOW if ref.content == wit.content or \
        {stem(w) for w in ref.content} == {stem(w) for w in wit.content} else Severity.MEDIUM


def _speakers(side: _Side) -> frozenset[str]:
    """Stems of the words of a cue that name who speaks (not the verb, not the audience)."""
    return frozenset(_ROLES.get(s, s) for s in (stem(w) for w in side.words
                                                 if w not in STOPWORDS and w not in _AUDIENCE)
                     if s not in _VERBS)


def _attribution_severity(ref: _Side, wit: _Side, slot: _Slot) -> Severity:
    """High when the speaker differs; medium when a cue appears or goes, or a pronoun becomes
    a name; low when only the cue's verb, audience or place does."""
    if slot is _Slot.AUDIENCE:
        return Severity.LOW
    if slot is _Slot.SPEAKER and not (ref.cues or wit.cues):
        pronoun = set(ref.words) <= _PRONOUNS or set(wit.words) <= _PRONOUNS
        both_pronouns = set(ref.words) <= _PRONOUNS and set(wit.words) <= _PRONOUNS
        return Severity.MEDIUM if pronoun and not both_pronouns else Severity.HIGH
    if not ref.cues or not wit.cues:
        return Severity.MEDIUM
    a, b = _speakers(ref), _speakers(wit)
    return Severity.HIGH if a and b and a != b else Severity.LOW


def make_change(op: Op, ref_text: str, wit_text: str, ref_span: tuple[int, int],
                wit_span: tuple[int, int], *, quoted: bool = False) -> Change:
    """A `Change` with its kind and severity; spans are offsets into the two texts."""
    reference = ref_text[ref_span[0]:ref_span[1]]
    witness = wit_text[wit_span[0]:wit_span[1]]
    around = tuple((text[max(0, s - 60):s], text[e:e + 60])
                   for text, (s, e) in ((ref_text, ref_span), (wit_text, wit_span)))
    return Change(op, *ref_span, *wit_span, reference, witness, *_judged(op, reference, witness, around, quoted))


@lru_cache(maxsize=65536)
def _judged(op: Op, reference: str, witness: str, around: tuple[tuple[str, str], ...],
            quoted: bool) -> tuple[ChangeKind, Severity]:
    """Kind and severity of a change, from all they read: syndicated versions make the same
    change in the same words many times (3,900 changes of 2,200 at 1,000 versions)."""
    kind = classify_change(op, reference, witness, quoted=quoted, around=around)
    return kind, change_severity(kind, op, reference, witness, around=around)


def settle_moved_cues(changes: Sequence[Change]) -> tuple[Change, ...]:
    """A cue deleted in one place and inserted in another ("Xi said" moved to the end) is one
    move, not two findings: both become low."""
    cues: dict[tuple[Op, frozenset[str]], list[int]] = {}
    for i, c in enumerate(changes):
        if c.kind is ChangeKind.ATTRIBUTION and c.op in (Op.INSERT, Op.DELETE):
            text = c.witness if c.op is Op.INSERT else c.reference
            cues.setdefault((c.op, frozenset(stem(w) for w in key_words(text)
                                             if w not in STOPWORDS)), []).append(i)
    moved = set()
    for (op, words), where in cues.items():
        if op is Op.INSERT and words and (Op.DELETE, words) in cues:
            moved.update(where)
            moved.update(cues[(Op.DELETE, words)])
    return tuple(replace(c, severity=Severity.LOW) if i in moved else c
                 for i, c in enumerate(changes))

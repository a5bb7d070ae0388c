"""Comparison keys. Nothing here alters a document: it derives keys that ignore what does not
change meaning (case, diacritics, quote and dash style, "U.S." vs "US" vs "United States")."""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer
from unidecode import unidecode

__all__ = ["STOPWORDS", "MONTHS", "SPEECH_VERBS", "SPEECH_WORDS", "fold", "fold_word", "key_words", "content_words",
           "stem", "ascii_of", "WORD_RE"]

# Spellings of one name that should compare equal. Applied to original text before folding,
# so case can tell "US" (the country) from "us" (the pronoun).
_EQUIVALENTS = [
    (re.compile(r"\bU\.\s?S\.(?:\s?A\.)?(?=\W|$)"), " united states "),
    (re.compile(r"\bUSA?\b"), " united states "),
    (re.compile(r"\bUnited States of America\b", re.I), " united states "),
    (re.compile(r"\bU\.\s?K\.(?=\W|$)|\bUK\b"), " united kingdom "),
    (re.compile(r"\bSino\b"), " china "),
    (re.compile(r"\bPRC\b"), " china "),
    (re.compile(r"\bPeople's Republic of China\b|\bPeople’s Republic of China\b"), " china "),
]

_NAMED = re.compile(r"U\.|US|UK|Sino|PRC|People|(?i:United States of America)")
"""What a text holds wherever one of `_EQUIVALENTS` matches: where it finds nothing (most
sentences), none of them is tried."""

WORD_RE = re.compile(r"[^\W_]+")
_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b")


class _Ascii(dict[int, "int | str"]):
    """unidecode's transliteration as a table for `str.translate`, filled as characters are met:
    unidecode maps each character on its own, so the table gives its output for any text, the
    same to the character, in C rather than in its Python loop over every character of a text
    with one that is not ASCII (a curly quote or a dash is enough)."""

    def __missing__(self, code: int) -> int | str:
        found: int | str = code if code < 0x80 else unidecode(chr(code))
        self[code] = found
        return found


_ASCII = _Ascii()


def ascii_of(text: str) -> str:
    """`unidecode(text)`: "Ñandú’s" → "Nandu's", "北京" → "Bei Jing "."""
    return text if text.isascii() else text.translate(_ASCII)

MONTHS = frozenset("""january february march april may june july august september october
november december""".split())

STOPWORDS = frozenset("""
a an the and or but nor of to in on at by for with from into onto over under about as than then
that this these those there here it its is are was were be been being has have had do does did
so such very too also just not no yet both each either neither all any some most more other
i me my we our us you your he him his she her they them their who whom whose which what when
where why how will would shall should can could may might must s t
""".split())

SPEECH_VERBS = ("was quoted as saying|according to|pointed out|called on|said|says|told|tells|noted|"
                "notes|added|adds|stressed|stresses|urged|urges|remarked|remarks|commented|comments|"
                "asserted|asserts|assured|emphasized|emphasised|emphasizes|stated|states|reiterated|"
                "reiterates|insisted|warned|explained|declared|announced|highlighted|expressed|"
                "proposed|responded|replied|wrote|posted|acknowledged|affirmed|reaffirmed|cautioned|"
                "conveyed|asked|argued|underlined|saying|stating")
"""Speech cues as a regular-expression alternation ("said", "pointed out", "according to"...)."""
SPEECH_WORDS = frozenset(w for phrase in SPEECH_VERBS.split("|") for w in phrase.split()) - STOPWORDS
"""Single words of the speech cues ("said", "quoted", "according"...)."""


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case-, accent-, quote- and name-spelling-insensitive form of `text`."""
    if _NAMED.search(text):
        for pattern, replacement in _EQUIVALENTS:
            text = pattern.sub(replacement, text)
    if "'s" in text or "’s" in text:
        text = _POSSESSIVE.sub("", text)
    return ascii_of(text).casefold()


def key_words(text: str) -> list[str]:
    """All words of `text` in folded form, punctuation dropped."""
    return WORD_RE.findall(fold(text))


def content_words(text: str) -> list[str]:
    """Folded words without stopwords: what a statement is about."""
    return [w for w in key_words(text) if w not in STOPWORDS]


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """One word without accents or case ("Ñandú" → "nandu"), no name equivalences."""
    return ascii_of(word).casefold()


_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=131072)
def stem(word: str) -> str:
    """Snowball stem of a folded word: "targeting" meets "target", "commitment" "committed"."""
    return _STEMMER.stemWord(word)

"""Artefacts found by holding a word against the corpus and the lexicon: glued words, lost or
stray capitals, and names spelled two ways across versions.

`detect_glued` and `detect_case` read one sentence at a time; `detect_name_variants` reads the
whole corpus and yields `(document index, Finding)` pairs.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz.distance import Levenshtein
from unidecode import unidecode

from ..model import ArtefactKind, Sentence
from ..text.normalize import STOPWORDS
from .corpus import (
    Corpus,
    DocumentView,
    Finding,
    Token,
    Wording,
    in_capitalised_run,
    is_capitalised,
)

__all__ = ["detect_glued", "glued_split", "detect_case", "detect_name_variants", "name_forms", "Occurrence",
           "WORD_RULES"]

K = ArtefactKind
_PREFIXES = frozenset("""anti non pre post multi inter intra counter co sub super over under self
re un semi mini micro macro mega ultra cross trans out up down off de dis mis bio eco geo tele auto
hyper neo pro vice poly mono bi tri extra""".split())
_INFLECTIONS = ("ally", "ly", "ness", "ment", "ation", "ing", "ed", "er", "es", "s")
_SUFFIXES = frozenset("""less ness like wise ward wards ship hood dom ful able ism ist ize ise
ment ly""".split())
_FUNCTION_WORDS = frozenset("""and or but nor of the an in on at to for with from by as is are was
were be been has have had that which who its their his her this these those than into onto
not""".split())
_CALENDAR = frozenset("""january february march april may june july august september october
november december monday tuesday wednesday thursday friday saturday sunday""".split())
_DERIVED_ENDINGS = ("ians", "ian", "ans", "ese", "ish", "ics", "ical", "ic", "ial", "al", "an",
                    "es", "is", "ly", "ed", "er", "ers", "ing", "ism", "ist", "ite", "ium", "um",
                    "ia", "ive", "ion", "ions", "ation", "ity", "n", "s", "i", "y", "a", "e", "o")
"""Endings of plurals, demonyms and adjectives: "Belgium"/"Belgian", "Culture"/"Cultural"."""
_SPELLINGS = [(re.compile(p), r) for p, r in (
    (r"our", "or"), (r"re\b", "er"), (r"mme\b", "m"), (r"is(e|ing|ation)", r"iz\1"),
    (r"ll", "l"), (r"ogue\b", "og"), (r"ence\b", "ense"))]
"""British and American spellings of one word: "Centre"/"Center", "Labour"/"Labor"."""


# ---- glued -----------------------------------------------------------------------------------

def detect_glued(corpus: Corpus, view: DocumentView, s: Sentence) -> Iterator[Finding]:
    """A word unknown to the language and the corpus that splits into two known words."""
    if not view.checked(s, headlines=True):
        return
    for tok in view.wordings[s.index].tokens:
        split = None if tok.in_url else glued_split(corpus, tok.text)
        if split:
            reading = f"{split[0]} {split[1]}"
            yield Finding(s.start + tok.start, s.start + tok.end, K.GLUED,
                          f"\"{tok.text}\" is two words run together: \"{reading}\"",
                          evidence=(f"reads \"{reading}\"",),
                          reading=(split[0].casefold(), split[1].casefold()))


def glued_split(corpus: Corpus, word: str) -> tuple[str, str] | None:
    """The best split of `word` into two known words, or None when it is a word itself; asked
    once per word of the corpus (the answer depends only on the word and the corpus' counts)."""
    memo = corpus.memo.setdefault("glued", {})
    if word not in memo:
        memo[word] = _glued_split(corpus, word)
    return memo[word]


def _glued_split(corpus: Corpus, word: str) -> tuple[str, str] | None:
    if len(word) < 5 or not word.isalpha() or word.isupper() or corpus.zipf(word) >= 1.0:
        return None
    key = word.casefold()
    capital = word[0].isupper()
    if (capital and corpus.count[key] > 1) or corpus.documents_with[key] >= 3:
        return None                          # a recurring name, or a word of this corpus
    if any(key.endswith(end) and corpus.zipf(key[:-len(end)]) >= 3.0 for end in _INFLECTIONS):
        return None                          # "panoramically": a known word, derived
    best = None
    for i in range(2, len(word) - 1):
        score = _split_score(corpus, word, word[:i], word[i:], capital)
        if score is not None and (best is None or score > best[0]):
            best = (score, word[:i], word[i:])
    return best[1:] if best else None


def _split_score(corpus: Corpus, word: str, left: str, right: str, capital: bool) -> float | None:
    lkey, rkey = left.casefold(), right.casefold()
    if rkey in _SUFFIXES or (not capital and lkey in _PREFIXES and rkey not in STOPWORDS):
        return None
    if capital:      # "Statessaid": a name the corpus writes, then an ordinary word
        left_score = 4.0 if corpus.cap_inside[lkey] + corpus.count[lkey] >= 3 \
            and is_capitalised(left) else None
    else:
        left_score = _part_score(corpus, lkey)
    right_score = _part_score(corpus, rkey)
    if left_score is None or right_score is None:
        return None
    content = lkey not in STOPWORDS and rkey not in STOPWORDS
    if content and not capital and (corpus.zipf(word) > 0 or min(left_score, right_score) < 3.5):
        return None                          # two content words: maybe a rare compound
    return min(left_score, right_score)


def _part_score(corpus: Corpus, part: str) -> float | None:
    if len(part) < 2:
        return None
    z = corpus.zipf(part)
    if len(part) == 2:
        return z if z >= 5.0 else None
    if corpus.lower[part] >= 2:
        z = max(z, 4.0)
    return z if z >= 3.0 else None


# ---- case ------------------------------------------------------------------------------------

def detect_case(corpus: Corpus, view: DocumentView, s: Sentence) -> Iterator[Finding]:
    """Names in lower case ("in beijing"), capitals inside a sentence ("China And", "bali Last")."""
    if not view.checked(s, headlines=False):
        return
    text = view.doc.text
    tokens = view.wordings[s.index].tokens      # offsets from the sentence's start
    prose = sum(t.text.islower() and len(t.text) >= 4 for t in tokens) >= 3
    for i, tok in enumerate(tokens):
        if tok.in_url:
            continue
        if tok.text.islower():
            named = lowercase_name(corpus, view, tok.key)
            if named:
                yield Finding(s.start + tok.start, s.start + tok.end, K.CASE, *named)
        elif prose and not tok.initial and is_capitalised(tok.text) and len(tok.text) > 1 \
                and not _in_short_quote(text, s.start, s.end, s.start + tok.start):
            finding = _stray_capital(corpus, tokens, i)
            if finding:
                yield replace(finding, start=s.start + finding.start, end=s.start + finding.end)


def lowercase_name(corpus: Corpus, view: DocumentView, key: str) -> tuple[str, tuple[str, ...]] | None:
    """(message, evidence) when `key`, which this document writes in lower case, is a name: one
    the corpus writes capitalised on its own, or one the document calls a place ("island of
    bali")."""
    named = _corpus_name(corpus, key)
    if named is None and key in view.places and key not in STOPWORDS and _name_like(corpus, key):
        phrase = view.places[key]
        named = (f"\"{key}\" is a place name (\"{phrase}\") written in lower case", (f"\"{phrase}\"",))
    return named


def place_names(corpus: Corpus, view: DocumentView, wording: Wording) -> tuple:
    """What `lowercase_name` takes from the rest of the document for the words of `wording`."""
    if not view.places:
        return ()
    return tuple((key, view.places[key]) for key in wording.lower_keys
                 if key in view.places and _corpus_name(corpus, key) is None)


def _corpus_name(corpus: Corpus, key: str) -> tuple[str, tuple[str, ...]] | None:
    """A word the corpus writes capitalised on its own far more often than in lower case."""
    memo = corpus.memo.setdefault("names", {})
    if key not in memo:
        alone, named = corpus.cap_alone[key], None
        if (len(key) >= 3 and key not in STOPWORDS and alone >= 2
                and corpus.lower[key] * 3 <= alone and corpus.zipf(key) < 4.5):
            written = key[:1].upper() + key[1:]
            where = _documents_writing(corpus, written)
            named = (f"\"{key}\" is a name, written \"{written}\" elsewhere",
                     (f"\"{written}\" in {', '.join(where)}",))
        memo[key] = named
    return memo[key]


def _documents_writing(corpus: Corpus, word: str) -> list[str]:
    memo = corpus.memo.setdefault("writing", {})
    if word not in memo:
        pattern = re.compile(rf"\b{re.escape(word)}\b")
        memo[word] = [v.doc.id for v in corpus.views if pattern.search(v.doc.text)]
    return memo[word]


def _name_like(corpus: Corpus, key: str) -> bool:
    """Names are about as frequent in other languages as in this one; common nouns are not."""
    own = corpus.zipf(key)
    others = [corpus.zipf(key, lang) for lang in ("es", "fr") if lang != corpus.language]
    return 2.0 <= own < 4.5 and min(others) >= own - 0.7


def _stray_capital(corpus: Corpus, tokens: Sequence[Token], i: int) -> Finding | None:
    tok = tokens[i]
    key = tok.key
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    if key in _FUNCTION_WORDS:
        if after is not None and (after.key in _CALENDAR or (
                key in ("the", "a", "an") and after.text[:1].isupper())):
            return None                       # "The Lancet": a name; "On July 26": an opening
        return Finding(tok.start, tok.end, K.CASE,
                       f"\"{tok.text}\" is capitalised inside a sentence",
                       (f"reads \"{tok.text.lower()}\"",), reading=(key,))
    in_name = in_capitalised_run(tokens, i) and not (after and after.key in _CALENDAR)
    if (tok.stem != tok.text or key in _CALENDAR or not tokens[i - 1].text.islower() or in_name
            or corpus.cap_inside[key] > 1 or corpus.lower[key] < 2 or corpus.zipf(key) < 4.5):
        return None
    return Finding(tok.start, tok.end, K.CASE,
                   f"\"{tok.text}\" is capitalised inside a sentence; the corpus writes "
                   f"\"{key}\" {corpus.lower[key]} times", (f"reads \"{key}\"",), reading=(key,))


def _in_short_quote(text: str, start: int, end: int, pos: int, longest: int = 8) -> bool:
    """`pos` sits inside a quotation of a few words: a title such as "Gone With the Wind"."""
    for m in re.finditer(r"[\"“]([^\"“”]*)[\"”]", text[start:end]):
        if start + m.start() < pos < start + m.end():
            return len(m.group(1).split()) <= longest
    return False


# ---- name variants ---------------------------------------------------------------------------

class Occurrence(NamedTuple):
    """Where a capitalised word stands: document, sentence, token and offset."""

    document: int
    """Index of the document in `Corpus.views`."""
    sentence: int
    token: int
    """Index of the word in its sentence's `Wording.tokens`."""
    start: int
    """Offset of the word in the document's text."""
    wording: Wording


def detect_name_variants(corpus: Corpus, forms: dict[str, list[Occurrence]] | None = None
                         ) -> Iterator[tuple[int, Finding]]:
    """A name spelled two ways ("Antony"/"Anthony"): the minority spelling, with the majority;
    `forms` are `name_forms(corpus)`, when read before."""
    forms = name_forms(corpus) if forms is None else forms
    weights = {name: _weight(occurrences) for name, occurrences in forms.items()}
    by_letter = defaultdict(list)
    for name in forms:
        by_letter[name[0]].append(name)
    for names in by_letter.values():
        for minor in names:
            major = _majority_variant(corpus, forms, weights, minor, names)
            if major is None:
                continue
            where = sorted({corpus.views[o.document].doc.id for o in forms[major]})
            for o in forms[minor]:
                yield o.document, Finding(o.start, o.start + len(minor), K.NAME_VARIANT,
                                          f"\"{minor}\" is spelled \"{major}\" elsewhere "
                                          f"({len(where)} document{'s' * (len(where) > 1)})",
                                          (f"\"{major}\" in {', '.join(where)}",),
                                          reading=(major.casefold(),))


def name_forms(corpus: Corpus) -> dict[str, list[Occurrence]]:
    """Capitalised words used inside sentences somewhere, with all their occurrences."""
    forms: dict[str, list[Occurrence]] = defaultdict(list)
    inside: set[str] = set()
    glued: dict[str, bool] = {}
    candidates: dict[int, list[tuple[int, str, bool]]] = {}
    for d, view in enumerate(corpus.views):
        for s, wording in zip(view.doc.sentences, view.wordings):
            if wording.metadata:
                continue
            if id(wording) not in candidates:
                candidates[id(wording)] = _candidates(corpus, wording, glued)
            for i, name, initial in candidates[id(wording)]:
                forms[name].append(Occurrence(d, s.index, i, s.start + wording.tokens[i].start, wording))
                if not initial:
                    inside.add(name)
    return {name: occ for name, occ in forms.items() if name in inside}


def _candidates(corpus: Corpus, wording: Wording, glued: dict[str, bool]) -> list[tuple[int, str, bool]]:
    """(token index, name, opens a clause) of the words of `wording` that may be names."""
    out = []
    for i, tok in enumerate(wording.tokens):
        name = tok.stem
        if (tok.in_url or len(name) < 3 or not is_capitalised(name)
                or name.casefold() in STOPWORDS or not name.isalpha()):
            continue
        if name not in glued:
            glued[name] = glued_split(corpus, name) is not None
        if not glued[name]:
            out.append((i, name, tok.initial))
    return out


def _majority_variant(corpus: Corpus, forms, weights, minor: str, names: list[str]) -> str | None:
    weight = weights[minor]
    if weight[0] > max(2, len(corpus.views) // 5):
        return None                           # shared by several versions: a convention
    if corpus.zipf(minor) >= 5.0:
        return None                           # an ordinary word, capitalised
    best = None
    for major in names:
        if weights[major] <= weight or abs(len(major) - len(minor)) > 2 \
                or not _variants(minor, major):
            continue
        if _seen_together(corpus, forms, minor, major) and (
                best is None or weights[major] > weights[best]):
            best = major
    return best


def _weight(occurrences) -> tuple[int, int]:
    return len({o.document for o in occurrences}), len(occurrences)


def _variants(a: str, b: str) -> bool:
    """Two spellings of one name: a truncation ("Wan"/"Wang") or a small edit ("Antony")."""
    x, y = sorted((a.casefold(), b.casefold()), key=len)
    if _spelling_key(x) == _spelling_key(y) or _derived(x, y):
        return False
    if y.startswith(x):
        return len(x) >= 3 and len(y) - len(x) <= 2
    distance = Levenshtein.distance(x, y, score_cutoff=2)
    return (distance == 1 and len(x) >= 4) or (distance == 2 and len(x) >= 6)


@lru_cache(maxsize=65536)
def _spelling_key(word: str) -> str:
    """The same key for accents dropped and for British and American spellings."""
    word = unidecode(word)
    for pattern, replacement in _SPELLINGS:
        word = pattern.sub(replacement, word)
    return word


def _derived(x: str, y: str) -> bool:
    """Plural, possessive, demonym or adjective of one another: "China"/"Chinese"."""
    return bool(_stems(x) & _stems(y))


@lru_cache(maxsize=65536)
def _stems(word: str) -> frozenset[str]:
    return frozenset({word} | {word[:-len(e)] for e in _DERIVED_ENDINGS
                               if word.endswith(e) and len(word) - len(e) >= 3})


def _seen_together(corpus: Corpus, forms, minor: str, major: str) -> bool:
    """Evidence that the two are one name: another version's member of the same statement
    writes the majority spelling where this one writes the minority spelling; a neighbouring
    capitalised word in common; for a truncation ("Wan"/"Wang"), the same document."""
    if major.startswith(minor):
        if any(_followed_by_name(o) for o in forms[minor]):
            return False                      # "Pang Ling" and "Pan Chengfeng": two names
        if {o.document for o in forms[minor]} & {o.document for o in forms[major]}:
            return True
    has_major = re.compile(rf"\b{re.escape(major)}\b")
    has_minor = re.compile(rf"\b{re.escape(minor)}\b")
    for o in forms[minor]:
        doc_id = corpus.views[o.document].doc.id
        statement = corpus.statement_of.get((doc_id, o.sentence))
        for m in statement.members if statement else ():
            text = corpus.views[corpus.by_id[m.document]].doc.text
            if m.document != doc_id and has_major.search(text, m.start, m.end) \
                    and not has_minor.search(text, m.start, m.end):
                return True
    return bool(_neighbours(corpus, forms, minor) & _neighbours(corpus, forms, major))


def _followed_by_name(o: Occurrence) -> bool:
    tokens, i = o.wording.tokens, o.token
    return i + 1 < len(tokens) and not tokens[i + 1].initial and is_capitalised(tokens[i + 1].text)


def _neighbours(corpus: Corpus, forms: dict[str, list[Occurrence]], name: str) -> set[str]:
    """Capitalised words right before or after each occurrence of `name`, once per wording."""
    memo = corpus.memo.setdefault("neighbours", {})
    if name not in memo:
        out: set[str] = set()
        for wording, i in {(o.wording, o.token) for o in forms[name]}:
            tokens = wording.tokens
            for j in (i - 1, i + 1):
                if 0 <= j < len(tokens) and is_capitalised(tokens[j].text):
                    out.add(tokens[j].stem)
        memo[name] = out
    return memo[name]


WORD_RULES = (detect_glued, detect_case)

"""Who a passage is attributed to in one document.

A document is read once, sentence by sentence, for speech cues: a speech verb with its subject
before it ("Xi said", "China's Foreign Ministry said in a statement", "the statement added",
"Blinken noted") or after it ("urged the Chinese leader", "said Xi", "according to him").
Pronouns ("he remarked") and descriptions ("the Chinese leader") resolve to the last person
named before them; "the statement" resolves to the statement's issuer when one was named.
Text inside quotation marks never attributes anything. A passage takes the nearest cue of the
sentences it lies in (a quote: the sentences the whole quote spans); with none, the last cue of
the paragraph before it carries over (a readout's "President Xi pointed out that ..." covers
the sentences after it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from ..model import Document, SentenceKind
from ..model.quotes import Attribution, SpeakerKind, Via
from ..text.normalize import MONTHS, SPEECH_VERBS, STOPWORDS, fold_word
from ..text.quotemarks import direct_quotes

__all__ = ["SpeechIndex", "speech_index", "attribute", "same_speaker", "person_names"]

_CUE = re.compile(rf"\b(?:{SPEECH_VERBS}|According to)\b"
                  r"(?:\s+in\s+(?:a|its|the)\s+(?:statement|press release|readout))?")
_READ_IN = re.compile(r"\bwe read in (the [a-z ]*?(?:statement|press release|readout))\b")
_NAME_TOKEN = r"[A-Z][\w’'.-]*"
_NAME = re.compile(rf"(?:The\s+|the\s+)?{_NAME_TOKEN}(?:\s+(?:of\s+)?{_NAME_TOKEN})*")
_APPOSED = re.compile(rf"({_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,2}}),\s+(?:an?\s+|the\s+)?(?:deputy\s+|vice\s+|"
                      r"former\s+)?(?:director|spokesperson|spokesman|spokeswoman|minister|head|chief|"
                      r"professor|ambassador|chairman|analyst|researcher|expert|fellow)\b")
"""A name followed by its role: "Su Xiaohui, deputy director of ..."."""
_LOWER_TITLED = re.compile(r"\b(?:director|leader|governor|mayor|spokesperson|spokesman|spokeswoman|"
                           r"minister|secretary|president|chief|official|chairman|chairwoman|"
                           rf"commissioner|councillor|councilor|manager|head)\s+({_NAME_TOKEN}"
                           rf"(?:\s+{_NAME_TOKEN}){{0,2}})")
"""A name after a lower-case title: "port director Elena Marsh", "union leader Tomás Korb"."""
_BOUNDARY = re.compile(r"[,;:“”\"()–—]|\bthat\b|\band\b|\bbut\b")
_AFTER = re.compile(rf"\s+(him|her|the(?:\s+[\w’'-]+){{1,4}}|(?:[a-z][\w’'-]*\s+){{0,3}}{_NAME_TOKEN}"
                    rf"(?:\s+{_NAME_TOKEN}){{0,3}}(?:\s+of\s+[^,.;:“”\"]{{1,60}}?)?)\s*(?=[,.;:]|$)")
"""The subject after a verb: "said him", "urged the Chinese leader", "said port director Elena
Marsh", "said Ana Lobo of the coalition Bahia Viva"."""
_ADVERBS = frozenset("also further once then again later repeatedly reportedly however in turn "
                     "has had have would will".split())
_TITLES = frozenset("""president secretary state minister foreign prime vice deputy chinese us
u.s. american treasury chancellor premier ambassador director mr mrs ms dr senator general
spokesperson spokesman spokeswoman of the chairman envoy special counselor leader governor mayor
councillor councilor commissioner judge professor prof dr rev sheriff colonel general lieutenant
captain inspector chief sen rep gov representative""".split())
_ORGS = frozenset("""ministry department university institute hall house office council committee
agency times news xinhua cgtn summit sea republic party government administration embassy post
journal reuters bank press studies affairs organization organisation union nations army authority
authorities coalition company corporation commission court police association federation
board""".split())
_MODIFIERS = frozenset("state foreign prime vice deputy chinese us u.s. american treasury of the special".split())
"""Title words that only qualify another: "Foreign" in "Foreign Minister Wang Yi"."""
_APPOSITION = frozenset("who which director deputy spokesperson head chief".split())
_STATES = frozenset("china beijing washington united states us u.s. america".split())
_SOURCES = frozenset("statement release readout communique communiqué".split())
_ROLES = frozenset("""leader president minister secretary spokesperson spokesman spokeswoman
official diplomat representative envoy chancellor premier ambassador counterpart""".split())
_PERSONAL = {"he", "she", "him", "her"}
_GENERIC = frozenset("""officials official workers residents witnesses analysts experts critics
sources authorities police protesters organisers organizers people others many some both they
we it dockworkers observers diplomats""".split())
"""Subjects that start a sentence with a capital and name nobody ("Officials said")."""
_WHEN = MONTHS | frozenset("monday tuesday wednesday thursday friday saturday sunday today "
                           "yesterday tomorrow".split())
_PARTICLES = frozenset("de da do dos das del della di du van von der den la le al el bin ibn".split())
"""Lower-case words inside a name: "Luiz Inácio Lula da Silva"."""
_DESCRIPTION = frozenset("the a an one".split()) | _APPOSITION
"""Words that open an apposition: "Elena Marsh, the port director, said"."""
_TELL = frozenset("told tells".split())
"""Verbs whose object is the audience, never the speaker ("told Reuters")."""
_PREPOSITIONS = frozenset("with to from by of between for at on after since and".split())


@dataclass(frozen=True)
class SpeechIndex:
    """Every resolved speech cue of one document, by sentence index."""

    cues: dict[int, tuple[Attribution, ...]]
    people: tuple[str, ...]
    """Full names of the people the document names with a title or as a speaker."""


def person_names(text: str) -> list[str]:
    """Names in `text` printed with a title ("Chinese President Xi Jinping" gives "Xi Jinping")
    or followed by a role ("Su Xiaohui, deputy director")."""
    return list(_names_in(text))


@lru_cache(maxsize=65536)
def _names_in(text: str) -> tuple[str, ...]:
    """`person_names`, read once per text: syndicated copies print the same sentences."""
    names = [m.group(1) for m in _APPOSED.finditer(text)
             if not any(t.casefold() in _ORGS | _TITLES for t in m.group(1).split())]
    names += [" ".join(_clean(t) for t in m.group(1).split()) for m in _LOWER_TITLED.finditer(text)
              if not any(_clean(t).casefold() in _ORGS | _TITLES | _WHEN for t in m.group(1).split())]
    for m in _NAME.finditer(text):
        tokens = [_clean(t) for t in m.group().split()]
        if any(t.casefold() in _ORGS for t in tokens):
            continue
        i = 0
        while i < len(tokens):
            if tokens[i].casefold() not in _TITLES - _MODIFIERS:
                i += 1
                continue
            i += 1
            while i < len(tokens) and tokens[i].casefold() in _TITLES:
                i += 1
            name = tokens[i:i + 2]
            name = name[:1] if len(name) == 2 and name[1].casefold() in _TITLES | STOPWORDS else name
            if name and name[0].casefold() not in STOPWORDS:
                names.append(" ".join(name))
            i += len(name)
    return tuple(names)


def _clean(token: str) -> str:
    """A name token without a possessive or a sentence's full stop: "Xi's", "Biden." give "Xi", "Biden"."""
    for suffix in ("’s", "'s"):
        if token.endswith(suffix):
            token = token[:-2]
    return token if re.fullmatch(r"(?:[A-Z]\.)+", token) else token.rstrip(".")


def same_speaker(a: str, b: str) -> bool:
    """One person under two spellings: "Xi" and "Xi Jinping", "Korb" and "Korb.", "Antony
    Blinken" and "Anthony Blinkin", "Dr. Samuel Okafor" and "Okafor". Titles and first names
    are optional; the words given on both sides must match in order, each folding equal (accents
    aside), or differing by one edit with the same initial (words of four letters or more), or
    an initial standing for a name ("E. Marsh"). "Wang Yi" and "Wang Yiwei", "Elena Marsh" and
    "Ana Marsh" stay two people."""
    ta, tb = _name_words(a), _name_words(b)
    if not ta or not tb:
        return a.strip().casefold() == b.strip().casefold()
    short, long_ = sorted((ta, tb), key=len)
    at = 0
    for word in short:
        at = next((k + 1 for k in range(at, len(long_)) if _same_word(word, long_[k])), -1)
        if at < 0:
            return False
    return _same_word(ta[-1], tb[-1]) or len(short) == 1


def _name_words(name: str) -> list[str]:
    """A name's words folded, titles and punctuation dropped: "Dr. Samuel Okafor." gives
    ["samuel", "okafor"]."""
    words = [fold_word(_clean(w)).strip(".,;:’'\"") for w in name.split()]
    return [w for w in words if w and w not in _TITLES - {"of", "the"} and w not in {"the", "of"}]


def _same_word(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:          # an initial: "E." (its full stop dropped)
        return a[0] == b[0]
    if min(len(a), len(b)) < 4 or a[0] != b[0]:
        return False
    return Levenshtein.distance(a, b, score_cutoff=1) <= 1


@lru_cache(maxsize=8192)
def speech_index(document: Document) -> SpeechIndex:
    """Read `document` once for speech cues, resolving pronouns and descriptions as it goes."""
    reader = _reader(document)
    reader.read_to(len(document.sentences) - 1)
    return SpeechIndex(dict(reader.cues), tuple(reader.people))


class _SpeechReader:
    """A document read for speech cues a sentence at a time, as far as a question needs: what
    a sentence's cues resolve to depends only on the sentences before it."""

    def __init__(self, document: Document):
        self.document = document
        self.masked = _mask_quotes(document)
        self.people: list[str] = []
        self.state: dict[str, str | None] = {"focus": None, "issuer": None}
        self.cues: dict[int, tuple[Attribution, ...]] = {}
        self.read = 0
        """Sentences read so far, from the first."""

    def read_to(self, index: int) -> None:
        """Read on up to sentence `index` included."""
        document, people, state = self.document, self.people, self.state
        while self.read <= min(index, len(document.sentences) - 1):
            sentence = document.sentences[self.read]
            self.read += 1
            if sentence.kind is SentenceKind.METADATA:
                continue
            self.cues[sentence.index] = _read_sentence(document, sentence, self.masked, people, state)


_STEPS: dict[tuple, tuple[tuple[str, ...], tuple[Attribution, ...], str | None, str | None]] = {}
"""`_read_sentence` by what it reads (the sentence as printed and masked, the people named so
far, the focus and issuer): what it adds to the people, its cues (offsets from the sentence's
start), and the state after it. Syndicated copies read the same sentences in the same state."""
_MAX_STEPS = 200_000


def _read_sentence(document: Document, sentence, masked: str, people: list[str],
                   state: dict[str, str | None]) -> tuple[Attribution, ...]:
    """The speech cues of one sentence resolved, `people` and `state` carried on past it."""
    s0, s1 = sentence.start, sentence.end
    key = (masked[s0:s1], document.text[s0:s1], tuple(people), state["focus"], state["issuer"])
    step = _STEPS.get(key)
    if step is None:
        before = len(people)
        found = _resolve_sentence(document, s0, key[0], people, state)
        step = (tuple(people[before:]), tuple(replace(a, start=a.start - s0, end=a.end - s0) for a in found),
                state["focus"], state["issuer"])
        if len(_STEPS) >= _MAX_STEPS:
            _STEPS.clear()
        _STEPS[key] = step
        return found
    added, relative, state["focus"], state["issuer"] = step
    people.extend(added)
    return tuple(replace(a, start=a.start + s0, end=a.end + s0) for a in relative)


def _resolve_sentence(document: Document, offset: int, text: str, people: list[str],
                      state: dict[str, str | None]) -> tuple[Attribution, ...]:
    people.extend(n for n in person_names(text) if n not in people)
    found = tuple(a for a in (_resolve(document, offset, m, text, people, state)
                              for m in _cues(text)) if a is not None)
    persons = [a.speaker for a in found if a.kind == "person"]
    if persons:
        state["focus"] = persons[-1]
    elif (subject := _subject_person(text, people)) is not None:
        state["focus"] = subject
    return found


@lru_cache(maxsize=8192)
def _reader(document: Document) -> _SpeechReader:
    return _SpeechReader(document)


def _mask_quotes(document: Document) -> str:
    text = list(document.text)
    for q in direct_quotes(document):
        text[q.start:q.end] = " " * (q.end - q.start)
    return "".join(text)


@lru_cache(maxsize=65536)
def _cues(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, subject as printed) of each speech cue of a sentence: the subject before
    the verb, else after it ("said Xi", "according to him"; never after "saying"); read once
    per text."""
    return tuple(_read_cues(text))


def _read_cues(text: str):
    for m in _READ_IN.finditer(text):
        yield m.start(), m.end(), m.group(1)
    for m in _CUE.finditer(text):
        according = m.group().casefold().startswith("according to")
        subject, at = ("", m.start()) if according else _subject_before(text, m.start())
        if subject:
            yield at, m.end(), subject
            continue
        verb = m.group().split()[0]
        if according or not (verb.endswith("ing") or verb in _TELL):
            after = _AFTER.match(text, m.end())
            if after:
                end = after.end(1) - (after.group(1) != _clean_tail(after.group(1)))
                yield m.start(), end, after.group(1)


def _clean_tail(subject: str) -> str:
    """A subject without the sentence's full stop: "Ana Lobo." gives "Ana Lobo"."""
    *head, last = subject.split(" ")
    return " ".join(head + [_clean(last)]) if last.endswith(".") and _clean(last) != last else subject


def _subject_before(text: str, verb_start: int) -> tuple[str, int]:
    """The subject printed just before a verb, skipping adverbs and appositions
    ("Wang Yiwei, director of ..., commented"; "Blinken, who is ..., said")."""
    end, skipped = verb_start, False
    for _ in range(3):
        start = _segment_start(text, end)
        words = text[start:end].split()
        while words and words[-1].casefold() in _ADVERBS:
            words.pop()
        if not words and start > 0 and text[start - 1] == ",":
            before = text[_segment_start(text, start - 1):start - 1].split()
            if before and before[0].casefold() in _DESCRIPTION:
                end, skipped = _segment_start(text, start - 1) - 1, True
                continue            # "Elena Marsh, the port director, said": skip the role
            if _is_name(before) and _opens_description(text, _segment_start(text, start - 1)):
                end = start - 1     # "The port director, Elena Marsh, said": the name
                continue
        if not words or len(words) > 7 or words[0].casefold() in _APPOSITION or \
                (skipped and not any(w[:1].isupper() for w in words)):
            return "", verb_start
        return " ".join(words), start + len(text[start:end]) - len(text[start:end].lstrip())
    return "", verb_start


def _is_name(words: list[str]) -> bool:
    """Up to four words, each capitalised or a particle ("da", "van")."""
    return 0 < len(words) <= 4 and words[0][:1].isupper() and \
        all(w[:1].isupper() or w in _PARTICLES for w in words)


def _opens_description(text: str, name_start: int) -> bool:
    """Is the segment before a name's comma a description ("The port director, Elena Marsh")?"""
    if name_start < 1 or text[name_start - 1] != ",":
        return False
    before = text[_segment_start(text, name_start - 1):name_start - 1].split()
    return bool(before) and before[0].casefold() in _DESCRIPTION and \
        not any(w[:1].isupper() for w in before[1:])


def _segment_start(text: str, end: int) -> int:
    bounds = [b.end() for b in _BOUNDARY.finditer(text, 0, end)]
    return bounds[-1] if bounds else 0


def _resolve(document: Document, offset: int, cue, text: str, people: list[str],
             state: dict) -> Attribution | None:
    start, end, subject = cue
    words = subject.replace("’s", "").replace("'s", "").split()
    folded = [w.casefold().strip(".") for w in words]
    issuer_cue = " in a statement" in text[start:end] or " in its statement" in text[start:end]
    found = _classify(subject, words, folded, people, state)
    if found is None:
        return None
    speaker, kind, via = found
    if issuer_cue:
        state["issuer"] = speaker
    return Attribution(speaker, SpeakerKind(kind), document.text[offset + start:offset + end].strip(),
                       offset + start, offset + end, Via(via))


def _classify(subject: str, words: list[str], folded: list[str], people: list[str],
              state: dict) -> tuple[str, str, str] | None:
    """(speaker, kind, via) for the subject of a cue, or None when it names nobody."""
    if not words:
        return None
    subject = _clean_tail(subject)
    words = _before_of(words)
    folded = folded[:len(words)]
    if len(words) == 1 and folded[0] in _PERSONAL:
        return (state["focus"], "person", "pronoun") if state["focus"] else None
    titled = _LOWER_TITLED.search(" ".join(words))   # "union leader Tomás Korb": a person
    source = None if titled else _source(subject, words, folded, state)
    if source is not None:
        return source
    if folded[0] == "the" and folded[-1] in _ROLES:
        return (state["focus"], "person", "description") if state["focus"] else \
            (subject, "person", "unresolved")
    if folded[0] in {"a", "an", "one"}:
        return None                         # "a port official told Reuters": nobody named
    names = person_names(" ".join(words)) or [n for n in [_person_in(words)] if n]
    if not names:
        return None
    name = _full_name(names[-1], people)
    if name not in people:
        people.append(name)
    return name, "person", "named"


def _source(subject: str, words: list[str], folded: list[str],
            state: dict) -> tuple[str, str, str] | None:
    """A statement, an organisation, a state or a side as the subject of a cue, else None."""
    if set(folded) & _SOURCES:
        if state["issuer"] and folded[0] == "the":
            return state["issuer"], "source", "statement"
        return subject, "source", "named"
    capitals = [w for w in words if w[:1].isupper() and w.casefold() not in {"the"}]
    if set(folded) & _ORGS or (capitals and all(w.casefold().strip(".") in _STATES for w in capitals)):
        return subject, "source", "named"
    if folded[0] == "the" and folded[-1] == "side":
        return subject, "source", "named"
    return None


def _before_of(words: list[str]) -> list[str]:
    """A subject without its "of ORGANISATION": "Ana Lobo of the coalition Bahia Viva" gives
    "Ana Lobo"; "Secretary of State Antony Blinken" stays whole (only titles before "of")."""
    if "of" not in words:
        return words
    head = words[:words.index("of")]
    named = [w for w in head if w[:1].isupper() and _clean(w).casefold() not in _TITLES | _ORGS]
    return head if named and not any(_clean(w).casefold() in _ORGS for w in head) else words


def _person_in(words: list[str]) -> str | None:
    """The name a subject gives, its title and description aside: "port director Elena Marsh",
    "Governor Rui Costa", "Dr. Samuel Okafor" give the name; "on Friday", "Officials" none."""
    tokens = [_clean(w) for w in words]
    runs: list[list[str]] = [[]]
    for t in tokens:
        if t[:1].isupper() or (t in _PARTICLES and runs[-1]):
            runs[-1].append(t)
        elif runs[-1]:
            runs.append([])
    run = next((r for r in reversed(runs) if r), [])
    while run and run[0].casefold() in _TITLES:
        run = run[1:]
    while run and run[-1] in _PARTICLES:
        run = run[:-1]
    if not run or any(t.casefold() in _WHEN | _ORGS for t in run):
        return None
    lead = [t.casefold() for t in tokens[:len(tokens) - len(run)]]
    if any(w in STOPWORDS - {"the"} for w in lead):
        return None                         # "said on Friday", "it was Marsh"
    if len(run) == 1 and run[0].casefold() in _GENERIC:
        return None
    return " ".join(run)


def _full_name(name: str, people: list[str]) -> str:
    """The longest name the document gives the same person: "Xi" becomes "Xi Jinping"."""
    tokens = set(name.split())
    best = [p for p in people if tokens <= set(p.split())]
    return max(best, key=len) if best else name


def _subject_person(text: str, people: list[str]) -> str | None:
    """The first person named in a sentence outside a prepositional phrase: its subject."""
    for m in _NAME.finditer(text):
        before = text[:m.start()].split()
        if before and before[-1].casefold() in _PREPOSITIONS:
            continue
        names = person_names(m.group())
        candidates = names or [p for p in people if set(m.group().split()) & set(p.split())]
        if candidates:
            return _full_name(candidates[-1], people)
    return None


def attribute(document: Document, start: int, end: int) -> Attribution | None:
    """Who `[start, end)` of `document` is attributed to, or None when no cue reaches it."""
    for q in direct_quotes(document):
        if q.start < end and start < q.end:
            start, end = min(start, q.start), max(end, q.end)
    inside = [s for s in document.sentences if s.start < end and start < s.end]
    if not inside:
        return None
    index = _reader(document)
    index.read_to(inside[-1].index)
    cues = [a for s in inside for a in index.cues.get(s.index, ())]
    if cues:
        return min(cues, key=lambda a: (_distance(a, start, end), a.start))
    paragraph = inside[0].paragraph
    for s in reversed(document.sentences[:inside[0].index]):
        if s.paragraph != paragraph:
            break
        if index.cues.get(s.index):
            lead = index.cues[s.index][0]
            return Attribution(lead.speaker, lead.kind, lead.cue, lead.start, lead.end, Via.CONTEXT)
    return None


def _distance(a: Attribution, start: int, end: int) -> int:
    if a.end <= start:
        return start - a.end
    if a.start >= end:
        return a.start - end
    return 0

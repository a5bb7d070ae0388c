"""Translation and production artefacts inside each document, helped by the whole corpus.

`detect_artefacts` runs every detector (`artefact_rules` for what a document's own text shows,
`artefact_words` for what needs the corpus or the lexicon) and adds evidence: when the sentence
belongs to a statement, what the other versions say at that place ("004: "prosperous, and
thriving"") found by aligning the member's words with each other member's words.

Syndicated copies repeat most sentences word for word, so a sentence is read once per wording:
what the sentence detectors find in one copy is found, at its own offsets, in every sentence with
the same `Wording` and the same context (a space or the start of the text before it, a space or
the end after it, the document's own place names), unless a finding quotes the text around it.

Kinds: glued ("baliand"), doubled ("prosperous and prosperous"), stray_punctuation ("harm. the",
". ,", a dangling quotation mark), case ("in beijing", "China And"), name_variant ("Blink" where
the others write "Blinken"), fragment ("-he commented."), untranslated ("l intention").
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from ..model import Artefact, Document, Member, Statement
from ..text.normalize import WORD_RE, fold_word
from ..text.segment import segment_document
from .corpus import Corpus, DocumentView, Finding, zipf
from .rules import CONTEXT_WIDTH, TEXT_RULES, quote_marks
from .words import WORD_RULES, Occurrence, detect_name_variants, name_forms, place_names

__all__ = ["detect_artefacts", "read_artefacts", "finish_artefacts", "Reading", "MAX_EVIDENCE_WORDS",
           "ANCHOR_SLACK", "load_lexicons"]

MAX_EVIDENCE_WORDS = 10
"""Longest wording quoted from another version as evidence."""
MAX_EVIDENCE_VERSIONS = 8
"""Other versions quoted as evidence for one artefact, the most confident members first: a
thousand syndicated copies need not be read for every finding."""
ANCHOR_SLACK = 3
"""A rewritten stretch longer than the artefact by more words than this is no counterpart."""
SENTENCE_RULES = TEXT_RULES + WORD_RULES
DOCUMENT_RULES = (quote_marks,)


def load_lexicons(language: str = "en") -> None:
    """Load the word frequency lists the detectors consult (a third of a second), so that a
    process can do it ahead of time."""
    zipf("the", language)
    for other in ("es", "fr"):
        if other != language:
            zipf("de", other, "small")


def detect_artefacts(documents: Sequence[Document], statements: Sequence[Statement] = (), *,
                     language: str = "en") -> tuple[Artefact, ...]:
    """Artefacts of every document, sorted by document order then start offset.

    `documents` are segmented (unsegmented ones are segmented here); `statements`, from
    `align_statements`, let the evidence quote the other versions' wording.
    """
    return finish_artefacts(read_artefacts(documents, language=language), statements)


@dataclass(frozen=True)
class Reading:
    """What the documents alone show, before the statements are known (`read_artefacts`)."""

    corpus: Corpus
    """The documents' wordings and counts; the statements are placed in it later."""
    found: dict[int, list[Finding]]
    """Index of a document in `corpus.views` -> what the sentence and document detectors found."""
    names: dict[str, list[Occurrence]]
    """Capitalised words used inside sentences, with all their occurrences (`name_forms`)."""


def read_artefacts(documents: Sequence[Document], *, language: str = "en") -> Reading:
    """The part of `detect_artefacts` that needs only the documents (most of it): the pipeline
    runs it beside alignment, and `finish_artefacts` once the statements are made."""
    documents = [d if d.sentences or not d.text.strip() else segment_document(d, language)
                 for d in documents]
    corpus = Corpus(documents, language)
    found = {i: _sentence_findings(corpus, view) for i, view in enumerate(corpus.views)}
    return Reading(corpus, found, name_forms(corpus))


def finish_artefacts(reading: Reading, statements: Sequence[Statement] = ()) -> tuple[Artefact, ...]:
    """`detect_artefacts` from what `read_artefacts` found: names spelled two ways (whose
    evidence is another version of the same statement) and what the other versions say at
    each artefact's place."""
    corpus, found = reading.corpus, {i: list(f) for i, f in reading.found.items()}
    corpus.locate(statements)
    for i, finding in detect_name_variants(corpus, reading.names):
        found[i].append(finding)
    out = []
    for i, view in enumerate(corpus.views):
        unique = {(f.start, f.end, f.kind): f for f in found[i]}
        for f in sorted(unique.values(), key=lambda f: (f.start, f.end, f.kind.value)):
            evidence = f.evidence + tuple(line for line in _other_versions(corpus, view, f)
                                          if not _repeats(line, f.evidence))
            out.append(Artefact(view.doc.id, f.start, f.end, view.doc.text[f.start:f.end],
                                f.kind, f.message, evidence))
    return tuple(out)


def _sentence_findings(corpus: Corpus, view: DocumentView) -> list[Finding]:
    """What the sentence detectors find in one document, each detector's findings in sentence
    order (then the quotation marks, which need the whole document), read once per wording."""
    by_rule: list[list[Finding]] = [[] for _ in SENTENCE_RULES]
    memo = corpus.memo.setdefault("sentence findings", {})
    text = view.doc.text
    for s, wording in zip(view.doc.sentences, view.wordings):
        clean = (s.start == 0 or text[s.start - 1].isspace()) and \
            (s.end == len(text) or text[s.end].isspace())
        key: tuple = (wording, s.start == 0, place_names(corpus, view, wording))
        shared = memo.get(key) if clean else None
        around = shared is _QUOTES_AROUND   # this wording's findings quote the text around it
        if around:
            key = (key, _surroundings(text, s.start, s.end))
            shared = memo.get(key)
        if shared is None:
            fresh = [list(rule(corpus, view, s)) for rule in SENTENCE_RULES]
            if clean:
                if not around and not all(f.local for found in fresh for f in found):
                    memo[key] = _QUOTES_AROUND
                    key = (key, _surroundings(text, s.start, s.end))
                memo[key] = [[replace(f, start=f.start - s.start, end=f.end - s.start) for f in found]
                             for found in fresh]
        else:
            fresh = [[replace(f, start=f.start + s.start, end=f.end + s.start) for f in found]
                     for found in shared]
        for into, found in zip(by_rule, fresh):
            into.extend(found)
    out = [f for found in by_rule for f in found]
    for rule in DOCUMENT_RULES:
        out.extend(rule(corpus, view))
    return out


_QUOTES_AROUND = "quotes around"
"""Memo mark: a wording whose findings quote the text around it, remembered with that text."""


def _surroundings(text: str, start: int, end: int) -> tuple[str, str, bool, bool]:
    """The text a finding in [start, end) may quote around it (out to the first space
    `CONTEXT_WIDTH` characters away on each side), and whether it runs to an end of the document."""
    left = text.rfind(" ", 0, max(0, start - CONTEXT_WIDTH))
    right = text.find(" ", min(len(text), end + CONTEXT_WIDTH))
    return (text[left + 1:start], text[end:right if right >= 0 else len(text)], left < 0, right < 0)


def _repeats(line: str, evidence: tuple[str, ...]) -> bool:
    """Does a "documents: wording" line only repeat what the detector's evidence says?"""
    said = line.split(": ", 1)[-1]
    return any(said in e for e in evidence)


def _other_versions(corpus: Corpus, view: DocumentView, finding: Finding) -> tuple[str, ...]:
    """What each other member of the finding's statement says at the same place."""
    held = _place_of(corpus, view.doc.id, finding.start, finding.end)
    if held is None:
        return ()
    own, statement = held
    keys, r0, r1 = _region(corpus, own, finding)
    mine = tuple(keys)
    places = corpus.memo.setdefault("places", {})
    wording: dict[str, list[str]] = {}
    for member in _most_confident(corpus, statement, view.doc.id):
        other = corpus.views[corpus.by_id[member.document]].doc
        theirs = _member_words(corpus, member)
        found = (mine, r0, r1, _keys(corpus, member))
        if found not in places:      # copies that read alike are matched once
            matcher = SequenceMatcher(None, keys, found[3], autojunk=False)
            places[found] = _map_region(matcher.get_opcodes(), r0, r1)
        place = places[found]
        if place is None:
            continue
        said = _quote(other.text, theirs, *place)
        wording.setdefault(said, []).append(member.document)
    return tuple(f"{', '.join(docs)}: {said}" for said, docs in wording.items())


def _most_confident(corpus: Corpus, statement: Statement, document: str) -> list[Member]:
    """The `MAX_EVIDENCE_VERSIONS` members of `statement` outside `document`, the most
    confident first (ties by document id); the ranking is made once per statement."""
    memo = corpus.memo.setdefault("most confident", {})
    if id(statement) not in memo:
        memo[id(statement)] = heapq.nsmallest(MAX_EVIDENCE_VERSIONS + 1, statement.members,
                                              key=lambda m: (-m.confidence, m.document))
    ranked = [m for m in memo[id(statement)] if m.document != document]
    if len(ranked) < MAX_EVIDENCE_VERSIONS and len(memo[id(statement)]) < len(statement.members):
        ranked = heapq.nsmallest(MAX_EVIDENCE_VERSIONS, (m for m in statement.members if m.document != document),
                                 key=lambda m: (-m.confidence, m.document))
    return ranked[:MAX_EVIDENCE_VERSIONS]


def _place_of(corpus: Corpus, document: str, start: int, end: int) -> tuple[Member, Statement] | None:
    """The member of `document` (main or repeat) that holds [start, end), with its statement: a
    sentence cut into claims has one member per part, each in its own statement."""
    best = None
    for s, e, st in corpus.places.get(document, ()):
        if s > start:
            break
        if start < e or (start == e == end):
            overlap = min(e, end) - max(s, start)
            if best is None or overlap > best[0]:
                best = (overlap, s, e, st)
    if best is None:
        return None
    _, s, e, st = best
    main = st.member(document)          # a document's one main member, else one of its repeats
    member = main if main is not None and main.start == s and main.end == e else \
        next(m for m in st.members + st.repeats if m.document == document and m.start == s and m.end == e)
    return member, st


def _member_words(corpus: Corpus, member) -> list[tuple[int, int, str]]:
    """A member's folded words, computed once per comparison; a part of a sentence reads its
    whole sentences (the wording at a place may run past where a claim was cut)."""
    doc = corpus.views[corpus.by_id[member.document]].doc
    start, end = member.start, member.end
    if member.partial and member.sentences:
        start, end = doc.sentence_extent(member.sentences)
    key = ("member words", member.document, start, end)
    if key not in corpus.memo:
        corpus.memo[key] = _words(doc.text, start, end)
    return corpus.memo[key]


def _keys(corpus: Corpus, member: Member) -> tuple[str, ...]:
    """The folded words of `_member_words`, as a tuple."""
    words = _member_words(corpus, member)
    key = ("member keys", id(words))         # the list lives in the memo as long as the corpus
    if key not in corpus.memo:
        corpus.memo[key] = tuple(k for _, _, k in words)
    return corpus.memo[key]


def _words(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), fold_word(m.group()))
            for m in WORD_RE.finditer(text, start, end)]


def _region(corpus: Corpus, member: Member, finding: Finding) -> tuple[list[str], int, int]:
    """The member's word keys, with the finding's words replaced by its reading, and the region
    [r0, r1) those words occupy; a punctuation finding takes the words on either side. The
    words stand in order, none empty: those touching the finding are a run, found by bisection."""
    starts, ends = _edges(corpus, member)
    keys = list(_keys(corpus, member))
    r0, r1 = bisect_right(ends, finding.start), bisect_left(starts, finding.end)
    if r0 >= r1:
        return keys, max(0, r1 - 1), min(len(keys), r1 + 1)
    if finding.reading is not None:
        reading = [fold_word(w) for w in finding.reading]
        keys[r0:r1] = reading
        r1 = r0 + len(reading)
    return keys, r0, r1


def _edges(corpus: Corpus, member: Member) -> tuple[list[int], list[int]]:
    """Where each word of `_member_words` starts, and where each ends."""
    words = _member_words(corpus, member)
    key = ("member edges", id(words))        # the list lives in the memo as long as the corpus
    if key not in corpus.memo:
        corpus.memo[key] = ([s for s, _, _ in words], [e for _, e, _ in words])
    return corpus.memo[key]


def _map_region(opcodes, r0: int, r1: int) -> tuple[int, int] | None:
    """The words of the other side that correspond to [r0, r1) of this side: None when no
    shared word anchors the place or the wording there is rewritten wholesale."""
    hits, anchored, size = [], False, r1 - r0
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            lo, hi = max(i1, r0), min(i2, r1)
            if lo < hi:
                hits += [j1 + lo - i1, j1 + hi - 1 - i1]
            anchored = anchored or (i2 >= r0 - 1 and i1 <= r1 + 1)
        elif tag == "replace" and i1 < r1 and i2 > r0:
            if max(i2 - i1, j2 - j1) > size + ANCHOR_SLACK:
                return None
            hits += [j1, j2 - 1]
        elif tag == "insert" and r0 < i1 < r1:
            hits += [j1, j2 - 1]
    if not anchored:
        return None
    return (min(hits), max(hits) + 1) if hits else (0, 0)


def _quote(text: str, words, j0: int, j1: int) -> str:
    if j0 >= j1:
        return "(not there)"
    clipped = j1 - j0 > MAX_EVIDENCE_WORDS
    j1 = min(j1, j0 + MAX_EVIDENCE_WORDS)
    said = " ".join(text[words[j0][0]:words[j1 - 1][1]].split())
    return f"\"{said}{'…' if clipped else ''}\""

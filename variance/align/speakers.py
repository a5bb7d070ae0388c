"""Who a claim is attributed to, as evidence against a link made by meaning.

Two versions that report one statement attribute it to the same person, or one of them to no
one, or to its source ("the statement added", "China's Foreign Ministry said"). A sentence the
words left unlinked that one version attributes to Xi Jinping ("the two sides had to value
peace, prioritize stability") and a statement another attributes to Wang Yi ("He called on the
U.S. to stop ... undermining regional peace and stability") are two statements however near
their meaning: the encoder reads the topic, the attribution says who spoke. So meaning never
links a claim to a statement when both name a person, no person named on the statement's side
is the claim's, and each version prints both names (`variance.quotes.attribution` resolves
pronouns, descriptions and a paragraph's lead to the person named before them). Not a
conflict: a name one edit from the other where one gives a surname alone ("Wan" / "Wang Yi", a
translation's slip), a description left unresolved ("the spokesperson"), a name the other
version never prints (two translators' readings of one foreign name). The words are never
vetoed: a quote attributed to another person is a change the diff shows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Document
from ..model.quotes import SpeakerKind

__all__ = ["Speakers"]


class Speakers:
    """The person each run of claims is attributed to, read on first use."""

    def __init__(self, units, documents: Sequence[Document]) -> None:
        self.units, self.documents = units, documents
        self.known: dict[tuple[int, ...], str | None] = {}

    def of(self, run: tuple[int, ...]) -> str | None:
        """The person `run` is attributed to, or None (no cue, or a source, not a person)."""
        if run not in self.known:
            from ..quotes.attribution import attribute

            first, last = self.units[run[0]], self.units[run[-1]]
            found = attribute(self.documents[first.doc], first.start, last.end)
            named = found is not None and found.kind is SpeakerKind.PERSON and _is_name(found.speaker)
            self.known[run] = found.speaker if named and found else None
        return self.known[run]

    def conflict(self, run: tuple[int, ...], members: Sequence[tuple[int, ...]]) -> bool:
        """Does `run` name a person that no member naming one agrees with, where the two
        versions each name both people (so neither is one person under two transliterations)?"""
        mine = self.of(run)
        if mine is None:
            return False
        theirs = [(s, m) for s, m in ((self.of(m), m) for m in members) if s is not None]
        if any(_one_person(mine, s) for s, _ in theirs):
            return False
        return any(self._names(m, mine) and self._names(run, s) for s, m in theirs)

    def _names(self, run: tuple[int, ...], person: str) -> bool:
        """Does the document of `run` print every word of `person`'s name?"""
        text = self.documents[self.units[run[0]].doc].text
        return all(re.search(rf"\b{re.escape(word)}\b", text) for word in person.split())


def _is_name(speaker: str) -> bool:
    """A person's name ("Xi Jinping", "Wang"), not a description left unresolved ("The
    spokesperson", "the Chinese leader")."""
    words = speaker.split()
    return bool(words) and words[0].casefold() != "the" and all(w[:1].isupper() for w in words)


def _one_person(a: str, b: str) -> bool:
    """The same person, or two spellings a word apart by one edit ("Wan" / "Wang Yi")."""
    from rapidfuzz.distance import Levenshtein

    from ..quotes.attribution import same_speaker

    if same_speaker(a, b):
        return True
    short, other = sorted((a.casefold().split(), b.casefold().split()), key=len)
    return len(short) == 1 and len(short[0]) > 2 and any(
        Levenshtein.distance(short[0], word, score_cutoff=1) <= 1 for word in other)

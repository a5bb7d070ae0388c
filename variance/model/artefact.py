"""Artefacts: translation and production artefacts found inside one document."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

__all__ = ["ArtefactKind", "Artefact"]


class ArtefactKind(str, Enum):
    GLUED = "glued"
    DOUBLED = "doubled"
    STRAY_PUNCTUATION = "stray_punctuation"
    CASE = "case"
    NAME_VARIANT = "name_variant"
    FRAGMENT = "fragment"
    UNTRANSLATED = "untranslated"



@dataclass(frozen=True)
class Artefact:
    document: str
    start: int
    end: int
    text: str
    kind: ArtefactKind
    message: str
    evidence: tuple[str, ...] = ()



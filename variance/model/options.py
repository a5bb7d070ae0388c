"""Options: every setting that changes a result, written into every output."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

__all__ = ["Options", "Semantic"]


class Semantic(str, Enum):
    """When the sentence encoder is asked (meaning as evidence, beside the words)."""

    AUTO = "auto"  # only where needed: another language, or sentences the words left unlinked
    ON = "on"      # every sentence the words left unlinked, and other languages
    OFF = "off"    # words only


@dataclass(frozen=True)
class Options:
    """Every setting that changes a result; written into every output."""

    reference: str | None = None
    """Document id to organise statements around; None picks the one carrying most statements."""
    link_threshold: float = 0.28
    """Minimum similarity of a sentence run to a statement for it to join the statement."""
    max_run: int = 3
    """Longest run of adjacent sentences one member may span (splits and merges)."""
    claims: bool = True
    """Align claims: parts of sentences that join several statements, and places where a
    version says a statement again; False aligns whole sentences only, one place each."""
    language: str = "en"
    """Language of the texts as compared (translations are compared in this language)."""
    max_bytes: int = 20_000_000
    """Largest input file accepted, in bytes."""
    follow_links: bool = False
    """Follow symbolic links that lead out of a folder given as a PATH (never into /, /proc,
    /sys or /dev)."""
    strict: bool = False
    """Treat any unreadable input file as an error instead of skipping it with a warning."""
    artefacts: bool = True
    """Look for translation and production artefacts (commands that do not show them skip it)."""
    semantic: Semantic = Semantic.AUTO
    """When meaning (the sentence encoder) is evidence beside the words."""
    quotes: bool = True
    """Check every direct quote of the corpus in every version (commands that do not show them
    skip it)."""

    def to_json(self) -> dict:
        return {"reference": self.reference, "link_threshold": self.link_threshold,
                "max_run": self.max_run, "claims": self.claims, "language": self.language,
                "max_bytes": self.max_bytes, "follow_links": self.follow_links, "strict": self.strict,
                "artefacts": self.artefacts, "quotes": self.quotes, "semantic": self.semantic.value}


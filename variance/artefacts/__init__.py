"""Artefacts: translation and production artefacts inside one document, with the corpus as
evidence."""

from .detect import detect_artefacts, load_lexicons

__all__ = ["detect_artefacts", "load_lexicons"]

"""Load: paths (files, folders, stdin) in, `Document`s out, with their metadata spans and what
loading did to each input."""

from .paths import document_from_text, load_paths

__all__ = ["load_paths", "document_from_text"]

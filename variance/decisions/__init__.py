"""The editor's decisions: read and saved in a TOML file beside the corpus, found again in the
documents on every run (or reported stale), and handed to the aligner as constraints."""

from .resolve import constraint_of, locate, resolve
from .store import (
    DEFAULT_NAME,
    DecisionFile,
    default_author,
    default_path,
    new_decision,
    read_decisions,
    save_decisions,
)

__all__ = ["DEFAULT_NAME", "DecisionFile", "default_path", "default_author", "new_decision",
           "read_decisions", "save_decisions", "resolve", "locate", "constraint_of"]

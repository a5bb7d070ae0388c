"""The editor's decisions: read and saved in a TOML file beside the corpus, found again in the
documents on every run (or reported stale), and handed to the aligner as constraints."""

from .make import (
    Candidate,
    decide_link,
    decide_merge,
    decide_note,
    decide_split,
    decide_unlink,
    decide_verify,
    link_candidates,
    merge_candidates,
)
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
           "read_decisions", "save_decisions", "resolve", "locate", "constraint_of", "Candidate",
           "link_candidates", "merge_candidates", "decide_unlink", "decide_link", "decide_merge",
           "decide_split", "decide_note", "decide_verify"]

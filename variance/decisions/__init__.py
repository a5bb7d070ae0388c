"""The editor's decisions: read and saved in a TOML file beside the corpus, found again in the
documents on every run (or reported stale), and handed to the aligner as constraints.

Names are imported from their module on first use, so a comparison without decisions does not
load the makers of decisions (`make`, the TUI's and the command line's) with the reader."""

from __future__ import annotations

from typing import TYPE_CHECKING

import lazy_loader

if TYPE_CHECKING:
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

_NAMES = {
    "make": ("Candidate", "decide_link", "decide_merge", "decide_note", "decide_split", "decide_unlink",
             "decide_verify", "link_candidates", "merge_candidates"),
    "resolve": ("constraint_of", "locate", "resolve"),
    "store": ("DEFAULT_NAME", "DecisionFile", "default_author", "default_path", "new_decision",
              "read_decisions", "save_decisions"),
}

__getattr__, __dir__, _ = lazy_loader.attach(__name__, submod_attrs=_NAMES)

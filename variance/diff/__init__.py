"""Diff: word-level edit scripts between the members of each statement (`words`), a kind and a
severity per change (`classify`), and the pair diffs and drift of every statement (`drift`)."""

from .drift import diff_statements

__all__ = ["diff_statements"]

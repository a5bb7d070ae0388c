"""Diff: word-level edit scripts between the members of each statement (`words`), a kind and a
severity per change (`classify`), and the pair diffs and drift of every statement (`drift`)."""

from .drift import anchor_member, diff_statements, pieces

__all__ = ["diff_statements", "anchor_member", "pieces"]

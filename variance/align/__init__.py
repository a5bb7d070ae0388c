"""Align: statements, groups of sentence runs across documents that report the same thing."""

from .cluster import align_statements, choose_reference

__all__ = ["align_statements", "choose_reference"]

"""Widgets of the terminal UI, one class per module; they post messages, screens coordinate."""

from .artefact_table import ArtefactTable
from .coverage_table import CoverageTable
from .document_text import DocumentText
from .statement_detail import StatementDetail
from .statement_list import StatementList
from .version_column import VersionColumn

__all__ = ["ArtefactTable", "CoverageTable", "DocumentText", "StatementDetail", "StatementList",
           "VersionColumn"]

"""Widgets of the terminal UI, one class per module; they post messages, screens coordinate."""

from .artefact_table import ArtefactTable
from .coverage_table import CoverageTable
from .decision_table import DecisionTable
from .document_text import DocumentText
from .omission_list import OmissionList
from .quote_matches import QuoteMatches
from .quote_table import QuoteTable
from .statement_detail import StatementDetail
from .statement_list import StatementList
from .version_column import VersionColumn

__all__ = ["ArtefactTable", "CoverageTable", "DecisionTable", "DocumentText", "OmissionList", "QuoteMatches",
           "QuoteTable", "StatementDetail", "StatementList", "VersionColumn"]

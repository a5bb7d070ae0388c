"""Screens of the terminal UI, one class per module: six views and their dialogs."""

from .artefacts import ArtefactsScreen
from .coverage import CoverageScreen
from .document import DocumentScreen
from .export import ExportRequest, ExportScreen
from .filter import FilterScreen
from .help import HelpScreen
from .loading import LoadingScreen
from .omissions import OmissionsScreen
from .quote_input import QuoteInputScreen
from .quotes import QuotesScreen
from .reference import ReferenceScreen
from .search import SearchScreen
from .statements import StatementsScreen

__all__ = ["ArtefactsScreen", "CoverageScreen", "DocumentScreen", "ExportRequest", "ExportScreen",
           "FilterScreen", "HelpScreen", "LoadingScreen", "OmissionsScreen", "QuoteInputScreen",
           "QuotesScreen", "ReferenceScreen", "SearchScreen", "StatementsScreen"]

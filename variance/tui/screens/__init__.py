"""Screens of the terminal UI, one class per module: seven views and their dialogs."""

from .artefacts import ArtefactsScreen
from .coverage import CoverageScreen
from .decisions import DecisionsScreen
from .document import DocumentScreen
from .export import ExportRequest, ExportScreen
from .filter import FilterScreen
from .help import HelpScreen
from .loading import LoadingScreen
from .note import NoteScreen
from .omissions import OmissionsScreen
from .pick import PickScreen
from .quote_input import QuoteInputScreen
from .quotes import QuotesScreen
from .reference import ReferenceScreen
from .search import SearchScreen
from .split import SplitScreen
from .statements import StatementsScreen

__all__ = ["ArtefactsScreen", "CoverageScreen", "DecisionsScreen", "DocumentScreen", "ExportRequest",
           "ExportScreen", "FilterScreen", "HelpScreen", "LoadingScreen", "NoteScreen",
           "OmissionsScreen", "PickScreen", "QuoteInputScreen", "QuotesScreen", "ReferenceScreen",
           "SearchScreen", "SplitScreen", "StatementsScreen"]

"""Screens of the terminal UI, one class per module: four views and their dialogs."""

from .artefacts import ArtefactsScreen
from .coverage import CoverageScreen
from .document import DocumentScreen
from .export import ExportRequest, ExportScreen
from .filter import FilterScreen
from .help import HelpScreen
from .loading import LoadingScreen
from .reference import ReferenceScreen
from .search import SearchScreen
from .statements import StatementsScreen

__all__ = ["ArtefactsScreen", "CoverageScreen", "DocumentScreen", "ExportRequest", "ExportScreen",
           "FilterScreen", "HelpScreen", "LoadingScreen", "ReferenceScreen", "SearchScreen",
           "StatementsScreen"]

"""The Textual terminal UI (`variance tui`): statements, coverage, documents and artefacts of
one comparison, at the keyboard. `make_app` builds it for the CLI and the tests."""

from .app import VarianceApp, make_app

__all__ = ["VarianceApp", "make_app"]

"""Shown at once while the versions are read and compared in a worker."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.screen import Screen
from textual.widgets import Header, Label, ProgressBar

from ..widgets.key_footer import KeyFooter

__all__ = ["LoadingScreen"]

_STAGES = {"load": "Reading the versions", "align": "Grouping sentences into statements",
           "diff": "Diffing every version against the reference"}


class LoadingScreen(Screen):
    def __init__(self, paths: Sequence[str]) -> None:
        super().__init__()
        self.paths = list(paths)

    def compose(self) -> ComposeResult:
        yield Header()
        with Middle(), Center():
            yield Label(f"Comparing {', '.join(self.paths)}", id="loading-what")
            yield ProgressBar(total=None, show_eta=False, id="loading-bar")
            yield Label(_STAGES["load"] + "…", id="loading-stage")
        yield KeyFooter()

    def progress(self, stage: str, done: int, total: int) -> None:
        """Show one `progress(stage, done, total)` report of the pipeline."""
        self.query_one(ProgressBar).update(total=total or None, progress=done)
        label = _STAGES.get(stage, stage)
        self.query_one("#loading-stage", Label).update(f"{label}: {done} of {total}")

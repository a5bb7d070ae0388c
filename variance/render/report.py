"""The report as one piece: the HTML page, JSON format 2 or the plain text view of a comparison,
rendered to a string and written where asked. `variance report` and the TUI's export both
write through `write_report`, so they refuse the same targets and write the same bytes."""

from __future__ import annotations

import io

from ..model import Comparison
from ..outputs import check_output, write_file

__all__ = ["FORMATS", "render_report", "write_report", "prepare_report"]

FORMATS = ("html", "json", "text")
TEXT_WIDTH = 100
"""Columns of the text report written to a file (a terminal uses its own width)."""


def render_report(comparison: Comparison, fmt: str) -> str:
    """The report in `fmt` (one of `FORMATS`) as one string."""
    if fmt == "json":
        from .json_out import comparison_to_json, dumps

        return dumps(comparison_to_json(comparison))
    if fmt == "text":
        from rich.console import Console

        from .text import render_text

        buffer = io.StringIO()
        render_text(comparison, Console(file=buffer, width=TEXT_WIDTH, color_system=None, highlight=False,
                                        soft_wrap=False, emoji=False), diffs=True)
        return buffer.getvalue()
    from .html import render_html

    return render_html(comparison)


def prepare_report(fmt: str) -> None:
    """Load ahead what rendering the report in `fmt` will need (the HTML page's template; the
    other formats need little), so that a caller with time to spare spends it there."""
    if fmt == "html":
        from .html import prepare_html

        prepare_html()


def write_report(comparison: Comparison, fmt: str, path: str) -> None:
    """Render and write the report to `path`: never over an input, a sidecar or a non-regular
    file (`variance.outputs.check_output`), atomically."""
    check_output(path, [d.path for d in comparison.documents])
    write_file(path, render_report(comparison, fmt))

"""The command line. stdout is data, stderr is talk. A `VarianceError` becomes one line on
stderr and exit code 2; heavy modules are imported inside the commands that use them."""

from __future__ import annotations

import click

from .. import __version__
from .archive import index, reuse, trace
from .compare import align, diff, lint, report, tui
from .decisions import decisions
from .quotes import quote, quotes

__all__ = ["main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="variance")
def main() -> None:
    """Compare versions of one news story, statement by statement: who carried what, and how
    the wording moved."""


for command in (report, align, diff, tui, quote, quotes, lint, decisions, index, trace, reuse):
    main.add_command(command)

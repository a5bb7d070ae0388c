"""The command line. stdout is data, stderr is talk. A `VarianceError` becomes one line on
stderr and exit code 2; heavy modules are imported inside the commands that use them."""

from __future__ import annotations

import click

from .. import __version__
from ..outputs import end_process
from .archive import index, reuse, trace
from .common import SafeGroup, ends_with_the_command
from .compare import align, diff, lint, report, tui
from .decisions import decisions
from .quotes import quote, quotes

__all__ = ["main", "run"]


@click.group(cls=SafeGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="variance")
def main() -> None:
    """Compare versions of one news story, statement by statement: who carried what, and how
    the wording moved."""


for command in (report, align, diff, tui, quote, quotes, lint, decisions, index, trace, reuse):
    main.add_command(command)


def run() -> None:
    """The program `variance` (and `python -m variance`): `main` in click's standalone mode,
    then `end_process`, so that the process ends as soon as its output is written; numpy's BLAS
    is started on one thread (`parallel.blas_on_one_thread`) and on ordinary pages of memory
    (`parallel.numpy_on_small_pages`), and a batch command leaves the
    cyclic collector paused (`common.ends_with_the_command`). Tests call `main` itself, which
    returns to them."""
    from ..parallel import blas_on_one_thread, numpy_on_small_pages

    blas_on_one_thread()
    numpy_on_small_pages()
    ends_with_the_command()
    try:
        main()
    except SystemExit as exc:
        end_process(exc.code)
    end_process(0)

"""What every command shares: the input options, building `Options`, running the comparison with
warnings and progress on stderr, and turning errors a user can fix into one line and exit 2."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable

import click

from ..errors import VarianceError
from ..model import Options

__all__ = ["fail", "handles_errors", "input_options", "build_options", "run_compare",
           "console_for_stdout", "echo_json"]


def fail(message: str, code: int = VarianceError.exit_code) -> None:
    click.echo(f"variance: error: {message}", err=True)
    sys.exit(code)


def handles_errors(command: Callable) -> Callable:
    """Turn the errors a user can fix into one line and exit 2, never a traceback."""
    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except VarianceError as exc:
            fail(str(exc), exc.exit_code)
        except BrokenPipeError:
            sys.stderr.close()
            sys.exit(0)
    return wrapper


def input_options(command: Callable | None = None, *, paths_required: bool = True) -> Callable:
    """Options shared by every command that compares documents (`@input_options`, or
    `@input_options(paths_required=False)` for a command that can get its documents elsewhere)."""
    if command is None:
        return functools.partial(input_options, paths_required=paths_required)
    decorators = [
        click.argument("paths", nargs=-1, required=paths_required),
        click.option("--reference", "-r", metavar="DOC", help="Organise statements around this document id."),
        click.option("--threshold", type=click.FloatRange(0.05, 0.95), default=Options().link_threshold,
                     show_default=True, help="Minimum similarity for a sentence to join a statement."),
        click.option("--max-bytes", type=click.IntRange(1), default=Options().max_bytes, show_default=True,
                     help="Largest input file accepted."),
        click.option("--strict", is_flag=True, help="Any unreadable input file is an error, not a warning."),
        click.option("--quiet", "-q", is_flag=True, help="No warnings or progress on stderr."),
    ]
    for decorate in reversed(decorators):
        command = decorate(command)
    return command


def build_options(reference, threshold, max_bytes, strict, *, artefacts: bool = True,
                  quotes: bool = True) -> Options:
    """Options from the shared flags; a command that does not show artefacts or the corpus'
    quotes skips finding them."""
    return Options(reference=reference, link_threshold=threshold, max_bytes=max_bytes, strict=strict,
                   artefacts=artefacts, quotes=quotes)


def run_compare(paths, options: Options, quiet: bool):
    """Load and compare, with warnings on stderr; checks that --reference names a document."""
    from ..pipeline import compare
    from ..render.progress import stderr_progress

    warn = None if quiet else (lambda message: click.echo(f"variance: warning: {message}", err=True))
    with stderr_progress(not quiet) as progress:
        comparison = compare(list(paths), options, warn=warn, progress=progress)
    if options.reference and options.reference not in {d.id for d in comparison.documents}:
        known = ", ".join(d.id for d in comparison.documents)
        raise click.BadParameter(f"no document {options.reference!r}; documents are: {known}",
                                 param_hint="--reference")
    return comparison


def console_for_stdout():
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False, emoji=False)



def echo_json(body: dict) -> None:
    from .. import __version__
    from ..render.json_out import FORMAT, dumps

    click.echo(dumps({"format": FORMAT, "variance": __version__} | body), nl=False)

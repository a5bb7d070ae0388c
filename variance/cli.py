"""The command line. stdout is data, stderr is talk. A `VarianceError` becomes one line on
stderr and exit code 2; heavy modules are imported inside the commands that use them."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable

import click

from . import __version__
from .errors import VarianceError
from .model import Options

__all__ = ["main"]


def _fail(message: str) -> None:
    click.echo(f"variance: error: {message}", err=True)
    sys.exit(2)


def handles_errors(command: Callable) -> Callable:
    """Turn the errors a user can fix into one line and exit 2, never a traceback."""
    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except VarianceError as exc:
            _fail(str(exc))
        except BrokenPipeError:
            sys.stderr.close()
            sys.exit(0)
    return wrapper


def input_options(command: Callable) -> Callable:
    """Options shared by every command that compares documents."""
    decorators = [
        click.argument("paths", nargs=-1, required=True),
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


def build_options(reference, threshold, max_bytes, strict) -> Options:
    return Options(reference=reference, link_threshold=threshold, max_bytes=max_bytes, strict=strict)


def run_compare(paths, options: Options, quiet: bool):
    """Load and compare, with warnings on stderr; checks that --reference names a document."""
    from .pipeline import compare

    warn = None if quiet else (lambda message: click.echo(f"variance: warning: {message}", err=True))
    comparison = compare(list(paths), options, warn=warn)
    if options.reference and options.reference not in {d.id for d in comparison.documents}:
        known = ", ".join(d.id for d in comparison.documents)
        raise click.BadParameter(f"no document {options.reference!r}; documents are: {known}",
                                 param_hint="--reference")
    return comparison


def console_for_stdout():
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False, emoji=False)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="variance")
def main() -> None:
    """Compare versions of one news story, statement by statement: who carried what, and how
    the wording moved."""


@main.command()
@input_options
@click.option("--json", "as_json", is_flag=True, help="JSON format 1: documents, reference, statements.")
@click.option("--diff/--no-diff", default=False, help="Mark each version's changes against the reference.")
@click.option("--shared", is_flag=True, help="Only statements carried by two versions or more.")
@handles_errors
def align(paths, reference, threshold, max_bytes, strict, quiet, as_json, diff, shared):
    """Group the sentences of every version into statements and show each version's wording."""
    comparison = run_compare(paths, build_options(reference, threshold, max_bytes, strict), quiet)
    if as_json:
        from .render.json_out import comparison_to_json, dumps

        click.echo(dumps(comparison_to_json(comparison, parts=("documents", "reference", "statements"))), nl=False)
        return
    from .render.text import render_text

    render_text(comparison, console_for_stdout(), diffs=diff, only_shared=shared)


@main.command()
@click.argument("a")
@click.argument("b")
@click.option("--json", "as_json", is_flag=True, help="JSON format 1.")
@click.option("--cosmetic", is_flag=True, help="Also mark cosmetic changes (case, punctuation, spelling of U.S.).")
@click.option("--threshold", type=click.FloatRange(0.05, 0.95), default=Options().link_threshold,
              show_default=True, help="Minimum similarity for two sentences to be one statement.")
@click.option("--max-bytes", type=click.IntRange(1), default=Options().max_bytes, show_default=True,
              help="Largest input file accepted.")
@click.option("--quiet", "-q", is_flag=True, help="No warnings on stderr.")
@handles_errors
def diff(a, b, as_json, cosmetic, threshold, max_bytes, quiet):
    """Align two texts, then show a word diff of B against A for every statement they share."""
    from .load import load_paths
    from .pipeline import compare_documents

    options = Options(link_threshold=threshold, max_bytes=max_bytes, strict=True)
    docs = load_paths([a, b], options)
    if len(docs) != 2:
        raise click.UsageError(f"diff compares two documents; {a} and {b} hold {len(docs)}")
    if docs[0].id == docs[1].id:
        raise click.UsageError(f"{a} and {b} are the same document")
    comparison = compare_documents(docs, Options(reference=docs[0].id, link_threshold=threshold,
                                                 max_bytes=max_bytes, strict=True))
    if as_json:
        from .render.json_out import comparison_to_json, dumps

        click.echo(dumps(comparison_to_json(comparison)), nl=False)
        return
    from .render.text import render_text

    render_text(comparison, console_for_stdout(), diffs=True, show_cosmetic=cosmetic)

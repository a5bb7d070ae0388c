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


def _fail(message: str, code: int = VarianceError.exit_code) -> None:
    click.echo(f"variance: error: {message}", err=True)
    sys.exit(code)


def handles_errors(command: Callable) -> Callable:
    """Turn the errors a user can fix into one line and exit 2, never a traceback."""
    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except VarianceError as exc:
            _fail(str(exc), exc.exit_code)
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


def build_options(reference, threshold, max_bytes, strict, *, artefacts: bool = True,
                  quotes: bool = True) -> Options:
    """Options from the shared flags; a command that does not show artefacts or the corpus'
    quotes skips finding them."""
    return Options(reference=reference, link_threshold=threshold, max_bytes=max_bytes, strict=strict,
                   artefacts=artefacts, quotes=quotes)


def run_compare(paths, options: Options, quiet: bool):
    """Load and compare, with warnings on stderr; checks that --reference names a document."""
    from .pipeline import compare
    from .render.progress import stderr_progress

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
    options = build_options(reference, threshold, max_bytes, strict, artefacts=False, quotes=False)
    comparison = run_compare(paths, options, quiet)
    if as_json:
        from .render.json_out import comparison_to_json, dumps

        click.echo(dumps(comparison_to_json(comparison, parts=("documents", "reference", "statements"))), nl=False)
        return
    from .render.text import render_text

    render_text(comparison, console_for_stdout(), diffs=diff, only_shared=shared)


@main.command()
@input_options
@click.option("--json", "as_json", is_flag=True, help="JSON format 1: documents and artefacts.")
@click.option("--fail-on-any", is_flag=True, help="Exit 1 when any artefact is found (for scripts).")
@handles_errors
def lint(paths, reference, threshold, max_bytes, strict, quiet, as_json, fail_on_any):
    """Translation and production artefacts per document: glued words, doubled phrases, stray
    punctuation, wrong case, names spelled two ways, fragments, untranslated bits."""
    comparison = run_compare(paths, build_options(reference, threshold, max_bytes, strict, quotes=False), quiet)
    if as_json:
        from .render.json_out import comparison_to_json, dumps

        click.echo(dumps(comparison_to_json(comparison, parts=("documents", "artefacts"))), nl=False)
    else:
        from .render.text import render_artefacts

        render_artefacts(comparison, console_for_stdout())
    if fail_on_any and comparison.artefacts:
        sys.exit(1)


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
    from dataclasses import replace

    from .load import load_paths
    from .pipeline import compare_documents

    options = Options(link_threshold=threshold, max_bytes=max_bytes, strict=True, quotes=False)
    docs = load_paths([a, b], options)
    if len(docs) != 2:
        raise click.UsageError(f"diff compares two documents; {a} and {b} hold {len(docs)}")
    if docs[0].sha256 == docs[1].sha256:
        raise click.UsageError(f"{a} and {b} have the same content: nothing to compare")
    comparison = compare_documents(docs, replace(options, reference=docs[0].id))
    if as_json:
        from .render.json_out import comparison_to_json, dumps

        click.echo(dumps(comparison_to_json(comparison)), nl=False)
        return
    from .render.text import render_text

    render_text(comparison, console_for_stdout(), diffs=True, show_cosmetic=cosmetic)


@main.command()
@input_options
@handles_errors
def tui(paths, reference, threshold, max_bytes, strict, quiet):
    """Work through the comparison at the keyboard: statements side by side, coverage, each
    version's text, artefacts, quotes and their speakers, omissions that matter. Press ? inside
    for every key."""
    if "-" in paths:
        raise click.UsageError("tui reads the keyboard from the terminal; give files or folders, not -")
    from .tui import make_app

    app = make_app(paths, build_options(reference, threshold, max_bytes, strict), quiet=quiet)
    app.run()
    if app.failure:
        _fail(app.failure)


@main.command()
@input_options
@click.option("--output", "-o", metavar="FILE",
              help="Where to write ('-' for stdout). Default: variance-report.html here for HTML, stdout otherwise.")
@click.option("--format", "fmt", type=click.Choice(["html", "json", "text"]),
              help="html (self-contained page), json (format 1) or text. Default: from the -o name, else html.")
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
@handles_errors
def report(paths, reference, threshold, max_bytes, strict, quiet, output, fmt, as_json):
    """Write the full report of a comparison: one HTML file that works offline, or JSON, or text."""
    import os

    from .render.html import check_output, inside_input_folder, write_atomically

    if as_json and fmt not in (None, "json"):
        raise click.UsageError(f"--json and --format {fmt} disagree; give one")
    suffix = os.path.splitext(output or "")[1].lower()
    fmt = "json" if as_json else fmt or {".json": "json", ".txt": "text"}.get(suffix, "html")
    if output is None and fmt == "html":
        output = "variance-report.html"
    to_file = output not in (None, "-")
    if to_file:
        check_output(output, paths)
    comparison = run_compare(paths, build_options(reference, threshold, max_bytes, strict), quiet)
    if to_file:
        check_output(output, [d.path for d in comparison.documents])
    if fmt == "text" and not to_file:
        from .render.text import render_text

        render_text(comparison, console_for_stdout(), diffs=True)
        return
    page = _report_page(comparison, fmt)
    if not to_file:
        click.echo(page, nl=False)
        return
    write_atomically(output, page)
    if not quiet:
        folder = inside_input_folder(output, paths)
        if folder:
            click.echo(f"variance: warning: {output} is inside the input folder {folder}; "
                       "a later run on that folder will read it as a document", err=True)
        click.echo(f"variance: wrote {output}", err=True)


def _report_page(comparison, fmt: str) -> str:
    """The report as one string: the HTML page, JSON format 1, or the plain terminal view."""
    if fmt == "json":
        from .render.json_out import comparison_to_json, dumps

        return dumps(comparison_to_json(comparison))
    if fmt == "text":
        import io

        from rich.console import Console

        from .render.text import render_text

        buffer = io.StringIO()
        render_text(comparison, Console(file=buffer, width=100, color_system=None, highlight=False,
                                        soft_wrap=False, emoji=False), diffs=True)
        return buffer.getvalue()
    from .render.html import render_html

    return render_html(comparison)


_VERDICTS = ["changed", "paraphrased", "absent"]
class _QuoteCommand(click.Command):
    """`variance quote` reads its first argument as the quote unless --from names a document."""

    def collect_usage_pieces(self, ctx):
        return ["[OPTIONS]", "[TEXT]", "PATH..."]


@main.command(cls=_QuoteCommand)
@input_options
@click.option("--from", "source", metavar="DOC", help="Check every direct quote printed in this document.")
@click.option("--json", "as_json", is_flag=True, help="JSON format 1 (docs/quotes.md).")
@click.option("--fail-on", type=click.Choice(_VERDICTS),
              help="Exit 1 when a document's verdict is this or worse (verbatim < cosmetic < changed < "
                   "paraphrased < absent).")
@handles_errors
def quote(paths, reference, threshold, max_bytes, strict, quiet, source, as_json, fail_on):
    """Did they really say it? Find a quote in every version: the closest passage, a verdict
    (verbatim, cosmetic, changed, paraphrased, absent), the similarity, whether it is printed
    in quotation marks, who it is attributed to, and attribution conflicts.

    \b
    variance quote "China is willing to cooperate" seeds/
    variance quote --from 001_fd0f5f049c184f2c seeds/   every quote of one document"""
    from .quotecheck import Verdict, check_quote, checks_json, document_quotes, fails

    text, paths = (None, paths) if source else (paths[0] if paths else "", paths[1:])
    if not paths:
        raise click.UsageError("give the quote, then the files or folders to search: variance quote TEXT PATH...")
    if text is not None and not any(ch.isalnum() for ch in text):
        raise click.UsageError(f"the quote {text!r} has no words to look for")
    comparison = run_compare(paths, build_options(reference, threshold, max_bytes, strict, artefacts=False, quotes=False), quiet)
    if source is not None and source not in {d.id for d in comparison.documents}:
        known = ", ".join(d.id for d in comparison.documents)
        raise click.BadParameter(f"no document {source!r}; documents are: {known}", param_hint="--from")
    checks = document_quotes(comparison, source) if source else [check_quote(comparison, text)]
    if as_json:
        _echo_json(checks_json(comparison, checks, document=source))
    elif source:
        from .render.quote_text import QUOTE_LEGEND, render_quote_table

        console = console_for_stdout()
        console.print(f"{len(checks)} direct quotes in {source}", style="bold")
        render_quote_table(comparison, checks, console)
        console.print(QUOTE_LEGEND, style="dim")
    else:
        from .render.quote_text import render_quote_check

        render_quote_check(comparison, checks[0], console_for_stdout())
    if fail_on and any(fails(c, Verdict(fail_on)) for c in checks):
        sys.exit(1)


@main.command()
@input_options
@click.option("--json", "as_json", is_flag=True, help="JSON format 1 (docs/quotes.md).")
@click.option("--fail-on", type=click.Choice(_VERDICTS),
              help="Exit 1 when a quote has a version with this verdict or worse.")
@handles_errors
def quotes(paths, reference, threshold, max_bytes, strict, quiet, as_json, fail_on):
    """Every direct quote in the corpus, grouped by statement: each version's verdict, the
    speaker, and the attribution conflicts."""
    from .quotecheck import Verdict, corpus_quotes, fails, groups_json

    comparison = run_compare(paths, build_options(reference, threshold, max_bytes, strict, artefacts=False, quotes=False), quiet)
    groups = corpus_quotes(comparison)
    if as_json:
        _echo_json(groups_json(comparison, groups))
    else:
        from .render.quote_text import QUOTE_LEGEND, render_quote_table

        console = console_for_stdout()
        for g in groups:
            console.print(f"\nS{g.statement}" if g.statement else "\nIn no statement", style="bold")
            render_quote_table(comparison, g.checks, console)
        console.print("\n" + QUOTE_LEGEND, style="dim")
    if fail_on and any(fails(c, Verdict(fail_on)) for g in groups for c in g.checks):
        sys.exit(1)


def _echo_json(body: dict) -> None:
    from .render.json_out import FORMAT, dumps

    click.echo(dumps({"format": FORMAT, "variance": __version__} | body), nl=False)

"""The commands that answer a fact-checker's questions about quotes: quote and quotes."""

from __future__ import annotations

import sys

import click

from ..render.terminal import terminal_line
from .common import (
    build_options,
    console_for_stdout,
    decision_options,
    echo_json,
    handles_errors,
    input_options,
    read_decision_file,
    run_compare,
    save_inputs_option,
)

__all__ = ["quote", "quotes"]

_VERDICTS = ["changed", "paraphrased", "absent"]
class _QuoteCommand(click.Command):
    """`variance quote` reads its first argument as the quote unless --from names a document."""

    def collect_usage_pieces(self, ctx):
        return ["[OPTIONS]", "[TEXT]", "PATH..."]


@click.command(cls=_QuoteCommand)
@input_options
@save_inputs_option
@click.option("--from", "source", metavar="DOC", help="Check every direct quote printed in this document.")
@click.option("--json", "as_json", is_flag=True, help="JSON format 2 (docs/quotes.md).")
@click.option("--fail-on", type=click.Choice(_VERDICTS),
              help="Exit 1 when a document's verdict is this or worse (verbatim < cosmetic < changed < "
                   "paraphrased < absent).")
@decision_options
@handles_errors
def quote(paths, reference, threshold, max_bytes, strict, quiet, source, as_json, fail_on, decisions_file):
    """Did they really say it? Find a quote in every version: the closest passage, a verdict
    (verbatim, cosmetic, changed, paraphrased, absent), the similarity, whether it is printed
    in quotation marks, who it is attributed to, and attribution conflicts.

    \b
    variance quote "China is willing to cooperate" seeds/
    variance quote --from 001_fd0f5f049c184f2c seeds/   every quote of one document"""
    from ..model.quotes import Verdict
    from ..pipeline import check_quote, document_quotes
    from ..render.json_out import checks_json
    from ..text.safe import valid_unicode

    text, paths = (None, paths) if source else (paths[0] if paths else "", paths[1:])
    if text is not None:  # an argument with bytes that are not UTF-8 holds surrogate escapes
        text = valid_unicode(text)[0]
    if not paths:
        raise click.UsageError("give the quote, then the files or folders to search: variance quote TEXT PATH...")
    if text is not None and not any(ch.isalnum() for ch in text):
        raise click.UsageError(terminal_line(f"the quote {text!r} has no words to look for"))
    comparison = run_compare(paths, build_options(reference, threshold, max_bytes, strict, artefacts=False,
                                                  quotes=False), quiet, read_decision_file(paths, decisions_file))
    if source is not None and source not in {d.id for d in comparison.documents}:
        known = ", ".join(d.id for d in comparison.documents)
        raise click.BadParameter(terminal_line(f"no document {source!r}; documents are: {known}"),
                                 param_hint="--from")
    checks = document_quotes(comparison, source) if source else [check_quote(comparison, text)]
    if as_json:
        echo_json(checks_json(comparison, checks, document=source))
    elif source:
        from ..render.quote_text import QUOTE_LEGEND, render_quote_table

        console = console_for_stdout()
        from rich.text import Text

        console.print(Text(f"{len(checks)} direct quotes in {terminal_line(source)}", style="bold"))
        render_quote_table(comparison, checks, console)
        console.print(QUOTE_LEGEND, style="dim")
    else:
        from ..render.quote_text import render_quote_check

        render_quote_check(comparison, checks[0], console_for_stdout())
    if fail_on and any(c.fails(Verdict(fail_on)) for c in checks):
        sys.exit(1)


@click.command()
@input_options
@save_inputs_option
@click.option("--json", "as_json", is_flag=True, help="JSON format 2 (docs/quotes.md).")
@click.option("--fail-on", type=click.Choice(_VERDICTS),
              help="Exit 1 when a quote has a version with this verdict or worse.")
@decision_options
@handles_errors
def quotes(paths, reference, threshold, max_bytes, strict, quiet, as_json, fail_on, decisions_file):
    """Every direct quote in the corpus, grouped by statement: each version's verdict, the
    speaker, and the attribution conflicts."""
    from ..model.quotes import Verdict
    from ..render.json_out import quotes_json

    comparison = run_compare(paths, build_options(reference, threshold, max_bytes, strict, artefacts=False),
                             quiet, read_decision_file(paths, decisions_file))
    assert comparison.quotes is not None  # the options ask for them
    groups = comparison.quotes.groups
    if as_json:
        echo_json(quotes_json(comparison, comparison.quotes))
    else:
        from ..render.quote_text import QUOTE_LEGEND, render_quote_table

        console = console_for_stdout()
        for g in groups:
            console.print(f"\nS{g.statement}" if g.statement else "\nIn no statement", style="bold")
            render_quote_table(comparison, g.checks, console)
        console.print("\n" + QUOTE_LEGEND, style="dim")
    if fail_on and any(c.fails(Verdict(fail_on)) for g in groups for c in g.checks):
        sys.exit(1)



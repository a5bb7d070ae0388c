"""`variance decisions`: the editor's decisions on a corpus, and which of them still apply."""

from __future__ import annotations

import sys

import click

from .common import (
    build_options,
    console_for_stdout,
    decision_options,
    echo_json,
    handles_errors,
    input_options,
    read_decision_file,
    run_compare,
)

__all__ = ["decisions"]


@click.command()
@input_options
@decision_options
@click.option("--json", "as_json", is_flag=True, help="JSON format 1: the file and every decision.")
@click.option("--fail-on-stale", is_flag=True, help="Exit 1 when a decision is stale (for scripts).")
@handles_errors
def decisions(paths, reference, threshold, max_bytes, strict, quiet, decisions_file, as_json,
              fail_on_stale):
    """List the editor's decisions on a corpus (pins, unlinks, links, merges, splits, notes,
    verifications), each with its author, time, status and the statements it names now. A
    decision is stale when the text it names has changed; it is then not applied."""
    from ..model.decisions import DecisionStatus

    found = read_decision_file(paths, decisions_file)
    if found is None:
        from ..decisions import default_path

        where = decisions_file or default_path(list(paths)) or "--decisions FILE"
        raise click.UsageError(f"no decisions file: {where} does not exist "
                               "(decisions are made in variance tui)")
    options = build_options(reference, threshold, max_bytes, strict, artefacts=False, quotes=False)
    comparison = run_compare(paths, options, True, found)
    report = comparison.decisions
    if as_json:
        from ..render.json_out import decisions_json

        echo_json({"decisions": decisions_json(report)})
    else:
        from ..render.decisions_text import render_decisions

        render_decisions(comparison, console_for_stdout())
    if fail_on_stale and report.count(DecisionStatus.STALE):
        sys.exit(1)

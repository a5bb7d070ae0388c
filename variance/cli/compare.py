"""The commands that compare documents and show the comparison: align, diff, lint, tui, report."""

from __future__ import annotations

import sys

import click

from ..model import Options
from .common import (
    NumberRange,
    build_options,
    chosen_semantic,
    console_for_stdout,
    decision_options,
    fail,
    handles_errors,
    input_options,
    json_to_stdout,
    pauses_collector,
    read_decision_file,
    run_compare,
    save_inputs_option,
    say,
    semantic_option,
    warn,
)

__all__ = ["align", "lint", "diff", "tui", "report"]


@click.command()
@input_options
@save_inputs_option
@click.option("--json", "as_json", is_flag=True, help="JSON format 2: documents, reference, statements.")
@click.option("--diff/--no-diff", default=False, help="Mark each version's changes against the reference.")
@click.option("--shared", is_flag=True, help="Only statements carried by two versions or more.")
@click.option("--whole-sentences", is_flag=True,
              help="Align whole sentences only: no parts of sentences, no repeats (as format 1 did).")
@decision_options
@handles_errors
@pauses_collector
def align(paths, reference, threshold, max_bytes, strict, quiet, as_json, diff, shared, whole_sentences,
          decisions_file):
    """Group the claims of every version into statements and show each version's wording."""
    options = build_options(reference, threshold, max_bytes, strict, artefacts=False, quotes=False,
                            claims=not whole_sentences)
    comparison = run_compare(paths, options, quiet, read_decision_file(paths, decisions_file))
    if as_json:
        from ..render.json_out import write_comparison_json

        write_comparison_json(comparison, json_to_stdout(),
                              parts=("documents", "reference", "statements"))
        return
    from ..render.text import render_text

    render_text(comparison, console_for_stdout(plain=True), diffs=diff, only_shared=shared)


@click.command()
@input_options
@save_inputs_option
@click.option("--json", "as_json", is_flag=True, help="JSON format 2: documents and artefacts.")
@click.option("--fail-on-any", is_flag=True, help="Exit 1 when any artefact is found (for scripts).")
@handles_errors
@pauses_collector
def lint(paths, reference, threshold, max_bytes, strict, quiet, as_json, fail_on_any):
    """Translation and production artefacts per document: glued words, doubled phrases, stray
    punctuation, wrong case, names spelled two ways, fragments, untranslated bits."""
    comparison = run_compare(paths, build_options(reference, threshold, max_bytes, strict, quotes=False), quiet)
    if as_json:
        from ..render.json_out import write_comparison_json

        write_comparison_json(comparison, json_to_stdout(), parts=("documents", "artefacts"))
    else:
        from ..render.text import render_artefacts

        render_artefacts(comparison, console_for_stdout(plain=True))
    if fail_on_any and comparison.artefacts:
        sys.exit(1)


@click.command()
@click.argument("a")
@click.argument("b")
@click.option("--json", "as_json", is_flag=True, help="JSON format 2.")
@click.option("--cosmetic", is_flag=True, help="Also mark cosmetic changes (case, punctuation, spelling of U.S.).")
@click.option("--threshold", type=NumberRange(0.05, 0.95), default=Options().link_threshold,
              show_default=True, help="Minimum similarity for two sentences to be one statement.")
@click.option("--max-bytes", type=click.IntRange(1), default=Options().max_bytes, show_default=True,
              help="Largest input file accepted.")
@click.option("--artefacts", is_flag=True, help="Also look for translation artefacts and list them.")
@click.option("--quiet", "-q", is_flag=True, help="No warnings on stderr.")
@semantic_option
@handles_errors
def diff(a, b, as_json, cosmetic, threshold, max_bytes, artefacts, quiet):
    """Align two texts, then show a word diff of B against A for every statement they share
    (statements only one of them carries are left out of the text view)."""
    from dataclasses import replace

    from ..load import load_paths
    from ..pipeline import compare_documents

    options = Options(link_threshold=threshold, max_bytes=max_bytes, strict=True, quotes=False,
                      semantic=chosen_semantic(), artefacts=artefacts)
    docs = load_paths([a, b], options)
    if len(docs) != 2:
        raise click.UsageError(f"diff compares two documents; {a} and {b} hold {len(docs)}")
    if docs[0].sha256 == docs[1].sha256:
        raise click.UsageError(f"{a} and {b} have the same content: nothing to compare")
    comparison = compare_documents(docs, replace(options, reference=docs[0].id))
    if as_json:
        from ..render.json_out import comparison_to_json, dumps

        json_to_stdout()(dumps(comparison_to_json(comparison)))
        return
    from ..render.text import render_text

    render_text(comparison, console_for_stdout(plain=True), diffs=True, show_cosmetic=cosmetic, only_shared=True)


@click.command()
@input_options
@decision_options
@click.option("--author", metavar="NAME", help="Who the decisions made here are by (default: your user name).")
@handles_errors
def tui(paths, reference, threshold, max_bytes, strict, quiet, decisions_file, author):
    """Work through the comparison at the keyboard: statements side by side, coverage, each
    version's text, artefacts, quotes and their speakers, omissions that matter. Press ? inside
    for every key."""
    if "-" in paths:
        raise click.UsageError("tui reads the keyboard from the terminal; give files or folders, not -")
    if not sys.stdin.isatty() or not (sys.stdout.isatty() or sys.stderr.isatty()):
        fail("tui needs a terminal: standard input, or both standard output and error, are not one "
             "(for a file or a pipe use align, report or quotes)")
    from ..decisions import default_author
    from ..tui import make_app

    decisions = read_decision_file(paths, decisions_file, must_exist=False)
    app = make_app(paths, build_options(reference, threshold, max_bytes, strict), quiet=quiet,
                   decisions=decisions, author=author or default_author())
    app.run()
    if app.failure:
        fail(app.failure, app.return_code or 2)
    if app.return_code:
        raise SystemExit(app.return_code)


@click.command()
@input_options(paths_required=False)
@save_inputs_option
@click.option("--output", "-o", metavar="FILE",
              help="Where to write ('-' for stdout). Default: variance-report.html here for HTML, stdout otherwise.")
@click.option("--format", "fmt", type=click.Choice(["html", "json", "text"]),
              help="html (self-contained page), json (format 2) or text. Default: from the -o name, else html.")
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
@click.option("--cluster", type=click.IntRange(1), metavar="ID",
              help="Report one cluster of 'variance reuse' instead of PATHs (with --db).")
@click.option("--db", metavar="FILE", help="The archive index holding --cluster.")
@decision_options
@handles_errors
@pauses_collector
def report(paths, reference, threshold, max_bytes, strict, quiet, output, fmt, as_json, cluster, db,
           decisions_file):
    """Write the full report of a comparison: one HTML file that works offline, or JSON, or text.

    \b
    variance report seeds/ -o report.html
    variance report --cluster 3 --db news.duckdb -o cluster3.html"""
    import os

    from ..outputs import check_output, inside_input_folder
    from ..render.report import prepare_report, render_report, write_report

    if as_json and fmt not in (None, "json"):
        raise click.UsageError(f"--json and --format {fmt} disagree; give one")
    suffix = os.path.splitext(output or "")[1].lower()
    fmt = "json" if as_json else fmt or {".json": "json", ".txt": "text"}.get(suffix, "html")
    if output is None and fmt == "html":
        output = "variance-report.html"
    to_file = output not in (None, "-")
    if to_file:
        check_output(output, paths)
    options = build_options(reference, threshold, max_bytes, strict)
    if cluster is not None and click.get_current_context().meta.get("variance.save_inputs"):
        raise click.UsageError("--save-inputs saves PATHs as compared; it does not apply to --cluster")
    if _from_cluster(paths, cluster, db):
        comparison = _cluster_comparison(db, cluster, options, quiet,
                                         read_decision_file((), decisions_file) if decisions_file else None)
    else:
        comparison = run_compare(paths, options, quiet, read_decision_file(paths, decisions_file),
                                 idle=lambda: prepare_report(fmt))
    if fmt == "text" and not to_file:
        from ..render.text import render_text

        render_text(comparison, console_for_stdout(plain=True), diffs=True)
        return
    if not to_file:
        json_to_stdout()(render_report(comparison, fmt))
        return
    write_report(comparison, fmt, output)
    if not quiet:
        folder = inside_input_folder(output, paths)
        if folder:
            warn(f"{output} is inside the input folder {folder}; "
                 "a later run on that folder will read it as a document")
        say(f"wrote {output}")


def _from_cluster(paths, cluster: int | None, db: str | None) -> bool:
    """Does the report read a reuse cluster (True) or PATHs (False)? UsageError if unclear."""
    if cluster is None and db is None:
        if not paths:
            raise click.UsageError("give the files or folders to compare, or --cluster ID --db FILE")
        return False
    if cluster is None or db is None:
        raise click.UsageError("--cluster and --db go together: --cluster ID --db FILE")
    if paths:
        raise click.UsageError("give PATHs or --cluster ID --db FILE, not both")
    return True


def _cluster_comparison(db: str, cluster: int, options: Options, quiet: bool, decisions=None):
    """The comparison of one reuse cluster's articles, read from the index."""
    from ..pipeline import compare_documents
    from ..render.progress import stderr_progress
    from .archive import cluster_documents

    documents = cluster_documents(db, cluster)
    with stderr_progress(not quiet) as progress:
        return compare_documents(documents, options, progress=progress, decisions=decisions)



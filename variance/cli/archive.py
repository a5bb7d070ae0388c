"""The archive commands: index, trace and reuse, over an on-disk index (docs/archive.md).
DuckDB (and PySpark with --engine spark) are imported only inside these commands."""

from __future__ import annotations

import os
import sys

import click

from .common import NumberRange, chosen_semantic, console_for_stdout, echo_json, handles_errors, say, semantic_option

__all__ = ["cluster_documents", "db_option", "index", "reuse", "trace"]

_ENGINES = click.Choice(["duckdb", "spark"])


def db_option(command):
    return click.option("--db", required=True, metavar="FILE",
                        help="The index database (a DuckDB file made by 'variance index').")(command)


def _engine_options(command):
    command = click.option("--master", metavar="URL",
                           help="Spark master (default: local[*]; under spark-submit, the one it sets).")(command)
    return click.option("--engine", type=_ENGINES, default="duckdb", show_default=True,
                        help="duckdb (embedded, nothing to start) or spark (pip install 'variance[spark]').")(command)


@click.command()
@click.argument("archives", nargs=-1, required=True, metavar="ARCHIVE...")
@db_option
@_engine_options
@click.option("--jobs", "-j", type=click.IntRange(1), default=min(2, os.cpu_count() or 1), show_default=True,
              help="Processes analysing articles (embedded engine).")
@click.option("--vectors", is_flag=True,
              help="Also store each sentence's meaning (the sentence encoder), so trace finds a statement "
                   "in another language or in other words; about 2 ms of CPU per sentence, once.")
@click.option("--quiet", "-q", is_flag=True, help="No progress or summary on stderr.")
@handles_errors
def index(archives, db, engine, master, jobs, vectors, quiet):
    """Index articles for trace and reuse: folders (read as variance reads any input) or
    .jsonl, .csv, .parquet files with id, outlet, date, url, title, text. Re-running adds only
    new or changed articles (by sha256); an interrupted run resumes.

    \b
    variance index archive.jsonl more/ --db news.duckdb
    variance index archive.jsonl --db news.duckdb --vectors"""
    from ..archive.indexer import index_archive
    from ..render.progress import stderr_progress

    with stderr_progress(not quiet) as progress:
        summary = index_archive(list(archives), db, engine=engine, jobs=jobs, master=master,
                                progress=progress, vectors=vectors)
    if not quiet:
        encoded = f", {summary.encoded} sentences encoded" if vectors else ""
        click.echo(f"{db}: {summary.added} added, {summary.replaced} changed, {summary.unchanged} unchanged; "
                   f"{summary.articles} articles, {summary.sentences} sentences{encoded}", err=True)


@click.command()
@click.argument("text", required=False)
@db_option
@click.option("--from", "source", type=click.Path(dir_okay=False), metavar="FILE",
              help="Trace every statement of FILE, one per line.")
@click.option("--limit", type=click.IntRange(1), default=None,
              help="Candidate articles verified per statement, most shared shingles first [default: 50].")
@click.option("--json", "as_json", is_flag=True, help="JSON (docs/archive.md).")
@click.option("--csv", "as_csv", is_flag=True, help="CSV: one row per carrier.")
@semantic_option
@handles_errors
def trace(text, db, source, limit, as_json, as_csv):
    """Which indexed articles carry this statement, in which wording? Each carrier ranked, with
    outlet, date, its wording, a word diff against TEXT and a verdict (verbatim, cosmetic,
    changed, paraphrased).

    \b
    variance trace "China is willing to cooperate" --db news.duckdb
    variance trace --from statements.txt --db news.duckdb --csv > carriers.csv"""
    from ..archive.store import open_index
    from ..archive.trace import LIMIT, trace_statement

    statements = _statements(text, source)
    if as_json and as_csv:
        raise click.UsageError("--json and --csv disagree; give one")
    index = open_index(db, read_only=True)
    try:
        mode = chosen_semantic().value
        semantic = mode != "off"
        traces = [trace_statement(index, s, limit=limit or LIMIT, semantic=semantic,
                                  meaning=True if mode == "on" else None) for s in statements]
    finally:
        index.close()
    for note in dict.fromkeys(t.note for t in traces if t.note):
        say(note)
    if as_json:
        from ..render.archive import trace_json

        echo_json(trace_json(traces, db))
    elif as_csv:
        from ..render.archive import trace_csv

        sys.stdout.write(trace_csv(traces))
    else:
        from ..render.archive import render_traces

        render_traces(traces, console_for_stdout())


def _statements(text: str | None, source: str | None) -> list[str]:
    if (text is None) == (source is None):
        raise click.UsageError("give the statement to trace, or --from FILE with one per line")
    if text is not None or source is None:
        return [text or ""]
    try:
        with open(source, encoding="utf-8") as f:
            lines = [line.strip() for line in f if line.strip()]
    except (OSError, UnicodeDecodeError) as exc:
        raise click.BadParameter(f"{source}: cannot read ({exc})", param_hint="--from") from exc
    if not lines:
        raise click.BadParameter(f"{source}: no statement in this file", param_hint="--from")
    return lines


@click.command()
@db_option
@click.option("--output", "-o", metavar="FILE.parquet",
              help="Also write the clusters as Parquet: members and shared passages (docs/archive.md).")
@_engine_options
@click.option("--min-shared", type=click.IntRange(1), default=None,
              help="Shingles two articles must share to be linked [default: 5].")
@click.option("--max-df", type=click.IntRange(2), default=None,
              help="Shingles in more articles than this are too common to link anything [default: 100].")
@click.option("--min-cover", type=NumberRange(0, 1), default=None,
              help="Share of each article's sentences two articles must share to be versions of one story; "
                   "weaker links only join an article to a cluster, never two clusters [default: 0.25].")
@click.option("--work", type=click.Path(file_okay=False, exists=True), metavar="DIR",
              help="Spark: a folder every node reads and writes, for the exported shingles "
                   "[default: a temporary folder, right for local mode].")
@click.option("--json", "as_json", is_flag=True, help="JSON: every cluster and its members.")
@handles_errors
def reuse(db, output, engine, master, min_shared, max_df, min_cover, work, as_json):
    """Cluster the indexed articles that share passages (one story's versions); the clusters
    are kept in the index, for 'variance report --cluster ID --db FILE'.

    \b
    variance reuse --db news.duckdb -o clusters.parquet"""
    from ..archive.reuse import MAX_DF, MIN_COVER, MIN_SHARED, find_reuse, write_clusters
    from ..archive.store import open_index

    if output is not None and not output.endswith(".parquet"):
        raise click.BadParameter(f"{output}: clusters are written as Parquet; name a .parquet file",
                                 param_hint="--output")
    if output is not None:
        from ..outputs import check_output

        check_output(output, [db])  # a folder, a FIFO (DuckDB would wait on it), the index itself
    index = open_index(db)
    try:
        clusters = find_reuse(index, engine=engine, master=master, min_shared=min_shared or MIN_SHARED,
                              max_df=max_df or MAX_DF,
                              min_cover=MIN_COVER if min_cover is None else min_cover, work=work)
        if output:
            write_clusters(index, output)
    finally:
        index.close()
    if as_json:
        echo_json({"format": 1, "index": db, "clusters": [
            {"id": c.id, "articles": list(c.articles), "pairs": c.pairs, "passages": c.passages}
            for c in clusters]})
    else:
        from ..render.archive import render_clusters

        render_clusters(clusters, console_for_stdout())


def cluster_documents(db: str, cluster: int):
    """The articles of one reuse cluster as `Document`s, for the usual report."""
    from ..archive.reuse import cluster_articles
    from ..archive.store import open_index

    index = open_index(db, read_only=True)
    try:
        return index.documents(cluster_articles(index, cluster), fresh=True)
    finally:
        index.close()

"""The archive commands on a small archive: index, trace, reuse, report --cluster, resuming,
interrupting, and bad input."""

from __future__ import annotations

import csv
import io
import json

import duckdb
import pytest
from archive_data import QUOTED, STATEMENT, UNRELATED, records, write_archive
from click.testing import CliRunner

from variance.archive import (
    find_reuse,
    index_archive,
    indexer,
    open_index,
    trace_statement,
)
from variance.cli import main


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    folder = tmp_path_factory.mktemp("archive")
    path = write_archive(folder)
    db = str(folder / "news.duckdb")
    result = CliRunner().invoke(main, ["index", str(path), "--db", db, "--jobs", "1"])
    assert result.exit_code == 0, result.output
    return folder, path, db


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def tables(db: str) -> dict[str, list[tuple]]:
    con = duckdb.connect(db, read_only=True)
    try:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall()
                for t in ("articles", "sentences", "shingles")}
    finally:
        con.close()


def test_index_reports_what_it_added(archive):
    _, _, db = archive
    index = open_index(db, read_only=True)
    articles, sentences, shingles = index.counts()
    index.close()
    assert articles == len(records())
    assert sentences > 100 and shingles > 1000


def test_trace_finds_every_carrier_with_its_verdict(archive):
    _, _, db = archive
    index = open_index(db, read_only=True)
    found = trace_statement(index, STATEMENT)
    index.close()
    verdicts = {c.article: c.verdict for c in found.carriers}
    assert verdicts["001"] == verdicts["copy-001"] == "verbatim"
    assert verdicts["edit-001"] == "changed"
    assert verdicts["002"] == "changed"        # "should be a two-way street"
    assert not {"weather", "football", "markets", "quoting"} & set(verdicts)
    assert [c.article for c in found.carriers][:2] == ["001", "copy-001"]   # verbatim first, by date
    edit = next(c for c in found.carriers if c.article == "edit-001")
    assert [(x.reference, x.witness) for x in edit.changes] == [("must", "should")]
    assert edit.outlet == "rewrite" and edit.date == "2024-04-28"


def test_trace_json_and_csv(archive, tmp_path):
    _, _, db = archive
    statements = tmp_path / "statements.txt"
    statements.write_text(STATEMENT + "\n\n" + QUOTED + "\n", encoding="utf-8")
    result = run("trace", "--from", statements, "--db", db, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [s["text"] for s in data["statements"]] == [STATEMENT, QUOTED]
    quoted = {r["article"]: r["verdict"] for r in data["statements"][1]["results"]}
    assert quoted["quoting"] == "verbatim" and quoted["001"] in ("verbatim", "cosmetic")
    result = run("trace", STATEMENT, "--db", db, "--csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    edit = next(r for r in rows if r["article"] == "edit-001")
    assert edit["verdict"] == "changed" and "[-must-]{+should+}" in edit["diff"]


def test_trace_text_view_names_outlets(archive):
    _, _, db = archive
    result = run("trace", STATEMENT, "--db", db)
    assert result.exit_code == 0
    assert "wire-copy" in result.stdout and "edit-001" in result.stdout and result.stderr == ""


def test_reuse_clusters_the_versions_and_report_reads_one(archive, tmp_path):
    _, _, db = archive
    out = tmp_path / "clusters.parquet"
    result = run("reuse", "--db", db, "-o", out, "--json")
    assert result.exit_code == 0, result.output
    clusters = json.loads(result.stdout)["clusters"]
    home = next(c for c in clusters if "001" in c["articles"])
    assert {"001", "copy-001", "edit-001"} <= set(home["articles"])
    assert not any({"weather", "football"} & set(c["articles"]) for c in clusters)
    rows = duckdb.sql(f"SELECT cluster, size, [a.article FOR a IN articles], passages "
                      f"FROM read_parquet('{out}')").fetchall()
    written = next(r for r in rows if r[0] == home["id"])
    assert written[1] == len(home["articles"]) and "edit-001" in written[2]
    assert any(p["article"] == "001" and p["other"] == "copy-001" and p["text"] == p["other_text"]
               for p in written[3])
    result = run("report", "--cluster", home["id"], "--db", db, "--format", "json", "-o", "-")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert {d["id"] for d in report["documents"]} == set(home["articles"])


def test_shared_boilerplate_does_not_join_two_stories(tmp_path):
    footer = ("This report was produced by the regional news desk and may be republished in full "
              "with credit to the agency that wrote it.\n")
    rows = [{"id": k, "text": UNRELATED[k] + footer} for k in ("weather", "football")]
    rows += [{"id": f"copy-{k}", "text": UNRELATED[k] + footer} for k in ("weather", "football")]
    rows.append({"id": "quoting", "text": UNRELATED["markets"] + "As the desk put it: "
                 + UNRELATED["football"].splitlines()[0] + "\n"})
    db = str(tmp_path / "b.duckdb")
    index_archive([str(write_archive(tmp_path, rows))], db)

    def clusters(*options):
        result = run("reuse", "--db", db, "--json", *options)
        assert result.exit_code == 0, result.output
        return sorted(sorted(c["articles"]) for c in json.loads(result.stdout)["clusters"])

    # each story's versions, and the article quoting one joins that one
    assert clusters() == [["copy-football", "football", "quoting"], ["copy-weather", "weather"]]
    # every link strong: the footer chains the two stories into one cluster
    assert clusters("--min-cover", 0) == [["copy-football", "copy-weather", "football", "quoting", "weather"]]


def test_report_cluster_that_does_not_exist(archive):
    _, _, db = archive
    result = run("report", "--cluster", 999, "--db", db, "-o", "-")
    assert result.exit_code == 2 and "no cluster 999" in result.stderr


def test_reindex_adds_only_new_and_changed(tmp_path):
    rows = records()
    db = str(tmp_path / "i.duckdb")
    first = index_archive([str(write_archive(tmp_path, rows))], db)
    assert (first.added, first.unchanged) == (len(rows), 0)
    again = index_archive([str(write_archive(tmp_path, rows))], db)
    assert (again.added, again.replaced, again.unchanged) == (0, 0, len(rows))
    rows[-1] = {**rows[-1], "text": rows[-1]["text"] + "A late paragraph was added to the story.\n"}
    rows.append({"id": "new", "text": "A new article arrived after the first run of the index."})
    third = index_archive([str(write_archive(tmp_path, rows))], db)
    assert (third.added, third.replaced, third.unchanged) == (1, 1, len(rows) - 2)
    fresh = str(tmp_path / "fresh.duckdb")
    index_archive([str(write_archive(tmp_path, rows, "all.jsonl"))], fresh)
    # the same content as an index made in one go (article numbers aside)
    assert _keyed(db) == _keyed(fresh)


def _keyed(db: str) -> dict[str, tuple]:
    con = duckdb.connect(db, read_only=True)
    try:
        keys = dict(con.execute("SELECT article, id FROM articles").fetchall())
        out: dict[str, tuple] = {}
        for t in ("sentences", "shingles"):
            rows = con.execute(f"SELECT * FROM {t}").fetchall()
            column = 0 if t == "sentences" else 1
            out[t] = tuple(sorted((keys[r[column]],) + r[:column] + r[column + 1:] for r in rows))
        out["articles"] = tuple(sorted(r for r in con.execute("SELECT id, sha256, text FROM articles").fetchall()))
        return out
    finally:
        con.close()


def test_interrupted_index_keeps_whole_batches_and_resumes(tmp_path, monkeypatch):
    rows = records()
    path = str(write_archive(tmp_path, rows))
    db = str(tmp_path / "i.duckdb")
    real = indexer.analyse_article
    calls = {"n": 0}

    def interrupted(article):
        calls["n"] += 1
        if calls["n"] == 5:
            raise KeyboardInterrupt
        return real(article)

    monkeypatch.setattr(indexer, "analyse_article", interrupted)
    with pytest.raises(KeyboardInterrupt):
        index_archive([path], db, batch=3)
    monkeypatch.setattr(indexer, "analyse_article", real)
    index = open_index(db, read_only=True)
    assert index.counts()[0] == 3          # the first batch, whole; the second rolled back
    index.close()
    resumed = index_archive([path], db, batch=3)
    assert (resumed.added, resumed.unchanged) == (len(rows) - 3, 3)
    fresh = str(tmp_path / "fresh.duckdb")
    index_archive([path], fresh)
    assert _keyed(db) == _keyed(fresh)


def test_index_reads_csv_parquet_and_folders(tmp_path):
    rows = records()[:3]
    jsonl = write_archive(tmp_path, rows)
    table = duckdb.sql(f"SELECT * FROM read_json('{jsonl}', format='newline_delimited')")
    table.write_csv(str(tmp_path / "news.csv"))
    table.write_parquet(str(tmp_path / "news.parquet"))
    by_kind = {}
    for name in ("news.jsonl", "news.csv", "news.parquet"):
        db = str(tmp_path / f"{name}.duckdb")
        index_archive([str(tmp_path / name)], db)
        by_kind[name] = _keyed(db)
    assert by_kind["news.csv"] == by_kind["news.jsonl"] == by_kind["news.parquet"]
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for r in rows:
        (seeds / f"{r['id']}.txt").write_text(r["text"], encoding="utf-8")
    summary = index_archive([str(seeds)], str(tmp_path / "folder.duckdb"))
    assert summary.added == 3


@pytest.mark.parametrize("name, content, message", [
    ("notext.jsonl", '{"id": "a", "text": "One article with enough words in it."}\n{"id": "b", "title": "x"}\n',
     "notext.jsonl: line 2: no text"),
    ("empty.jsonl", "", "empty.jsonl: no article in this archive"),
    ("broken.jsonl", '{"id": "a", "text": "fine text here"}\n{"id": \n', "broken.jsonl: line 2: invalid JSON"),
    ("corrupt.parquet", b"PAR1" + b"\0" * 64, "corrupt.parquet: not a readable Parquet file"),
    ("twice.jsonl", '{"id": "a", "text": "first text"}\n{"id": "a", "text": "second text"}\n',
     "article id 'a' is used twice"),
])
def test_bad_archive_is_one_line_and_writes_nothing(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    db = tmp_path / "i.duckdb"
    result = run("index", path, "--db", db)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr
    assert not db.exists()


def test_bad_input_leaves_an_existing_index_as_it_was(archive, tmp_path):
    _, _, db = archive
    before = tables(db)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "z1", "text": "A perfectly good first article."}\n{"id": "z2"}\n', encoding="utf-8")
    result = run("index", bad, "--db", db)
    assert result.exit_code == 2 and "bad.jsonl: line 2" in result.stderr
    assert tables(db) == before


def test_db_that_is_not_an_index(tmp_path):
    text = tmp_path / "notes.duckdb"
    text.write_text("not a database", encoding="utf-8")
    other = tmp_path / "other.duckdb"
    duckdb.connect(str(other)).execute("CREATE TABLE x (a INTEGER)").close()
    for db in (text, other, tmp_path / "missing.duckdb"):
        result = run("trace", STATEMENT, "--db", db)
        assert result.exit_code == 2 and result.stderr.count("\n") == 1 and str(db) in result.stderr


def test_db_held_by_another_process_says_so(archive):
    """DuckDB lets one process write a file at a time: the second is told the index is in use,
    not that it is no index."""
    import subprocess
    import sys

    _, path, db = archive
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys; c = duckdb.connect(sys.argv[1]); "
                               "print('held', flush=True); sys.stdin.read()", db],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        for argv in (("trace", STATEMENT, "--db", db), ("index", path, "--db", db), ("reuse", "--db", db)):
            result = run(*argv)
            assert result.exit_code == 2, result.output
            assert result.stderr == f"variance: error: {db}: in use by another process (PID {holder.pid}); " \
                                    "try again when it has finished\n"
    finally:
        holder.communicate("")
    assert run("trace", STATEMENT, "--db", db).exit_code == 0


def test_reuse_shows_article_ids_safely(tmp_path):
    """An id (a file name) with a colour code and rich markup: stand-ins for the control
    character, the brackets as they are."""
    from pathlib import Path

    seed = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))[1].read_bytes()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "story.txt").write_bytes(seed)
    (corpus / "evil\x1b[31m[bold]x.txt").write_bytes(seed)
    db = tmp_path / "news.duckdb"
    assert run("index", corpus, "--db", db, "--jobs", "1", "-q").exit_code == 0
    result = run("reuse", "--db", db)
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout and "evil\u241b[31m[bold]x" in result.stdout


def test_db_from_a_newer_version(tmp_path):
    db = str(tmp_path / "i.duckdb")
    index_archive([str(write_archive(tmp_path, records()[:2]))], db)
    con = duckdb.connect(db)
    con.execute("UPDATE meta SET value = '99' WHERE key = 'schema'")
    con.close()
    result = run("trace", STATEMENT, "--db", db)
    assert result.exit_code == 2 and "schema 99 is newer" in result.stderr
    result = run("index", write_archive(tmp_path, records()[2:4], "more.jsonl"), "--db", db)
    assert result.exit_code == 2 and "schema 99 is newer" in result.stderr


def test_trace_finds_a_short_statement_printed_as_a_sentence(archive):
    _, _, db = archive
    index = open_index(db, read_only=True)
    found = trace_statement(index, "Talks will resume")
    index.close()
    verdicts = {c.article: c.verdict for c in found.carriers}
    # its own sentence, case and punctuation aside; not inside a longer sentence ("in May")
    assert verdicts == {"markets": "verbatim", "quoting": "verbatim", "weather": "cosmetic"}
    result = run("trace", "?!", "--db", db)
    assert result.exit_code == 2 and "no words" in result.stderr


def test_reuse_on_python_api_matches_cli(archive):
    _, _, db = archive
    index = open_index(db)
    clusters = find_reuse(index)
    index.close()
    assert clusters and all(len(c.articles) >= 2 for c in clusters)
    assert [c.id for c in clusters] == list(range(1, len(clusters) + 1))


def test_trace_says_when_the_limit_left_candidates_unchecked(archive):
    _, _, db = archive
    result = run("trace", STATEMENT, "--db", db, "--limit", 1, "--json")
    data = json.loads(result.stdout)["statements"][0]
    assert data["checked"] == 1 and data["candidates"] > 1 and data["carriers"] == 1
    text = run("trace", STATEMENT, "--db", db, "--limit", 1)
    assert "raise --limit" in text.stdout


def test_trace_words_only_finds_a_subset_of_the_default(archive):
    _, _, db = archive
    default = json.loads(run("trace", QUOTED, "--db", db, "--json").stdout)["statements"][0]
    words = run("trace", QUOTED, "--db", db, "--json", "--semantic", "off")
    assert words.exit_code == 0, words.output
    off = json.loads(words.stdout)["statements"][0]
    found = {r["article"]: r["verdict"] for r in default["results"]}
    assert {r["article"]: r["verdict"] for r in off["results"]}.items() <= found.items()
    assert found["quoting"] == "verbatim" and off["checked"] == default["checked"]

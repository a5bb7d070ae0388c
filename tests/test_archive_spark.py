"""The Spark engine (local mode) gives exactly what the embedded engine gives, on the small
archive: the same index rows (sentence vectors included) and the same clusters and passages,
and it resumes alike.

Spark runs as a user runs it, through `python -m variance` in a child process: its JVM and the
threads that talk to it end with the child, so the test process stays single-threaded (the
parallelism policy never forks with another thread alive)."""

from __future__ import annotations

import subprocess
import sys

import duckdb
import pytest
from archive_data import write_archive


def variance(*args: str) -> None:
    done = subprocess.run([sys.executable, "-m", "variance", *args], capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def indexes(tmp_path_factory):
    folder = tmp_path_factory.mktemp("spark")
    path = str(write_archive(folder))
    embedded, spark = str(folder / "duckdb.duckdb"), str(folder / "spark.duckdb")
    variance("index", path, "--db", embedded, "--jobs", "1", "--quiet", "--vectors")
    variance("index", path, "--db", spark, "--engine", "spark", "--master", "local[2]", "--quiet", "--vectors",
             "--jobs", "1")
    return embedded, spark


def _rows(db: str, tables: tuple[str, ...]) -> dict[str, list[tuple]]:
    con = duckdb.connect(db, read_only=True)
    try:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in tables}
    finally:
        con.close()


def test_spark_index_is_the_embedded_index(indexes):
    """Sentence vectors included: Spark does the words, the driver's machine encodes the
    sentences afterwards, the same bytes as the embedded engine on as many processes."""
    embedded, spark = indexes
    tables = ("articles", "sentences", "shingles", "vectors")
    a, b = _rows(embedded, tables), _rows(spark, tables)
    assert a["shingles"] and a == b


def test_spark_reuse_gives_the_same_clusters_and_passages(indexes):
    embedded, spark = indexes
    variance("reuse", "--db", embedded)
    variance("reuse", "--db", spark, "--engine", "spark", "--master", "local[2]")
    tables = ("clusters", "passages")
    a, b = _rows(embedded, tables), _rows(spark, tables)
    assert a["clusters"] and a == b


def test_spark_resumes_like_the_embedded_engine(indexes, tmp_path):
    _, spark = indexes
    rows = [{"id": "late", "text": "An article that came in after the first index run, with words enough."}]
    variance("index", str(write_archive(tmp_path, rows, "late.jsonl")), "--db", spark, "--engine", "spark",
             "--master", "local[2]", "--quiet")
    con = duckdb.connect(spark, read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM articles WHERE id = 'late'").fetchone()[0] == 1
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] > 1
    finally:
        con.close()

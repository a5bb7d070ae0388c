"""The Spark engine (local mode) gives exactly what the embedded engine gives, on the small
archive: the same index rows and the same clusters. One Spark session serves the module."""

from __future__ import annotations

import duckdb
import pytest
from archive_data import write_archive

from variance.archive import find_reuse, index_archive, open_index


@pytest.fixture(scope="module")
def indexes(tmp_path_factory):
    folder = tmp_path_factory.mktemp("spark")
    path = str(write_archive(folder))
    embedded, spark = str(folder / "duckdb.duckdb"), str(folder / "spark.duckdb")
    index_archive([path], embedded, jobs=1)
    index_archive([path], spark, engine="spark", master="local[2]")
    return embedded, spark


def _rows(db: str) -> dict[str, list[tuple]]:
    con = duckdb.connect(db, read_only=True)
    try:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall()
                for t in ("articles", "sentences", "shingles")}
    finally:
        con.close()


def test_spark_index_is_the_embedded_index(indexes):
    embedded, spark = indexes
    a, b = _rows(embedded), _rows(spark)
    assert a["shingles"] and a == b


def test_spark_reuse_gives_the_same_clusters_and_passages(indexes):
    embedded, spark = indexes
    results = []
    for db, engine in ((embedded, "duckdb"), (spark, "spark")):
        index = open_index(db)
        clusters = find_reuse(index, engine=engine, master="local[2]")
        passages = index.con.execute("SELECT * FROM passages ORDER BY ALL").fetchall()
        index.close()
        results.append((clusters, passages))
    assert results[0][0] and results[0] == results[1]


def test_spark_resumes_like_the_embedded_engine(indexes, tmp_path):
    _, spark = indexes
    rows = [{"id": "late", "text": "An article that came in after the first index run, with words enough."}]
    summary = index_archive([str(write_archive(tmp_path, rows, "late.jsonl"))], spark, engine="spark",
                            master="local[2]")
    assert (summary.added, summary.unchanged) == (1, 0)
    index = open_index(spark, read_only=True)
    assert index.con.execute("SELECT count(*) FROM articles WHERE id = 'late'").fetchone()[0] == 1
    index.close()

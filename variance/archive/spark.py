"""The Spark engine (`--engine spark`): the heavy steps of `index` and `reuse` on PySpark.

- index: each batch of articles is analysed (segmentation, shingles) on the executors with the
  very function the embedded engine uses (`shingles.analyse_article`); the driver reads the
  archives and writes the index, so the rows are the same.
- reuse: the shingles are exported as Parquet to a work folder, Spark computes the table of
  sentence pairs of linked articles (rare shingles, pairs sharing enough of them) exactly as the
  embedded SQL does, and the driver reads it back; clustering is then shared code.

The session is local (`local[*]`) unless `--master URL` names a cluster or the program runs
under `spark-submit`, whose master is kept. Executors need variance installed (docs/archive.md).
Imported only when `--engine spark` is asked for; PySpark is the optional extra `[spark]`.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from typing import Any

from ..errors import VarianceError
from .shingles import AnalysedArticle, analyse_article
from .sources import ArchiveArticle
from .store import Index

__all__ = ["spark_analyser", "spark_sentence_pairs", "spark_session"]


def spark_session(master: str | None = None) -> Any:
    """The process' Spark session (made once; later calls reuse it)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise VarianceError("--engine spark needs PySpark: pip install 'variance[spark]'") from exc
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        raise VarianceError("--engine spark needs Java (a JRE 17 or newer) on PATH or in JAVA_HOME")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("variance")
    if master:
        builder = builder.master(master)
    elif "spark.master" not in os.environ.get("PYSPARK_SUBMIT_ARGS", "") and not _submitted():
        builder = builder.master("local[*]")
    session = (builder.config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.shuffle.partitions", str(max(4, 2 * (os.cpu_count() or 1))))
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    return session


def _submitted() -> bool:
    """Running under spark-submit, which sets the master itself."""
    return "PYSPARK_GATEWAY_PORT" in os.environ or "SPARK_ENV_LOADED" in os.environ


def spark_analyser(master: str | None) -> tuple[Callable[[list[ArchiveArticle]], list[AnalysedArticle]],
                                                Callable[[], None]]:
    """(analyse a batch on the cluster, stop): results in the batch's order."""
    session = spark_session(master)
    context = session.sparkContext

    def analyse(batch: list[ArchiveArticle]) -> list[AnalysedArticle]:
        slices = max(1, min(len(batch) // 200, 4 * context.defaultParallelism))
        return context.parallelize(batch, slices).map(analyse_article).collect()

    return analyse, lambda: None


def spark_sentence_pairs(index: Index, *, master: str | None, min_shared: int, max_df: int,
                         work: str | None = None) -> None:
    """Fill the temporary table `spairs(a, sa, b, sb, shared)` of `index` with Spark."""
    from pyspark.sql import functions as F

    session = spark_session(master)
    folder = tempfile.mkdtemp(prefix="variance-spark-", dir=work)
    try:
        shingles = os.path.join(folder, "shingles.parquet")
        index.con.execute(f"COPY shingles TO '{_quoted(shingles)}' (FORMAT parquet)")
        s = session.read.parquet(shingles)
        rare_hashes = s.groupBy("hash").count().filter(F.col("count").between(2, max_df)).select("hash")
        rare = s.join(rare_hashes, "hash", "left_semi")
        x, y = rare.alias("x"), rare.alias("y")
        sp = (x.join(y, (F.col("x.hash") == F.col("y.hash")) & (F.col("x.article") < F.col("y.article")))
              .groupBy(F.col("x.article").alias("a"), F.col("x.sentence").alias("sa"),
                       F.col("y.article").alias("b"), F.col("y.sentence").alias("sb"))
              .agg(F.count(F.lit(1)).alias("shared")))
        linked = sp.groupBy("a", "b").agg(F.sum("shared").alias("total")).filter(
            F.col("total") >= min_shared).select("a", "b")
        out = os.path.join(folder, "pairs")
        sp.join(linked, ["a", "b"], "left_semi").select("a", "sa", "b", "sb", "shared").write.parquet(out)
        if not any(name.endswith(".parquet") for name in os.listdir(out)):
            index.con.execute("CREATE OR REPLACE TEMP TABLE spairs (a INTEGER, sa INTEGER, b INTEGER, "
                              "sb INTEGER, shared BIGINT)")
            return
        index.con.execute("CREATE OR REPLACE TEMP TABLE spairs AS SELECT CAST(a AS INTEGER) AS a, "
                          "CAST(sa AS INTEGER) AS sa, CAST(b AS INTEGER) AS b, CAST(sb AS INTEGER) AS sb, "
                          f"CAST(shared AS BIGINT) AS shared FROM read_parquet('{_quoted(out)}/*.parquet')")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _quoted(path: str) -> str:
    return path.replace("'", "''")

"""`variance index`: archive inputs into the on-disk index, resumably.

Every record is validated first (`sources.check_sources`), so bad input stops the run before
anything is written. Then articles stream in batches: an article whose key and sha256 are
already indexed is skipped, a changed one is replaced, a new one added; each batch is one
transaction. The analysis of a batch (segmentation and shingles, `shingles.analyse_article`)
runs on `jobs` processes with the embedded engine, or on Spark (`archive.spark`). At the end,
the shingles are rewritten in hash order (one more transaction), which keeps trace fast.
With `vectors`, every sentence still without a vector is then encoded (`archive.vectors`: on
this machine's processes whatever the engine, in transactions of their own, so an interrupted
run resumes there too).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from .shingles import AnalysedArticle, analyse_article
from .sources import ArchiveArticle, check_sources, read_sources
from .store import Index, open_index

__all__ = ["BATCH", "IndexSummary", "index_archive"]

BATCH = 2000
"""Articles per transaction with the embedded engine."""

Analyse = Callable[[list[ArchiveArticle]], list[AnalysedArticle]]


@dataclass(frozen=True)
class IndexSummary:
    """What one `index` run did."""

    read: int
    """Articles in the archives."""
    added: int
    """New articles indexed."""
    replaced: int
    """Articles whose text or fields changed, indexed again."""
    unchanged: int
    """Articles already indexed with the same sha256, skipped."""
    articles: int
    """Articles in the index afterwards."""
    sentences: int
    shingles: int
    encoded: int = 0
    """Sentences given a vector in this run (`--vectors`)."""


def _pending(index: Index, paths: Sequence[str], counts: dict[str, int]) -> Iterator[tuple[ArchiveArticle, int | None]]:
    """(article, old number if it replaces one) for every new or changed article."""
    known = index.known()
    for article in read_sources(paths):
        old = known.get(article.id)
        if old is not None and old[1] == article.sha256:
            counts["unchanged"] += 1
            continue
        counts["replaced" if old else "added"] += 1
        yield article, old[0] if old else None


def _local_analyser(jobs: int) -> tuple[Analyse, Callable[[], None]]:
    if jobs <= 1:
        return (lambda batch: [analyse_article(a) for a in batch]), (lambda: None)
    import multiprocessing

    from .vectors import plain_sigterm

    pool = multiprocessing.get_context("fork" if os.name == "posix" else "spawn").Pool(jobs, initializer=plain_sigterm)
    return (lambda batch: pool.map(analyse_article, batch, chunksize=64)), pool.terminate


def index_archive(paths: Sequence[str], db: str, *, engine: str = "duckdb", jobs: int = 1,
                  master: str | None = None, batch: int = BATCH, vectors: bool = False,
                  progress: Callable[[str, int, int], None] | None = None) -> IndexSummary:
    """Index every article of `paths` into `db` (made if missing); see the module docstring."""
    report = progress or (lambda stage, done, total: None)
    total = check_sources(paths)
    index = open_index(db, create=True)
    if engine == "spark":
        from .spark import spark_analyser

        analyse, stop = spark_analyser(master)
        batch = max(batch, 20000)
    else:
        analyse, stop = _local_analyser(jobs)
    counts = {"added": 0, "replaced": 0, "unchanged": 0}
    try:
        done = 0
        chunk: list[tuple[ArchiveArticle, int | None]] = []
        for item in _pending(index, paths, counts):
            chunk.append(item)
            if len(chunk) >= batch:
                _store(index, chunk, analyse)
                chunk = []
            done = sum(counts.values())
            if done % 500 == 0:
                report("index", done, total)
        _store(index, chunk, analyse)
        report("index", total, total)
        index.sort_shingles()
        stop()
        stop = _nothing
        encoded = 0
        if vectors or index.has_table("vectors"):      # once asked for, kept up to date
            from .vectors import encode_pending

            encoded = encode_pending(index, jobs=jobs, progress=report)
        articles, sentences, shingles = index.counts()
    finally:
        stop()
        index.close()
    return IndexSummary(total, counts["added"], counts["replaced"], counts["unchanged"],
                        articles, sentences, shingles, encoded)


def _nothing() -> None:
    pass


def _store(index: Index, chunk: list[tuple[ArchiveArticle, int | None]], analyse: Analyse) -> None:
    """Analyse a batch and write it in one transaction: old versions out, new ones in."""
    if not chunk:
        return
    analysed = analyse([a for a, _ in chunk])
    first = index.next_article()
    with index.transaction():
        index.remove([old for _, old in chunk if old is not None])
        index.add(list(enumerate(analysed, first)))

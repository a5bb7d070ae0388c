"""Sentence vectors in the index: what `variance index --vectors` adds and `trace` searches.

Each body or headline sentence of an article gets the sentence encoder's vector
(`variance.align.embed`, multilingual: a Chinese statement and its English translation are
near), stored in the index's `vectors` table as 512 signed bytes and a scale (the vector's
largest component over 127): a quarter of the float32 size, and the cosine read back from it is
within 0.01 of the float one. `meta` key `vectors` names the model that made them; vectors of
another model are dropped and made again, never mixed.

Like the rest of `index`, adding vectors is resumable and safe to interrupt: only sentences
that have no vector yet are encoded, `BATCH` articles at a time, each batch one transaction.
The encoding runs on `jobs` processes (each loads the model once, from its snapshot), on the
machine running `index` whatever the engine.

A search is one query (DuckDB's `array_inner_product`, the vectors having unit length: a
cosine), best first, in two steps: the `SHORTLIST` share of sentences whose 512 signs agree most
with the statement's (Hamming distance over eight 64-bit integers per sentence, 64 bytes a
sentence to scan), then the cosine of those alone. No approximate structure to build, keep in
step with the transactions or download (docs/archive.md gives its cost and what the shortlist
loses at each size).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

from .store import Index

__all__ = ["BATCH", "encode_pending", "has_vectors", "model_version", "nearest", "plain_sigterm", "quantise", "signs",
           "stored_model"]

BATCH = 200
"""Articles whose sentences are encoded and written in one transaction."""
LAYOUT = "int8-sign512"
"""How vectors are stored (recorded in `meta` with the model): 512 signed bytes, a scale, and
the 512 signs as eight 64-bit integers."""
SHORTLIST = 0.01
"""Share of the indexed sentences, nearest by their signs, whose vectors a search reads."""
SHORTLIST_MIN = 1000
"""Sentences a search reads at least (all of them in an index of fewer)."""
_SIGNS = [f"b{i}" for i in range(8)]
_TABLE = ("CREATE TABLE IF NOT EXISTS vectors (article INTEGER NOT NULL, sentence INTEGER NOT NULL, "
          "scale FLOAT NOT NULL, vector TINYINT[512] NOT NULL, "
          + ", ".join(f"{b} BIGINT NOT NULL" for b in _SIGNS) + ")")
_PENDING = """
SELECT DISTINCT s.article FROM sentences s
WHERE s.kind <> 'metadata' AND s."end" > s.start
  AND NOT EXISTS (SELECT 1 FROM vectors v WHERE v.article = s.article AND v.sentence = s.sentence)
ORDER BY s.article"""
_SCORE = "array_inner_product(vector::FLOAT[512], $q::FLOAT[512]) * scale"
_EXACT = f"""
SELECT article, sentence, score FROM (SELECT article, sentence, {_SCORE} AS score FROM vectors)
WHERE score >= $floor ORDER BY score DESC, article, sentence LIMIT $limit"""
_SHORTLISTED = f"""
WITH near AS (SELECT rowid AS r FROM vectors
              ORDER BY {" + ".join(f"bit_count(xor({b}, ${b}::BIGINT))::INTEGER" for b in _SIGNS)} LIMIT $k)
SELECT article, sentence, score FROM (SELECT article, sentence, {_SCORE} AS score FROM vectors
                                      WHERE rowid IN (SELECT r FROM near))
WHERE score >= $floor ORDER BY score DESC, article, sentence LIMIT $limit"""


def model_version() -> str:
    """The encoder's model and version and the storage layout, as recorded in `meta`."""
    from ..align.embed import model_version as version

    return f"{version()}+{LAYOUT}"


def has_vectors(index: Index) -> bool:
    """Whether the index holds vectors made by this variance's encoder."""
    row = index.con.execute("SELECT value FROM meta WHERE key = 'vectors'").fetchone()
    return row is not None and row[0] == model_version()


def stored_model(index: Index) -> str | None:
    """The model named in `meta` for the vectors, if any."""
    row = index.con.execute("SELECT value FROM meta WHERE key = 'vectors'").fetchone()
    return row[0] if row else None


def encode_pending(index: Index, *, jobs: int = 1,
                   progress: Callable[[str, int, int], None] | None = None) -> int:
    """Encode every sentence of the index that has no vector yet; the number encoded."""
    report = progress or (lambda stage, done, total: None)
    _prepare(index)
    pending = [r[0] for r in index.con.execute(_PENDING).fetchall()]
    if not pending:
        return 0
    encode, stop = _encoder(jobs)
    done = 0
    try:
        for start in range(0, len(pending), BATCH):
            batch = pending[start:start + BATCH]
            keys, texts = _sentences(index, batch)
            vectors = encode(texts)
            with index.transaction():
                _insert(index, keys, vectors)
            done += len(texts)
            report("vectors", start + len(batch), len(pending))
    finally:
        stop()
    return done


def _prepare(index: Index) -> None:
    """The table made, and made again when its vectors come from another model or layout."""
    with index.transaction():
        if stored_model(index) != model_version():
            index.con.execute("DROP TABLE IF EXISTS vectors")
            index.con.execute("DELETE FROM meta WHERE key = 'vectors'")
            index.con.execute("INSERT INTO meta VALUES ('vectors', ?)", [model_version()])
        index.con.execute(_TABLE)


def _sentences(index: Index, articles: list[int]) -> tuple[list[tuple[int, int]], list[str]]:
    """(article, sentence) and text of each sentence of `articles` still without a vector."""
    rows = index.con.execute(
        'SELECT s.article, s.sentence, substr(a.text, s.start + 1, s."end" - s.start) FROM sentences s '
        "JOIN articles a USING (article) WHERE s.article IN (SELECT unnest(?)) AND s.kind <> 'metadata' "
        'AND s."end" > s.start AND NOT EXISTS (SELECT 1 FROM vectors v WHERE v.article = s.article '
        "AND v.sentence = s.sentence) ORDER BY s.article, s.sentence", [articles]).fetchall()
    return [(a, s) for a, s, _ in rows], [t for _, _, t in rows]


def signs(vectors: Any) -> Any:
    """Each row's 512 signs (1 for a positive component) as eight signed 64-bit integers."""
    import numpy as np

    return np.packbits(np.asarray(vectors) > 0, axis=-1).view(">i8").astype(np.int64)


def quantise(vectors: Any) -> tuple[Any, Any]:
    """(int8 rows, float32 scales): row * scale is the vector within half a step per component."""
    import numpy as np

    peak = np.abs(vectors).max(axis=1)
    peak[peak == 0] = 1.0
    scale = (peak / 127).astype(np.float32)
    return np.round(vectors / scale[:, None]).astype(np.int8), scale


def _insert(index: Index, keys: list[tuple[int, int]], vectors: Any) -> None:
    import numpy as np

    if not keys:
        return
    codes, scale = quantise(vectors)
    rows = np.empty(len(codes), dtype=object)
    rows[:] = list(codes)
    bits = signs(codes)
    index.con.register("batch", {"article": np.array([a for a, _ in keys], dtype=np.int32),
                                 "sentence": np.array([s for _, s in keys], dtype=np.int32),
                                 "scale": scale, "vector": rows, **{b: bits[:, i] for i, b in enumerate(_SIGNS)}})
    index.con.execute(f"INSERT INTO vectors SELECT article, sentence, scale, vector::TINYINT[512], "
                      f"{', '.join(_SIGNS)} FROM batch")
    index.con.unregister("batch")


_WORKER: Any = None


def plain_sigterm() -> None:
    """In a pool worker: SIGTERM ends it at once. The command line makes SIGTERM unwind the main
    thread (`outputs.terminate_on_sigterm`), and a forked worker keeps that handler: raised inside
    the pool's queue, the worker never exited and `Pool.terminate` waited for it for ever."""
    import signal

    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _encode_chunk(texts: list[str]) -> Any:
    """In a worker: the chunk through the model, no vector cache (the index is the store)."""
    global _WORKER
    from ..align.embed import Encoder, one_thread

    if _WORKER is None:
        _WORKER = Encoder()
    with one_thread():
        return _WORKER.vectors(texts)


def _encoder(jobs: int) -> tuple[Callable[[list[str]], Any], Callable[[], None]]:
    import numpy as np

    from ..align.embed import DIM

    def chunks(texts: list[str]) -> Iterator[list[str]]:
        step = max(1, -(-len(texts) // max(1, jobs)))
        return (texts[i:i + step] for i in range(0, len(texts), step))

    if jobs <= 1:
        return (lambda texts: _encode_chunk(texts) if texts else np.zeros((0, DIM), np.float32)), (lambda: None)
    import multiprocessing

    pool = multiprocessing.get_context("fork" if os.name == "posix" else "spawn").Pool(jobs, initializer=plain_sigterm)

    def encode(texts: list[str]) -> Any:
        parts = pool.map(_encode_chunk, list(chunks(texts)))
        return np.concatenate(parts) if parts else np.zeros((0, DIM), np.float32)

    return encode, pool.terminate


def nearest(index: Index, vector: Any, *, floor: float, limit: int,
            exact: bool = False) -> list[tuple[int, int, float]]:
    """(article, sentence, cosine) of the `limit` sentences nearest `vector`, at least `floor`:
    the cosine of every sentence's vector (`exact`, or an index of at most `SHORTLIST_MIN`
    sentences), else of the `SHORTLIST` share whose signs agree most with the statement's."""
    rows = index.con.execute("SELECT count(*) FROM vectors").fetchone()[0]
    k = max(SHORTLIST_MIN, int(rows * SHORTLIST))
    given: dict[str, Any] = {"q": [float(x) for x in vector], "floor": floor, "limit": limit}
    if not exact and k < rows:
        given |= {"k": k, **{b: int(x) for b, x in zip(_SIGNS, signs(vector))}}
    return [(a, s, float(c)) for a, s, c in
            index.con.execute(_EXACT if "k" not in given else _SHORTLISTED, given).fetchall()]

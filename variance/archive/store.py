"""The on-disk index: one DuckDB database file, its schema, and every read and write of it.

Tables (docs/archive.md has the full schema):
- `meta(key, value)`: `format` = "variance-archive", `schema` = the schema version, `shingles`
  = how shingles were made, `variance` = the version that wrote it;
- `articles`: one row per article (an integer `article`, its key `id`, `sha256`, source file,
  outlet, date, url, title, language, text as loaded);
- `sentences(article, sentence, start, end, paragraph, kind, key)`: offsets into the article
  text, and the hash of the sentence's folded words (short statements are found by it);
- `shingles(hash, article, sentence)`: each hashed word 5-gram once per article, in hash
  order (rewritten so at the end of every `index` run that changed something, or after an
  interrupted one: `meta` key `sorted` says "no" from the first write after a sort);
- `vectors(article, sentence, scale, vector)`: with `index --vectors`, each body or headline
  sentence's meaning as 512 signed bytes and a scale (`archive.vectors`; `meta` key `vectors`
  names the model);
- `clusters(cluster, article)` and `passages(cluster, article, sentence, other, other_sentence,
  shared)`: the last `variance reuse`.

Every write is a transaction: a batch of articles lands whole (articles, sentences and
shingles together) or not at all, so an interrupted run leaves a smaller index, never a broken
one, and the next run resumes. A file that is not such an index, or comes from a newer schema,
is refused with one line naming it.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from .. import __version__
from ..errors import InputError
from ..load.walk import special_kind
from ..model import Document, Sentence, SentenceKind
from .shingles import SHINGLE_KIND, AnalysedArticle

__all__ = ["SCHEMA_VERSION", "Index", "open_index"]

SCHEMA_VERSION = 2
_FORMAT = "variance-archive"
_SCHEMA = """
CREATE TABLE meta (key VARCHAR, value VARCHAR);
CREATE TABLE articles (article INTEGER NOT NULL, id VARCHAR NOT NULL, sha256 VARCHAR NOT NULL,
    source VARCHAR, outlet VARCHAR, date VARCHAR, url VARCHAR, title VARCHAR, language VARCHAR,
    text VARCHAR NOT NULL);
CREATE TABLE sentences (article INTEGER NOT NULL, sentence INTEGER NOT NULL, start INTEGER NOT NULL,
    "end" INTEGER NOT NULL, paragraph INTEGER NOT NULL, kind VARCHAR NOT NULL, key BIGINT NOT NULL);
CREATE TABLE shingles (hash BIGINT NOT NULL, article INTEGER NOT NULL, sentence INTEGER NOT NULL);
CREATE TABLE clusters (cluster INTEGER NOT NULL, article INTEGER NOT NULL);
CREATE TABLE passages (cluster INTEGER NOT NULL, article INTEGER NOT NULL, sentence INTEGER NOT NULL,
    other INTEGER NOT NULL, other_sentence INTEGER NOT NULL, shared INTEGER NOT NULL);
"""
_TABLES = {"meta", "articles", "sentences", "shingles", "clusters", "passages"}


class Index:
    """An open index database."""

    def __init__(self, con: Any, path: str) -> None:
        self.con = con
        self.path = path

    def close(self) -> None:
        self.con.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing: rolled back on any error or interrupt."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    def has_table(self, name: str) -> bool:
        return bool(self.con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?",
                                     [name]).fetchone()[0])

    def languages(self) -> dict[str | None, int]:
        """Articles per language (as declared or detected when indexed), most first."""
        return dict(self.con.execute("SELECT language, count(*) FROM articles GROUP BY language "
                                     "ORDER BY count(*) DESC, language").fetchall())

    def known(self) -> dict[str, tuple[int, str]]:
        """Article key -> (article number, sha256) of what is indexed."""
        return {k: (a, h) for a, k, h in self.con.execute("SELECT article, id, sha256 FROM articles").fetchall()}

    def next_article(self) -> int:
        return int(self.con.execute("SELECT coalesce(max(article) + 1, 0) FROM articles").fetchone()[0])

    def remove(self, articles: Sequence[int]) -> None:
        """Delete articles (changed ones, before their new version is added); inside a transaction."""
        if not articles:
            return
        import numpy as np

        self._unsorted()
        self.con.register("gone", {"article": np.array(articles, dtype=np.int32)})
        for table in ("articles", "sentences", "shingles") + (("vectors",) if self.has_table("vectors") else ()):
            self.con.execute(f"DELETE FROM {table} WHERE article IN (SELECT article FROM gone)")
        self.con.unregister("gone")

    def add(self, batch: Sequence[tuple[int, AnalysedArticle]]) -> None:
        """Insert analysed articles under the given numbers; inside a transaction."""
        self.add_rows(*_rows(batch))

    def add_rows(self, articles: dict, sentences: dict, shingles: dict) -> None:
        """Insert column arrays (dicts of numpy arrays, as `_rows` makes them)."""
        self._unsorted()
        for name, columns in (("articles", articles), ("sentences", sentences), ("shingles", shingles)):
            self.con.register("batch", columns)
            self.con.execute(f"INSERT INTO {name} SELECT * FROM batch")
            self.con.unregister("batch")

    def sort_shingles(self) -> None:
        """Rewrite `shingles` in hash order, in one transaction, unless it is already (`meta` key
        `sorted` is "no" from the first write after a sort, so an interrupted run is sorted by
        the next): each hash
        then sits in one or two row groups, and DuckDB's zone maps let a lookup by hash read only
        those."""
        if self.con.execute("SELECT value FROM meta WHERE key = 'sorted'").fetchone() != ("no",):
            return
        with self.transaction():
            self.con.execute("CREATE TABLE sorted_shingles AS SELECT * FROM shingles ORDER BY hash")
            self.con.execute("DROP TABLE shingles")
            self.con.execute("ALTER TABLE sorted_shingles RENAME TO shingles")
            self._unsorted("yes")
        self.con.execute("CHECKPOINT")

    def _unsorted(self, value: str = "no") -> None:
        self.con.execute("DELETE FROM meta WHERE key = 'sorted'")
        self.con.execute("INSERT INTO meta VALUES ('sorted', ?)", [value])

    def counts(self) -> tuple[int, int, int]:
        """(articles, sentences, shingle rows)."""
        return tuple(self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # type: ignore[return-value]
                     for t in ("articles", "sentences", "shingles"))

    def documents(self, articles: Iterable[int], *, fresh: bool = False) -> list[Document]:
        """Articles as `Document`s in the order given: with their stored sentences, or (`fresh`)
        loaded again from their text as `index` loaded them (metadata lines found, no sentences
        yet), for a comparison that segments them itself."""
        wanted = list(dict.fromkeys(articles))
        if not wanted:
            return []
        rows = self.con.execute(
            "SELECT article, id, source, sha256, title, outlet, date, language, text FROM articles "
            "WHERE article IN (SELECT unnest(?))", [wanted]).fetchall()
        if fresh:
            from dataclasses import replace

            from ..load.paths import document_from_text

            loaded = {r[0]: replace(document_from_text(r[8], r[1], path=r[2] or r[1], title=r[4], outlet=r[5],
                                                       date=r[6], language=r[7]), sha256=r[3]) for r in rows}
            return [loaded[a] for a in wanted if a in loaded]
        spans: dict[int, list[Sentence]] = {}
        for a, i, s, e, p, k in self.con.execute(
                'SELECT article, sentence, start, "end", paragraph, kind FROM sentences WHERE article IN '
                "(SELECT unnest(?)) ORDER BY article, sentence", [wanted]).fetchall():
            spans.setdefault(a, []).append(Sentence(i, s, e, p, SentenceKind(k)))
        docs = {r[0]: Document(id=r[1], path=r[2] or "", text=r[8], sha256=r[3], title=r[4], outlet=r[5],
                               date=r[6], language=r[7], sentences=tuple(spans.get(r[0], ())))
                for r in rows}
        return [docs[a] for a in wanted if a in docs]


def _rows(batch: Sequence[tuple[int, AnalysedArticle]]) -> tuple[dict, dict, dict]:
    import numpy as np

    articles = {
        "article": np.array([n for n, _ in batch], dtype=np.int32),
        **{f: np.array([getattr(a.article, f) for _, a in batch], dtype=object)
           for f in ("id", "sha256", "source", "outlet", "date", "url", "title")},
        "language": np.array([a.language for _, a in batch], dtype=object),
        "text": np.array([a.text for _, a in batch], dtype=object),
    }
    sent = [(n, i, *row) for n, a in batch for i, row in enumerate(a.sentences)]
    sentences = {name: np.array([r[j] for r in sent], dtype=np.int32 if j < 5 else object)
                 for j, name in enumerate(("article", "sentence", "start", "end", "paragraph", "kind"))}
    sentences["key"] = np.array([r[6] for r in sent], dtype=np.int64)
    empty = np.zeros(0, dtype=np.int64)
    shingles = {"hash": np.concatenate([a.hashes for _, a in batch] or [empty]),
                "article": np.concatenate([np.full(len(a.hashes), n, dtype=np.int32) for n, a in batch]
                                          or [empty.astype(np.int32)]),
                "sentence": np.concatenate([a.holders for _, a in batch] or [empty.astype(np.int32)])}
    return articles, sentences, shingles


def _check(con: Any, path: str) -> None:
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    if not _TABLES <= tables:
        raise InputError(f"{path}: not a variance archive index (made by 'variance index')")
    meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
    if meta.get("format") != _FORMAT:
        raise InputError(f"{path}: not a variance archive index (made by 'variance index')")
    version = int(meta.get("schema", "0") or 0)
    if version > SCHEMA_VERSION:
        raise InputError(f"{path}: index schema {version} is newer than this variance reads "
                         f"({SCHEMA_VERSION}); upgrade variance")
    if version < SCHEMA_VERSION:
        raise InputError(f"{path}: index schema {version} is older than this variance reads "
                         f"({SCHEMA_VERSION}); index again into a new file")
    if meta.get("shingles") != SHINGLE_KIND:
        raise InputError(f"{path}: index made with shingles {meta.get('shingles')!r}, "
                         f"this variance uses {SHINGLE_KIND!r}; index again into a new file")


def open_index(path: str, *, create: bool = False, read_only: bool = False) -> Index:
    """Open (or, with `create`, make) an index; InputError if `path` is not one we can use."""
    import duckdb

    exists = _check_path(path, create)
    try:
        con = duckdb.connect(path, read_only=read_only and exists)
    except duckdb.Error as exc:
        first = str(exc).splitlines()[0]
        if "Could not set lock" in first:
            holder = re.search(r"\(PID (\d+)\)", first)
            raise InputError(f"{path}: in use by another process{f' (PID {holder[1]})' if holder else ''}; "
                             "try again when it has finished") from exc
        raise InputError(f"{path}: not a variance archive index ({first})") from exc
    try:
        if create and not (con.execute("SELECT count(*) FROM information_schema.tables").fetchone() or (0,))[0]:
            _create(con)
        _check(con, path)
    except BaseException:
        con.close()
        raise
    return Index(con, path)


def _check_path(path: str, create: bool) -> bool:
    """Whether the index file exists; InputError if `path` is no regular file (DuckDB would
    wait forever on a FIFO and write its header onto a device) or, to be made, has no folder."""
    try:
        mode: int | None = os.stat(path).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise InputError(f"{path}: cannot open ({exc.strerror})") from None
    if mode is None:
        if not create:
            raise InputError(f"{path}: no such index (make one with 'variance index ARCHIVE --db {path}')")
        folder = os.path.dirname(os.path.abspath(path))
        if not os.path.isdir(folder):
            raise InputError(f"{path}: {folder} does not exist")
        return False
    if stat.S_ISDIR(mode):
        raise InputError(f"{path}: is a folder, not an index file")
    if kind := special_kind(mode):
        raise InputError(f"{path}: is {kind}, not an index file")
    return True


def _create(con: Any) -> None:
    con.execute("BEGIN TRANSACTION")
    con.execute(_SCHEMA)
    con.executemany("INSERT INTO meta VALUES (?, ?)", [
        ("format", _FORMAT), ("schema", str(SCHEMA_VERSION)), ("shingles", SHINGLE_KIND),
        ("variance", __version__)])
    con.execute("COMMIT")

"""`variance reuse`: clusters of indexed articles that share passages, as passim finds them.

Candidate generation follows passim (and its defaults): a shingle links articles only when it
is rare, in at least 2 and at most `max_df` articles; two articles are linked when they share
at least `min_shared` rare shingles. The engine (DuckDB in the index itself, or Spark) computes
one table: for every linked pair of articles, each pair of their sentences that share rare
shingles, with the count (`sentence_pairs`). Everything after it is the same code for both
engines (`group`):
1. A link is strong when each of the two articles shares at least `min_cover` of its sentences
   with the other (sentences holding a shared rare shingle, over its body and headline
   sentences): versions of one story. Strongly linked articles form the clusters' cores
   (connected components).
2. A weak link (a quote, a boilerplate paragraph two stories both print) never joins two cores:
   an article outside every core joins the core it shares most rare shingles with, and the
   articles left over cluster among themselves by their weak links.
Clusters are numbered from 1, largest first (ties by the smallest member key), and stored in
the index with their passages (the sentence pairs of members of one cluster).
"""

from __future__ import annotations

from ..errors import InputError
from ..model import Cluster
from .store import Index

__all__ = [
    "MAX_DF",
    "MIN_COVER",
    "MIN_SHARED",
    "cluster_articles",
    "find_reuse",
    "load_clusters",
    "sentence_pairs_sql",
    "write_clusters",
]

MIN_SHARED = 5
"""Rare shingles two articles share before they are linked (passim's --min-match)."""
MAX_DF = 100
"""Articles a shingle may be in and still link them (passim's --max-df)."""
MIN_COVER = 0.25
"""Share of each article's sentences two linked articles must share for a strong link (versions
of one story); 0 makes every link strong, as plain connected components."""


def sentence_pairs_sql(index: Index, *, min_shared: int, max_df: int) -> None:
    """The embedded engine: fill the temporary table `spairs(a, sa, b, sb, shared)`."""
    con = index.con
    con.execute("CREATE OR REPLACE TEMP TABLE rare AS SELECT s.* FROM shingles s SEMI JOIN "
                "(SELECT hash FROM shingles GROUP BY hash HAVING count(*) BETWEEN 2 AND ?) r USING (hash)",
                [max_df])
    con.execute("CREATE OR REPLACE TEMP TABLE sp AS SELECT x.article AS a, x.sentence AS sa, y.article AS b, "
                "y.sentence AS sb, count(*) AS shared FROM rare x JOIN rare y "
                "ON x.hash = y.hash AND x.article < y.article GROUP BY ALL")
    con.execute("CREATE OR REPLACE TEMP TABLE spairs AS SELECT sp.* FROM sp SEMI JOIN "
                "(SELECT a, b FROM sp GROUP BY a, b HAVING sum(shared) >= ?) linked USING (a, b)",
                [min_shared])
    con.execute("DROP TABLE rare")
    con.execute("DROP TABLE sp")


def find_reuse(index: Index, *, engine: str = "duckdb", master: str | None = None,
               min_shared: int = MIN_SHARED, max_df: int = MAX_DF, min_cover: float = MIN_COVER,
               work: str | None = None) -> list[Cluster]:
    """Cluster the index's articles and store the clusters in it (replacing the last ones)."""
    if not index.counts()[0]:
        raise InputError(f"{index.path}: the index holds no article")
    if engine == "spark":
        from .spark import spark_sentence_pairs

        spark_sentence_pairs(index, master=master, min_shared=min_shared, max_df=max_df, work=work)
    else:
        sentence_pairs_sql(index, min_shared=min_shared, max_df=max_df)
    links = index.con.execute(
        "WITH l AS (SELECT a, b, sum(shared) AS shared, count(DISTINCT sa) AS na, count(DISTINCT sb) AS nb "
        "FROM spairs GROUP BY a, b), n AS (SELECT article, count(*) AS n FROM sentences "
        "WHERE kind <> 'metadata' AND article IN (SELECT a FROM l UNION SELECT b FROM l) GROUP BY article) "
        "SELECT l.a, l.b, l.shared, least(l.na / x.n, l.nb / y.n) FROM l JOIN n x ON x.article = l.a "
        "JOIN n y ON y.article = l.b ORDER BY l.a, l.b").fetchall()
    keys = dict(index.con.execute("SELECT article, id FROM articles").fetchall())
    groups = group(links, keys, min_cover)
    member = {a: n for n, g in enumerate(groups, 1) for a in g}
    import numpy as np

    with index.transaction():
        index.con.execute("DELETE FROM clusters")
        index.con.execute("DELETE FROM passages")
        index.con.register("members", {
            "cluster": np.array([member[a] for g in groups for a in g], dtype=np.int32),
            "article": np.array([a for g in groups for a in g], dtype=np.int32)})
        index.con.execute("INSERT INTO clusters SELECT cluster, article FROM members ORDER BY cluster, article")
        index.con.unregister("members")
        index.con.execute("INSERT INTO passages SELECT c.cluster, p.a, p.sa, p.b, p.sb, p.shared "
                          "FROM spairs p JOIN clusters c ON c.article = p.a JOIN clusters d ON d.article = p.b "
                          "WHERE c.cluster = d.cluster ORDER BY ALL")
    index.con.execute("DROP TABLE spairs")
    return load_clusters(index)


def group(links: list[tuple[int, int, int, float]], keys: dict[int, str], min_cover: float) -> list[list[int]]:
    """Clusters from links (a, b, shared rare shingles, cover): cores of strong links, then each
    article outside them joined to its best core, then the rest by their weak links."""
    cores = _components([(a, b) for a, b, _, cover in links if cover >= min_cover], keys)
    core = {a: n for n, g in enumerate(cores) for a in g}
    best: dict[int, tuple[int, int]] = {}
    rest = []
    for a, b, shared, _ in links:
        if a in core and b in core:
            continue
        for x, y in ((a, b), (b, a)):
            if x not in core and y in core:
                offer = (-shared, core[y])
                best[x] = min(best.get(x, offer), offer)
        if a not in core and b not in core:
            rest.append((a, b))
    for x, (_, n) in best.items():
        cores[n].append(x)
    left = [(a, b) for a, b in rest if a not in best and b not in best]
    groups = [sorted(g, key=lambda a: keys[a]) for g in cores] + _components(left, keys)
    return sorted(groups, key=lambda g: (-len(g), keys[g[0]]))


def _components(edges: list[tuple[int, int]], keys: dict[int, str]) -> list[list[int]]:
    """Connected components of two members or more, largest first, then by smallest key."""
    parent: dict[int, int] = {}

    def root(x: int) -> int:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = {}
    for x in parent:
        groups.setdefault(root(x), []).append(x)
    ordered = [sorted(g, key=lambda a: keys[a]) for g in groups.values()]
    return sorted(ordered, key=lambda g: (-len(g), keys[g[0]]))


def load_clusters(index: Index) -> list[Cluster]:
    """The clusters stored by the last `reuse`, numbered as stored."""
    members: dict[int, list[str]] = {}
    for c, key in index.con.execute("SELECT c.cluster, a.id FROM clusters c JOIN articles a USING (article) "
                                    "ORDER BY c.cluster, a.id").fetchall():
        members.setdefault(c, []).append(key)
    stats = {c: (pairs, n) for c, pairs, n in index.con.execute(
        "SELECT cluster, count(DISTINCT (article, other)), count(*) FROM passages GROUP BY cluster").fetchall()}
    return [Cluster(c, tuple(m), *stats.get(c, (0, 0))) for c, m in sorted(members.items())]


def cluster_articles(index: Index, cluster: int) -> list[int]:
    """Article numbers of one stored cluster, by key; InputError if there is no such cluster."""
    rows = index.con.execute("SELECT c.article FROM clusters c JOIN articles a USING (article) "
                             "WHERE c.cluster = ? ORDER BY a.id", [cluster]).fetchall()
    if not rows:
        total = index.con.execute("SELECT count(DISTINCT cluster) FROM clusters").fetchone()[0]
        hint = f"clusters are 1 to {total}" if total else "run 'variance reuse --db' first"
        raise InputError(f"{index.path}: no cluster {cluster} ({hint})")
    return [r[0] for r in rows]


_CLUSTERS_SQL = """
WITH m AS (SELECT c.cluster, list({'article': a.id, 'outlet': a.outlet, 'date': a.date, 'url': a.url,
                                  'title': a.title} ORDER BY a.id) AS articles
           FROM clusters c JOIN articles a USING (article) GROUP BY c.cluster),
     p AS (SELECT p.cluster, list({'article': x.id, 'text': substr(x.text, sx.start + 1, sx."end" - sx.start),
                                   'other': y.id, 'other_text': substr(y.text, sy.start + 1, sy."end" - sy.start),
                                   'shared': p.shared} ORDER BY x.id, p.sentence, y.id, p.other_sentence) AS passages
           FROM passages p JOIN articles x ON x.article = p.article JOIN articles y ON y.article = p.other
           JOIN sentences sx ON sx.article = p.article AND sx.sentence = p.sentence
           JOIN sentences sy ON sy.article = p.other AND sy.sentence = p.other_sentence GROUP BY p.cluster)
SELECT m.cluster, len(m.articles) AS size, m.articles, coalesce(p.passages, []) AS passages
FROM m LEFT JOIN p USING (cluster) ORDER BY m.cluster"""


def write_clusters(index: Index, path: str) -> None:
    """The stored clusters as Parquet, one row per cluster: `cluster`, `size`, `articles` (id,
    outlet, date, url, title) and `passages` (article, text, other, other_text, shared)."""
    import duckdb

    try:
        index.con.execute(f"COPY ({_CLUSTERS_SQL}) TO '" + path.replace("'", "''") + "' (FORMAT parquet)")
    except duckdb.Error as exc:
        from ..errors import OutputError

        raise OutputError(f"{path}: cannot write ({str(exc).splitlines()[0]})") from exc

"""Archive scale: index time, peak memory, trace latency, and carrier recall and precision
against the known truth of `archive_data.py`, DuckDB and Spark side by side, with a
brute-force baseline (variance's quote check on every article, no index) at the small size.

Each size's archive is written once into --work and reused. `variance index` and `variance
reuse` run as the CLI, in a subprocess: wall time, CPU seconds of the whole process tree (the
machine is shared: read CPU, not wall) and peak resident memory of the tree, sampled. Traces run
in this process on the finished index.

Run: python benchmarks/archive.py --sizes 10000,100000,1000000 --spark 10000,100000 --work DIR
Results go to stdout as Markdown (and --json FILE).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import archive_data

VARIANCE = [str(Path(sys.executable).with_name("variance"))]
"""The CLI of the environment running the benchmark."""
TARGET = {"verbatim", "edited", "source"}


_TICK = os.sysconf("SC_CLK_TCK")


def _tree(root: int, cpu: dict[int, float]) -> int:
    """Resident KB of `root` and its descendants; records each one's CPU seconds in `cpu`
    (a JVM and its Python workers are not always waited for, so rusage alone misses them)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    ticks: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            parents[int(entry)] = int(fields[1])
            ticks[int(entry)] = int(fields[11]) + int(fields[12])
            rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE") // 1024
        except (OSError, IndexError, ValueError):
            continue
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        cpu[pid] = max(cpu.get(pid, 0.0), ticks.get(pid, 0) / _TICK)
        stack.extend(p for p, pp in parents.items() if pp == pid)
    return total


def measure(command: list[str]) -> dict:
    """Run `command`; wall, CPU seconds of the tree (the larger of rusage and the sampled sum),
    peak tree RSS (MB, sampled every 0.25 s)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0]
    seen: dict[int, float] = {}

    def sample() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], _tree(proc.pid, seen))
            time.sleep(0.25)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode:
        raise SystemExit(f"{' '.join(command)} failed: {err.decode()[-2000:]}")
    cpu = max((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), sum(seen.values()))
    return {"wall_s": round(time.perf_counter() - start, 1), "cpu_s": round(cpu, 1), "peak_mb": peak[0] // 1024}


def score(traces: dict[str, set[str]], truth: dict) -> dict:
    """Recall on verbatim and lightly edited copies (the target), recall on other translations,
    and precision of everything returned."""
    hits = {"target": [0, 0], "version": [0, 0]}
    returned = correct = 0
    for qid, found in traces.items():
        carriers = truth[qid]["carriers"]
        for article, kind in carriers.items():
            h = hits["target" if kind in TARGET else "version"]
            h[1] += 1
            h[0] += article in found
        returned += len(found)
        correct += len(found & set(carriers))
    return {"recall": round(hits["target"][0] / max(1, hits["target"][1]), 4),
            "recall_versions": round(hits["version"][0] / max(1, hits["version"][1]), 4),
            "precision": round(correct / max(1, returned), 4), "returned": returned,
            "carriers": hits["target"][1], "versions": hits["version"][1]}


def run_traces(db: str, truth: dict, queries: list[str]) -> tuple[dict[str, set[str]], dict]:
    from variance.archive import open_index, trace_statement

    index = open_index(db, read_only=True)
    found, wall, cpu = {}, [], []
    for qid in queries:
        w, c = time.perf_counter(), time.process_time()
        t = trace_statement(index, truth[qid]["text"])
        wall.append(time.perf_counter() - w)
        cpu.append(time.process_time() - c)
        found[qid] = {x.article for x in t.carriers}
    index.close()
    wall.sort()
    return found, {"median_s": round(statistics.median(wall), 3), "p95_s": round(wall[int(0.95 * (len(wall) - 1))], 3),
                   "max_s": round(wall[-1], 3), "cpu_median_s": round(statistics.median(cpu), 3),
                   "queries": len(queries)}


def brute_force(archive: Path, truth: dict, queries: list[str]) -> tuple[dict[str, set[str]], dict]:
    """The quote check on every article of the archive, no index: what candidates may lose."""
    from variance.load.paths import document_from_text
    from variance.model import Comparison, Options
    from variance.model.quotes import Verdict
    from variance.quotes.check import check_quote
    from variance.text.segment import segment_document

    docs = []
    with open(archive, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            docs.append(segment_document(document_from_text(r["text"], r["id"])))
    comparison = Comparison(Options(), tuple(docs), (), None)
    found, wall = {}, []
    for qid in queries:
        w = time.perf_counter()
        check = check_quote(comparison, truth[qid]["text"])
        wall.append(time.perf_counter() - w)
        found[qid] = {m.document for m in check.results if m.verdict is not Verdict.ABSENT}
    return found, {"median_s": round(statistics.median(wall), 3), "queries": len(queries)}


def reuse_pairs(db: str, truth: dict) -> dict:
    """Pairs of articles put in one cluster, against pairs that carry a common segment."""
    import duckdb

    con = duckdb.connect(db, read_only=True)
    members: dict[int, list[str]] = {}
    for c, a in con.execute("SELECT c.cluster, a.id FROM clusters c JOIN articles a USING (article)").fetchall():
        members.setdefault(c, []).append(a)
    con.close()
    predicted = {tuple(sorted((a, b))) for m in members.values() for i, a in enumerate(m) for b in m[i + 1:]}
    gold = set()
    for q in truth.values():
        c = sorted(q["carriers"])
        gold.update((a, b) for i, a in enumerate(c) for b in c[i + 1:])
    known = {a for q in truth.values() for a in q["carriers"]}
    judged = {p for p in predicted if p[0] in known and p[1] in known}
    tp = len(judged & gold)
    story = {a: a.split("-")[0] for a in known if a.startswith("s")}
    same_story = {(a, b) for a in story for b in story if a < b and story[a] == story[b]}
    clustered = {p for p in predicted if p[0] in story and p[1] in story}
    return {"clusters": len(members), "pair_precision": round(tp / max(1, len(judged)), 4),
            "pair_recall": round(tp / max(1, len(gold)), 4), "pairs": len(predicted),
            "story_precision": round(len(clustered & same_story) / max(1, len(clustered)), 4),
            "story_recall": round(len(clustered & same_story) / max(1, len(same_story)), 4)}


def clusters_of(db: str) -> list[tuple]:
    import duckdb

    con = duckdb.connect(db, read_only=True)
    rows = con.execute("SELECT c.cluster, a.id FROM clusters c JOIN articles a USING (article) ORDER BY ALL").fetchall()
    con.close()
    return rows


def one_size(size: int, work: Path, spark: bool, sample: int, brute: int, jobs: int) -> dict:
    folder = work / f"archive-{size}"
    archive = folder / "archive.jsonl"
    if not archive.exists():
        archive_data.write_archive(folder, size)
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    with open(archive, encoding="utf-8") as f:
        articles = sum(1 for _ in f)
    result: dict = {"size": size, "articles": articles}
    engines = ["duckdb"] + (["spark"] if spark else [])
    for engine in engines:
        db = folder / f"{engine}.duckdb"
        db.unlink(missing_ok=True)
        result[f"{engine}_index"] = measure(VARIANCE + ["index", str(archive), "--db", str(db), "-q",
                                                       "--engine", engine, "--jobs", str(jobs)])
        result[f"{engine}_reuse"] = measure(VARIANCE + ["reuse", "--db", str(db), "--engine", engine,
                                                       "-o", str(folder / f"{engine}-clusters.parquet")])
    db = str(folder / "duckdb.duckdb")
    import duckdb

    con = duckdb.connect(db, read_only=True)
    result["sentences"], result["shingle_rows"] = (con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                                                   for t in ("sentences", "shingles"))
    con.close()
    result["db_mb"] = os.path.getsize(db) // 2**20
    if spark:
        result["spark_same_index"] = _same_index(db, str(folder / "spark.duckdb"))
        result["spark_same_clusters"] = clusters_of(db) == clusters_of(str(folder / "spark.duckdb"))
    from variance.text.normalize import key_words

    queries = sorted(q for q in truth if len(key_words(truth[q]["text"])) >= 5)
    result["queries"], result["queries_too_short"] = len(queries), len(truth) - len(queries)
    truth = {q: truth[q] for q in queries}
    found, _ = run_traces(db, truth, queries)
    result["trace_quality"] = score(found, truth)
    timed = random.Random(size).sample(queries, min(sample, len(queries)))
    _, result["trace_latency"] = run_traces(db, truth, timed)
    result["reuse_quality"] = reuse_pairs(db, truth)
    if brute:
        few = random.Random(1).sample(queries, min(brute, len(queries)))
        bf, result["brute_latency"] = brute_force(archive, truth, few)
        result["brute_quality"] = score(bf, truth)
        result["index_on_same_queries"] = score({q: found[q] for q in few}, truth)
    return result


def _same_index(a: str, b: str) -> bool:
    import duckdb

    con = duckdb.connect(a, read_only=True)
    con.execute(f"ATTACH '{b}' AS other (READ_ONLY)")
    same = all(con.execute(f"SELECT count(*) FROM (SELECT {cols} FROM {t} EXCEPT ALL SELECT {cols} FROM other.{t})"
                           ).fetchone()[0] == 0 and
               con.execute(f"SELECT count(*) FROM {t}").fetchone() == con.execute(f"SELECT count(*) FROM other.{t}").fetchone()
               for t, cols in (("articles", "article, id, sha256, text"), ("sentences", "*"), ("shingles", "*")))
    con.close()
    return same


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--spark", default="10000,100000", help="Sizes also run with --engine spark.")
    parser.add_argument("--brute", type=int, default=40, help="Queries for the brute-force baseline (smallest size).")
    parser.add_argument("--sample", type=int, default=200, help="Queries timed for trace latency.")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    spark = {int(s) for s in args.spark.split(",") if s}
    results = []
    for size in sizes:
        results.append(one_size(size, args.work, size in spark, args.sample,
                                args.brute if size == min(sizes) else 0, args.jobs))
        print(json.dumps(results[-1]), file=sys.stderr, flush=True)
        if args.json:
            args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()

"""Archive scale: index time, peak memory, trace latency, carrier recall and precision and
cluster precision and recall against the known truth of `archive_data.py`; this checkout beside
a baseline checkout (`--baseline DIR`, a folder holding another version's `variance` package) in
the same run, DuckDB and Spark side by side, and a brute-force baseline (variance's quote check on
every article, no index) at the small size.

Each size's archive is written once into --work and reused. `variance index` and `variance
reuse` run as the CLI, in a subprocess: wall time, CPU seconds of the whole process tree (the
machine is shared: read CPU, not wall) and peak resident memory of the tree, sampled. Traces run
in a subprocess of each checkout on its finished index (`--trace-only`), every query timed.

With `--vectors SIZES` the archive of each such size is also indexed with `variance index
--vectors` (the sentence encoder's vector of every sentence), and traced by meaning: the
Chinese originals of the queries against the English articles, and the English queries as by
default and with the vectors searched for every statement, beside the words alone in the same
run; a few Chinese statements are also traced as a user runs them, one process each.

Run: python benchmarks/archive.py --sizes 10000,1000000 --spark 10000 --baseline DIR --work DIR
     python benchmarks/archive.py --sizes 10000,100000 --spark "" --vectors 10000,100000 --chinese 200 \
         --brute 0 --sample 200 --work DIR
Results go to stderr as JSON lines (and --json FILE).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import archive_data
import mqm

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


def _env(checkout: str | None) -> dict[str, str] | None:
    """The environment running `checkout`'s variance (None: this one's)."""
    return None if checkout is None else {**os.environ, "PYTHONPATH": checkout}


def _cli(checkout: str | None) -> list[str]:
    return VARIANCE if checkout is None else [sys.executable, "-m", "variance"]


def measure(command: list[str], checkout: str | None = None) -> dict:
    """Run `command`; wall, CPU seconds of the tree (the larger of rusage and the sampled sum),
    peak tree RSS (MB, sampled every 0.25 s)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=_env(checkout),
                            cwd="/" if checkout else None)
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


def run_traces(db: str, queries: dict[str, str], meaning: bool | None = None, near: float | None = None) -> dict:
    """Trace every query on `db` in this process: {qid: [carriers, candidates, wall s, CPU s]};
    a statement the checkout refuses (InputError) finds nothing. `meaning`: as trace_statement
    takes it (True: search the sentence vectors for every statement, `--semantic on`)."""
    from variance.archive import open_index, trace_statement
    from variance.errors import InputError

    if near is not None:
        from variance.archive import trace

        trace.NEAR = near
    index = open_index(db, read_only=True)
    out = {}
    for qid, text in queries.items():
        w, c = time.perf_counter(), time.process_time()
        meanings = {}
        try:
            t = trace_statement(index, text) if meaning is None else trace_statement(index, text, meaning=meaning)
            found, candidates = sorted(x.article for x in t.carriers), t.candidates
            meanings = {x.article: getattr(x, "meaning", None) for x in t.carriers}
        except InputError:
            found, candidates = [], -1
        out[qid] = [found, candidates, time.perf_counter() - w, time.process_time() - c, meanings]
    index.close()
    return out


def traces_of(db: str, queries: dict[str, str], checkout: str | None, meaning: bool | None = None,
              near: float | None = None) -> dict:
    """`run_traces` in a subprocess running `checkout`'s variance."""
    qfile = Path(db).with_suffix(".queries.json")
    qfile.write_text(json.dumps({"queries": queries, "meaning": meaning, "near": near}), encoding="utf-8")
    cache = Path(db).with_suffix(".vectors")       # a cold vector cache, the same for every checkout
    shutil.rmtree(cache, ignore_errors=True)
    env = {**(_env(checkout) or os.environ), "VARIANCE_CACHE_DIR": str(cache)}
    out = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--trace-only", db, str(qfile)],
                         env=env, cwd="/" if checkout else None, capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(f"tracing {db} failed: {out.stderr[-2000:]}")
    return json.loads(out.stdout)


def latency(runs: dict, qids: list[str]) -> dict:
    wall = sorted(runs[q][2] for q in qids)
    cpu = sorted(runs[q][3] for q in qids)
    return {"median_s": round(statistics.median(wall), 3), "p95_s": round(wall[int(0.95 * (len(wall) - 1))], 3),
            "max_s": round(wall[-1], 3), "cpu_median_s": round(statistics.median(cpu), 3),
            "cpu_p95_s": round(cpu[int(0.95 * (len(cpu) - 1))], 3), "cpu_max_s": round(cpu[-1], 3),
            "queries": len(qids)}


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


def chinese_queries(truth: dict, count: int) -> dict[str, str]:
    """The Chinese original of `count` random queries (the MQM sources, line for segment)."""
    lines: dict[str, list[str]] = {}
    out = {}
    for qid in sorted(truth):
        story, seg = qid.split("#")
        if story not in lines:
            path = mqm.ROOT / "sources" / f"{story}.zh.txt"
            lines[story] = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
        doc = next(d for d in mqm.gold()["docs"] if d["doc"] == story)
        order = sorted(x["doc_seg_id"] for x in doc["segments"])
        if len(order) == len(lines[story]) and lines[story][order.index(int(seg))].strip():
            out[qid] = lines[story][order.index(int(seg))].strip()
    picked = random.Random(3).sample(sorted(out), min(count, len(out)))
    return {q: out[q] for q in picked}


def encoder_cost(archive: Path, sentences: int = 500) -> dict:
    """CPU seconds of the sentence encoder: loading it, and per sentence (batched), cache off."""
    import tempfile

    from variance.align.embed import Encoder

    texts: list[str] = []
    with open(archive, encoding="utf-8") as f:
        for line in f:
            texts += [x for x in json.loads(line)["text"].splitlines() if x.strip()]
            if len(texts) > sentences:
                break
    with tempfile.TemporaryDirectory() as folder:
        encoder = Encoder(Path(folder))
        c = time.process_time()
        encoder.encode(texts[:1])
        load = time.process_time() - c
        c = time.process_time()
        encoder.encode(texts[1:sentences + 1])
        per = (time.process_time() - c) / sentences
    return {"load_cpu_s": round(load, 2), "per_sentence_cpu_ms": round(1000 * per, 2), "sentences": sentences}


def reuse_sweep(db: str, truth: dict, covers: list[float]) -> list[dict]:
    """Cluster quality at several --min-cover (0: every link strong, connected components)."""
    from variance.archive import find_reuse, open_index
    from variance.archive.reuse import MIN_COVER

    out = []
    for cover in covers + [MIN_COVER]:
        index = open_index(db)
        find_reuse(index, min_cover=cover)
        index.close()
        out.append({"min_cover": cover, **reuse_pairs(db, truth)})
    return out[:-1]


def one_variant(name: str, checkout: str | None, folder: Path, archive: Path, truth: dict, jobs: int,
                engine: str = "duckdb") -> dict:
    db = folder / f"{name}-{engine}.duckdb"
    db.unlink(missing_ok=True)
    cli = _cli(checkout)
    result = {"index": measure(cli + ["index", str(archive.resolve()), "--db", str(db.resolve()), "-q",
                                      "--engine", engine, "--jobs", str(jobs)], checkout),
              "reuse": measure(cli + ["reuse", "--db", str(db.resolve()), "--engine", engine,
                                      "-o", str((folder / f"{name}-{engine}-clusters.parquet").resolve())], checkout),
              "db_mb": os.path.getsize(db) // 2**20}
    if engine == "duckdb":
        result["reuse_quality"] = reuse_pairs(str(db), truth)
    return result


def one_size(size: int, work: Path, spark: bool, brute: int, jobs: int, baseline: str | None,
             chinese: int, sample: int = 0, vectors: bool = False) -> dict:
    folder = (work / f"archive-{size}").resolve()
    archive = folder / "archive.jsonl"
    if not archive.exists():
        archive_data.write_archive(folder, size)
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    with open(archive, encoding="utf-8") as f:
        articles = sum(1 for _ in f)
    result: dict = {"size": size, "articles": articles}
    from variance.text.normalize import key_words

    long = sorted(q for q in truth if len(key_words(truth[q]["text"])) >= 5)
    short = sorted(set(truth) - set(long))
    if sample and sample < len(long):
        long = sorted(random.Random(size).sample(long, sample))
    result["queries"], result["queries_short"] = len(long), len(short)
    zh = chinese_queries(truth, chinese)
    queries = {q: truth[q]["text"] for q in long + short} | {f"zh:{q}": t for q, t in zh.items()}
    checkouts = [("current", None)] + ([("baseline", baseline)] if baseline else [])
    for name, checkout in checkouts:
        r = result[name] = one_variant(name, checkout, folder, archive, truth, jobs)
        db = str(folder / f"{name}-duckdb.duckdb")
        runs = traces_of(db, queries, checkout)
        found = {q: set(runs[q][0]) for q in long + short}
        r["trace_quality"] = score({q: found[q] for q in long}, {q: truth[q] for q in long})
        r["trace_quality_short"] = score({q: found[q] for q in short}, {q: truth[q] for q in short})
        r["trace_latency"] = latency(runs, long)
        r["trace_zh"] = {**score({q: set(runs[f"zh:{q}"][0]) for q in zh}, {q: truth[q] for q in zh}),
                         "with_candidates": sum(runs[f"zh:{q}"][1] > 0 for q in zh), "queries": len(zh)}
        if name == "current":
            con = duckdb_connect(db)
            result["sentences"], result["shingle_rows"] = (con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                                                           for t in ("sentences", "shingles"))
            con.close()
            if not vectors:
                r["reuse_sweep"] = reuse_sweep(db, truth, [0.0, 0.15, 0.35, 0.5])
            else:
                result["with_vectors"] = with_vectors(folder, archive, truth, jobs, long, zh, runs)
    if spark:
        result["spark"] = one_variant("current", None, folder, archive, truth, jobs, engine="spark")
        result["spark_same_index"] = _same_index(str(folder / "current-duckdb.duckdb"),
                                                 str(folder / "current-spark.duckdb"))
        result["spark_same_clusters"] = clusters_of(str(folder / "current-duckdb.duckdb")) == \
            clusters_of(str(folder / "current-spark.duckdb"))
    if brute:
        few = random.Random(1).sample(long, min(brute, len(long)))
        bf, result["brute_latency"] = brute_force(archive, truth, few)
        result["brute_quality"] = score(bf, truth)
        current = traces_of(str(folder / "current-duckdb.duckdb"), {q: truth[q]["text"] for q in few}, None)
        result["index_on_same_queries"] = score({q: set(current[q][0]) for q in few}, {q: truth[q] for q in few})
    return result


def with_vectors(folder: Path, archive: Path, truth: dict, jobs: int, long: list[str],
                 zh: dict[str, str], plain: dict) -> dict:
    """The same archive indexed with `--vectors` from scratch: its cost beside the plain
    index's; the English queries traced as by default (the vectors searched where the words
    find fewer than 3 carriers) and with the vectors searched for every statement; the
    Chinese queries against the vectors and, in `plain`, against the words alone."""
    db = folder / "vectors-duckdb.duckdb"
    db.unlink(missing_ok=True)
    cache = folder / "index-cache"             # the model's snapshot only: index keeps no vectors there
    shutil.rmtree(cache, ignore_errors=True)
    os.environ["VARIANCE_CACHE_DIR"] = str(cache)
    out: dict = {"index": measure(VARIANCE + ["index", str(archive), "--db", str(db), "-q", "--jobs", str(jobs),
                                              "--vectors"]), "db_mb": os.path.getsize(db) // 2**20}
    del os.environ["VARIANCE_CACHE_DIR"]
    con = duckdb_connect(str(db))
    out["vectors"] = con.execute("SELECT count(*) FROM vectors").fetchone()[0]
    con.close()
    english = {q: truth[q]["text"] for q in long}
    for name, meaning in (("trace", None), ("trace_meaning_always", True)):
        runs = traces_of(str(db), english, None, meaning)
        out[name] = {**score({q: set(runs[q][0]) for q in long}, {q: truth[q] for q in long}),
                     **latency(runs, long)}
    runs = traces_of(str(db), {f"zh:{q}": t for q, t in zh.items()}, None)
    found = {q: set(runs[f"zh:{q}"][0]) for q in zh}
    out["trace_zh"] = {**score(found, {q: truth[q] for q in zh}), **latency(runs, [f"zh:{q}" for q in zh])}
    out["trace_zh"]["with_carriers"] = sum(bool(f) for f in found.values())
    out["trace_zh_words_alone"] = {**score({q: set(plain[f"zh:{q}"][0]) for q in zh}, {q: truth[q] for q in zh}),
                                   **latency(plain, [f"zh:{q}" for q in zh])}
    low = traces_of(str(db), {f"zh:{q}": t for q, t in zh.items()}, None, near=0.5)
    out["trace_zh_sweep"] = [{"near": near, **score({q: {a for a, m in low[f"zh:{q}"][4].items() if (m or 0) >= near}
                                                     for q in zh}, {q: truth[q] for q in zh})}
                             for near in (0.5, 0.55, 0.6, 0.65, 0.7)]
    out["shortlist"] = shortlist_check(str(db), list(zh.values()), folder / "shortlist-cache")
    out["cli_zh"] = cli_traces(str(db), list(zh.values())[:5])
    return out


def shortlist_check(db: str, texts: list[str], cache: Path) -> dict:
    """The nearest sentences (at least 0.6, the best 50) by the full scan and by the shortlist of
    signs, for each statement: hits the shortlist lost, CPU seconds of each."""
    from variance.align.embed import Encoder
    from variance.archive import open_index
    from variance.archive.vectors import nearest

    vectors = Encoder(cache).encode(texts)
    index = open_index(db, read_only=True)
    lost = total = 0
    cpu = {"exact": 0.0, "shortlist": 0.0}
    for v in vectors:
        c = time.process_time()
        exact = nearest(index, v, floor=0.6, limit=50, exact=True)
        cpu["exact"] += time.process_time() - c
        c = time.process_time()
        short = nearest(index, v, floor=0.6, limit=50)
        cpu["shortlist"] += time.process_time() - c
        total += len(exact)
        lost += len(set(exact) - set(short))
    index.close()
    return {"hits": total, "lost": lost, "queries": len(texts),
            "exact_cpu_ms": round(1000 * cpu["exact"] / len(texts), 1),
            "shortlist_cpu_ms": round(1000 * cpu["shortlist"] / len(texts), 1)}


def cli_traces(db: str, texts: list[str]) -> dict:
    """`variance trace TEXT --db DB --json` as a user runs it, one process per statement (the
    model's snapshot made by a first, untimed run): wall and CPU seconds, median and max."""
    cache = Path(db).with_suffix(".cli-cache")
    shutil.rmtree(cache, ignore_errors=True)
    os.environ["VARIANCE_CACHE_DIR"] = str(cache)
    measure(VARIANCE + ["trace", texts[0], "--db", db, "--json"])
    runs = [measure(VARIANCE + ["trace", t, "--db", db, "--json"]) for t in texts]
    del os.environ["VARIANCE_CACHE_DIR"]
    wall, cpu = sorted(r["wall_s"] for r in runs), sorted(r["cpu_s"] for r in runs)
    return {"wall_median_s": statistics.median(wall), "wall_max_s": wall[-1], "cpu_median_s": statistics.median(cpu),
            "cpu_max_s": cpu[-1], "peak_mb": max(r["peak_mb"] for r in runs), "runs": len(runs)}


def duckdb_connect(db: str):
    import duckdb

    return duckdb.connect(db, read_only=True)


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
    if len(sys.argv) == 4 and sys.argv[1] == "--trace-only":
        asked = json.loads(Path(sys.argv[3]).read_text(encoding="utf-8"))
        print(json.dumps(run_traces(sys.argv[2], asked["queries"], asked["meaning"], asked["near"])))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,1000000")
    parser.add_argument("--spark", default="10000", help="Sizes also run with --engine spark.")
    parser.add_argument("--baseline", help="A folder holding another version's variance package, run beside this one.")
    parser.add_argument("--brute", type=int, default=40, help="Queries for the brute-force baseline (smallest size).")
    parser.add_argument("--chinese", type=int, default=40, help="Queries also traced in their Chinese original.")
    parser.add_argument("--sample", type=int, default=0,
                        help="Queries traced at the larger sizes (0: all; the smallest size traces all).")
    parser.add_argument("--vectors", default="",
                        help="Sizes also indexed with --vectors: cost, and traces across languages by meaning.")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    spark = {int(s) for s in args.spark.split(",") if s}
    vectors = {int(s) for s in args.vectors.split(",") if s}
    baseline = str(Path(args.baseline).resolve()) if args.baseline else None
    results = [{"encoder": encoder_cost(args.work / f"archive-{min(sizes)}" / "archive.jsonl")}] \
        if (args.work / f"archive-{min(sizes)}" / "archive.jsonl").exists() else []
    for size in sizes:
        results.append(one_size(size, args.work, size in spark, args.brute if size == min(sizes) else 0,
                                args.jobs, baseline, args.chinese, 0 if size == min(sizes) else args.sample,
                                size in vectors))
        print(json.dumps(results[-1]), file=sys.stderr, flush=True)
        if args.json:
            args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    if not results or "encoder" not in results[0]:
        results.insert(0, {"encoder": encoder_cost(args.work / f"archive-{min(sizes)}" / "archive.jsonl")})
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()

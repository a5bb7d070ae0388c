"""A synthetic archive with known carriers, for `benchmarks/archive.py`.

Real stories mixed into unrelated articles. The stories are the 51 articles of the WMT 2021
zh-en MQM set: each is published as its human translation `ref-A` (the source a user traces),
two republications of it (one verbatim, one lightly edited: a word dropped, replaced or added,
punctuation or case changed, in about a third of its lines; a tenth of the lines dropped), and
three other translations (`ref-B` and two machine translations: the same story in other words).
Three unrelated articles per story quote one or two of its lines, verbatim or lightly edited.
The unrelated articles are news-shaped but about nothing real: lines of other MQM articles and
of the seeds with every content word replaced by a random English word (stopwords, punctuation
and sentence shape kept), so they share the common phrases of news and none of the content.

The five seed articles are in the archive too, as published (no query is drawn from them).

Every line of `ref-A` is one query; its carriers are known: the source, each copy (verbatim or
edited, and which edit), each other translation of the same segment. The carriers are the same
at every size; only the unrelated articles grow, and article k depends only on (seed, k).

Run: python benchmarks/archive_data.py OUT --sentences 100000 [--seed 7] [--parquet]
"""

from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

import mqm

__all__ = ["Article", "Query", "make_archive", "write_archive"]

_WORD = re.compile(r"[^\W\d_][^\W\d_'’\-]*|\d+(?:[.,:]\d+)*")
_KEEP = frozenset("""a an the and or but nor of to in on at by for with from into onto over under
about as than then that this these those there here it its is are was were be been being has have
had do does did so such very too also just not no yet both each either neither all any some most
more other i me my we our us you your he him his she her they them their who whom whose which what
when where why how will would shall should can could may might must said says""".split())
_OUTLETS = [f"outlet-{i:02d}" for i in range(40)]
_INSERTS = ("also", "reportedly", "on Monday", "however", "now")
VERSIONS = 3
"""Other translations of each story published as articles (ref-B and two machine ones)."""
QUOTERS = 3
"""Unrelated articles per story that quote one or two of its lines."""


@dataclass(frozen=True)
class Article:
    id: str
    outlet: str
    date: str
    title: str
    text: str


@dataclass
class Query:
    id: str
    text: str
    carriers: dict[str, str] = field(default_factory=dict)
    """article id -> source, verbatim, edited or version."""


def _vocabulary() -> list[str]:
    from wordfreq import top_n_list
    words = [w for w in top_n_list("en", 40000) if w.isalpha() and len(w) > 3 and w not in _KEEP]
    return words[800:]


def skeleton(line: str, rng: random.Random, words: list[str]) -> str:
    """The line's shape with every content word and number replaced."""
    def sub(m: re.Match) -> str:
        w = m.group(0)
        if w[0].isdigit():
            return str(rng.randint(2, 2999))
        if w.casefold() in _KEEP:
            return w
        r = rng.choice(words)
        return r.capitalize() if w[0].isupper() else r
    return _WORD.sub(sub, line)


def light_edit(line: str, rng: random.Random) -> str:
    """One small edit: a word dropped, replaced or added, punctuation or case changed."""
    toks = line.split(" ")
    kind = rng.choice(("drop", "replace", "insert", "punct", "case")) if len(toks) >= 6 else "punct"
    i = rng.randrange(1, len(toks) - 1) if len(toks) > 2 else 0
    if kind == "drop":
        del toks[i]
    elif kind == "replace":
        toks[i] = rng.choice(("major", "new", "several", "local", "key"))
    elif kind == "insert":
        toks.insert(i, rng.choice(_INSERTS))
    elif kind == "case":
        toks[i] = toks[i].lower() if toks[i][:1].isupper() else toks[i].capitalize()
    else:
        line = line.rstrip(".") + ("!" if line.endswith(".") else ".")
        return line
    return " ".join(toks)


def _segments(version: mqm.Version) -> list[tuple[int, str]]:
    return sorted((seg, version.text[s:e].strip()) for seg, (s, e) in version.spans.items()
                  if version.text[s:e].strip())


def _date(rng: random.Random) -> str:
    return f"2021-03-{rng.randint(1, 31):02d}"


def _story(story: str, n: int, rng: random.Random, queries: dict[str, Query]) -> list[Article]:
    """The source, its copies and its other translations, with the queries they answer."""
    by_system = {v.system: v for v in mqm.versions(story)}
    source = _segments(by_system["ref-A"])
    for seg, line in source:
        queries[f"{story}#{seg}"] = Query(f"{story}#{seg}", line)
    out = []

    def publish(kind: str, lines: list[tuple[int, str, str]]) -> None:
        aid = f"s{n:02d}-{kind}"
        for seg, _, how in lines:
            queries[f"{story}#{seg}"].carriers[aid] = how
        out.append(Article(aid, rng.choice(_OUTLETS), _date(rng), f"{story} ({kind})",
                           "\n".join(line for _, line, _ in lines) + "\n"))

    publish("source", [(seg, line, "source") for seg, line in source])
    publish("copy", [(seg, line, "verbatim") for seg, line in source if rng.random() >= 0.1])
    edited = []
    for seg, line in source:
        if rng.random() < 0.1:
            continue
        edit = rng.random() < 0.35
        edited.append((seg, light_edit(line, rng) if edit else line, "edited" if edit else "verbatim"))
    publish("edited", edited)
    others = ["ref-B"] + rng.sample(sorted(s for s in by_system if not s.startswith("ref-")), VERSIONS - 1)
    for system in others:
        publish(system, [(seg, line, "version") for seg, line in _segments(by_system[system])])
    return out


def _background(k: int, seed: int, lines: list[str], words: list[str]) -> Article:
    rng = random.Random(f"{seed}-background-{k}")
    count = rng.randint(8, 30)
    text = "\n".join(skeleton(rng.choice(lines), rng, words) for _ in range(count)) + "\n"
    return Article(f"b{k:07d}", rng.choice(_OUTLETS), _date(rng), skeleton(rng.choice(lines), rng, words)[:60], text)


def _quoting(article: Article, story_lines: list[tuple[str, str]], rng: random.Random,
             queries: dict[str, Query]) -> Article:
    """An unrelated article that quotes one or two lines of a story."""
    body = article.text.splitlines()
    for qid, line in rng.sample(story_lines, min(len(story_lines), rng.randint(1, 2))):
        edit = rng.random() < 0.5
        body.insert(rng.randrange(len(body) + 1), light_edit(line, rng) if edit else line)
        queries[qid].carriers[article.id] = "edited" if edit else "verbatim"
    return Article(article.id, article.outlet, article.date, article.title, "\n".join(body) + "\n")


def make_archive(sentences: int, seed: int = 7):
    """(articles, queries): about `sentences` lines in all, the stories' carriers included."""
    rng = random.Random(seed)
    queries: dict[str, Query] = {}
    articles: list[Article] = []
    for n, story in enumerate(mqm.articles()):
        articles.extend(_story(story, n, rng, queries))
    words = _vocabulary()
    lines = sorted({line for v in (v for s in mqm.articles() for v in mqm.versions(s))
                    for line in v.text.splitlines() if line.strip()})
    seeds = Path(mqm.__file__).resolve().parents[1] / "seeds"
    lines += [line for p in sorted(seeds.glob("*.txt")) for line in p.read_text("utf-8").splitlines() if len(line) > 40]
    articles += [Article(f"seed-{p.stem[:3]}", "seed", "2024-04-26", p.stem, p.read_text("utf-8"))
                 for p in sorted(seeds.glob("*.txt"))]
    total = sum(a.text.count("\n") for a in articles)
    by_story: dict[str, list[tuple[str, str]]] = {}
    for qid, q in queries.items():
        by_story.setdefault(qid.split("#")[0], []).append((qid, q.text))
    stories = sorted(by_story)
    k = 0
    while total < sentences or k < QUOTERS * len(stories):
        a = _background(k, seed, lines, words)
        if k < QUOTERS * len(stories):
            a = _quoting(a, by_story[stories[k // QUOTERS]], random.Random(f"{seed}-quote-{k}"), queries)
        articles.append(a)
        total += a.text.count("\n")
        k += 1
    return articles, queries


def write_archive(out: Path, sentences: int, seed: int = 7, parquet: bool = False) -> Path:
    """Write `out/archive.jsonl` (or .parquet) and `out/truth.json`; return the archive's path."""
    articles, queries = make_archive(sentences, seed)
    out.mkdir(parents=True, exist_ok=True)
    rows = [{"id": a.id, "outlet": a.outlet, "date": a.date, "url": f"https://example.org/{a.id}",
             "title": a.title, "text": a.text} for a in articles]
    path = out / "archive.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    if parquet:
        import duckdb
        duckdb.sql(f"COPY (SELECT * FROM read_json('{path}', format='newline_delimited')) "
                   f"TO '{out / 'archive.parquet'}' (FORMAT parquet)")
        path.unlink()
        path = out / "archive.parquet"
    truth = {q.id: {"text": q.text, "carriers": q.carriers} for q in queries.values()}
    (out / "truth.json").write_text(json.dumps(truth, indent=1), encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--sentences", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--parquet", action="store_true")
    args = parser.parse_args()
    print(write_archive(args.out, args.sentences, args.seed, args.parquet))


if __name__ == "__main__":
    main()

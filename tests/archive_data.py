"""A small archive for the archive tests: the seeds, copies of seed 001 (verbatim and edited),
an unrelated article that quotes one of its sentences, and unrelated articles written for the
test. `write_archive(folder)` writes it as JSONL and returns the path."""

from __future__ import annotations

import json
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
STATEMENT = "China is willing to cooperate, but cooperation must be bilateral"
QUOTED = "China is committed to non-alliance and the United States should not create small blocs."
UNRELATED = {
    "weather": "Heavy rain is expected across the northern valleys on Tuesday, forecasters said.\n"
               "Rivers could rise quickly after three dry weeks, and residents were told to avoid "
               "low-lying roads.\nThe regional weather office will update its warning on Wednesday morning.\n"
               "TALKS WILL RESUME!\n",
    "football": "The home side scored twice in the final ten minutes to win the cup final.\n"
                "Their coach praised a young striker who came off the bench in the second half.\n"
                "Tickets for the victory parade on Sunday sold out within an hour.\n"
                "Talks will resume in May, the league said.\n",
    "markets": "Shares in the largest shipping companies fell sharply after fuel prices climbed again.\n"
               "Analysts expect freight rates to stay high until the end of the year.\nTalks will resume.\n",
}


def seed(stem: str) -> str:
    return next(SEEDS.glob(f"{stem}_*.txt")).read_text(encoding="utf-8")


def records() -> list[dict]:
    out = [{"id": p.stem[:3], "outlet": f"outlet-{p.stem[:3]}", "date": "2024-04-26",
            "url": f"https://example.org/{p.stem[:3]}", "title": None, "text": p.read_text(encoding="utf-8")}
           for p in sorted(SEEDS.glob("*.txt"))]
    original = seed("001")
    edited = original.replace("cooperation must be bilateral", "cooperation should be bilateral") \
                     .replace("prosperous and prosperous", "prosperous")
    out.append({"id": "copy-001", "outlet": "wire-copy", "date": "2024-04-27", "text": original})
    out.append({"id": "edit-001", "outlet": "rewrite", "date": "2024-04-28", "text": edited})
    out.append({"id": "quoting", "outlet": "weekly", "date": "2024-05-02",
                "text": UNRELATED["markets"] + "Officials repeated the line: " + QUOTED + "\n"})
    out += [{"id": k, "outlet": "local", "date": "2024-05-01", "text": v} for k, v in UNRELATED.items()]
    return out


def write_archive(folder: Path, rows: list[dict] | None = None, name: str = "news.jsonl") -> Path:
    path = folder / name
    with open(path, "w", encoding="utf-8") as f:
        f.writelines(json.dumps({k: v for k, v in r.items() if v is not None}, ensure_ascii=False) + "\n"
                     for r in (rows if rows is not None else records()))
    return path

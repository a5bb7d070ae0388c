"""Shared access to ../shared/data/mqm-zhen-2021: articles, versions and expert annotations."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(os.environ.get("VARIANCE_MQM", Path(__file__).resolve().parents[2] / "shared" / "data" / "mqm-zhen-2021"))


@dataclass(frozen=True)
class Version:
    system: str
    text: str
    spans: dict[int, tuple[int, int]]
    """doc_seg_id -> [start, end) in `text`."""
    human: bool


@lru_cache(maxsize=1)
def gold() -> dict:
    path = ROOT / "gold.json"
    if not path.exists():
        raise SystemExit(f"MQM data not found at {ROOT} (set VARIANCE_MQM)")
    return json.loads(path.read_text(encoding="utf-8"))


def articles() -> list[str]:
    return [d["doc"] for d in gold()["docs"]]


def versions(article: str) -> list[Version]:
    g = gold()
    human = {s["name"]: s["is_human_reference"] for s in g["systems"]}
    doc = next(d for d in g["docs"] if d["doc"] == article)
    out = []
    for system, rel in sorted(doc["files"].items()):
        text = (ROOT / rel).read_text(encoding="utf-8")
        spans = {seg["doc_seg_id"]: tuple(seg["spans"][system]) for seg in doc["segments"]}
        out.append(Version(system, text, spans, human[system]))
    return out


def annotations(article: str, system: str) -> list[dict]:
    return [a for a in gold()["annotations"] if a["doc"] == article and a["system"] == system
            and a["side"] == "target" and a["mapping"] == "exact"]

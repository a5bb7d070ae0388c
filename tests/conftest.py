"""Shared fixtures: the seed corpus, segmented and compared once per session."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from variance.model import Document, Options
from variance.pipeline import compare_documents

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def seed_documents() -> list[Document]:
    """The seeds as plain documents (no metadata detection), ids as file stems."""
    docs = []
    for path in sorted(SEEDS.glob("*.txt")):
        data = path.read_bytes()
        docs.append(Document(id=path.stem, path=str(path), text=data.decode("utf-8"),
                             sha256=hashlib.sha256(data).hexdigest()))
    return docs


@pytest.fixture(scope="session")
def seeds_comparison():
    from variance.pipeline import compare

    return compare([str(SEEDS)], Options())


@pytest.fixture(scope="session")
def raw_seeds_comparison():
    return compare_documents(seed_documents(), Options())

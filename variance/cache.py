"""Where variance keeps what it can always compute again: $VARIANCE_CACHE_DIR, else the user's
cache folder. The encoder keeps its vectors and model snapshot there (`variance.align.embed`),
the HTML report its compiled template (`variance.render.html`). Nothing kept there changes a
result: a folder that cannot be read or written costs time, never an output.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["CACHE_ENV", "cache_folder", "keep"]

CACHE_ENV = "VARIANCE_CACHE_DIR"
"""Environment variable naming another cache folder (the user's cache folder otherwise)."""


def cache_folder() -> Path:
    """The cache folder: $VARIANCE_CACHE_DIR, else the user's cache folder."""
    given = os.environ.get(CACHE_ENV)
    if given:
        return Path(given)
    import platformdirs

    return Path(platformdirs.user_cache_dir("variance", appauthor=False))


def keep(path: Path, data: bytes) -> None:
    """Write `data` to `path` whole: under a temporary name in the same folder (`.tmp-...`),
    then renamed over it, so a concurrent run reads the old file or the new one, never half of
    one. A folder that cannot be written costs time on the next run, not a result: errors are
    swallowed."""
    import threading

    temporary = path.with_name(f".tmp-{path.name}.{os.getpid()}.{threading.get_ident()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError:
        try:
            temporary.unlink()
        except OSError:
            pass

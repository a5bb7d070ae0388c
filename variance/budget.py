"""What a comparison will need, said before the work starts: memory and CPU time estimated from
the text loaded, checked against the memory the machine has free, so that a corpus too large is
one line and exit 2 at the start, never a swap storm or an out-of-memory kill an hour later.

The check is made twice. Before anything is read (`check_before`), from the files' sizes
(`variance.load.survey`): when even the most characters the files may hold fit, loading goes
ahead; otherwise a few files are read to learn the characters per byte of each kind, and when
even the fewest characters that gives would not fit, the run stops there, in one line, at once.
After loading (`check_need`), from the characters actually loaded, for the case in between.

The figures are linear in the characters compared, measured with `benchmarks/run.py` on the
synthetic corpus (docs/architecture.md, "What a comparison needs"): peak memory grows with the
sentences held (documents, claims, their vectors, members and diffs) and CPU time with the
claims scored against the statements. `--memory-limit` sets the limit (`off` goes ahead
whatever the estimate); by default it is the memory available (`MemAvailable` on Linux) less
a margin for the rest of the machine.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import VarianceError
from .model import Document, Options

if TYPE_CHECKING:
    from .load.survey import Survey

__all__ = ["Need", "estimate", "estimate_characters", "available_memory", "check_need",
           "check_before", "memory_limit", "parse_size", "BudgetError"]

BASE_BYTES = 100_000_000
"""Memory of the process before any document: the interpreter, numpy, scipy and the package."""
ALIGN_BYTES_PER_CHAR = 90
"""Peak memory per character of text for aligning and diffing (`align`, `diff`)."""
FULL_BYTES_PER_CHAR = 260
"""...and with artefacts and the corpus' quotes as well (`report`, `lint`, `tui`)."""
ALIGN_SECONDS_PER_CHAR = 3.5e-6
"""CPU seconds per character for aligning and diffing."""
FULL_SECONDS_PER_CHAR = 11.0e-6
"""...and with artefacts and quotes."""
MARGIN = 0.8
"""Share of the available memory a comparison may use by default."""
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?\s*$", re.I)


class BudgetError(VarianceError):
    """The comparison would need more memory than it may use."""


@dataclass(frozen=True)
class Need:
    """What comparing a set of documents is expected to take."""

    documents: int
    """Documents compared."""
    characters: int
    """Characters of text compared."""
    memory: int
    """Peak memory expected, in bytes."""
    seconds: float
    """CPU seconds expected (all processes)."""
    files_bytes: int | None = None
    """Bytes of the files, when the estimate is made from their sizes before reading them."""

    def describe(self) -> str:
        if self.files_bytes is not None:
            return (f"{self.documents:,} files ({_size(self.files_bytes)}B, at least "
                    f"{_characters(self.characters)}) would need at least "
                    f"{_size(self.memory)}B of memory and {_duration(self.seconds)} of CPU")
        return (f"{self.documents:,} documents ({_characters(self.characters)}) need "
                f"about {_size(self.memory)}B of memory and {_duration(self.seconds)} of CPU")


def estimate(documents: Sequence[Document], options: Options) -> Need:
    """The memory and CPU time comparing `documents` with `options` is expected to take."""
    return estimate_characters(len(documents), sum(len(d.text) for d in documents), options)


def estimate_characters(documents: int, characters: int, options: Options,
                        files_bytes: int | None = None) -> Need:
    """The memory and CPU time comparing `characters` of text in `documents` is expected to take."""
    full = options.artefacts or options.quotes
    per_char = FULL_BYTES_PER_CHAR if full else ALIGN_BYTES_PER_CHAR
    seconds = FULL_SECONDS_PER_CHAR if full else ALIGN_SECONDS_PER_CHAR
    return Need(documents, characters, BASE_BYTES + per_char * characters, seconds * characters,
                files_bytes)


def available_memory() -> int | None:
    """Bytes of memory available to a new process (Linux `MemAvailable`), None where unknown."""
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def memory_limit(limit: int | None) -> tuple[int, str] | None:
    """(bytes a comparison may use, how to say it) for `limit` bytes; None is the default
    limit (a share of the memory available), 0 no limit (None returned, as when unknown)."""
    if limit == 0:
        return None
    if limit is None:
        free = available_memory()
        if free is None:
            return None
        return int(free * MARGIN), f"{_size(free)}B available"
    return limit, f"--memory-limit {_size(limit)}B"


def check_need(need: Need, limit: int | None) -> None:
    """Raise `BudgetError` (one line: what it would need, what it may use, how to go ahead)
    when `need` exceeds `limit` bytes; None is the default limit, 0 no limit."""
    allowed = memory_limit(limit)
    if allowed is not None and need.memory > allowed[0]:
        raise BudgetError(f"{need.describe()}; {allowed[1]}: not started (--memory-limit off goes ahead)")


def check_before(survey: Survey, limit: int | None) -> None:
    """Before reading: raise `BudgetError` when even the fewest characters the surveyed files
    hold would need more than `limit` bytes (a few files are read to know, only when the most
    they may hold would not fit)."""
    allowed = memory_limit(limit)
    if allowed is None or not survey.files:
        return
    options, files = survey.options, len(survey.files)
    if estimate_characters(files, survey.most_characters(), options).memory <= allowed[0]:
        return
    check_need(estimate_characters(files, survey.fewest_characters(), options, survey.bytes), limit)


def parse_size(text: str) -> int:
    """Bytes from "8G", "500M", "2.5GB", "1024" (powers of 1024); "off" is 0, no limit."""
    if text.strip().lower() in ("off", "none", "0"):
        return 0
    m = _SIZE.match(text)
    if not m:
        raise ValueError(f"not a size: {text!r} (examples: 8G, 500M, off)")
    return int(float(m.group(1)) * 1024 ** " kmgt".index(m.group(2).lower() or " "))


def _size(n: float) -> str:
    for unit in ("", "K", "M", "G"):
        if n < 1000 or unit == "G":
            return f"{n:.0f} {unit}" if unit == "" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} G"


def _characters(n: int) -> str:
    return f"{n:,} characters" if n < 1_000_000 else f"{n / 1e6:.1f} million characters"


def _duration(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds < 120 else f"{seconds / 60:.0f} min"

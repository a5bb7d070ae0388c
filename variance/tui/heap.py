"""The garbage collector kept off the keys: full collections run while nobody presses one.

At a thousand versions the comparison is millions of objects, and the screens built over it
hundreds of thousands more, almost none of them in reference cycles. A full pass of Python's
cyclic collector walks every object it tracks (0.05 to 0.15 s here) and comes, by Textual's
allocations, every few keys: whichever key set it off answered that much later. Two things
keep it off the keys:

- what lives as long as the comparison is moved out of its reach (`gc.freeze`): the
  comparison once shown, the lookups worked out for it, the screens built ahead
  (`settle_heap`). A comparison replaced later (another reference, a decision) is still freed
  when nothing refers to it, as frozen dataclasses hold no cycles;
- the collector's young generations run as usual (they walk only what was just made), but the
  full pass never starts by itself while the app runs: it runs once the keyboard has been still
  for `QUIET` seconds and young objects have reached the old generation since the last one
  (`IdleCollector`). The thresholds are restored when the app ends.
"""

from __future__ import annotations

import gc
import time

__all__ = ["settle_heap", "IdleCollector", "QUIET"]

QUIET = 1.0
"""Seconds without a key before a full collection may run."""
_NEVER = 1 << 30
"""A threshold for the oldest generation that is never reached."""


def settle_heap() -> None:
    """Move every object alive now out of the collector's reach."""
    gc.freeze()


class IdleCollector:
    """Full collections between keys, never in one."""

    def __init__(self) -> None:
        self.last_key = time.monotonic()
        self._thresholds: tuple[int, int, int] | None = None
        """The collector's thresholds before `start`."""

    def start(self) -> None:
        """Keep the full pass from starting by itself (until `stop`)."""
        if self._thresholds is None:
            self._thresholds = gc.get_threshold()
            young, middle, _ = self._thresholds
            gc.set_threshold(young, middle, _NEVER)

    def stop(self) -> None:
        if self._thresholds is not None:
            gc.set_threshold(*self._thresholds)
            self._thresholds = None

    def key(self) -> None:
        """A key was pressed."""
        self.last_key = time.monotonic()

    def tick(self) -> None:
        """Called every `QUIET` seconds: a full pass if the keyboard was still meanwhile and
        objects have grown old since the last one."""
        passes = gc.get_count()[2]       # middle-generation passes since the last full one
        if passes == 0 or time.monotonic() - self.last_key < QUIET:
            return
        gc.collect()

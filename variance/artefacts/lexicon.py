"""Word frequencies from wordfreq's lists, without importing wordfreq for the common word.

Importing wordfreq costs more than reading its English list (it brings ftfy, langcodes and its
tokenisers: 0.17 s of CPU on the development machine). For a word of plain lower-case letters,
with at most one apostrophe followed by a consonant ("everyone's", "he’s"), in a language whose
list needs no tokeniser of its own, wordfreq's tokeniser returns the word itself (the
apostrophe straightened), so its Zipf frequency is read here from wordfreq's own list file and
computed as `wordfreq.zipf_frequency` computes it, to the last bit. Every other word is asked of
wordfreq itself. `tests/test_artefacts_lexicon.py` checks both ways agree on every word of the
test corpora.

Building the English list's table (321,000 words) is most of its cost (0.17 s of CPU); the table
is kept sorted in the cache folder (`variance.cache`), keyed by the list file's size and time,
and read back in a tenth of that: words are then found by bisection.
"""

from __future__ import annotations

import array
import gzip
import importlib.util
import marshal
import math
import re
from bisect import bisect_left
from functools import lru_cache
from pathlib import Path

from ..cache import cache_folder, keep

__all__ = ["zipf_frequency", "PLAIN_LANGUAGES"]

PLAIN_LANGUAGES = frozenset({"en", "es", "fr", "de", "it", "pt", "nl"})
"""Languages whose lists are read here: Latin script, wordfreq's regular-expression tokeniser."""
_PLAIN = re.compile(r"[a-z]+(?:['’][bcdfgjklmnpqrstvwxz][a-z]*)?")
"""Words wordfreq's tokeniser keeps whole: its apostrophe rule splits before a vowel or h, y."""
_MINIMUM = 10 ** 0.0 / 1e9
"""wordfreq's frequency floor for `minimum=0` on the Zipf scale."""


def zipf_frequency(word: str, language: str, wordlist: str = "best") -> float:
    """`wordfreq.zipf_frequency(word, language, wordlist=wordlist)`, the same value."""
    ranks = _ranks(language, wordlist) if language in PLAIN_LANGUAGES and _PLAIN.fullmatch(word) else None
    if ranks is None:
        from wordfreq import zipf_frequency as asked

        return asked(word, language, wordlist=wordlist)
    rank = ranks.get(word.replace("’", "'"))
    freq = _MINIMUM if rank is None else _rounded(max(1.0 / (0.0 + 1.0 / 10 ** (-rank / 100)), _MINIMUM))
    return round(math.log(freq, 10) + 9, 2)


def _rounded(freq: float) -> float:
    """wordfreq's rounding to three significant digits."""
    return round(freq, math.floor(-math.log(freq, 10)) + 3)


class _Ranks:
    """Word → centibels below 1, as two parallel sorted tables (words, ranks)."""

    def __init__(self, words: list[str], ranks: array.array):
        self.words, self.ranks = words, ranks

    def get(self, word: str) -> int | None:
        i = bisect_left(self.words, word)
        return self.ranks[i] if i < len(self.words) and self.words[i] == word else None


_TABLE = "variance-lexicon-1"
"""The first field of a kept table: what it is and the version of its layout."""


@lru_cache(maxsize=8)
def _ranks(language: str, wordlist: str) -> _Ranks | None:
    """The ranks of every word of wordfreq's list (its bucket), or None when the list is not
    where wordfreq keeps it (wordfreq then answers): from the cache folder when kept there."""
    path = _list_file(language, wordlist)
    if path is None:
        return None
    stat = path.stat()
    kept = cache_folder() / "lexicons" / f"{path.name}-{stat.st_size}-{stat.st_mtime_ns}-m{marshal.version}"
    found = _read_table(kept)
    if found is not None:
        return found
    ranks = _read_list(path)
    if ranks is None:
        return None
    words = sorted(ranks)
    table = _Ranks(words, array.array("H", (ranks[w] for w in words)))
    keep(kept, marshal.dumps((_TABLE, table.words, table.ranks.tobytes())))
    return table


def _read_list(path: Path) -> dict[str, int] | None:
    import msgpack

    with gzip.open(path, "rb") as f:
        data = msgpack.load(f, raw=False)
    header = data[0] if data else None
    if not isinstance(header, dict) or header.get("format") != "cB" or header.get("version") != 1:
        return None
    ranks: dict[str, int] = {}
    for rank, bucket in enumerate(data[1:]):
        ranks.update(dict.fromkeys(bucket, rank))
    return ranks


def _read_table(path: Path) -> _Ranks | None:
    """A kept table; None when there is none or it is not whole."""
    try:
        found = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not (isinstance(found, tuple) and len(found) == 3 and found[0] == _TABLE
            and isinstance(found[1], list) and isinstance(found[2], bytes)):
        return None
    ranks = array.array("H")
    ranks.frombytes(found[2])
    return _Ranks(found[1], ranks) if len(ranks) == len(found[1]) else None


def _list_file(language: str, wordlist: str) -> Path | None:
    """The file wordfreq reads for `language` and `wordlist` ("best": the large list where one
    exists, else the small one)."""
    spec = importlib.util.find_spec("wordfreq")
    folders = list(spec.submodule_search_locations or []) if spec else []
    names = {"best": ("large", "small"), "large": ("large",), "small": ("small",)}.get(wordlist, ())
    for folder in folders:
        for size in names:
            path = Path(folder) / "data" / f"{size}_{language}.msgpack.gz"
            if path.is_file():
                return path
    return None

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
in buckets by the words' first three letters, each bucket's words joined in one string: read
back in about a twentieth of that, a word then found in its bucket's string.
"""

from __future__ import annotations

import array
import gzip
import importlib.util
import marshal
import math
import re
import struct
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
    try:
        rank = ranks.get(word.replace("’", "'")) if ranks is not None else None
    except _Damaged:
        ranks = None
    if ranks is None:
        from wordfreq import zipf_frequency as asked

        return asked(word, language, wordlist=wordlist)
    freq = _MINIMUM if rank is None else _rounded(max(1.0 / (0.0 + 1.0 / 10 ** (-rank / 100)), _MINIMUM))
    return round(math.log(freq, 10) + 9, 2)


def _rounded(freq: float) -> float:
    """wordfreq's rounding to three significant digits."""
    return round(freq, math.floor(-math.log(freq, 10)) + 3)


class _Damaged(Exception):
    """A bucket of a kept table is not whole: wordfreq answers instead."""


class _Ranks:
    """Word → centibels below 1, in buckets by the word's first `_PREFIX` characters: a bucket
    is its sorted words, each between two line ends in one string, and their ranks (unsigned
    16-bit, in this machine's order). A word is found in its bucket's string, its rank at the
    count of line ends before it: nothing is cut into a word per entry, read or asked."""

    def __init__(self, buckets: dict[str, tuple[str, bytes]]):
        self.buckets = buckets
        self._whole: set[str] = set()
        """The buckets found whole (as many ranks as words), each looked at on first use."""

    @classmethod
    def of(cls, ranks: dict[str, int]) -> _Ranks:
        """The table of a list read from wordfreq's file."""
        grouped: dict[str, list[str]] = {}
        for word in sorted(ranks):
            grouped.setdefault(word[:_PREFIX], []).append(word)
        return cls({prefix: ("\n" + "\n".join(words) + "\n", array.array("H", (ranks[w] for w in words)).tobytes())
                    for prefix, words in grouped.items()})

    def get(self, word: str) -> int | None:
        prefix = word[:_PREFIX]
        bucket = self.buckets.get(prefix)
        if bucket is None or "\n" in word:
            return None
        joined, ranks = bucket
        if prefix not in self._whole:
            if not (isinstance(joined, str) and isinstance(ranks, bytes)
                    and len(ranks) == 2 * (joined.count("\n") - 1)):
                raise _Damaged(prefix)
            self._whole.add(prefix)
        at = joined.find(f"\n{word}\n")
        if at < 0:
            return None
        return struct.unpack_from("=H", ranks, 2 * joined.count("\n", 0, at))[0]


_PREFIX = 3
"""Characters a bucket's words share: the English list's 321,000 words in 20,600 buckets of at
most 2,100, read back in about 10 ms where its one table of words took 35 ms."""
_TABLE = "variance-lexicon-2"
"""The first field of a kept table: what it is and the version of its layout."""


@lru_cache(maxsize=8)
def _ranks(language: str, wordlist: str) -> _Ranks | None:
    """The ranks of every word of wordfreq's list (its bucket), or None when the list is not
    where wordfreq keeps it (wordfreq then answers): from the cache folder when kept there."""
    path = _list_file(language, wordlist)
    if path is None:
        return None
    stat = path.stat()
    kept = cache_folder() / "lexicons" / f"{path.name}-{stat.st_size}-{stat.st_mtime_ns}-m{marshal.version}-{_TABLE}"
    found = _read_table(kept)
    if found is not None:
        return found
    ranks = _read_list(path)
    if ranks is None:
        return None
    table = _Ranks.of(ranks)
    keep(kept, marshal.dumps((_TABLE, table.buckets)))
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
    if not (isinstance(found, tuple) and len(found) == 2 and found[0] == _TABLE and isinstance(found[1], dict)):
        return None
    return _Ranks(found[1])


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

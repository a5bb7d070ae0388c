"""Word frequencies read from wordfreq's lists (`variance.artefacts.lexicon`) are wordfreq's own."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from wordfreq import zipf_frequency as wordfreq_zipf

from variance.artefacts.lexicon import zipf_frequency

HERE = Path(__file__).resolve().parent
TRICKY = ["the", "baliand", "everyone's", "he’s", "don't", "o'clock", "l'amour", "qu'il", "y'all",
          "aujourd'hui", "rock'n'roll", "it's", "xi's", "café", "2024", "g20", "covid-19", "naïve", "'tis",
          "zzzzzzqx", "a", "i", "de", "la", "prosperous", "blinken", "n'est", "s'il", "d'accord"]


def _words() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((HERE.parent / "seeds").glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8", errors="replace") for p in sorted((HERE / "data").glob("*.tsv"))]
    found = {w.casefold() for t in texts for w in re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)*", t)}
    return sorted(found | set(TRICKY))


@pytest.mark.parametrize("language,wordlist", [("en", "best"), ("es", "small"), ("fr", "small"), ("de", "best")])
def test_every_word_has_wordfreqs_own_frequency(language, wordlist):
    words = _words()
    assert len(words) > 2000
    wrong = [(w, zipf_frequency(w, language, wordlist), wordfreq_zipf(w, language, wordlist=wordlist))
             for w in words if zipf_frequency(w, language, wordlist) != wordfreq_zipf(w, language, wordlist=wordlist)]
    assert not wrong, wrong[:10]


def test_plain_words_are_looked_up_without_importing_wordfreq():
    code = ("import sys\nfrom variance.artefacts.lexicon import zipf_frequency as z\n"
            "print(z('the', 'en'), z('everyone\u2019s', 'en'), z('de', 'es', 'small'), 'wordfreq' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == [str(wordfreq_zipf("the", "en")), str(wordfreq_zipf("everyone’s", "en")),
                   str(wordfreq_zipf("de", "es", wordlist="small")), "False"]


def test_the_table_kept_in_the_cache_gives_the_same_frequencies(tmp_path):
    """A second process reads the table kept by the first; a damaged table is built again."""
    code = ("from variance.artefacts.lexicon import zipf_frequency as z\n"
            "print(*(z(w, 'en') for w in " + repr(TRICKY) + "), z('de', 'es', 'small'))")
    env = {**os.environ, "VARIANCE_CACHE_DIR": str(tmp_path)}
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env).stdout]
    kept = sorted((tmp_path / "lexicons").iterdir())
    assert [p.name.split(".")[0] for p in kept] == ["large_en", "small_es"]
    runs.append(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env).stdout)
    kept[0].write_bytes(kept[0].read_bytes()[:1000])
    runs.append(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env).stdout)
    expected = " ".join(str(wordfreq_zipf(w, "en")) for w in TRICKY) + f" {wordfreq_zipf('de', 'es', wordlist='small')}\n"
    assert runs == [expected] * 3

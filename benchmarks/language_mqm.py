"""Language detection and Chinese sentence ends on the WMT 2021 zh-en set.

Detection: every Chinese source and English version as a whole document, then single lines
(650 Chinese, 650 English reference lines, 2,000 machine-translated lines drawn with a fixed
seed); variance's detector (script, then fastText) against a script-only baseline, and
py3langid / langdetect when they happen to be installed (neither is a dependency).

Sentence ends: each Chinese source's lines joined into one paragraph, split again; a boundary
is right when it falls where the source had a line break. Lines that hold two sentences make
some right splits count as wrong, so precision is a lower bound. Baseline: the same splitter
with English rules.

    python benchmarks/language_mqm.py
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from mqm import ROOT

from variance.load.language import detect_language
from variance.text.segment import split_paragraph


def _lines(pattern: str) -> list[str]:
    return [line for path in sorted(ROOT.glob(pattern))
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _script(text: str) -> str:
    han = sum("\u4e00" <= c <= "\u9fff" for c in text)
    return "zh" if han > 0.3 * max(1, sum(c.isalpha() for c in text)) else "en"


def _variance(text: str) -> str:
    found = detect_language(text)
    return found.code if found else "?"


def _detectors() -> dict[str, Callable[[str], str]]:
    found: dict[str, Callable[[str], str]] = {"variance": _variance, "script only": _script}
    try:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        ident = LanguageIdentifier.from_model_file(MODEL_FILE)
        found["py3langid"] = lambda t: ident.classify(t)[0]
    except ImportError:
        pass
    try:
        import langdetect

        langdetect.DetectorFactory.seed = 0
        found["langdetect"] = lambda t: langdetect.detect(t)[:2]
    except ImportError:
        pass
    return found


def detection() -> None:
    documents = [(p.read_text(encoding="utf-8"), "zh") for p in sorted(ROOT.glob("sources/*.txt"))]
    documents += [(p.read_text(encoding="utf-8"), "en") for p in sorted(ROOT.glob("docs/*/*.txt"))]
    machine = [line for line in _lines("docs/*/*.txt")]
    human = set(_lines("docs/*/ref-A.txt"))
    lines = [(t, "zh") for t in _lines("sources/*.txt")] + [(t, "en") for t in _lines("docs/*/ref-A.txt")]
    lines += [(t, "en") for t in random.Random(1).sample([m for m in machine if m not in human], 2000)]
    print(f"{len(documents)} documents, {len(lines)} lines")
    for name, detect in _detectors().items():
        for label, items in (("documents", documents), ("lines", lines)):
            start = time.process_time()
            answers = [detect(text) for text, _ in items]
            took = time.process_time() - start
            right = sum(a == gold for a, (_, gold) in zip(answers, items))
            silent = answers.count("?")
            print(f"  {name:12} {label:9} accuracy {right / len(items):.4f} "
                  f"({len(items) - right - silent} wrong, {silent} no answer), {took:.2f} s CPU")


def boundaries() -> None:
    for language in ("zh", "en"):  # the split before this change: P 0.968, R 0.861
        found = right = gold = 0
        for path in sorted(ROOT.glob("sources/*.txt")):
            lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
                     if line.strip()]
            text = "".join(lines)
            cuts, offset = set(), 0
            for line in lines[:-1]:
                offset += len(line)
                cuts.add(offset)
            spans = split_paragraph(text, 0, len(text), language)
            predicted = {start for start, _ in spans[1:]}
            found, right, gold = found + len(predicted), right + len(predicted & cuts), gold + len(cuts)
        print(f"  split with {language} rules: precision {right / found:.3f}, "
              f"recall {right / gold:.3f} ({gold} line breaks)")


if __name__ == "__main__":
    print("language detection")
    detection()
    print("Chinese sentence ends (line breaks of the sources as truth)")
    boundaries()

"""Quote checks on translated versions of real news (../shared/data/mqm-zhen-2021): how often a
quote every version translates is called absent, and how often a quote that is really not in a
version is called found, beside the quote checker of an earlier commit (`--baseline`) loaded from
git in the same run, on the same comparisons.

For each article the 15 English versions are compared (meaning `--semantic`, off by default so
that a run takes minutes, not the encoder's cold start); every direct quote that ref-A prints is
checked against all of them, from ref-A. Truth comes from the data's segment alignment:
- positives: every other version carries the quote's segment, in its own translation;
- negatives, dropped: one version (the third) has every other quoted segment removed, so the
  quotes of those segments are really not in it;
- negatives, another article: the same quotes checked against the versions of the next article.
A check "finds" the quote when its verdict is not absent.

    python benchmarks/quotes_mqm.py [--articles N] [--semantic auto]
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import mqm

from variance.model import Document, Options, Semantic
from variance.pipeline import compare_documents
from variance.quotes import check as current
from variance.text.quotemarks import direct_quotes
from variance.text.segment import segment_document

ROOT = Path(__file__).resolve().parent.parent
BASELINE = "c204612"
"""The last commit of main before the quote verdicts of issue 18."""
DROPPED = 2
"""Index of the version that loses every other quoted segment."""


def baseline_check(commit: str) -> ModuleType:
    """`variance/quotes/check.py` and `passages.py` as they were at `commit`."""
    modules = {}
    for name in ("passages", "check"):
        source = subprocess.run(["git", "-C", str(ROOT), "show", f"{commit}:variance/quotes/{name}.py"],
                                capture_output=True, text=True, check=True).stdout
        source = source.replace("from .passages import", "from ._baseline_passages import")
        spec = importlib.util.spec_from_loader(f"variance.quotes._baseline_{name}", loader=None)
        assert spec is not None
        module = importlib.util.module_from_spec(spec)
        module.__package__ = "variance.quotes"
        sys.modules[spec.name] = module
        exec(compile(source, f"{commit}:{name}.py", "exec"), module.__dict__)
        modules[name] = module
    return modules["check"]


def document(doc_id: str, text: str) -> Document:
    return segment_document(Document(doc_id, f"{doc_id}.txt", text, hashlib.sha256(text.encode()).hexdigest()))


def article_docs(article: str) -> tuple[list[Document], dict[str, set[int]]]:
    """The article's versions, the third with every other quoted segment removed; and the
    segments each version lacks."""
    versions = mqm.versions(article)
    ref = next(v for v in versions if v.system == "ref-A")
    quoted = sorted({seg for q in direct_quotes(document("ref-A", ref.text))
                     for seg, (s, e) in ref.spans.items() if s <= q.start < e})
    drop = set(quoted[::2])
    docs, missing = [], {}
    for i, v in enumerate(versions):
        text = v.text
        if i == DROPPED and v.system != "ref-A":
            for seg in sorted(drop, key=lambda k: -v.spans[k][0]):
                s, e = v.spans[seg]
                text = text[:s] + text[e:].lstrip("\n")
            missing[v.system] = drop
        docs.append(document(v.system, text))
    return docs, missing


def quotes_of(ref: Document, spans: dict[int, tuple[int, int]]) -> list[tuple[str, int, tuple[int, int]]]:
    """(text, segment, span) of every direct quote ref-A prints, once per text."""
    out, seen = [], set()
    for q in direct_quotes(ref):
        text = q.text(ref)
        seg = next((k for k, (s, e) in spans.items() if s <= q.start < e), None)
        if seg is not None and len(text.split()) >= 3 and text not in seen:
            seen.add(text)
            out.append((text, seg, (q.start, q.end)))
    return out


def run(checkers: dict[str, Callable], n: int, semantic: Semantic) -> dict[str, dict[str, list[int]]]:
    arts = mqm.articles()[:n]
    tally = {name: {"pos": [0, 0], "dropped": [0, 0], "other": [0, 0], "self": [0, 0]} for name in checkers}
    comparisons = {}
    for a in arts + [mqm.articles()[n % len(mqm.articles())]]:
        docs, missing = article_docs(a)
        comparisons[a] = (compare_documents(docs, Options(semantic=semantic)), missing)
    for k, a in enumerate(arts):
        comparison, missing = comparisons[a]
        ref = comparison.document("ref-A")
        spans = next(v for v in mqm.versions(a) if v.system == "ref-A").spans
        other = comparisons[arts[k + 1] if k + 1 < len(arts) else mqm.articles()[n % len(mqm.articles())]][0]
        for text, seg, span in quotes_of(ref, spans):
            for name, check in checkers.items():
                result = check(comparison, text, "ref-A", span)
                for m in result.results:
                    found = m.verdict.value != "absent"
                    key = "self" if m.document == "ref-A" else \
                        "dropped" if seg in missing.get(m.document, set()) else "pos"
                    tally[name][key][0] += found if key != "self" else m.verdict.value == "verbatim"
                    tally[name][key][1] += 1
                for m in check(other, text, None, None).results:
                    tally[name]["other"][0] += m.verdict.value != "absent"
                    tally[name]["other"][1] += 1
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=len(mqm.articles()))
    parser.add_argument("--semantic", default="off", choices=[s.value for s in Semantic])
    parser.add_argument("--baseline", default=BASELINE)
    args = parser.parse_args()
    base = baseline_check(args.baseline)
    checkers = {
        f"baseline {args.baseline}": lambda c, t, src, span: base.check_quote(c, t, source=src),
        "now": lambda c, t, src, span: current.check_quote(c, t, source=src, span=span),
    }
    started = time.process_time()
    tally = run(checkers, args.articles, Semantic(args.semantic))
    print(f"{args.articles} articles, semantic {args.semantic}, {time.process_time() - started:.0f} CPU s\n")
    print(f"{'checker':<18} {'absent (positives)':>19} {'found (dropped)':>16} {'found (other article)':>22} "
          f"{'precision':>9} {'recall':>7} {'self verbatim':>14}")
    for name, t in tally.items():
        tp, pos = t["pos"]
        fp = t["dropped"][0] + t["other"][0]
        print(f"{name:<18} {1 - tp / pos:>11.3f} ({pos - tp:>4}/{pos}) {t['dropped'][0]:>6}/{t['dropped'][1]:<5} "
              f"{t['other'][0]:>10}/{t['other'][1]:<7} {tp / (tp + fp) if tp + fp else 0:>13.3f} "
              f"{tp / pos:>7.3f} {t['self'][0]:>6}/{t['self'][1]}")


if __name__ == "__main__":
    sys.exit(main())

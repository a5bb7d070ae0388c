"""Change kinds and severities against the labelled changes of `tests/data/change_cases.tsv`.

Per kind: precision and recall of the classifier, and of a keyword baseline in the same run
(a digit or number word → number, a negator or modal → negation, a speech word → attribution,
inside quotes → quote, different capitalised words → entity, same comparison key → cosmetic,
else by operation). Per severity: the same, and how often each level is given. Also the counts
per severity on the seeds, over changes and over the cells of the coverage matrix.

    python benchmarks/change_kinds.py            # tables on stdout
    python benchmarks/change_kinds.py --errors   # and every case the classifier gets wrong
"""

from __future__ import annotations

import argparse
import csv
import re
from collections import Counter
from pathlib import Path

from variance.diff.classify import change_severity, classify_change
from variance.model import ChangeKind, Op, Severity, worst_severity
from variance.text.normalize import key_words

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "change_cases.tsv"
_NUMBERISH = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|first|second|"
                        r"third|january|february|march|april|may|june|july|august|september|"
                        r"october|november|december|monday|tuesday|wednesday|thursday|friday|"
                        r"saturday|sunday|once|both)\b", re.I)
_NEGATIONS = frozenset("not no never must should may might can could will would cannot".split())
_SPEECH = frozenset("said says told noted added stressed urged statement quoted according".split())


def read_gold() -> list[list[str]]:
    rows = csv.reader(GOLD.open(encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE)
    return [r for r in rows if r and not r[0].startswith("#")]


def baseline_kind(op: Op, reference: str, witness: str, quoted: bool) -> ChangeKind:
    """What keyword spotting gives: the first keyword class found on either side."""
    a, b = key_words(reference), key_words(witness)
    if a == b:
        return ChangeKind.COSMETIC
    words = set(a) | set(b)
    if _NUMBERISH.search(reference + " " + witness):
        return ChangeKind.NUMBER
    if words & _NEGATIONS:
        return ChangeKind.NEGATION
    if words & _SPEECH:
        return ChangeKind.ATTRIBUTION
    if quoted:
        return ChangeKind.QUOTE
    if op is Op.REPLACE and re.search(r"\b[A-Z]", reference) and re.search(r"\b[A-Z]", witness):
        return ChangeKind.ENTITY
    return {Op.REPLACE: ChangeKind.WORDING, Op.INSERT: ChangeKind.ADDITION,
            Op.DELETE: ChangeKind.OMISSION}[op]


def scores(pairs: list[tuple[str, str]], labels: list[str]) -> list[tuple[str, int, float, float]]:
    """(label, gold count, precision, recall) per label; pairs are (gold, predicted)."""
    out = []
    for label in labels:
        tp = sum(1 for g, p in pairs if g == p == label)
        predicted = sum(1 for _, p in pairs if p == label)
        gold = sum(1 for g, _ in pairs if g == label)
        out.append((label, gold, tp / predicted if predicted else float("nan"),
                    tp / gold if gold else float("nan")))
    return out


def predict(row: list[str]) -> tuple[ChangeKind, Severity]:
    op, reference, witness, quoted, _, _, before, after, _ = row
    around = [(before, after)] if before or after else []
    kind = classify_change(Op(op), reference, witness, quoted=quoted == "y", around=around)
    return kind, change_severity(kind, Op(op), reference, witness, around=around)


def seed_severities() -> tuple[Counter, Counter]:
    """Severity counts on the seeds: over every change (cosmetic left out), over matrix cells."""
    from variance import compare
    comparison = compare([str(ROOT / "seeds")])
    changes: Counter = Counter()
    cells: Counter = Counter()
    for st in comparison.statements:
        for d in st.diffs:
            changes.update(c.severity.value for c in d.changes if c.kind is not ChangeKind.COSMETIC)
            worst = worst_severity(d.changes)
            cells[worst.value if worst else "none"] += 1
    return changes, cells


def _table(title: str, ours, base) -> None:
    print(f"\n{title}\n| label | gold | precision | recall | baseline precision | baseline recall |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for (label, n, p, r), (_, _, bp, br) in zip(ours, base):
        print(f"| {label} | {n} | {p:.2f} | {r:.2f} | {bp:.2f} | {br:.2f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list the cases classified wrong")
    parser.add_argument("--source", help="only the cases whose source starts with this (mqm2: "
                        "the held-out rows)")
    args = parser.parse_args()
    gold = [r for r in read_gold() if not args.source or r[8].startswith(args.source)]
    kinds, severities, base_kinds = [], [], []
    for row in gold:
        kind, severity = predict(row)
        kinds.append((row[4], kind.value))
        severities.append((row[5], severity.value))
        base = baseline_kind(Op(row[0]), row[1], row[2], row[3] == "y")
        base_kinds.append((row[4], base.value))
        if args.errors and (kind.value != row[4] or severity.value != row[5]):
            print(f"{row[8]}\t{row[0]}\t{row[1]!r} → {row[2]!r}\tgold {row[4]}/{row[5]}"
                  f"\tgot {kind.value}/{severity.value}")
    print(f"{len(gold)} labelled changes ({Counter(r[8].split(':')[0] for r in gold)})")
    labels = [k.value for k in ChangeKind]
    _table("Kinds", scores(kinds, labels), scores(base_kinds, labels))
    base_sev = [(r[5], {"cosmetic": "low", "spelling": "low", "wording": "medium", "addition":
                        "medium", "omission": "medium"}.get(b, "high")) for r, (_, b) in
                zip(gold, base_kinds)]
    _table("Severities (baseline: the severity of the baseline's kind)",
           scores(severities, [s.value for s in Severity]), scores(base_sev, [s.value for s in Severity]))
    accuracy = sum(g == p for g, p in kinds) / len(kinds)
    base_accuracy = sum(g == p for g, p in base_kinds) / len(base_kinds)
    print(f"\nkind accuracy {accuracy:.2f} (baseline {base_accuracy:.2f})")
    changes, cells = seed_severities()
    print(f"seeds, changes by severity (cosmetic left out): {dict(sorted(changes.items()))}")
    print(f"seeds, coverage-matrix cells by worst severity: {dict(sorted(cells.items()))}")


if __name__ == "__main__":
    main()

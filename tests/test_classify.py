"""Change kinds on the seeds' real changes (tests/data/change_cases.tsv)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from variance.diff.classify import classify_change, make_change
from variance.model import ChangeKind, Op, Severity

DATA = Path(__file__).parent / "data" / "change_cases.tsv"
CASES = [r for r in csv.reader(DATA.open(encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE) if r and not r[0].startswith("#")]


@pytest.mark.parametrize("op,reference,witness,quoted,kind", CASES,
                         ids=[f"{c[1]}->{c[2]}" for c in CASES])
def test_seed_changes_get_the_expected_kind(op, reference, witness, quoted, kind):
    assert classify_change(Op(op), reference, witness, quoted=quoted == "y") is ChangeKind(kind)


def test_severity_follows_kind():
    change = make_change(Op.REPLACE, "must", "should", (0, 4), (0, 6))
    assert (change.kind, change.severity) == (ChangeKind.NEGATION, Severity.HIGH)
    change = make_change(Op.REPLACE, "U.S.", "US", (0, 4), (0, 2))
    assert (change.kind, change.severity) == (ChangeKind.COSMETIC, Severity.LOW)


def test_cosmetic_never_hides_a_real_change(raw_seeds_comparison):
    for st in raw_seeds_comparison.statements:
        for d in st.diffs:
            for c in d.changes:
                if c.kind is ChangeKind.COSMETIC:
                    from variance.text.normalize import key_words
                    assert key_words(c.reference) == key_words(c.witness), c


def test_the_seeds_show_the_modality_change_of_the_cooperation_quote(raw_seeds_comparison):
    kinds = {(c.reference, c.witness): c.kind for st in raw_seeds_comparison.statements
             for d in st.diffs for c in d.changes}
    assert kinds[("must", "should")] is ChangeKind.NEGATION

"""Derived values of a comparison that every view shows the same way."""

from __future__ import annotations

from variance.model import ChangeKind, Severity, worst_severity


def test_worst_severity_leaves_cosmetic_changes_out_unless_asked(raw_seeds_comparison):
    changes = [c for st in raw_seeds_comparison.statements for d in st.diffs for c in d.changes]
    cosmetic = [c for c in changes if c.kind is ChangeKind.COSMETIC]
    assert worst_severity(cosmetic) is None
    assert worst_severity(cosmetic, cosmetic=True) is Severity.LOW
    assert worst_severity(changes) is Severity.HIGH
    assert worst_severity([]) is None


def test_reference_coverage_counts_the_reference_statements_a_version_carries(raw_seeds_comparison):
    c = raw_seeds_comparison
    ref_statements = [st for st in c.statements if st.member(c.reference)]
    carried, total = c.reference_coverage("002_5a4b68be5e1a8af6")
    assert total == len(ref_statements)
    assert carried == sum(1 for st in ref_statements if st.member("002_5a4b68be5e1a8af6"))
    assert c.reference_coverage(c.reference) == (total, total)


def test_options_are_written_into_every_output(raw_seeds_comparison):
    options = raw_seeds_comparison.options.to_json()
    assert set(options) == {"reference", "link_threshold", "max_run", "claims", "language", "max_bytes",
                            "follow_links", "strict", "artefacts", "quotes", "semantic"}

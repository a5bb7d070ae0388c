"""Omissions that matter: what the reference said that other versions dropped, ranked."""

from __future__ import annotations

from variance.coverage.omissions import rank_omissions


def test_omissions_that_matter_rank_quotes_numbers_and_people_first(seeds_comparison):
    ranked = rank_omissions(seeds_comparison)
    ref = seeds_comparison.reference
    top, score, reasons = ranked[0]
    text = seeds_comparison.document(ref).text[top.member(ref).start:top.member(ref).end]
    assert "“no progress means regression.”" in text
    assert reasons[0] == "direct quote" and reasons[-1].startswith("dropped by")
    assert [s for _, s, _ in ranked] == sorted((s for _, s, _ in ranked), reverse=True)
    for statement, _, _ in ranked:
        assert statement.member(ref) is not None and len(statement.members) < len(seeds_comparison.documents)
    numbers = next(r for _, _, r in ranked if any(x.startswith("numbers: 45th") for x in r))
    assert numbers

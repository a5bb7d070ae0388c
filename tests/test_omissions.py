"""Omissions that matter: what the reference said that other versions dropped, ranked, carried
on the comparison for every view."""

from __future__ import annotations

from variance.coverage.omissions import rank_omissions


def test_omissions_that_matter_rank_quotes_numbers_and_people_first(seeds_comparison):
    ranked = seeds_comparison.omissions
    assert ranked == rank_omissions(seeds_comparison)        # computed once, in the pipeline
    ref = seeds_comparison.reference
    top = seeds_comparison.statement(ranked[0].statement)
    text = seeds_comparison.document(ref).text[top.member(ref).start:top.member(ref).end]
    assert "“no progress means regression.”" in text
    assert ranked[0].reasons[0] == "direct quote" and ranked[0].reasons[-1].startswith("dropped by")
    assert [o.score for o in ranked] == sorted((o.score for o in ranked), reverse=True)
    for o in ranked:
        statement = seeds_comparison.statement(o.statement)
        assert statement.member(ref) is not None and len(statement.members) < len(seeds_comparison.documents)
        same_event = {d.id for d in seeds_comparison.documents if not seeds_comparison.other_event(d.id)}
        assert set(o.dropped_by) == same_event - {m.document for m in statement.members}
    assert any(x.startswith("numbers: 45th") for o in ranked for x in o.reasons)

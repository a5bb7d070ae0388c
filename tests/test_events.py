"""Versions of another event: found by their date, kept apart, said in every view."""

from __future__ import annotations

from dataclasses import replace

from variance.coverage.events import event_date, find_other_events, separate_events
from variance.model import Document, Member, Statement
from variance.model.decisions import Constraint, Constraints, Place

SEED_000 = "000_2d70ad85e036a288"


def test_seed_000_is_the_june_2023_meeting(seeds_comparison):
    [event] = seeds_comparison.events
    assert (event.document, event.date, event.others) == (SEED_000, "2023-06-20", "2024-04-26")
    assert seeds_comparison.other_event(SEED_000) is event


def test_its_statements_are_kept_apart_and_it_drops_nothing(seeds_comparison):
    for st in seeds_comparison.statements:
        if st.member(SEED_000):
            assert len(st.members) == 1 or st.id in seeds_comparison.events[0].kept
    assert all(SEED_000 not in o.dropped_by for o in seeds_comparison.omissions)


def test_every_view_says_so(seeds_comparison):
    from variance.render.html import render_html
    from variance.render.json_out import comparison_to_json

    data = comparison_to_json(seeds_comparison)
    flagged = {d["id"]: d["other_event"] for d in data["documents"]}
    assert flagged[SEED_000]["date"] == "2023-06-20"
    assert [k for k, v in flagged.items() if v] == [SEED_000]
    assert "another event: dated 2023-06-20" in render_html(seeds_comparison)


def _doc(doc_id: str, text: str, date: str | None = None) -> Document:
    from variance.text.segment import segment_document

    return segment_document(Document(doc_id, doc_id, text, doc_id, date=date), "en")


def test_dates_come_from_metadata_or_the_first_lines():
    assert event_date(_doc("a", "x", date="2024-04-26")) == (2024, 4, 26)
    assert event_date(_doc("b", "On 26 April 2024, the two met.")) == (2024, 4, 26)
    assert event_date(_doc("c", "The talks went on. Nothing was signed.")) is None


def test_one_version_a_year_earlier_is_another_event_and_agreeing_ones_are_not():
    docs = [_doc("a", "x", "2024-04-26"), _doc("b", "On April 26, they met."),
            _doc("c", "x", "2024-04-27"), _doc("d", "x", "2023-04-26")]
    assert [e.document for e in find_other_events(docs)] == ["d"]
    assert find_other_events([docs[0], docs[3]]) == ()      # one against one: no majority


def test_a_near_verbatim_link_to_another_event_stays_and_is_listed():
    same = "China is willing to cooperate, but cooperation must be two-way."
    docs = [_doc("a", same, "2024-04-26"), _doc("b", same, "2024-04-26"),
            _doc("c", same, "2024-04-26"), _doc("old", same + "", "2023-06-20"),
            ]
    members = tuple(Member(d.id, (0,), 0, len(same), 0.9) for d in docs)
    [event] = find_other_events(docs)
    statements, [kept] = separate_events([Statement(1, members, 0.9)], docs, [event])
    assert kept.kept == (1,) and len(statements[0].members) == 4
    other = replace(docs[3], text="China welcomes a confident, open and prosperous partner.")
    members = members[:3] + (Member("old", (0,), 0, len(other.text), 0.5),)
    statements, [apart] = separate_events([Statement(1, members, 0.8)], docs[:3] + [other], [event])
    assert apart.kept == () and [len(s.members) for s in statements] == [3, 1]
    linked = Constraints((Constraint("k", together=((Place("a", 0, len(same)),
                                                     Place("old", 0, len(other.text))),)),))
    statements, [stays] = separate_events([Statement(1, members, 0.8)], docs[:3] + [other], [event],
                                          linked)
    assert stays.kept == (1,) and [len(s.members) for s in statements] == [4]   # the editor's link wins


def test_a_body_date_is_a_guess_that_the_text_itself_can_overrule():
    agree = [_doc(k, "On July 24, soldiers helped farmers harvest chili.") for k in "abc"]
    background = _doc("d", "On July 17 and 22, the department released relief funds. "
                           "On July 24, soldiers helped farmers harvest chili.")
    elsewhere = _doc("e", "On July 17, the department released relief funds.")
    assert [e.document for e in find_other_events(agree + [background, elsewhere])] == ["e"]

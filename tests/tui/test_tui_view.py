"""What the screens show of a comparison: the filter, sentence statuses, search, labels."""

from __future__ import annotations

from dataclasses import replace

from variance.model import Artefact, ArtefactKind, ChangeKind, Severity
from variance.tui.view import FINDINGS, Lookup, Status, ViewFilter, short_labels


def shared(comparison, size: int):
    return next(st for st in comparison.statements if len(st.members) == size)


def test_the_default_filter_shows_every_change_but_cosmetic_and_keeps_every_statement(seeds_comparison):
    lookup = Lookup(seeds_comparison)
    view = ViewFilter()
    changes = [c for st in seeds_comparison.statements for d in st.diffs for c in d.changes]
    assert [c for c in changes if view.shows(c)] == [c for c in changes if c.kind is not ChangeKind.COSMETIC]
    assert lookup.visible(view) == list(seeds_comparison.statements)
    assert view.describe() == ""


def test_a_severity_filter_keeps_only_statements_with_such_a_change(seeds_comparison):
    lookup = Lookup(seeds_comparison)
    view = ViewFilter(min_severity=Severity.HIGH)
    kept = lookup.visible(view)
    assert 0 < len(kept) < len(seeds_comparison.statements)
    assert all(lookup.severity(st, view) is Severity.HIGH for st in kept)
    assert view.describe() == "high+"


def test_hiding_cosmetic_changes_leaves_the_others(seeds_comparison):
    view = ViewFilter(hide_cosmetic=True)
    changes = [c for st in seeds_comparison.statements for d in st.diffs for c in d.changes]
    assert any(c.kind is ChangeKind.COSMETIC for c in changes)
    assert [c for c in changes if view.shows(c)] == [c for c in changes if c.kind is not ChangeKind.COSMETIC]


def test_sentence_status_follows_the_statement_it_belongs_to(seeds_comparison):
    seeds_comparison = replace(seeds_comparison, artefacts=())  # artefacts take precedence
    lookup = Lookup(seeds_comparison)
    view = ViewFilter()
    # A sentence cut into claims belongs to every statement one of its parts is in: it is
    # changed when any part is, unique when every part is said by this version alone.
    holding: dict[tuple[str, int], list] = {}
    for st in seeds_comparison.statements:
        for m in st.members + st.repeats:
            for i in m.sentences:
                holding.setdefault((m.document, i), []).append(st)

    def changed_in(st, document):
        diffs = st.diffs if lookup.anchor(st).document == document else [st.diff(document)]
        return any(view.shows(c) for d in diffs if d is not None for c in d.changes)

    for st in seeds_comparison.statements:
        for m in st.members:
            status = lookup.status(m.document, m.sentences[0], view)
            shared = [h for h in holding[m.document, m.sentences[0]] if len(h.members) > 1]
            if not shared:
                assert status is Status.UNIQUE
            elif any(changed_in(h, m.document) for h in shared):
                assert status is Status.CHANGED
            else:
                assert status is Status.AS_IS
            if len(st.members) > 1 and m.document != lookup.anchor(st).document \
                    and any(view.shows(c) for c in st.diff(m.document).changes):
                assert status is Status.CHANGED  # a changed part marks its sentence
    ref = seeds_comparison.document(seeds_comparison.reference)
    assert lookup.status(ref.id, 0, view) is Status.UNCOMPARED  # the headline


def test_an_artefact_marks_its_sentence_whatever_else_it_is(seeds_comparison):
    doc = next(d for d in seeds_comparison.documents if "baliand" in d.text)
    start = doc.text.index("baliand")
    artefact = Artefact(doc.id, start, start + 7, "baliand", ArtefactKind.GLUED, "two words glued")
    lookup = Lookup(replace(seeds_comparison, artefacts=(artefact,)))
    sentence = lookup.sentence_at(doc.id, start)
    assert lookup.status(doc.id, sentence, ViewFilter()) is Status.ARTEFACT
    assert Status.ARTEFACT in FINDINGS


def test_search_finds_every_version_case_blind_with_exact_offsets(seeds_comparison):
    lookup = Lookup(seeds_comparison)
    hits = lookup.search("BLINKEN")
    docs = {h.document for h in hits}
    assert len(docs) == len(seeds_comparison.documents)
    for h in hits:
        assert seeds_comparison.document(h.document).text[h.start:h.end].lower() == "blinken"
        if h.statement is not None:
            assert h.document in {m.document for m in lookup.statements[h.statement].members}
    assert lookup.search("   ") == []


def test_short_labels_are_the_shortest_distinct_prefixes():
    assert short_labels(["001_fd0f", "002_5a4b", "ap"]) == {"001_fd0f": "001…", "002_5a4b": "002…", "ap": "ap"}
    assert short_labels(["reuters-en", "reuters-es"]) == {"reuters-en": "reuters-en", "reuters-es": "reuters-es"}


def test_a_versions_wording_keeps_its_text_and_shows_what_it_dropped(seeds_comparison):
    from variance.tui.paint import member_wording

    view = ViewFilter(hide_cosmetic=False)
    dropped = [(st, d, c) for st in seeds_comparison.statements for d in st.diffs for c in d.changes
               if c.wit_start == c.wit_end and c.reference]
    assert dropped
    st, diff, change = dropped[0]
    member = st.member(diff.document)
    text = seeds_comparison.document(diff.document).text
    wording = member_wording(text, member, diff, view).plain
    assert f"⟨{change.reference}⟩" in wording
    markers = [f"⟨{c.reference}⟩" for c in diff.changes if c.wit_start == c.wit_end and c.reference]
    for marker in markers:
        wording = wording.replace(marker, "", 1)
    assert wording == text[member.start:member.end]

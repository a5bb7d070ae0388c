"""The decisions file and what decisions do to a comparison: read back as written, bad files
named by line and never rewritten, concurrent saves merged, stale decisions found, every kind
applied by the aligner."""

from __future__ import annotations

import hashlib
import multiprocessing
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import SEEDS, seed_documents
from decisionkit import decide, member_spans, span_of, statement_of, unlink

from variance.decisions import DecisionFile, read_decisions, save_decisions
from variance.errors import InputError
from variance.model import Options
from variance.model.decisions import DecisionKind, DecisionStatus, SpanRole
from variance.pipeline import compare, compare_documents

FAST = Options(artefacts=False, quotes=False)


@pytest.fixture(scope="module")
def plain():
    return compare_documents(seed_documents(), FAST)


def shared(c, at_least: int = 3):
    return [st for st in c.statements if len(st.members) >= at_least]


def test_a_saved_file_reads_back_the_same_decisions(tmp_path, plain):
    st = shared(plain)[0]
    path = str(tmp_path / "variance-decisions.toml")
    made = [unlink(plain, st, st.members[-1].document),
            decide(DecisionKind.NOTE, member_spans(plain, st), minutes=1,
                   note='checked against the ministry\'s Chinese text, 27 April — "verbatim"\nline two')]
    saved = save_decisions(path, add=made)
    back = read_decisions(path)
    assert back.decisions == tuple(made) == saved.decisions
    assert back.sha256 == hashlib.sha256(Path(path).read_bytes()).hexdigest()
    text = Path(path).read_text()
    assert text.startswith("# The editor's decisions") and 'kind = "unlink"' in text
    assert sorted(p.name for p in tmp_path.iterdir()) == [".variance-decisions.toml.lock",
                                                        "variance-decisions.toml"]


def test_a_missing_file_is_no_decisions_and_reading_creates_nothing(tmp_path):
    found = read_decisions(str(tmp_path / "variance-decisions.toml"))
    assert found.decisions == () and found.sha256 is None
    assert list(tmp_path.iterdir()) == []


BAD = [
    ("format = 1\n[[decision]]\nid = \"a\"\nkind = \"pin\n", "line 4: not valid TOML"),
    ("format = 1\n\n[[decision]]\nid = \"a\"\nkind = \"pinn\"\n", "line 5: decision 1: unknown kind 'pinn'"),
    ("format = 7\n", "line 1: format 7 is not one this variance reads"),
    ("colour = 1\n", "line 1: unknown key 'colour'"),
]


@pytest.mark.parametrize("text,message", BAD)
def test_a_malformed_file_is_one_error_naming_the_file_and_line(tmp_path, text, message):
    path = tmp_path / "variance-decisions.toml"
    path.write_text(text)
    with pytest.raises(InputError) as caught:
        read_decisions(str(path))
    assert str(caught.value).startswith(f"{path}, ") and message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_hand_edited_span_is_checked_against_its_own_text(tmp_path, plain):
    path = str(tmp_path / "d.toml")
    st = shared(plain)[0]
    save_decisions(path, add=[decide(DecisionKind.PIN, member_spans(plain, st))])
    text = Path(path).read_text()
    lines = text.splitlines()
    second_end = [i for i, line in enumerate(lines) if line.startswith("end = ")][1]
    lines[second_end] = "end = 99999"
    Path(path).write_text("\n".join(lines) + "\n")
    with pytest.raises(InputError, match=r"line \d+: decision 1: span 2: 'text' is \d+ characters"):
        read_decisions(path)


def test_a_broken_file_is_never_rewritten(tmp_path, plain):
    path = tmp_path / "variance-decisions.toml"
    path.write_text("format = 1\n[[decision]\n")
    before = path.read_bytes()
    with pytest.raises(InputError):
        save_decisions(str(path), add=[decide(DecisionKind.PIN, member_spans(plain, shared(plain)[0]))])
    assert path.read_bytes() == before


def _save_many(args) -> None:
    path, worker, count = args
    from datetime import timedelta

    from decisionkit import T0

    from variance.decisions import new_decision
    from variance.model.decisions import DecisionSpan

    span = DecisionSpan("a", "0" * 64, 0, 1, "x")
    for i in range(count):
        save_decisions(path, add=[new_decision(DecisionKind.NOTE, [span], author=f"w{worker}",
                                               note=str(i), now=T0 + timedelta(seconds=i))])


def test_two_processes_saving_at_once_lose_nothing(tmp_path):
    path = str(tmp_path / "variance-decisions.toml")
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        pool.map(_save_many, [(path, 1, 25), (path, 2, 25)])
    notes = {(d.author, d.note) for d in read_decisions(path).decisions}
    assert notes == {(f"w{w}", str(i)) for w in (1, 2) for i in range(25)}


def test_undo_removes_only_the_decision_undone(tmp_path, plain):
    path = str(tmp_path / "d.toml")
    st = shared(plain)[0]
    a, b = decide(DecisionKind.NOTE, member_spans(plain, st), note="a"), \
        decide(DecisionKind.VERIFY, member_spans(plain, st), minutes=1)
    save_decisions(path, add=[a])
    save_decisions(path, add=[b])
    assert read_decisions(path).decisions == (a, b)
    assert save_decisions(path, remove=[a.id]).decisions == (b,)


def test_unlink_takes_the_member_out_and_keeps_the_rest(plain):
    st = shared(plain)[0]
    gone = st.members[-1]
    c = compare_documents(seed_documents(), FAST, decisions=DecisionFile("d", None, (unlink(plain, st, gone.document),)))
    now = statement_of(c, gone.document, gone.start)
    rest = statement_of(c, st.members[0].document, st.members[0].start)
    assert now is not rest
    assert {m.document for m in rest.members} == {m.document for m in st.members} - {gone.document}
    [applied] = c.decisions.decisions
    assert applied.status is DecisionStatus.ACTIVE and set(applied.statements) == {now.id, rest.id}


def test_link_brings_a_sentence_of_another_version_into_the_statement(plain):
    st, lacking = next((st, d) for st in shared(plain) for d in plain.documents
                       if st.member(d.id) is None and d.body_sentences)
    s = lacking.body_sentences[-1]
    decision = decide(DecisionKind.LINK, [span_of(lacking, s.start, s.end, SpanRole.MEMBER),
                                          *member_spans(plain, st)])
    c = compare_documents(seed_documents(), FAST, decisions=DecisionFile("d", None, (decision,)))
    target = statement_of(c, st.members[0].document, st.members[0].start)
    assert target.member(lacking.id) is not None and target.member(lacking.id).start == s.start
    assert c.decisions.linked(target.id) == {lacking.id}


def test_merge_and_split_both_hold(plain):
    a, b = shared(plain, 2)[:2]
    merge = decide(DecisionKind.MERGE, [*member_spans(plain, a), *member_spans(plain, b, SpanRole.MEMBER)])
    merged = compare_documents(seed_documents(), FAST, decisions=DecisionFile("d", None, (merge,)))
    holders = {statement_of(merged, m.document, m.start).id for st in (a, b) for m in st.members}
    assert len(holders) == 1
    st = shared(plain)[0]
    half = len(st.members) // 2
    split = decide(DecisionKind.SPLIT, [*[span_of(plain.document(m.document), m.start, m.end, SpanRole.MEMBER)
                                          for m in st.members[:half]],
                                        *[span_of(plain.document(m.document), m.start, m.end)
                                          for m in st.members[half:]]])
    parted = compare_documents(seed_documents(), FAST, decisions=DecisionFile("d", None, (split,)))
    first = {statement_of(parted, m.document, m.start).id for m in st.members[:half]}
    second = {statement_of(parted, m.document, m.start).id for m in st.members[half:]}
    assert len(first) == len(second) == 1 and first != second


def test_a_pin_holds_where_the_aligner_alone_would_let_go(plain):
    st = next(s for s in shared(plain, 2) if min(m.confidence for m in s.members) < 0.5)
    strict = replace(FAST, link_threshold=0.9)
    alone = compare_documents(seed_documents(), strict)
    assert len({statement_of(alone, m.document, m.start).id for m in st.members}) > 1
    pin = decide(DecisionKind.PIN, member_spans(plain, st))
    pinned = compare_documents(seed_documents(), strict, decisions=DecisionFile("d", None, (pin,)))
    assert len({statement_of(pinned, m.document, m.start).id for m in st.members}) == 1


def test_a_later_decision_overrides_an_earlier_one_it_contradicts(plain):
    st = shared(plain)[0]
    pin = decide(DecisionKind.PIN, member_spans(plain, st), minutes=0)
    later = unlink(plain, st, st.members[-1].document, minutes=5)
    c = compare_documents(seed_documents(), FAST, decisions=DecisionFile("d", None, (pin, later)))
    status = {a.decision.id: a.status for a in c.decisions.decisions}
    assert status == {pin.id: DecisionStatus.OVERRIDDEN, later.id: DecisionStatus.ACTIVE}
    moved = st.members[-1]
    assert statement_of(c, moved.document, moved.start) is not statement_of(c, st.members[0].document,
                                                                          st.members[0].start)


def test_an_edited_document_makes_only_the_decisions_on_its_changed_text_stale(tmp_path, plain):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    older = compare([str(corpus)], FAST)
    sts = shared(older)
    edited_doc = next(m.document for m in sts[0].members if any(st.member(m.document) is None for st in sts))
    on_edit = unlink(older, sts[0], sts[0].members[-1].document)
    elsewhere = next(st for st in sts[1:] if st.member(edited_doc) is not None)
    same_doc = decide(DecisionKind.VERIFY, member_spans(older, elsewhere), minutes=1)
    other = next(st for st in sts if st.member(edited_doc) is None)
    untouched = decide(DecisionKind.NOTE, member_spans(older, other), minutes=2, note="fine")
    path = str(corpus / "variance-decisions.toml")
    save_decisions(path, add=[on_edit, same_doc, untouched])
    m = sts[0].member(edited_doc)
    assert m is not None
    doc = older.document(edited_doc)
    original = Path(doc.path).read_text()
    Path(doc.path).write_text(original.replace(doc.text[m.start:m.end], "An inserted sentence. "
                                               + doc.text[m.start:m.end].replace("the", "a", 1), 1))
    newer = compare([str(corpus)], FAST, decisions=read_decisions(path))
    status = {a.decision.id: a.status for a in newer.decisions.decisions}
    assert status == {on_edit.id: DecisionStatus.STALE, same_doc.id: DecisionStatus.EDITED,
                      untouched.id: DecisionStatus.ACTIVE}
    verified = newer.decisions.decisions[1]
    assert len(verified.statements) == 1
    assert all(newer.document(p.document).text[p.start:p.end] == s.text
               for p, s in zip(verified.places, same_doc.spans))


def test_a_decision_on_a_document_left_out_is_absent_not_stale(plain):
    st = next(s for s in shared(plain, 2) if len(s.members) == 2)
    note = decide(DecisionKind.LINK, [span_of(plain.document(st.members[0].document), st.members[0].start,
                                              st.members[0].end, SpanRole.MEMBER),
                                      *member_spans(plain, st, skip=st.members[0].document)])
    docs = [d for d in seed_documents() if d.id != st.members[0].document]
    c = compare_documents(docs, FAST, decisions=DecisionFile("d", None, (note,)))
    assert c.decisions.decisions[0].status is DecisionStatus.ABSENT

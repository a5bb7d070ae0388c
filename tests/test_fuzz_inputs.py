"""Fuzzing the loaders and the segmenter with what hostile text holds: lone surrogates, control
and escape characters, every quotation mark, multi-byte spaces before full stops (bounded)."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from variance.errors import InputError
from variance.load import document_from_text, load_paths
from variance.text.segment import segment_document

QUOTES = "\"'“”‘’„‟«»‹›「」『』〝〞＂"
SPACES = " \t\u00a0\u1680\u2000\u2002\u2009\u200a\u202f\u205f\u3000\u2028\u2029\u0085"
CONTROLS = "\x00\x07\x08\x0b\x0c\x1b\x7f\x9b\u200b\u202e\u2066\ufeff"
PIECES = list(QUOTES + SPACES + CONTROLS + ".!?;,:-–—。？¿¡\n" + "abcSXé中") + [
    "\ud800", "\udfff", "\udc80", "Mr. ", "U.S. ", "capital S", "word "]
HOSTILE = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
BOUNDED = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@BOUNDED
@given(HOSTILE)
def test_any_text_loads_as_valid_unicode_and_splits_into_exact_slices(text):
    try:
        doc = document_from_text(text, "d")
    except InputError:
        return
    doc.text.encode("utf-8")  # no lone surrogate is left
    doc = segment_document(doc)
    last = 0
    for s in doc.sentences:
        assert last <= s.start < s.end <= len(doc.text)
        assert doc.text[s.start:s.end] == doc.text[s.start:s.end].strip()
        last = s.end


@BOUNDED
@given(HOSTILE, HOSTILE)
def test_a_json_record_with_any_text_loads_or_is_one_input_error(tmp_path_factory, text, title):
    path = tmp_path_factory.mktemp("fuzz") / "r.json"
    path.write_text(json.dumps({"text": text, "title": title}), encoding="ascii")
    try:
        docs = load_paths([str(path)], warn=lambda message: None)
    except InputError as error:
        assert str(error).startswith(str(path))
        return
    for doc in docs:
        doc.text.encode("utf-8")
        (doc.title or "").encode("utf-8")
        segment_document(doc)


@BOUNDED
@given(st.binary(max_size=300))
def test_any_bytes_load_or_are_one_input_error(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "b.txt"
    path.write_bytes(data)
    try:
        docs = load_paths([str(path)], warn=lambda message: None)
    except InputError as error:
        assert "\n" not in str(error)
        return
    for doc in docs:
        doc.text.encode("utf-8")
        segment_document(doc)

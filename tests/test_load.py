"""Loading inputs into documents: paths, formats, encodings, metadata lines, errors.

Table-driven cases for metadata lines live in tests/data/load/meta_cases.json (text → spans) and
the expected spans of the five seed articles in tests/data/load/seed_meta.json.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from variance.errors import InputError, VarianceError
from variance.load import walk as walk_module
from variance.load.paths import document_from_text, load_paths
from variance.model import Document, Options

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data" / "load"
STORY = "Xi Jinping met Antony Blinken in Beijing on Friday.\nThe two sides agreed to keep talking.\n"


def write(folder: Path, name: str, content: bytes | str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def load_one(path: Path, **options) -> Document:
    docs = load_paths([str(path)], Options(**options))
    assert len(docs) == 1
    return docs[0]


def spans_of(doc: Document) -> list[list[str]]:
    return [[span.kind, doc.text[span.start:span.end]] for span in doc.meta]


def assert_spans_well_formed(doc: Document) -> None:
    previous_end = 0
    for span in doc.meta:
        assert 0 <= span.start < span.end <= len(doc.text)
        assert span.start >= previous_end, "meta spans must not overlap"
        previous_end = span.end


# --- the seeds -------------------------------------------------------------------------------

SEED_META = json.loads((DATA / "seed_meta.json").read_text(encoding="utf-8"))


def test_every_seed_loads_from_the_folder_with_its_file_stem_as_id():
    docs = load_paths([str(SEEDS)])
    assert [d.id for d in docs] == sorted(SEED_META)
    for doc in docs:
        raw = Path(doc.path).read_bytes()
        assert doc.text == raw.decode("utf-8")
        assert doc.sha256 == hashlib.sha256(raw).hexdigest()
        assert doc.sentences == ()
        assert doc.notes == ("decoded as utf-8",)


@pytest.mark.parametrize("seed", sorted(SEED_META))
def test_seed_metadata_spans_and_fields(seed):
    doc = load_one(SEEDS / f"{seed}.txt")
    expected = SEED_META[seed]
    assert spans_of(doc) == expected["spans"]
    for name, value in expected["fields"].items():
        assert getattr(doc, name) == value
    assert_spans_well_formed(doc)


def test_seed_002_date_line_keeps_its_leading_space_in_the_text():
    doc = load_one(SEEDS / "002_5a4b68be5e1a8af6.txt")
    assert doc.text.startswith(" date 2024-04-26 Politics\n")
    assert doc.meta[0].start == 1


# --- metadata lines: table-driven --------------------------------------------------------------

META_CASES = json.loads((DATA / "meta_cases.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", META_CASES, ids=[c["name"] for c in META_CASES])
def test_metadata_lines(case):
    doc = document_from_text(case["text"], "case")
    assert doc.text == case["text"], "nothing is removed from the text"
    assert spans_of(doc) == case["spans"]
    for name, value in case.get("fields", {}).items():
        assert getattr(doc, name) == value
    assert_spans_well_formed(doc)


# --- encodings and text repair -----------------------------------------------------------------

TEXT = "Café “quoted” – naïve façade.\nSecond line."
ENCODINGS = [
    ("utf-8", TEXT.encode("utf-8"), TEXT, "decoded as utf-8"),
    ("utf-8 with BOM", codecs.BOM_UTF8 + TEXT.encode("utf-8"), TEXT, "decoded as utf-8 (BOM)"),
    ("utf-16-le BOM", codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), TEXT, "utf-16-le (BOM)"),
    ("utf-16-be BOM", codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), TEXT, "utf-16-be (BOM)"),
    ("utf-32-le BOM", codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"), TEXT, "utf-32-le (BOM)"),
    ("utf-32-be BOM", codecs.BOM_UTF32_BE + TEXT.encode("utf-32-be"), TEXT, "utf-32-be (BOM)"),
    ("utf-16-le no BOM", TEXT.encode("utf-16-le"), TEXT, "utf-16-le (no BOM"),
    ("utf-16-be no BOM", TEXT.encode("utf-16-be"), TEXT, "utf-16-be (no BOM"),
    ("cp1252", TEXT.encode("cp1252"), TEXT, "decoded as cp1252"),
    ("latin-1", "Grüße aus Köln, schöne Straße.".encode("latin-1"),
     "Grüße aus Köln, schöne Straße.", "decoded as cp1252"),
    ("cp1251", "Привет, как дела? Это новость из Пекина.".encode("cp1251"),
     "Привет, как дела? Это новость из Пекина.", "decoded as cp1251"),
    ("mojibake", "Xi said: â€œWe are partnersâ€\x9d. CafÃ© talks.".encode(),
     "Xi said: “We are partners”. Café talks.", "repaired mojibake"),
    ("CRLF", b"One.\r\nTwo.\r\n", "One.\nTwo.\n", "decoded as utf-8"),
    ("lone CR", b"One.\rTwo.\r", "One.\nTwo.\n", "decoded as utf-8"),
    ("zero-width and bidi kept", "Xi\u200bJinping \u202emet\u202c Blinken.".encode("utf-8"),
     "Xi\u200bJinping \u202emet\u202c Blinken.", "decoded as utf-8"),
    ("combining accents kept", "Cafe\u0301 and no-break\u00a0space.".encode("utf-8"),
     "Cafe\u0301 and no-break\u00a0space.", "decoded as utf-8"),
]


@pytest.mark.parametrize("raw, text, note", [c[1:] for c in ENCODINGS], ids=[c[0] for c in ENCODINGS])
def test_encodings_decode_to_the_same_text_and_say_how(tmp_path, raw, text, note):
    doc = load_one(write(tmp_path, "story.txt", raw))
    assert doc.text == text
    assert any(note in n for n in doc.notes), doc.notes
    assert doc.sha256 == hashlib.sha256(raw).hexdigest()


def test_normal_text_is_not_marked_as_repaired(tmp_path):
    doc = load_one(write(tmp_path, "story.txt", TEXT))
    assert "repaired mojibake" not in doc.notes


# --- errors for one input ----------------------------------------------------------------------

ERRORS = [
    ("empty", b"", "file is empty"),
    ("whitespace", b" \n\t\r\n  ", "only whitespace"),
    ("BOM only", codecs.BOM_UTF8, "file is empty"),
    ("NUL bytes", b"Some text\x00\x00\x01\x02 more", "binary file (contains NUL bytes)"),
    ("PNG", b"\x89PNG\r\n\x1a\n" + bytes(range(1, 9)) * 4, "a PNG image, not text"),
    ("PDF", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "cannot read this PDF"),
    ("ZIP (docx)", b"PK\x03\x04" + b"\x14\x00" * 10, "a ZIP archive (or .docx/.odt/.epub)"),
    ("control characters", b"\x01\x02\x03\x04 abc", "binary file (control characters)"),
    ("undecodable", bytes(range(128, 256)), "cannot decode"),
    ("broken UTF-16 after BOM", codecs.BOM_UTF16_BE + b"\xd8\x00\x00A", "cannot decode as utf-16-be"),
]


@pytest.mark.parametrize("raw, message", [c[1:] for c in ERRORS], ids=[c[0] for c in ERRORS])
def test_a_bad_single_file_raises_input_error_naming_it(tmp_path, raw, message):
    path = write(tmp_path, "bad.txt", raw)
    with pytest.raises(InputError) as info:
        load_paths([str(path)])
    assert str(info.value).startswith(f"{path}: ")
    assert message in str(info.value)
    assert "\n" not in str(info.value)
    assert isinstance(info.value, VarianceError) and info.value.exit_code == 2


def test_missing_path(tmp_path):
    missing = tmp_path / "nope.txt"
    with pytest.raises(InputError, match=r"nope\.txt: no such file or directory"):
        load_paths([str(missing)])


def test_file_over_max_bytes_says_how_to_raise_the_limit(tmp_path):
    path = write(tmp_path, "big.txt", "x" * 100)
    with pytest.raises(InputError) as info:
        load_paths([str(path)], Options(max_bytes=50))
    assert str(info.value) == f"{path}: file is 100 bytes, over the limit of 50 (raise it with --max-bytes)"
    assert load_one(path, max_bytes=100).text == "x" * 100


def test_unreadable_file_says_permission_denied(tmp_path, monkeypatch):
    path = write(tmp_path, "locked.txt", STORY)
    if os.geteuid() == 0:  # root reads anything: simulate the refusal the OS would give
        def refuse(*args, **kwargs):
            raise PermissionError(13, "Permission denied")
        monkeypatch.setattr(walk_module, "open", refuse, raising=False)
    else:
        path.chmod(0)
    with pytest.raises(InputError, match=r"locked\.txt: permission denied"):
        load_paths([str(path)])


def test_folder_without_text_files(tmp_path):
    write(tmp_path / "folder", "photo.png", b"\x89PNG")
    write(tmp_path / "folder", ".hidden.txt", STORY)
    with pytest.raises(InputError) as info:
        load_paths([str(tmp_path / "folder")])
    assert str(info.value).startswith(f"{tmp_path / 'folder'}: no text files in this folder")
    assert "1 other file ignored" in str(info.value)


def test_empty_folder(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="empty: no text files in this folder"):
        load_paths([str(tmp_path / "empty")])


def test_no_paths_at_all():
    with pytest.raises(InputError, match="no input given"):
        load_paths([])


# --- several inputs: skip with a warning, or strict ----------------------------------------

def test_bad_files_among_several_are_skipped_with_a_warning_naming_them(tmp_path):
    good = write(tmp_path, "good.txt", STORY)
    empty = write(tmp_path, "empty.txt", b"")
    binary = write(tmp_path, "binary.txt", b"\x00\x01\x02")
    warnings: list[str] = []
    docs = load_paths([str(good), str(empty), str(tmp_path / "missing.txt"), str(binary)],
                      warn=warnings.append)
    assert [d.id for d in docs] == ["good"]
    assert warnings == [f"{empty}: file is empty",
                        f"{tmp_path / 'missing.txt'}: no such file or directory",
                        f"{binary}: binary file (contains NUL bytes), not text"]


def test_strict_turns_the_first_skip_into_an_error(tmp_path):
    good = write(tmp_path, "good.txt", STORY)
    empty = write(tmp_path, "empty.txt", b"")
    with pytest.raises(InputError, match=r"empty\.txt: file is empty"):
        load_paths([str(good), str(empty)], Options(strict=True), warn=pytest.fail)


def test_nothing_usable_names_the_inputs(tmp_path):
    a = write(tmp_path, "a.txt", b"")
    b = write(tmp_path, "b.txt", b"   ")
    warnings: list[str] = []
    with pytest.raises(InputError) as info:
        load_paths([str(a), str(b)], warn=warnings.append)
    assert str(info.value) == f"no usable input in {a}, {b} (see the warnings above)"
    assert len(warnings) == 2


def test_a_folder_with_one_bad_file_loads_the_rest(tmp_path):
    write(tmp_path / "f", "a.txt", STORY)
    write(tmp_path / "f", "b.txt", b"\x00\x00")
    warnings: list[str] = []
    docs = load_paths([str(tmp_path / "f")], warn=warnings.append)
    assert [d.id for d in docs] == ["a"]
    assert warnings == [f"{tmp_path / 'f' / 'b.txt'}: binary file (contains NUL bytes), not text"]


def test_default_warning_goes_to_stderr(tmp_path, capsys):
    good = write(tmp_path, "good.txt", STORY)
    load_paths([str(good), str(tmp_path / "gone.txt")])
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "gone.txt: no such file or directory" in captured.err


# --- folders ---------------------------------------------------------------------------------

def test_folder_is_read_recursively_in_sorted_order_skipping_hidden_and_other_files(tmp_path):
    root = tmp_path / "corpus"
    for name in ["b.txt", "a.md", "sub/c.txt", "sub/deeper/d.html", "e", "notes.pdf",
                 ".hidden.txt", ".git/config.txt", "sub/.cache/x.txt"]:
        content = "<html><body><p>Story text in a page here.</p></body></html>" \
            if name.endswith(".html") else STORY
        write(root, name, content)
    docs = load_paths([str(root)])
    assert [d.path for d in docs] == [str(root / p) for p in
                                      ["a.md", "b.txt", "e", "sub/c.txt", "sub/deeper/d.html"]]
    assert [d.id for d in docs] == ["a", "b", "e", "c", "d"]


def test_symlink_loops_and_duplicate_links_are_survived(tmp_path):
    root = tmp_path / "corpus"
    write(root, "story.txt", STORY)
    (root / "loop").symlink_to(root, target_is_directory=True)
    (root / "again.txt").symlink_to(root / "story.txt")
    (root / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    warnings: list[str] = []
    docs = load_paths([str(root)], warn=warnings.append)
    assert [d.path for d in docs] == [str(root / "again.txt")]
    assert warnings == [f"{root / 'dangling.txt'}: broken symbolic link; skipped"]


def test_ids_are_unique_with_the_parent_folder_then_a_counter(tmp_path):
    a = write(tmp_path / "a", "x.txt", STORY)
    b = write(tmp_path / "b", "x.txt", STORY)
    b_md = write(tmp_path / "b", "x.md", STORY)
    docs = load_paths([str(a), str(b), str(b_md)])
    assert [d.id for d in docs] == ["x", "x-b", "x-b-2"]
    assert docs[1].notes[-1] == "id 'x' was already taken; renamed to 'x-b'"


def test_many_small_files_load_with_unique_ids(tmp_path):
    for n in range(300):
        write(tmp_path / "many" / f"group{n % 3}", f"story{n % 100:03}.txt", f"Story number {n}.\n")
    docs = load_paths([str(tmp_path / "many")])
    assert len(docs) == 300
    assert len({d.id for d in docs}) == 300


# --- inputs are never written --------------------------------------------------------------

def test_loading_never_changes_the_input_files(tmp_path):
    files = [write(tmp_path, "a.txt", "CafÃ© â€™mojibakeâ€™.\r\nLine."),
             write(tmp_path, "b.html", (DATA / "page.html").read_bytes()),
             write(tmp_path, "c.json", (DATA / "records.json").read_bytes()),
             write(tmp_path, "d.txt", "Xi meets Blinken\nBody.\n"),
             write(tmp_path, "d.meta.json", '{"title": "T"}')]
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files}
    load_paths([str(tmp_path)], warn=lambda message: None)
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in files)


# --- HTML --------------------------------------------------------------------------------------

def test_html_page_keeps_the_article_text_and_the_page_title(tmp_path):
    doc = load_one(write(tmp_path, "page.html", (DATA / "page.html").read_bytes()))
    assert doc.title == "Xi meets Blinken in Beijing"
    assert doc.outlet == "Example News"
    assert doc.date == "2024-04-26"
    assert doc.language == "en"
    assert "two-way street" in doc.text and "artificial intelligence" in doc.text
    for hidden in ("SCRIPT-TEXT", "INLINE-SCRIPT", "COMMENT-TEXT", "secret-style"):
        assert hidden not in doc.text
    assert "extracted article text from HTML" in doc.notes


def test_html_falls_back_to_stripping_tags_when_trafilatura_finds_nothing(tmp_path, monkeypatch):
    trafilatura = pytest.importorskip("trafilatura")
    monkeypatch.setattr(trafilatura, "extract", lambda *args, **kwargs: None)
    doc = load_one(write(tmp_path, "page.html", (DATA / "page.html").read_bytes()))
    assert "two-way street" in doc.text
    for hidden in ("SCRIPT-TEXT", "INLINE-SCRIPT", "COMMENT-TEXT", "secret-style", "<p>"):
        assert hidden not in doc.text
    assert any("tags stripped" in note for note in doc.notes)


def test_html_without_text_is_an_error(tmp_path):
    path = write(tmp_path, "blank.html", "<html><head><script>x()</script></head><body></body></html>")
    with pytest.raises(InputError, match=r"blank\.html: no text found in this HTML page"):
        load_paths([str(path)])


UNCLOSED = ("<html><head><title>Talks</title></head><body><article>\n"
            "<p>The foreign ministers met in Beijing on Friday for talks.</p>\n"
            "<p>Both sides described the talks as candid and constructive.</p>\n"
            "<!-- related stories\n<p>HIDDEN-AFTER-COMMENT stays unread.</p>\n"
            "</article></body></html>\n")


@pytest.mark.parametrize("fallback", [False, True], ids=["trafilatura", "tags-stripped"])
def test_an_unclosed_comment_hides_the_rest_of_the_page_as_in_a_browser_and_says_so(
        tmp_path, monkeypatch, fallback):
    if fallback:
        trafilatura = pytest.importorskip("trafilatura")
        monkeypatch.setattr(trafilatura, "extract", lambda *args, **kwargs: None)
    doc = load_one(write(tmp_path, "page.html", UNCLOSED))
    assert "candid and constructive" in doc.text
    for unread in ("HIDDEN-AFTER-COMMENT", "<!--", "<p>", "related stories"):
        assert unread not in doc.text
    rest = len(UNCLOSED) - UNCLOSED.index("<!--")
    assert (f"an HTML comment opened at line 4 is never closed: as in a browser, the {rest} "
            "characters after it, to the end of the page, are not read") in doc.notes


def test_a_closed_comment_and_html5s_short_comments_leave_no_note(tmp_path):
    page = ("<html><body><p>First paragraph of the story.</p><!-- a --><p>Second.</p>"
            "<!--><p>Third, after an empty comment.</p><!-- b --!><p>Fourth.</p></body></html>")
    doc = load_one(write(tmp_path, "page.html", page))
    for kept in ("First", "Second", "Third", "Fourth"):
        assert kept in doc.text
    assert not any("comment" in note for note in doc.notes)


def test_a_page_entirely_inside_an_unclosed_comment_is_an_error_that_says_why(tmp_path):
    path = write(tmp_path, "hidden.html", "<html><body><!--<p>All of it.</p></body></html>")
    with pytest.raises(InputError, match=r"hidden\.html: no text found in this HTML page \(an "
                       r"HTML comment opened at line 1 is never closed"):
        load_paths([str(path)])


def test_extensionless_file_that_starts_like_a_page_is_html(tmp_path):
    doc = load_one(write(tmp_path, "saved", (DATA / "page.html").read_bytes()))
    assert doc.title == "Xi meets Blinken in Beijing"
    assert "<p>" not in doc.text


# --- JSON and JSONL --------------------------------------------------------------------------

def test_json_list_gives_one_document_per_good_record_and_warns_on_bad_ones(tmp_path):
    path = write(tmp_path, "records.json", (DATA / "records.json").read_bytes())
    warnings: list[str] = []
    docs = load_paths([str(path)], warn=warnings.append)
    assert [d.id for d in docs] == ["official", "records-2"]
    official = docs[0]
    assert (official.title, official.outlet, official.date, official.language, official.role) == (
        "President Xi Jinping meets with U.S. Secretary of State Antony Blinken",
        "Ministry of Foreign Affairs", "2024-04-26", "en", "official")
    assert docs[1].outlet == "Wire" and docs[1].text.startswith("Chinese President")
    assert all(d.sha256 == hashlib.sha256(path.read_bytes()).hexdigest() for d in docs)
    assert warnings == [
        f"{path}: record 3: no text field (expected 'text', 'body' or 'content'); record skipped",
        f"{path}: record 4: field 'date' must be a string, not a number; record skipped"]


def test_jsonl_warns_naming_the_line(tmp_path):
    path = write(tmp_path, "wires.jsonl", (DATA / "records.jsonl").read_bytes())
    warnings: list[str] = []
    docs = load_paths([str(path)], warn=warnings.append)
    assert [(d.id, d.outlet) for d in docs] == [("wires-1", "Wire A"), ("wires-4", "Wire C")]
    assert docs[1].role == "wire"
    assert [w.split(": ")[1] for w in warnings] == ["line 2", "line 5", "line 6"]
    assert all(w.startswith(f"{path}: ") and w.endswith("record skipped") for w in warnings)


def test_single_json_object_takes_the_file_stem(tmp_path):
    path = write(tmp_path, "wire.json", json.dumps({"text": STORY, "outlet": "AP"}))
    doc = load_one(path)
    assert (doc.id, doc.outlet, doc.text) == ("wire", "AP", STORY)


JSON_ERRORS = [
    ("syntax", '{"text": "a",}', "invalid JSON at line 1, column 14"),
    ("not an object", '"just a string"', "expected a JSON object with a 'text' field"),
    ("empty list", "[]", "no usable record"),
    ("no text", '{"title": "T"}', "no usable record"),
    ("deep nesting", "[" * 100_000 + "]" * 100_000, "JSON nested too deeply"),
]


@pytest.mark.parametrize("content, message", [c[1:] for c in JSON_ERRORS], ids=[c[0] for c in JSON_ERRORS])
def test_json_file_errors(tmp_path, content, message):
    path = write(tmp_path, "bad.json", content)
    with pytest.raises(InputError) as info:
        load_paths([str(path)], warn=lambda m: None)
    assert str(info.value).startswith(f"{path}: ") and message in str(info.value)


def test_strict_makes_a_bad_record_an_error(tmp_path):
    path = write(tmp_path, "records.json", (DATA / "records.json").read_bytes())
    with pytest.raises(InputError, match="record 3: no text field"):
        load_paths([str(path)], Options(strict=True))


# --- front matter and sidecars ---------------------------------------------------------------

def test_front_matter_fills_fields_and_is_marked_not_removed(tmp_path):
    raw = (DATA / "front_matter.md").read_text(encoding="utf-8")
    doc = load_one(write(tmp_path, "story.md", raw))
    assert doc.text == raw
    assert (doc.title, doc.outlet, doc.date, doc.language, doc.role) == (
        "Xi meets Blinken", "Example Wire", "2024-04-26", "en", "wire")
    assert spans_of(doc)[0] == ["front_matter", raw[:raw.index("---\nXi") + 3]]
    assert "front matter key 'author' ignored" in doc.notes


def test_sidecar_fills_fields_over_what_the_text_shows_and_is_not_a_document(tmp_path):
    shutil.copy(DATA / "story.txt", tmp_path / "story.txt")
    shutil.copy(DATA / "story.meta.json", tmp_path / "story.meta.json")
    docs = load_paths([str(tmp_path)])
    assert [d.id for d in docs] == ["story"]
    doc = docs[0]
    assert (doc.title, doc.outlet, doc.date, doc.language, doc.role) == (
        "Xi, Blinken hold talks", "Example Outlet", "2024-04-27", "en", "rewrite")
    assert spans_of(doc) == [["title", "Xi meets Blinken"]]
    assert f"metadata from {tmp_path / 'story.meta.json'}" in doc.notes


def test_sidecar_named_explicitly_is_read_with_its_document_only(tmp_path):
    story = write(tmp_path, "story.txt", STORY)
    sidecar = write(tmp_path, "story.meta.json", '{"outlet": "AP"}')
    warnings: list[str] = []
    docs = load_paths([str(story), str(sidecar)], warn=warnings.append)
    assert [(d.id, d.outlet) for d in docs] == [("story", "AP")]
    assert warnings == []


def test_sidecar_alone_is_an_error(tmp_path):
    sidecar = write(tmp_path, "lonely.meta.json", '{"outlet": "AP"}')
    with pytest.raises(InputError, match=r"lonely\.meta\.json: metadata sidecar with no document"):
        load_paths([str(sidecar)])


def test_broken_sidecar_is_a_warning_and_the_document_still_loads(tmp_path):
    story = write(tmp_path, "story.txt", STORY)
    write(tmp_path, "story.meta.json", '{"outlet": 5}')
    warnings: list[str] = []
    docs = load_paths([str(story)], warn=warnings.append)
    assert docs[0].outlet is None
    assert len(warnings) == 1 and warnings[0].startswith(f"{tmp_path / 'story.meta.json'}: ")
    assert warnings[0].endswith("field 'outlet' must be a string; metadata ignored")


# --- stdin -----------------------------------------------------------------------------------

def test_stdin_is_read_as_bytes_with_id_stdin():
    raw = "Café au lait.\r\nSecond line.".encode("cp1252")
    doc = load_paths(["-"], stdin=io.BytesIO(raw))[0]
    assert (doc.id, doc.path, doc.text) == ("stdin", "-", "Café au lait.\nSecond line.")
    assert doc.sha256 == hashlib.sha256(raw).hexdigest()


def test_stdin_json_is_recognised():
    raw = json.dumps({"text": STORY, "outlet": "Piped"}).encode()
    doc = load_paths(["-"], stdin=io.BytesIO(raw))[0]
    assert (doc.outlet, doc.text) == ("Piped", STORY)


def test_stdin_that_only_starts_like_json_is_text_with_a_note():
    doc = load_paths(["-"], stdin=io.BytesIO(b"{Updated} Xi met Blinken."))[0]
    assert doc.text == "{Updated} Xi met Blinken."
    assert "starts like JSON but does not parse as JSON; read as text" in doc.notes


def test_stdin_over_the_limit():
    with pytest.raises(InputError, match=r"^-: standard input is over the limit of 10 bytes"):
        load_paths(["-"], Options(max_bytes=10), stdin=io.BytesIO(b"x" * 11))


def test_stdin_twice_is_read_once(tmp_path):
    warnings: list[str] = []
    docs = load_paths(["-", "-"], stdin=io.BytesIO(STORY.encode()), warn=warnings.append)
    assert len(docs) == 1 and warnings == ["-: standard input can be read only once"]


# --- document_from_text ----------------------------------------------------------------------

def test_document_from_text_fills_fields_and_marks_metadata():
    doc = document_from_text("Xi meets Blinken\r\nXi met Blinken on Friday.", "a", outlet="AP",
                             role="wire", language="en", date="2024-04-26")
    assert (doc.id, doc.path, doc.text) == ("a", "<text>", "Xi meets Blinken\nXi met Blinken on Friday.")
    assert (doc.title, doc.outlet, doc.role, doc.language, doc.date) == (
        "Xi meets Blinken", "AP", "wire", "en", "2024-04-26")
    assert document_from_text("Xi meets Blinken\nBody.", "b", title="Given").title == "Given"


def test_document_from_text_rejects_empty_text():
    with pytest.raises(InputError, match=r"^quote: text is empty$"):
        document_from_text("  \n ", "q", path="quote")


# --- scale and start-up ----------------------------------------------------------------------

def test_a_huge_single_line_without_punctuation_loads(tmp_path):
    doc = load_one(write(tmp_path, "huge.txt", "word " * 1_000_000))
    assert len(doc.text) == 5_000_000 and doc.meta == ()


def test_plain_text_loading_imports_no_heavy_library(tmp_path):
    write(tmp_path, "a.txt", STORY)
    code = ("import sys; from variance.load.paths import load_paths; "
            f"load_paths([{str(tmp_path / 'a.txt')!r}]); "
            "print(sorted(m for m in ('trafilatura', 'ftfy', 'charset_normalizer', 'lxml') "
            "if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, check=True)
    assert result.stdout.strip() == "[]"


# --- any bytes: a document or an InputError --------------------------------------------------

@pytest.mark.parametrize("suffix", [".txt", ".html", ".json", ".jsonl", ""])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.one_of(
    st.binary(max_size=300),
    st.text(max_size=200).map(lambda s: s.encode("utf-8")),
    st.lists(st.sampled_from(["Xi met Blinken.", "Beijing:", "Reference(s):", "cgtn.com", "---",
                              "title: T", "\n", "\r\n", "“Quoted”", "Expert Insights", "é",
                              "â€™", "{\"text\": \"x\"}", "<p>", "\x00", " "]),
             max_size=20).map(lambda parts: "\n".join(parts).encode("utf-8")),
))
def test_any_bytes_load_or_raise_input_error(tmp_path, suffix, raw):
    path = tmp_path / f"input{suffix}"
    path.write_bytes(raw)
    try:
        docs = load_paths([str(path)], warn=lambda message: None)
    except InputError as error:
        assert str(error).startswith(str(path)) and "\n" not in str(error)
        return
    for doc in docs:
        assert isinstance(doc.text, str) and doc.text.strip()
        assert_spans_well_formed(doc)


LINE_PARTS = st.sampled_from([
    "Xi met Blinken.", "Beijing:", "BEIJING, June 20, 2023 /PRNewswire/ — ", "Beijing – ",
    "Yichang, China. ", "Reference(s):", "cgtn.com", "Source: Xinhua", "---", "title: T",
    " date 2024-04-26 Politics", "By Jane Doe", "“Quoted pull line”", "Expert Insights", "and",
    "lower case words", "", " ", "\u200b", "é", "A", ".", "–", "\t"])


@settings(max_examples=150, deadline=None)
@given(lines=st.lists(st.lists(LINE_PARTS, max_size=4).map("".join), min_size=1, max_size=12),
       newline=st.sampled_from(["\n", "\r\n", "\r"]))
def test_metadata_spans_are_always_ordered_disjoint_slices(lines, newline):
    text = newline.join(lines)
    if not text.strip():
        return
    doc = document_from_text(text, "t")
    assert doc.text == text.replace("\r\n", "\n").replace("\r", "\n")
    assert_spans_well_formed(doc)
    assert all(doc.text[s.start:s.end].strip() == doc.text[s.start:s.end] or s.kind == "dateline"
               for s in doc.meta)

"""`--save-inputs DIR`: every input as compared, and `variance report DIR` giving the same
statements offline."""

from __future__ import annotations

import json
import shutil

from click.testing import CliRunner
from conftest import SEEDS
from test_fetch import _loopback_only, server  # noqa: F401 (fixtures: a page server on 127.0.0.1)
from test_load_formats import make_docx, make_eml, make_pdf

from variance.cli import main


def _inputs(tmp_path, server):  # noqa: F811
    folder = tmp_path / "in"
    folder.mkdir()
    make_pdf(folder / "readout.pdf")
    make_docx(folder / "wire.docx")
    make_eml(folder / "desk.eml")
    return [f"{server}/old", str(folder), str(SEEDS / "001_fd0f5f049c184f2c.txt"),
            str(SEEDS / "002_5a4b68be5e1a8af6.txt")]


def _report(*args: str) -> tuple[dict, str]:
    result = CliRunner().invoke(main, ["report", "--json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout), result.stderr


def test_a_saved_folder_gives_the_same_statements_and_evidence_offline(tmp_path, server):  # noqa: F811
    saved = tmp_path / "evidence"
    first, talk = _report("--save-inputs", str(saved), *_inputs(tmp_path, server))
    assert f"variance: saved 6 inputs as compared in {saved} (13 files)" in talk
    again, _ = _report(str(saved))
    assert again["statements"] == first["statements"]
    assert again["artefacts"] == first["artefacts"]
    for before, after in zip(first["documents"], again["documents"], strict=True):
        for field in ("id", "path", "sha256", "title", "outlet", "date", "language", "fetch",
                      "sentences"):
            assert after[field] == before[field], field
        assert after["notes"] == before["notes"] + [f"read from the saved inputs in {saved}"]


def test_the_manifest_holds_hashes_urls_times_and_the_bytes_received(tmp_path, server):  # noqa: F811
    saved = tmp_path / "evidence"
    _report("-q", "--save-inputs", str(saved), f"{server}/old",
            str(SEEDS / "001_fd0f5f049c184f2c.txt"))
    manifest = json.loads((saved / "variance-inputs.json").read_text())
    page, seed = manifest["documents"]
    assert page["input"] == f"{server}/old"
    assert page["fetch"]["final_url"] == f"{server}/readout.html"
    assert page["fetch"]["redirects"] == [f"301 {server}/readout.html"]
    assert page["fetch"]["fetched_at"].endswith("Z")
    assert (saved / page["original"]).read_bytes().startswith(b"<!doctype html>")
    assert "China is willing to cooperate" in (saved / page["text"]).read_text()
    assert seed["original"].endswith(".txt") and seed["fetch"] is None
    assert (saved / seed["original"]).read_bytes() == (SEEDS / "001_fd0f5f049c184f2c.txt").read_bytes()


def test_a_saved_file_changed_afterwards_is_refused(tmp_path, server):  # noqa: F811
    saved = tmp_path / "evidence"
    _report("-q", "--save-inputs", str(saved), f"{server}/readout.html",
            str(SEEDS / "001_fd0f5f049c184f2c.txt"))
    text = next((saved / "texts").glob("001-*.txt"))
    text.write_text(text.read_text().replace("cooperate", "co-operate"))
    result = CliRunner().invoke(main, ["report", "--json", str(saved)])
    assert result.exit_code == 2
    assert result.stderr == (f"variance: error: {text}: changed since it was saved (its sha256 "
                             "differs from the manifest's)\n")


def test_save_inputs_writes_only_into_a_new_or_empty_folder(tmp_path):
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "keep.txt").write_text("mine")
    result = CliRunner().invoke(main, ["align", "--save-inputs", str(busy), str(SEEDS)])
    assert result.exit_code == 2
    assert result.stderr == (f"variance: error: {busy}: folder is not empty; --save-inputs "
                             "writes only into a new or empty folder\n")
    assert [p.name for p in busy.iterdir()] == ["keep.txt"]
    copy = tmp_path / "seeds"
    shutil.copytree(SEEDS, copy)
    result = CliRunner().invoke(main, ["align", "-q", "--save-inputs", str(tmp_path / "new"),
                                       str(copy)])
    assert result.exit_code == 0
    names = sorted(p.name for p in (tmp_path / "new" / "texts").iterdir())
    assert names == [f"{n:03d}-{p.stem}.txt" for n, p in enumerate(sorted(SEEDS.glob("*.txt")), 1)]


def test_a_saved_folder_inside_an_input_folder_is_not_read_twice(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    result = CliRunner().invoke(main, ["align", "-q", "--save-inputs", str(corpus / "saved"),
                                       str(corpus)])
    assert result.exit_code == 0
    again = CliRunner().invoke(main, ["align", "--json", str(corpus)])
    assert again.exit_code == 0
    assert len(json.loads(again.stdout)["documents"]) == 5
    assert (f"variance: warning: {corpus / 'saved'}: inputs saved by --save-inputs; skipped "
            "(give the folder as its own PATH to compare them)") in again.stderr

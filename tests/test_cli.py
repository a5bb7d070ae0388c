"""The command line as a user meets it: exit codes, stdout is data, stderr is talk."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import SEEDS

from variance.cli import main


@pytest.fixture
def runner():
    return CliRunner()


def test_every_command_has_help(runner):
    for name, command in main.commands.items():
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0, name
        assert command.get_short_help_str() and "Usage:" in result.output


@pytest.mark.parametrize("name", sorted(main.commands))
@pytest.mark.parametrize("args, says", [
    (["--no-such-option"], "No such option '--no-such-option'."),
    ([], "Missing "),
], ids=["unknown-option", "nothing-given"])
def test_every_usage_error_is_one_line_naming_the_command_and_what_is_wrong(runner, name, args, says):
    result = runner.invoke(main, [name, *args])
    assert result.exit_code == 2
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith(f"variance: error: {name}: ") and line.endswith(f"(see main {name} --help)")
    if name != "report":  # report's own message says what it needs: paths, or --cluster and --db
        assert says in line


def test_a_bad_value_and_an_unknown_command_are_one_line_too(runner):
    result = runner.invoke(main, ["align", str(SEEDS), "--threshold", "nan"])
    assert (result.exit_code, result.stderr) == (2, "variance: error: align: Invalid value for "
                                                 "'--threshold': 'nan' is not a number. "
                                                 "(see main align --help)\n")
    result = runner.invoke(main, ["algin"])
    assert (result.exit_code, result.stderr) == (2, "variance: error: No such command 'algin'. "
                                                 "(Did you mean one of: 'align', 'lint'?) "
                                                 "(see main --help)\n")


def test_help_and_the_program_alone_still_print_the_full_usage(runner):
    for args in (["--help"], ["align", "--help"], ["decisions", "-h"]):
        result = runner.invoke(main, args)
        assert result.exit_code == 0 and result.stdout.startswith("Usage: main ")
        assert "Options:" in result.stdout.splitlines()
    alone = runner.invoke(main, [])
    assert alone.stderr.startswith("Usage: main [OPTIONS] COMMAND [ARGS]...\n")
    assert "Commands:" in alone.stderr.splitlines() and "␊" not in alone.stderr


def test_align_prints_every_version_of_a_shared_statement(runner):
    result = runner.invoke(main, ["align", str(SEEDS), "--shared"])
    assert result.exit_code == 0, result.output
    assert "cooperation must be bilateral" in result.stdout
    assert "cooperation should be a two-way street" in result.stdout
    assert "absent from:" in result.stdout


def test_align_json_is_format_2_with_exact_slices(runner):
    result = runner.invoke(main, ["align", str(SEEDS), "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["format"] == 2 and set(data) >= {"documents", "reference", "statements", "options"}
    assert "artefacts" not in data
    texts = {p.stem: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    sentences = {d["id"]: d["sentences"] for d in data["documents"]}
    partial = 0
    for st in data["statements"]:
        for m in st["members"] + st["repeats"]:
            text = texts[m["document"]]
            assert m["text"] == text[m["start"]:m["end"]]
            assert [m["start"], m["end"]] == [m["spans"][0][0], m["spans"][-1][1]]
            touched = [s["index"] for s in sentences[m["document"]]
                       if any(s["start"] < b and a < s["end"] for a, b in m["spans"])]
            assert m["sentences"] == touched
            partial += m["partial"]
    assert partial > 0 and any(st["repeats"] for st in data["statements"])


def test_align_json_is_deterministic(runner):
    first = runner.invoke(main, ["align", str(SEEDS), "--json"]).stdout
    assert runner.invoke(main, ["align", str(SEEDS), "--json"]).stdout == first


def test_diff_marks_the_changes_between_two_files(runner):
    result = runner.invoke(main, ["diff", str(SEEDS / "001_fd0f5f049c184f2c.txt"),
                                  str(SEEDS / "002_5a4b68be5e1a8af6.txt")])
    assert result.exit_code == 0
    assert "[-must-]{+should+}⟨negation⟩" in result.stdout


def test_diff_shows_only_shared_statements_and_artefacts_only_when_asked(runner):
    files = [str(SEEDS / "001_fd0f5f049c184f2c.txt"), str(SEEDS / "002_5a4b68be5e1a8af6.txt")]
    plain = runner.invoke(main, ["diff", *files])
    assert plain.exit_code == 0
    assert "absent from:" not in plain.stdout and "artefact" not in plain.stdout
    asked = runner.invoke(main, ["diff", *files, "--artefacts"])
    assert asked.exit_code == 0 and "artefact" in asked.stdout


def test_a_missing_path_is_one_line_on_stderr_and_exit_2(runner, tmp_path):
    missing = tmp_path / "nope.txt"
    result = runner.invoke(main, ["align", str(missing)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert str(missing) in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_an_unknown_reference_names_the_documents(runner):
    result = runner.invoke(main, ["align", str(SEEDS), "--reference", "nope"])
    assert result.exit_code == 2
    assert "001_fd0f5f049c184f2c" in result.stderr


def test_a_bad_file_among_good_ones_is_a_warning(runner, tmp_path):
    (tmp_path / "a.txt").write_text("China is willing to cooperate. Cooperation must be bilateral.")
    (tmp_path / "b.txt").write_text("China is willing to cooperate. Cooperation should be two-way.")
    (tmp_path / "c.txt").write_bytes(b"\x00\x01\x02binary\x00")
    result = runner.invoke(main, ["align", str(tmp_path), "--json"])
    assert result.exit_code == 0
    assert "c.txt" in result.stderr
    assert [d["id"] for d in json.loads(result.stdout)["documents"]] == ["a", "b"]
    strict = runner.invoke(main, ["align", str(tmp_path), "--strict"])
    assert strict.exit_code == 2 and "c.txt" in strict.stderr


def test_lint_lists_the_seed_artefacts_and_keeps_the_native_article_clean(runner):
    result = runner.invoke(main, ["lint", str(SEEDS), "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert set(data) == {"format", "variance", "options", "documents", "artefacts"}
    found = {(a["document"][:3], a["kind"], a["text"]) for a in data["artefacts"]}
    assert ("000", "glued", "baliand") in found
    assert ("001", "doubled", "prosperous and prosperous") in found
    assert not any(doc == "004" for doc, _, _ in found)
    text = runner.invoke(main, ["lint", str(SEEDS)])
    assert "baliand" in text.stdout and "glued" in text.stdout


def test_lint_can_fail_a_script_when_anything_is_found(runner, tmp_path):
    (tmp_path / "a.txt").write_text("China welcomes a prosperous and prosperous United States.")
    (tmp_path / "b.txt").write_text("China welcomes a prosperous United States.")
    assert runner.invoke(main, ["lint", str(tmp_path), "--fail-on-any"]).exit_code == 1
    (tmp_path / "a.txt").write_text("China welcomes a prosperous United States.")
    assert runner.invoke(main, ["lint", str(tmp_path), "--fail-on-any"]).exit_code == 0


def test_align_does_not_spend_time_on_artefacts(runner):
    data = json.loads(runner.invoke(main, ["align", str(SEEDS), "--json"]).stdout)
    assert data["options"]["artefacts"] is False


def test_a_corpus_over_the_memory_limit_is_refused_at_the_start_in_one_line(runner, monkeypatch, tmp_path):
    import variance.load.paths

    def never(*args, **kwargs):
        raise AssertionError("the corpus was loaded before it was refused")

    monkeypatch.setattr(variance.load.paths, "load_paths", never)
    out = tmp_path / "r.html"
    result = runner.invoke(main, ["report", str(SEEDS), "-o", str(out), "--memory-limit", "50M"])
    assert result.exit_code == 2 and result.stdout == "" and not out.exists()
    [line] = result.stderr.strip().splitlines()
    assert "5 files" in line and "MB of memory" in line and "--memory-limit 50.0 MB" in line
    assert "--memory-limit off" in line
    monkeypatch.undo()
    went = runner.invoke(main, ["align", str(SEEDS), "--json", "--memory-limit", "off"])
    assert went.exit_code == 0 and json.loads(went.stdout)["statements"]
    bad = runner.invoke(main, ["align", str(SEEDS), "--memory-limit", "lots"])
    assert bad.exit_code == 2 and "not a size" in bad.stderr


def test_a_corpus_the_files_sizes_cannot_settle_is_checked_again_once_loaded(runner, tmp_path):
    """Pages of markup may hold little text, and pages too large to read for a sample are not
    refused by their sizes alone; the text loaded is, and the message then counts documents."""
    page = "<html><body><article><p>{}</p></article></body></html>"
    for i in range(2):
        (tmp_path / f"v{i}.html").write_text(page.format("China and the United States met. " * 64000))
    limit = ["--memory-limit", "110M"]
    result = runner.invoke(main, ["align", str(tmp_path), "--json", *limit])
    assert result.exit_code == 2 and result.stdout == ""
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("variance: error: 2 documents (") and "million characters" in line


def test_the_program_ends_with_all_its_output_and_its_exit_code(runner, tmp_path):
    """`python -m variance` ends without taking the interpreter apart (`outputs.end_process`):
    what it wrote is all there, in a pipe and in a file, and the exit codes are the usual ones."""
    import subprocess
    import sys

    def program(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "variance", *args], capture_output=True, text=True,
                              cwd=tmp_path)

    done = program("align", "--json", "-q", str(SEEDS))
    assert done.returncode == 0 and done.stderr == ""
    assert json.loads(done.stdout) == json.loads(runner.invoke(main, ["align", "--json", "-q", str(SEEDS)]).stdout)
    done = program("report", "-q", str(SEEDS), "-o", "r.html")
    assert done.returncode == 0 and (tmp_path / "r.html").read_text(encoding="utf-8").rstrip().endswith("</html>")
    done = program("align", str(tmp_path / "missing.txt"))
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "missing.txt" in done.stderr


def test_a_batch_command_run_in_the_callers_process_turns_the_collector_on_again(runner):
    # only the program, which ends with its command, leaves it paused (cli.run)
    import gc

    assert gc.isenabled()
    assert runner.invoke(main, ["align", str(SEEDS), "--json", "-q"]).exit_code == 0
    assert gc.isenabled()


def test_a_command_run_in_the_callers_process_gives_back_its_sigterm_handler(runner, tmp_path):
    # a command makes SIGTERM unwind it (temporary files removed, exit 143); a program that
    # runs one in its own process keeps its own handler afterwards, after an error too
    import signal

    def mine(signum, frame):
        pass

    before = signal.signal(signal.SIGTERM, mine)
    try:
        assert runner.invoke(main, ["align", str(SEEDS), "--json"]).exit_code == 0
        assert signal.getsignal(signal.SIGTERM) is mine
        assert runner.invoke(main, ["align", str(tmp_path / "missing")]).exit_code == 2
        assert signal.getsignal(signal.SIGTERM) is mine
    finally:
        signal.signal(signal.SIGTERM, before)

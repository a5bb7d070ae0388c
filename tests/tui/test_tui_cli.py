"""`variance tui` on the command line: what it refuses before opening the screen."""

from __future__ import annotations

from click.testing import CliRunner

from variance.cli import main


def test_tui_refuses_standard_input_it_needs_for_the_keyboard():
    result = CliRunner().invoke(main, ["tui", "-"])
    assert result.exit_code == 2
    assert "not -" in result.stderr and "Traceback" not in result.output
    assert result.stdout == ""


def test_tui_help_names_its_screens():
    result = CliRunner().invoke(main, ["tui", "--help"])
    assert result.exit_code == 0
    assert "statements" in result.stdout and "--reference" in result.stdout


def test_tui_takes_an_author_and_a_decisions_file():
    result = CliRunner().invoke(main, ["tui", "--help"])
    assert "--author" in result.stdout and "--decisions" in result.stdout

"""The README says what is true: its test command is what CI runs, every flag it names exists."""

from __future__ import annotations

import re
from pathlib import Path

from variance.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_test_command_is_what_ci_runs():
    section = README.split("## Tests", 1)[1].split("\n## ", 1)[0]
    [command] = re.findall(r"```sh\n(.*?)\n```", section, flags=re.S)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    assert command == ci
    assert (ROOT / ".ci" / "setup").stat().st_mode & 0o111


def test_every_flag_the_readme_names_exists():
    options = {cmd: {o for p in c.params for o in p.opts} for cmd, c in main.commands.items()}
    every = set().union(*options.values())
    options = {cmd: opts | {"--help"} for cmd, opts in options.items()}  # click gives every command --help
    every |= {"--help"}
    for line in README.splitlines():
        named = re.findall(r"variance (\w+)\b", line)
        for flag in re.findall(r"(?<![\w-])(--[a-z][a-z-]*)", line):
            where = [options[c] for c in named if c in options] or [every]
            assert any(flag in opts for opts in where), (flag, line)

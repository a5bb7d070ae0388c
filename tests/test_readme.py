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


def test_the_readme_shows_what_the_commands_print_on_the_seeds():
    """Each example of a command run on the seeds (a fenced block opening with `$ variance ...
    seeds/`) is what it prints at 80 columns: its lines in order, a `...` line standing for
    lines left out."""
    import shlex

    from click.testing import CliRunner

    examples = re.findall(r"```\n\$ variance ([^\n]*? seeds/[^\n]*)\n(.*?)\n```", README, flags=re.S)
    assert len(examples) >= 2
    for command, shown in examples:
        done = CliRunner().invoke(main, shlex.split(command.replace("seeds/", str(ROOT / "seeds"))),
                                  env={"COLUMNS": "80"})
        assert done.exit_code == 0, command
        printed = done.stdout.replace(str(ROOT / "seeds"), "seeds")
        at = 0
        for piece in shown.split("\n...\n"):
            found = printed.find(piece + "\n", at)
            assert found >= 0, (command, piece)
            at = found + len(piece)

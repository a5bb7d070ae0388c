"""The aligner's set operations give numpy's answers, and a comparison never loads numpy.ma."""

import subprocess
import sys

import numpy as np
from conftest import SEEDS
from hypothesis import given
from hypothesis import strategies as st

from variance.align.arrays import among, distinct

integers = st.lists(st.integers(min_value=-2**40, max_value=2**40), max_size=40)


@given(integers)
def test_distinct_is_numpys_unique(values):
    a = np.array(values, dtype=np.int64)
    assert np.array_equal(distinct(a), np.unique(a))


@given(integers, integers)
def test_among_is_numpys_isin(values, pool):
    a = np.array(values, dtype=np.int64)
    assert np.array_equal(among(a, pool), np.isin(a, np.array(pool, dtype=np.int64)))


def test_aligning_the_seeds_never_imports_numpy_ma():
    """numpy.ma would cost every run 10 ms of CPU for nothing."""
    code = ("import contextlib, io, sys\n"
            "from variance.cli import main\n"
            f"sys.argv = ['variance', 'align', {str(SEEDS)!r}]\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    try:\n"
            "        main()\n"
            "    except SystemExit:\n"
            "        pass\n"
            "print('numpy.ma' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"

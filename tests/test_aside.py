"""Work run on the second core gives the same answer as work run in place, failures included."""

from __future__ import annotations

import pytest

from variance.aside import aside


def square_sum(values, *, power=2):
    return sum(v ** power for v in values)


def fails(message):
    raise ValueError(message)


def test_the_result_is_the_same_as_calling_the_function():
    assert aside(square_sum, [1, 2, 3], power=3)() == square_sum([1, 2, 3], power=3)


def test_a_failure_in_the_child_is_raised_in_the_caller_once():
    with pytest.raises(ValueError, match="bad input"):
        aside(fails, "bad input")()


def test_the_pipeline_finds_the_same_artefacts_as_a_direct_call(raw_seeds_comparison):
    from variance.artefacts import detect_artefacts

    inline = detect_artefacts(raw_seeds_comparison.documents, raw_seeds_comparison.statements)
    assert raw_seeds_comparison.artefacts == inline

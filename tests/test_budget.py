"""The memory a comparison would need, estimated before reading (from the files' sizes and a
few files read as a sample) and after loading."""

from __future__ import annotations

from pathlib import Path

import pytest

import variance.load.survey as survey_module
from variance.budget import BudgetError, check_before, estimate
from variance.load import load_paths
from variance.load.survey import survey_paths
from variance.model import Options

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def test_the_survey_lists_the_files_loading_reads_with_their_sizes_and_reads_none():
    survey = survey_paths([str(SEEDS)], Options())
    assert [Path(p).name for p, _ in survey.files] == sorted(p.name for p in SEEDS.glob("*.txt"))
    assert survey.bytes == sum(p.stat().st_size for p in SEEDS.glob("*.txt"))


def test_the_characters_estimated_before_reading_bound_the_characters_loaded():
    survey = survey_paths([str(SEEDS)], Options())
    loaded = sum(len(d.text) for d in load_paths([str(SEEDS)], Options(), warn=lambda m: None))
    assert survey.fewest_characters() <= loaded <= survey.most_characters()
    assert survey.fewest_characters() > 0.9 * loaded  # the seeds are plain text: about a byte each


def test_a_corpus_that_fits_whatever_it_holds_is_not_sampled(monkeypatch):
    monkeypatch.setattr(survey_module, "_ratio", lambda *a: pytest.fail("a file was read"))
    check_before(survey_paths([str(SEEDS)], Options()), 10 * 1024 ** 3)
    check_before(survey_paths([str(SEEDS)], Options()), 0)  # no limit


def test_a_corpus_far_over_the_limit_is_refused_from_its_sizes(tmp_path):
    for i in range(40):
        (tmp_path / f"v{i:02}.txt").write_text("China and the United States met in Beijing. " * 2000)
    survey = survey_paths([str(tmp_path)], Options())
    with pytest.raises(BudgetError, match=r"^40 files \(3\.4 MB, at least 3\.[56] million characters\) "
                                          r"would need at least .* MB of memory"):
        check_before(survey, 200 * 1024 ** 2)
    need = estimate(load_paths([str(tmp_path)], Options()), Options())
    assert need.memory > 200 * 1024 ** 2  # loading would have said the same, later


def test_urls_and_missing_paths_count_for_nothing_before_reading(tmp_path):
    survey = survey_paths(["https://example.org/a.html", str(tmp_path / "missing.txt")], Options())
    assert survey.files == ()
    check_before(survey, 1)  # nothing known: loading decides


def test_a_file_over_max_bytes_counts_for_nothing_as_loading_refuses_it(tmp_path):
    (tmp_path / "big.txt").write_text("The talks were useful. " * 1000)
    (tmp_path / "small.txt").write_text("The talks were useful.")
    survey = survey_paths([str(tmp_path)], Options(max_bytes=1000))
    assert [Path(p).name for p, _ in survey.files] == ["small.txt"]

"""Work run on the second core gives the same answer as work run in place, failures included."""

from __future__ import annotations

import os

import pytest

from variance.parallel import Aside


def power_sum(values, power):
    return sum(v ** power for v in values)


def child_pid(*_):
    return os.getpid()


def fails(message):
    raise ValueError(message)


def test_the_result_is_the_same_as_calling_the_function():
    job = Aside(power_sum, [1, 2, 3])
    job.give(3)
    assert job.result() == power_sum([1, 2, 3], 3)


def test_the_work_really_runs_in_another_process():
    job = Aside(child_pid, prepare=lambda: None)
    job.give()
    assert job.result() != os.getpid()


def test_a_failure_in_the_child_is_raised_in_the_caller_once():
    job = Aside(fails, "bad input")
    job.give()
    with pytest.raises(ValueError, match="bad input"):
        job.result()


def test_the_pipeline_finds_the_same_artefacts_as_a_direct_call(raw_seeds_comparison):
    from variance.artefacts.detect import detect_artefacts

    inline = detect_artefacts(raw_seeds_comparison.documents, raw_seeds_comparison.statements)
    assert raw_seeds_comparison.artefacts == inline and inline


def test_from_a_worker_thread_it_computes_in_place_and_never_forks():
    import threading

    out = {}

    def worker():
        job = Aside(child_pid)
        out["forked"] = job.child is not None
        job.give()
        out["pid"] = job.result()

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert out == {"forked": False, "pid": os.getpid()}


def test_a_cancelled_job_leaves_no_child_behind():
    job = Aside(child_pid)
    child = job.child
    job.cancel()
    assert job.child is None and (child is None or not child.is_alive())

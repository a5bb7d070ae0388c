"""Work run on another core gives the same answer as work run in place, failures included, and
never forks where a fork is unsafe (`variance.parallel`)."""

from __future__ import annotations

import os
import threading

import pytest

from variance.parallel import ENV, Aside, can_fork, parallel_map


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


def test_the_pipeline_checks_the_same_quotes_as_a_direct_call(raw_seeds_comparison):
    from variance.quotes import budgeted_quotes

    inline = budgeted_quotes(raw_seeds_comparison)
    assert raw_seeds_comparison.quotes == inline and inline.groups


def test_quotes_read_ahead_of_the_statements_give_the_same_check_and_are_not_read_again(raw_seeds_comparison,
                                                                                       monkeypatch):
    import variance.quotes.reading as reading
    from variance.quotes import budgeted_quotes, finish_quotes, read_quotes

    c = raw_seeds_comparison
    ahead = read_quotes(c.documents, vectors=True)
    searched: list[str] = []
    real = reading.literal_passages
    monkeypatch.setattr(reading, "literal_passages", lambda text, doc, **kw: searched.append(text) or real(text, doc, **kw))
    checked = finish_quotes(ahead, c.statements, c.reference, options=c.options)
    assert checked == budgeted_quotes(c) == c.quotes and checked.groups
    assert searched == []               # every quote's passages were found ahead, in every document


def test_the_quotes_are_read_ahead_with_words_alone_or_when_every_sentence_vector_is_cached(tmp_path, monkeypatch):
    from conftest import seed_documents

    from variance.model import Options, Semantic
    from variance.pipeline import compare_documents
    from variance.quotes import reads_ahead
    from variance.text.segment import segment_document

    monkeypatch.setenv("VARIANCE_CACHE_DIR", str(tmp_path))
    docs = [segment_document(d, "en") for d in seed_documents()]
    assert reads_ahead(docs, Options(semantic=Semantic.OFF))
    assert not reads_ahead(docs, Options())          # nothing cached: read after the aligner's model
    compare_documents(docs, Options())               # the seeds' quotes ask the meaning of every version
    assert reads_ahead(docs, Options())


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


def test_with_another_thread_alive_the_main_thread_never_forks():
    stop = threading.Event()
    background = threading.Thread(target=stop.wait)
    background.start()
    try:
        job = Aside(child_pid)
        assert job.child is None and not can_fork()
        job.give()
        assert job.result() == os.getpid()
    finally:
        stop.set()
        background.join()


def test_one_process_when_asked(monkeypatch):
    monkeypatch.setenv(ENV, "1")
    job = Aside(child_pid)
    job.give()
    assert job.child is None and job.result() == os.getpid()
    assert parallel_map(abs, [-1, -2, 3], at_least=1) == [1, 2, 3]


def append_line(path, line):
    with open(path, "a") as f:
        f.write(line + "\n")
    raise ValueError("after writing")


def test_a_failure_is_not_done_twice(tmp_path):
    marks = tmp_path / "runs.txt"
    job = Aside(append_line, str(marks))
    job.give("ran")
    with pytest.raises(ValueError, match="after writing"):
        job.result()
    assert marks.read_text() == "ran\n"


def dies(*_):
    os._exit(3)


def test_a_child_that_dies_is_a_warning_and_the_work_is_done_here():
    said = []
    job = Aside(child_pid, prepare=lambda: dies(), what="the check", warn=said.append)
    job.give()
    assert job.result() == os.getpid()
    assert len(said) == 1 and said[0].startswith("the check: its process ended without an answer")


def sleeps(*_):
    import time
    time.sleep(30)


def test_a_child_past_its_time_out_is_stopped_with_a_warning():
    said = []
    job = Aside(child_pid, prepare=sleeps, what="the check", timeout=0.5, warn=said.append)
    child = job.child
    job.give()
    assert job.result() == os.getpid() and not child.is_alive()
    assert said == ["the check: its process did not answer within 0.5 s and was stopped; "
                    "it runs in this process instead"]


PARENT = os.getpid()


def kill_worker(x):
    if x == 7 and os.getpid() != PARENT:    # dies in a worker, never in the test's own process
        os._exit(9)
    return x * 2


def test_the_parallel_map_answers_in_order_and_a_dead_worker_is_a_warning():
    assert parallel_map(abs, list(range(-500, 500)), at_least=10, chunksize=16) == \
        [abs(x) for x in range(-500, 500)]
    said = []
    assert parallel_map(kill_worker, list(range(40)), at_least=10, chunksize=4, what="doubling",
                        warn=said.append) == [x * 2 for x in range(40)]
    assert len(said) == 1 and said[0].startswith("doubling: a worker process died")


def pid_and(value):
    return os.getpid(), value


def joined(begun, later):
    return begun, later


def test_the_begun_part_runs_in_the_child_before_the_late_arguments_and_is_handed_on():
    job = Aside(joined, 7, begin=pid_and)
    assert job.child is not None or not can_fork()
    job.give("late")
    (pid, value), later = job.result()
    assert (value, later) == (7, "late") and (pid != os.getpid() or not can_fork())


def test_in_one_process_the_begun_part_is_done_at_the_result(monkeypatch):
    monkeypatch.setenv(ENV, "1")
    job = Aside(joined, 7, begin=pid_and)
    assert job.child is None
    job.give("late")
    assert job.result() == ((os.getpid(), 7), "late")


def test_a_failure_while_beginning_is_raised_in_the_caller_once(tmp_path):
    marks = tmp_path / "runs.txt"
    job = Aside(joined, str(marks), "begun", begin=append_line)
    job.give("late")
    with pytest.raises(ValueError, match="after writing"):
        job.result()
    assert marks.read_text() == "begun\n"


def test_a_cancelled_job_stops_a_child_still_beginning():
    job = Aside(joined, begin=sleeps)
    child = job.child
    job.cancel()
    assert job.child is None and (child is None or not child.is_alive())


@pytest.mark.parametrize("given, threads", [(None, "1"), ("2", "2")])
def test_the_program_starts_numpys_blas_on_one_thread_unless_told_a_count(given, threads):
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS",
                                                             "OMP_NUM_THREADS")}
    if given:
        env["OPENBLAS_NUM_THREADS"] = given
    code = ("from variance.parallel import blas_on_one_thread\nblas_on_one_thread()\nimport numpy\n"
            "from threadpoolctl import threadpool_info\n"
            "print(*{i['num_threads'] for i in threadpool_info() if i['internal_api'] == 'openblas'})")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.split() == [threads]


@pytest.mark.parametrize("given, huge", [(None, "False"), ("1", "True")])
def test_the_program_keeps_numpys_arrays_off_huge_pages_unless_told(given, huge):
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "NUMPY_MADVISE_HUGEPAGE"}
    if given:
        env["NUMPY_MADVISE_HUGEPAGE"] = given
    code = ("from variance.parallel import numpy_on_small_pages\nnumpy_on_small_pages()\nimport numpy\n"
            "print(numpy._core.multiarray._get_madvise_hugepage())")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.split() == [huge]

"""The task and outcome types of batch jobs (toolkit.batch.tasks) and their re-exports."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

import toolkit.batch
from glossary.errors import InputError
from models.errors import ModelError
from toolkit.batch import jobs, tasks

BATCH = Path(tasks.__file__).resolve().parent


@pytest.mark.parametrize("name", ["DocOutcome", "DocTask", "JobSpec", "Worker", "file_sha256",
                                  "job_key"])
def test_jobs_and_package_still_export_the_moved_names(name: str) -> None:
    assert getattr(jobs, name) is getattr(tasks, name)
    assert name in jobs.__all__
    if name in toolkit.batch.__all__:
        assert getattr(toolkit.batch, name) is getattr(tasks, name)


@pytest.mark.parametrize(("exc", "permanent", "error"), [
    (InputError("no translation", path="a.txt", hint="give --targets"), True, "a.txt"),
    (ModelError("model broke"), True, "model broke"),
    (RuntimeError("out of\nmemory"), False, "RuntimeError: out of memory"),
])
def test_failure_tells_bad_input_from_retryable_errors(exc: Exception, permanent: bool,
                                                       error: str) -> None:
    outcome = tasks.failure("doc.txt", exc)
    assert (outcome.rel, outcome.ok, outcome.permanent) == ("doc.txt", False, permanent)
    assert outcome.error is not None and error in outcome.error
    assert "\n" not in outcome.error


def test_task_and_outcome_pickle_for_ray() -> None:
    task = tasks.DocTask("a/b.txt", "/in/a/b.txt", 3, "k" * 64, target="/t/b.vi.txt")
    outcome = tasks.DocOutcome("a/b.txt", True, text="x", counts={"segments": 2})
    assert pickle.loads(pickle.dumps(task)) == task
    assert pickle.loads(pickle.dumps(outcome)) == outcome


@pytest.mark.parametrize("path", sorted(BATCH.glob("*.py")), ids=lambda p: p.name)
def test_batch_modules_stay_under_500_lines(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) < 500

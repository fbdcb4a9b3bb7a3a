"""The batch runtime as a nightly job sees it: report.json and failed.txt after a job
that stops early, progress inside a chunk, options that are not part of the job key,
and failed.txt's one line per document whatever a file name holds. A fake engine (no
model)."""

from __future__ import annotations

import functools
import io
import json
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from glossary.errors import InputError
from tests.upper_engine import UpperEngine
from toolkit.batch import TranslateSpec, run_batch, with_engine_signature
from toolkit.batch import local as batch_local
from toolkit.batch.jobs import DocTask, ExtractSpec, job_key
from toolkit.batch.manifest import DocState
from toolkit.batch.summary import escape_field, write_failed
from toolkit.progress import Progress
from toolkit.translate import TranslateOptions


def _spec(**options: Any) -> TranslateSpec:
    opts = TranslateOptions("en", "vi", beam_size=1, **{"batch_size": 64, **options})
    return with_engine_signature(TranslateSpec(opts, "fake"), UpperEngine())


def _docs(root: Path, texts: dict[str, str]) -> Path:
    for rel, text in texts.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


class StoppingWorker:
    """Raises ``stop`` when a chunk holds document ``rel`` (Ctrl-C, a full disk…)."""

    def __init__(self, inner: Any, rel: str, stop: BaseException) -> None:
        self.inner, self.rel, self.stop = inner, rel, stop

    def process(self, tasks: Sequence[DocTask], progress: Any = None) -> list[Any]:
        if any(t.rel == self.rel for t in tasks):
            raise self.stop
        return list(self.inner.process(tasks, progress))


def _report(out: Path) -> dict[str, Any]:
    report: dict[str, Any] = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return report


# ------------------------------------------------- report.json after an early stop
STOPS = [
    (KeyboardInterrupt(), KeyboardInterrupt, "interrupted (Ctrl-C or SIGTERM)"),
    (InputError("out/c.vi.txt: no space left on device", hint="free space and rerun"),
     InputError, "out/c.vi.txt: no space left on device (free space and rerun)"),
    (RuntimeError("ray refused\nthe connection"), RuntimeError,
     "RuntimeError: ray refused the connection"),
]


@pytest.mark.parametrize(("stop", "raised", "reason"), STOPS)
def test_a_stopped_rerun_rewrites_report_and_failed_list(
        tmp_path: Path, stop: BaseException, raised: type[BaseException], reason: str) -> None:
    src = _docs(tmp_path / "in", {"a.txt": "fine.\n", "b.txt": "BOOM here.\n"})
    out = tmp_path / "out"
    spec = _spec()
    first = run_batch(spec, src, out, worker=spec.open(UpperEngine()), max_attempts=1)
    assert first.exit_code == 3 and (out / "failed.txt").exists()
    assert (_report(out)["interrupted"], _report(out)["stop_reason"]) == (False, None)
    # The night after: b is fixed, two documents are new, and the job stops in the
    # second chunk (c and d).
    _docs(src, {"b.txt": "fixed.\n", "c.txt": "three.\n", "d.txt": "four.\n"})
    worker = StoppingWorker(spec.open(UpperEngine()), "c.txt", stop)
    with pytest.raises(raised):
        run_batch(spec, src, out, worker=worker, chunk_docs=2, max_attempts=1)
    report = _report(out)
    totals = report["totals"]
    assert [totals[k] for k in ("documents", "done", "failed", "pending", "segments")] == [
        4, 2, 0, 2, 2]  # the segments of a and b
    assert (report["interrupted"], report["stop_reason"]) == (True, reason)
    assert report["run"]["done"] == 1  # b, redone now
    assert {d["input"]: d["status"] for d in report["documents"]} == {
        "a.txt": "done", "b.txt": "done", "c.txt": "pending", "d.txt": "pending"}
    assert not (out / "failed.txt").exists()  # b no longer fails
    # The next run finishes, and says so.
    final = run_batch(spec, src, out, worker=spec.open(UpperEngine()), chunk_docs=2)
    assert (final.report["totals"]["done"], final.report["interrupted"]) == (4, False)


def test_a_new_folder_stopped_mid_run_gets_a_report(tmp_path: Path) -> None:
    src = _docs(tmp_path / "in", {f"d{i}.txt": f"doc {i}.\n" for i in range(4)})
    out = tmp_path / "out"
    spec = _spec()
    worker = StoppingWorker(spec.open(UpperEngine()), "d2.txt", KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        run_batch(spec, src, out, worker=worker, chunk_docs=2)
    report = _report(out)
    assert (report["totals"]["done"], report["totals"]["pending"]) == (2, 2)
    assert report["interrupted"] is True


def test_a_folder_stopped_before_any_document_stays_unbound(tmp_path: Path) -> None:
    src = _docs(tmp_path / "in", {"a.txt": "one.\n"})
    out = tmp_path / "out"
    spec = _spec()
    worker = StoppingWorker(spec.open(UpperEngine()), "a.txt", KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        run_batch(spec, src, out, worker=worker)
    assert not (out / "report.json").exists() and not (out / "manifest.sqlite").exists()


def test_a_report_that_cannot_be_written_hides_neither_stop_nor_stale_state(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = _docs(tmp_path / "in", {"a.txt": "one.\n", "b.txt": "BOOM.\n"})
    out = tmp_path / "out"
    spec = _spec()
    run_batch(spec, src, out, worker=spec.open(UpperEngine()), max_attempts=1)
    _docs(src, {"c.txt": "three.\n"})

    def full(*_: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(batch_local, "dump", full)
    worker = StoppingWorker(spec.open(UpperEngine()), "c.txt", KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):  # the stop, not the failed write
        run_batch(spec, src, out, worker=worker, max_attempts=1)
    # The last run's report and failed list are gone rather than stale.
    assert not (out / "report.json").exists() and not (out / "failed.txt").exists()


# ------------------------------------------------------- progress inside a chunk
def test_progress_moves_inside_a_chunk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = _docs(tmp_path / "in", {"a.txt": "one. two. three.\n", "b.txt": "four.\n"})
    out = tmp_path / "out"
    spec = _spec(batch_size=1)
    run_batch(spec, src, out, worker=spec.open(UpperEngine()), chunk_docs=2)
    _docs(src, {"b.txt": "four. five.\n"})  # a is done: it goes along as context
    monkeypatch.setattr(batch_local, "Progress", functools.partial(Progress, interval=0))
    stream = io.StringIO()
    run_batch(spec, src, out, worker=spec.open(UpperEngine()), chunk_docs=2, stream=stream)
    lines = stream.getvalue().splitlines()
    # One line per engine batch (one sentence) while the chunk runs, no document done yet ...
    inside = [line for line in lines if line.startswith("avet: 0/1 documents")]
    assert [line.split(", ")[2].split(" (")[0] for line in inside] == [
        f"{n} segments" for n in range(1, 6)]
    # ... then the chunk's own count: b's two sentences, not a's three.
    assert lines[-1].startswith("avet: 1/1 documents") and ", 2 segments (" in lines[-1]


def test_extraction_reports_words_per_document(tmp_path: Path) -> None:
    src = _docs(tmp_path, {"a.txt": "التحول الرقمي في المدينة.\n",
                           "b.txt": "البيانات المفتوحة والخدمات العامة.\n"})
    seen: list[int] = []
    worker = ExtractSpec().open()
    outcomes = worker.process([DocTask(rel, str(src / rel), n, "k")
                               for n, rel in enumerate(["a.txt", "b.txt"])], seen.append)
    assert seen == [o.counts["words"] for o in outcomes] and all(seen)


# --------------------------------------------------- options outside the job key
def test_parallel_does_not_redo_the_job_but_is_recorded(tmp_path: Path) -> None:
    src = _docs(tmp_path / "in", {"a.txt": "one.\n", "b.txt": "two.\n"})
    out = tmp_path / "out"
    one = _spec()
    run_batch(one, src, out, worker=one.open(UpperEngine()))
    two = replace(one, options=replace(one.options, parallel=2))
    again = run_batch(two, src, out, worker=two.open(UpperEngine()))
    assert (again.report["run"]["done"], again.report["run"]["skipped"]) == (0, 2)
    assert again.report["signature"]["options"]["parallel"] == 2
    beam = replace(one, options=replace(one.options, beam_size=2))  # a real change
    assert run_batch(beam, src, out, worker=beam.open(UpperEngine())).report["run"]["done"] == 2


def test_the_key_of_parallel_1_is_that_of_earlier_versions() -> None:
    signature = _spec().signature()
    earlier = {**signature, "glossary": {"hash": signature["glossary"]["hash"]}}
    assert (job_key(["h"], batch_local._key_signature(signature))
            == job_key(["h"], earlier))


# --------------------------------------------------------------- failed.txt lines
@pytest.mark.parametrize(("rel", "escaped"), [
    ("plain.txt", "plain.txt"),
    ("x\ty.txt", "x\\ty.txt"),
    ("p\nq.txt", "p\\nq.txt"),
    ("r\rs.txt", "r\\rs.txt"),
    ("back\\slash\\t.txt", "back\\\\slash\\\\t.txt"),
])
def test_failed_txt_keeps_one_line_of_three_fields(tmp_path: Path, rel: str,
                                                   escaped: str) -> None:
    path = tmp_path / "failed.txt"
    states = [DocState(rel, "k", "failed", 2, "bad\tinput\nhere", None, {}),
              DocState("next.txt", "k", "failed", 1, "boom", None, {})]
    assert write_failed(path, states) == 2
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[-1] == "" and len(lines) == 3
    assert lines[0].split("\t") == [escaped, "2", "bad\\tinput\\nhere"]
    assert lines[1].split("\t") == ["next.txt", "1", "boom"]
    assert escape_field(rel) == escaped

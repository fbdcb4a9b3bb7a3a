"""Batch units of work with a fake engine (no model): chunking, isolation of a bad
document, retries, the failed list, and the order of outputs."""

from __future__ import annotations

import json
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from glossary.errors import InputError
from models.base import Translation
from models.errors import ModelError
from tests.upper_engine import UpperEngine
from toolkit.batch import BatchResult, TranslateSpec, run_batch, with_engine_signature
from toolkit.batch.jobs import MAX_SEGMENT_CHARS, DocTask
from toolkit.progress import Progress
from toolkit.translate import TranslateOptions


def _spec(engine: UpperEngine) -> TranslateSpec:
    options = TranslateOptions("en", "vi", beam_size=1, batch_size=64)
    return with_engine_signature(TranslateSpec(options, "fake"), engine)


def _docs(root: Path, texts: dict[str, str]) -> Path:
    for rel, text in texts.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


@dataclass
class _Job:
    """A job over ``IN/a.txt`` and ``IN/b.txt`` (``one.``, ``two.``) into ``OUT``."""

    src: Path
    out: Path
    engine: UpperEngine = field(default_factory=UpperEngine)

    def run(self, **kwargs: Any) -> BatchResult:
        """Runs the job again (a fresh worker, as a new process would have)."""
        spec = _spec(self.engine)
        return run_batch(spec, self.src, self.out, worker=spec.open(self.engine), **kwargs)


def _two_documents_done(tmp_path: Path) -> _Job:
    """:class:`_Job` under ``tmp_path``, run once: both documents done."""
    job = _Job(_docs(tmp_path / "in", {"a.txt": "one.\n", "b.txt": "two.\n"}),
               tmp_path / "out")
    job.run()
    return job


def test_sentences_of_a_chunk_go_to_the_engine_together(tmp_path: Path) -> None:
    engine = UpperEngine()
    src = _docs(tmp_path / "in", {f"d{i}.txt": f"one {i}. two {i}.\n" for i in range(6)})
    result = run_batch(_spec(engine), src, tmp_path / "out", worker=_spec(engine).open(engine),
                       chunk_docs=3)
    assert engine.calls == [6, 6]  # two chunks of three documents, two sentences each
    assert (tmp_path / "out" / "d4.vi.txt").read_text(encoding="utf-8") == "ONE 4. TWO 4.\n"
    assert result.exit_code == 0 and result.report["totals"]["segments"] == 12


def test_a_document_that_breaks_the_engine_is_isolated_and_retried(tmp_path: Path) -> None:
    engine = UpperEngine()
    src = _docs(tmp_path / "in", {"a.txt": "fine.\n", "b.txt": "BOOM here.\n",
                                  "c.txt": "also fine.\n"})
    spec = _spec(engine)
    result = run_batch(spec, src, tmp_path / "out", worker=spec.open(engine), chunk_docs=3,
                       max_attempts=2)
    assert result.exit_code == 3
    assert sorted(p.name for p in (tmp_path / "out").glob("*.vi.txt")) == ["a.vi.txt",
                                                                            "c.vi.txt"]
    failed = (tmp_path / "out" / "failed.txt").read_text(encoding="utf-8")
    assert failed == "b.txt\t2\tRuntimeError: engine crashed\n"  # two attempts, then given up
    assert result.report["run"]["retried"] == 1


def test_overlong_sentence_fails_its_document_naming_the_line(tmp_path: Path) -> None:
    engine = UpperEngine()
    src = _docs(tmp_path / "in", {"long.txt": "ok.\n" + "x" * (MAX_SEGMENT_CHARS + 1) + "\n"})
    spec = _spec(engine)
    [outcome] = spec.open(engine).process([DocTask("long.txt", str(src / "long.txt"), 0, "k")])
    assert not outcome.ok and outcome.permanent
    assert f"long.txt:2: a sentence of {MAX_SEGMENT_CHARS + 1} characters" in (outcome.error or "")
    assert engine.calls == []


def test_changed_options_redo_everything(tmp_path: Path) -> None:
    engine = UpperEngine()
    src = _docs(tmp_path / "in", {"a.txt": "one.\n", "b.txt": "two.\n"})
    spec = _spec(engine)
    run_batch(spec, src, tmp_path / "out", worker=spec.open(engine))
    again = run_batch(spec, src, tmp_path / "out", worker=spec.open(engine))
    assert (again.report["run"]["done"], again.report["run"]["skipped"]) == (0, 2)
    from dataclasses import replace

    other = replace(spec, options=replace(spec.options, beam_size=3))
    redone = run_batch(other, src, tmp_path / "out", worker=other.open(engine))
    assert redone.report["run"]["done"] == 2
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["signature"]["options"]["beam_size"] == 3


def test_two_jobs_cannot_share_an_output_folder(tmp_path: Path) -> None:
    from glossary.errors import InputError
    from toolkit.batch.outdir import exclusive

    with exclusive(tmp_path), pytest.raises(InputError, match="another batch job"), \
            exclusive(tmp_path):
        pass


def test_progress_line_shows_documents_and_segments() -> None:
    import io

    stream = io.StringIO()
    with Progress(10, "documents", stream=stream, interval=0.0) as progress:
        progress.note("segments", 40)
        progress.advance(4)
    line = stream.getvalue().strip()
    assert line.startswith("avet: 4/10 documents,") and "40 segments (" in line
    assert "ETA" in line


@pytest.mark.parametrize("parallel", [1, 3])
def test_translate_spec_replicas_follow_parallel(parallel: int) -> None:
    options = TranslateOptions("en", "vi", parallel=parallel)
    assert TranslateSpec(options, "fake").replicas == parallel


class InterruptingWorker:
    """Processes chunks with ``inner``; Ctrl-C comes during the chunk that holds ``rel``."""

    def __init__(self, inner: Any, rel: str) -> None:
        self.inner, self.rel = inner, rel

    def process(self, tasks: Sequence[DocTask], progress: Any = None) -> list[Any]:
        if any(t.rel == self.rel for t in tasks):
            raise KeyboardInterrupt
        return list(self.inner.process(tasks, progress))


def _manifest_rows(out: Path) -> dict[str, tuple[str, int]]:
    from toolkit.batch import Manifest

    with Manifest(out) as m:
        return {s.rel: (s.status, s.attempts) for s in m.states()}


def test_ctrl_c_puts_the_running_chunk_back_without_an_attempt(tmp_path: Path) -> None:
    engine = UpperEngine()
    src = _docs(tmp_path / "in", {f"d{i}.txt": f"one {i}.\n" for i in range(4)})
    spec = _spec(engine)
    out = tmp_path / "out"
    for _ in range(2):  # interrupted twice during the second chunk
        with pytest.raises(KeyboardInterrupt):
            run_batch(spec, src, out, worker=InterruptingWorker(spec.open(engine), "d2.txt"),
                      chunk_docs=2, max_attempts=1)
        assert _manifest_rows(out) == {"d0.txt": ("done", 1), "d1.txt": ("done", 1),
                                       "d2.txt": ("pending", 0), "d3.txt": ("pending", 0)}
    result = run_batch(spec, src, out, worker=spec.open(engine), chunk_docs=2, max_attempts=1)
    assert result.exit_code == 0 and result.failed_path is None
    assert result.report["run"]["done"] == 2
    assert (out / "d3.vi.txt").read_text(encoding="utf-8") == "ONE 3.\n"


def test_retry_failed_tries_failed_documents_again(tmp_path: Path) -> None:
    engine = UpperEngine()
    src = _docs(tmp_path / "in", {"a.txt": "fine.\n", "b.txt": "BOOM here.\n"})
    spec = _spec(engine)
    out = tmp_path / "out"
    assert run_batch(spec, src, out, worker=spec.open(engine), max_attempts=2).exit_code == 3
    assert run_batch(spec, src, out, worker=spec.open(engine), max_attempts=2).exit_code == 3
    assert _manifest_rows(out)["b.txt"] == ("failed", 2)  # a plain rerun leaves it failed
    engine.translate = lambda segments, src, tgt, **_: [  # type: ignore[method-assign]
        Translation(s.lower(), s.split()) for s in segments]  # the engine is fixed
    result = run_batch(spec, src, out, worker=spec.open(engine), max_attempts=2,
                       retry_failed=True)
    assert result.exit_code == 0 and not (out / "failed.txt").exists()
    assert (result.report["run"]["done"], result.report["run"]["skipped"]) == (1, 1)
    assert (out / "b.vi.txt").read_text(encoding="utf-8") == "boom here.\n"
    assert _manifest_rows(out)["b.txt"] == ("done", 1)


def _job_folder(folder: Path) -> None:
    """Makes ``folder`` look like a finished batch job's output folder."""
    from toolkit.batch import FAILED_NAME, MANIFEST_NAME

    _docs(folder, {"doc.en.txt": "a translation.\n", FAILED_NAME: "x.txt\t1\tboom\n",
                   "sub/deep.en.txt": "another.\n"})
    (folder / MANIFEST_NAME).write_bytes(b"")


@pytest.mark.parametrize("nested", ["out", "old/run1"])
def test_walk_skips_output_folders_inside_the_input(tmp_path: Path, nested: str) -> None:
    from toolkit.batch import discover

    src = _docs(tmp_path / "in", {"a.txt": "one.\n", "sub/b.md": "two.\n"})
    _job_folder(src / nested)  # an earlier job's --out, here or elsewhere
    for out in (src / "out", tmp_path / "elsewhere"):
        assert [d[0] for d in discover(src, out)] == ["a.txt", "sub/b.md"]


def test_walk_of_an_output_folder_skips_its_failed_list(tmp_path: Path) -> None:
    from toolkit.batch import discover

    _job_folder(tmp_path / "en")  # the translations of one job, given to the next
    assert [d[0] for d in discover(tmp_path / "en", tmp_path / "vi")] == [
        "doc.en.txt", "sub/deep.en.txt"]


@pytest.mark.parametrize(("out", "targets", "message"), [
    ("in", None, "--out is the input folder"),
    (".", None, "--out holds the input folder"),
    ("tgt", "tgt", "--out is the --targets folder"),
    (".", "tgt", "--out holds the input folder"),
    ("data", "data/tgt", "--out holds the --targets folder"),
])
def test_output_folder_that_is_or_holds_an_input_is_refused(
        tmp_path: Path, out: str, targets: str | None, message: str) -> None:
    from glossary.errors import InputError
    from toolkit.batch.local import check_folders

    src = _docs(tmp_path / "in", {"a.txt": "one.\n"})
    (tmp_path / "data" / "tgt").mkdir(parents=True)
    (tmp_path / "tgt").mkdir()
    with pytest.raises(InputError, match=message) as info:
        check_folders(src, tmp_path / out, tmp_path / targets if targets else None)
    assert info.value.hint and "-out" in info.value.hint


@pytest.mark.parametrize("out", ["out", "in/out", "tgt/out"])
def test_output_folder_of_its_own_is_accepted(tmp_path: Path, out: str) -> None:
    from toolkit.batch.local import check_folders

    src = _docs(tmp_path / "in", {"a.txt": "one.\n"})
    (tmp_path / "tgt").mkdir()
    check_folders(src, tmp_path / out, tmp_path / "tgt")


def test_a_utf8_bom_is_kept_per_document(tmp_path: Path) -> None:
    engine = UpperEngine()
    src = tmp_path / "in"
    src.mkdir()
    (src / "bom.txt").write_bytes(b"\xef\xbb\xbf" + b"one.\r\n")
    (src / "plain.txt").write_bytes(b"two.\r\n")
    spec = _spec(engine)
    assert run_batch(spec, src, tmp_path / "out", worker=spec.open(engine)).exit_code == 0
    assert (tmp_path / "out" / "bom.vi.txt").read_bytes() == b"\xef\xbb\xbfONE.\r\n"
    assert (tmp_path / "out" / "plain.vi.txt").read_bytes() == b"TWO.\r\n"


@pytest.mark.parametrize(("error", "permanent"), [
    (ModelError("unsupported pair"), True),
    (InputError("bad input"), True),
    (RuntimeError("engine crashed"), False),
])
def test_model_and_input_errors_fail_a_document_for_good(tmp_path: Path, error: Exception,
                                                         permanent: bool) -> None:
    class Failing(UpperEngine):
        def translate(self, segments: Sequence[str], src: str, tgt: str, **_: Any
                      ) -> list[Translation]:
            raise error

    engine = Failing()
    src = _docs(tmp_path / "in", {"a.txt": "one.\n"})
    [outcome] = _spec(engine).open(engine).process([DocTask("a.txt", str(src / "a.txt"), 0, "k")])
    assert not outcome.ok and outcome.permanent is permanent
    assert str(error) in (outcome.error or "")


def test_translate_then_postedit_reads_and_names_as_translate(tmp_path: Path) -> None:
    from toolkit.batch import PostEditSpec
    from toolkit.glossary_source import load_glossary

    engine = UpperEngine()
    src = _docs(tmp_path / "in", {"a.txt": "the city.\n", "sub/b.md": "a city here.\n"})
    spec = _spec(engine)
    assert run_batch(spec, src, tmp_path / "mt", worker=spec.open(engine)).exit_code == 0
    glossary = tmp_path / "g.csv"
    glossary.write_text("en,vi,kind,status,forbidden_vi\nthe city,THE TOWN,term,approved,"
                        "THE CITY\n", encoding="utf-8")
    source = load_glossary(str(glossary), tmp_path / "none.db", src="en", tgt="vi")
    pe = PostEditSpec("en", "vi", tuple(source.entries), source.hash, source.origin)
    result = run_batch(pe, src, tmp_path / "pe", targets=tmp_path / "mt")
    assert result.exit_code == 0 and result.report["totals"]["done"] == 2
    assert sorted(p.relative_to(tmp_path / "pe").as_posix()
                  for p in (tmp_path / "pe").rglob("*.vi.*")) == ["a.vi.txt", "sub/b.vi.md"]
    assert (tmp_path / "pe" / "a.vi.txt").read_text(encoding="utf-8") == "THE TOWN.\n"
    assert [d["output"] for d in result.report["documents"]] == ["a.vi.txt", "sub/b.vi.md"]


@pytest.mark.parametrize(("named", "found"), [
    (["a.vi.txt", "a.txt"], "a.vi.txt"),  # batch translate's name first
    (["a.txt"], "a.txt"),                 # then the source's own name
    ([], "a.vi.txt"),                     # neither: the worker says so, naming both
])
def test_postedit_looks_for_the_translate_name_then_the_same_name(
        tmp_path: Path, named: list[str], found: str) -> None:
    from toolkit.batch import discover

    src = _docs(tmp_path / "in", {"a.txt": "one.\n"})
    (tmp_path / "mt").mkdir()
    _docs(tmp_path / "mt", dict.fromkeys(named, "ONE.\n"))
    [(rel, _, target)] = discover(src, tmp_path / "out", tmp_path / "mt", "vi")
    assert (rel, target) == ("a.txt", str(tmp_path / "mt" / found))


def test_missing_translation_names_both_names(tmp_path: Path) -> None:
    from toolkit.batch import PostEditSpec

    src = _docs(tmp_path / "in", {"sub/a.txt": "one.\n"})
    (tmp_path / "mt").mkdir()
    result = run_batch(PostEditSpec("en", "vi", (), "h", "none"), src, tmp_path / "out",
                       targets=tmp_path / "mt")
    [doc] = result.report["documents"]
    assert doc["permanent"] is True
    assert doc["error"] == (f"{tmp_path / 'mt' / 'sub'}: no such file: neither a.vi.txt nor "
                            "a.txt, the translation of sub/a.txt (give --targets the folder "
                            "'avet batch translate' wrote, or translations under the inputs' "
                            "names)")


def test_a_bad_input_fails_for_good_until_it_changes(tmp_path: Path) -> None:
    from toolkit.batch.summary import failed_notice

    engine = UpperEngine()
    src = _docs(tmp_path / "in", {"ok.txt": "one.\n",
                                  "long.txt": "x" * (MAX_SEGMENT_CHARS + 1) + "\n"})
    spec = _spec(engine)
    for _ in range(2):  # a rerun as it is fails it again, without retrying
        result = run_batch(spec, src, tmp_path / "out", worker=spec.open(engine))
        assert result.exit_code == 3 and result.failed_path is not None
        notice = failed_notice(result.report, result.failed_path)
        assert "fix the input(s) listed there and rerun" in notice
        assert "rerun with --retry-failed" not in notice
    (src / "long.txt").write_text("short now.\n", encoding="utf-8")  # the user fixes it
    result = run_batch(spec, src, tmp_path / "out", worker=spec.open(engine))
    assert result.exit_code == 0 and result.report["run"]["done"] == 1
    assert (tmp_path / "out" / "long.vi.txt").read_text(encoding="utf-8") == "SHORT NOW.\n"


@pytest.mark.parametrize(("permanent", "ending"), [
    ([False, False], "; rerun with --retry-failed to try them again"),
    ([True, True], "; fix the input(s) listed there and rerun (a changed document is redone; "
                   "--retry-failed cannot help)"),
    ([True, False], "; fix the 1 with a bad input and rerun; --retry-failed tries the other 1 "
                    "again"),
])
def test_failed_notice_offers_retry_only_where_it_can_help(permanent: list[bool],
                                                           ending: str) -> None:
    from toolkit.batch.summary import failed_notice

    report = {"documents": [{"status": "failed", "permanent": p} for p in permanent]
              + [{"status": "done"}]}
    assert failed_notice(report, Path("out/failed.txt")) == (
        "2 documents failed; see out/failed.txt" + ending)


def test_paths_that_are_not_files_are_named_and_counted(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    import os

    engine = UpperEngine()
    src = _docs(tmp_path / "in", {"a.txt": "one.\n", "folder.txt/inner.txt": "two.\n"})
    (src / "broken.txt").symlink_to(src / "gone.txt")
    os.mkfifo(src / "pipe.md")
    spec = _spec(engine)
    with caplog.at_level("WARNING", logger="avet.batch"):
        result = run_batch(spec, src, tmp_path / "out", worker=spec.open(engine))
    assert result.exit_code == 0 and result.report["totals"]["done"] == 2  # a, folder.txt/inner
    expected = [("broken.txt", "a broken link"), ("folder.txt", "a folder, not a document"),
                ("pipe.md", "a FIFO, not a regular file")]
    assert result.report["skipped_paths"] == [{"path": p, "reason": r} for p, r in expected]
    assert result.report["totals"]["skipped_paths"] == 3
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert warnings == [f"warning: {src / p}: {r}, skipped" for p, r in expected]


@pytest.mark.parametrize(("change", "reason", "attempts"), [
    ("overlong", "failed", 1),  # a bad input: failed at once
    ("engine", "failed", 2),  # breaks the engine at each of --max-attempts attempts
    ("deleted", "input gone", None),
])
def test_outputs_of_a_document_that_fails_or_is_gone_are_removed(
        tmp_path: Path, change: str, reason: str, attempts: int | None) -> None:
    engine = UpperEngine()
    src = _docs(tmp_path / "in", {"a.txt": "one.\n", "sub/b.txt": "two.\n"})
    out = tmp_path / "out"
    spec = _spec(engine)
    assert run_batch(spec, src, out, worker=spec.open(engine)).exit_code == 0
    assert (out / "sub" / "b.vi.txt").is_file() and (out / "reports" / "sub").is_dir()
    b = src / "sub" / "b.txt"
    if change == "deleted":
        b.unlink()
    else:
        b.write_text("x" * (MAX_SEGMENT_CHARS + 1) + "\n" if change == "overlong"
                     else "BOOM now.\n", encoding="utf-8")
    result = run_batch(spec, src, out, worker=spec.open(engine), max_attempts=2,
                       prune_gone=True)
    assert result.report["removed"] == [
        {"input": "sub/b.txt", "reason": reason,
         "files": ["sub/b.vi.txt", "reports/sub/b.txt.json"]}]
    assert result.report["run"]["removed"] == 1
    # Nothing of the earlier run is left, not even the folders; a is untouched.
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")
                  if p.suffix in (".txt", ".json") or p.is_dir()) == sorted(
        ["a.vi.txt", *(["failed.txt"] if attempts else []), "reports", "reports/a.txt.json",
         "report.json"])
    docs = {d["input"]: d for d in result.report["documents"]}
    if attempts is None:
        assert result.exit_code == 0 and list(docs) == ["a.txt"]
    else:
        assert result.exit_code == 3
        assert (docs["sub/b.txt"]["status"], docs["sub/b.txt"]["output"],
                docs["sub/b.txt"]["attempts"]) == ("failed", None, attempts)
    again = run_batch(spec, src, out, worker=spec.open(engine), max_attempts=2)
    assert again.report["removed"] == []  # listed once, in the run that removed them


def test_outputs_of_a_document_gone_from_the_input_are_kept_unless_pruned(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """An inbox that moves its inputs away after each night keeps last night's outputs."""
    job = _two_documents_done(tmp_path)
    src, out = job.src, job.out
    (src / "b.txt").unlink()
    (src / "c.txt").write_text("three.\n", encoding="utf-8")
    with caplog.at_level("WARNING", logger="avet.batch"):
        result = job.run()
    kept = ["b.vi.txt", "reports/b.txt.json"]
    assert result.report["gone"] == [{"input": "b.txt", "kept": kept}]
    assert (result.report["removed"], result.report["run"]["gone"]) == ([], 1)
    assert all((out / name).is_file() for name in kept)
    assert [d["input"] for d in result.report["documents"]] == ["a.txt", "c.txt"]
    assert any("input gone; kept its outputs b.vi.txt" in r.getMessage() and
               "--prune-gone" in r.getMessage() for r in caplog.records)
    again = job.run()
    assert again.report["gone"] == [{"input": "b.txt", "kept": kept}]  # every run lists it
    assert (out / "b.vi.txt").is_file()
    # As the warning says, a later run with --prune-gone removes them.
    pruned = job.run(prune_gone=True)
    assert pruned.report["removed"] == [{"input": "b.txt", "reason": "input gone",
                                         "files": kept}]
    assert pruned.report["gone"] == [] and not any((out / name).exists() for name in kept)
    assert job.run().report["removed"] == []


def test_a_gone_document_that_comes_back_is_skipped_and_no_longer_gone(tmp_path: Path) -> None:
    job = _two_documents_done(tmp_path)
    (job.src / "b.txt").rename(tmp_path / "b.txt")
    assert job.run().report["run"]["gone"] == 1
    (tmp_path / "b.txt").rename(job.src / "b.txt")
    back = job.run()
    assert (back.report["gone"], back.report["run"]["done"], back.report["run"]["skipped"]) == (
        [], 0, 2)
    assert [d["status"] for d in back.report["documents"]] == ["done", "done"]


def test_pruning_refuses_an_input_folder_with_no_documents(tmp_path: Path) -> None:
    """An inbox on a share that failed to mount must not lose every output."""
    job = _two_documents_done(tmp_path)
    for name in ("a.txt", "b.txt"):
        (job.src / name).unlink()
    with pytest.raises(InputError, match="no documents there; --prune-gone would remove the "
                                         "outputs of all 2 documents") as info:
        job.run(prune_gone=True)
    assert "without --prune-gone" in (info.value.hint or "")
    assert (job.out / "a.vi.txt").is_file() and (job.out / "b.vi.txt").is_file()
    kept = job.run()  # without it: kept, listed
    assert [g["input"] for g in kept.report["gone"]] == ["a.txt", "b.txt"]


def test_a_failed_document_whose_earlier_output_remains_has_it_removed(tmp_path: Path) -> None:
    """A folder left by a version that kept the output of a document that then failed."""
    import sqlite3

    job = _two_documents_done(tmp_path)
    out = job.out
    (job.src / "b.txt").write_text("x" * (MAX_SEGMENT_CHARS + 1) + "\n", encoding="utf-8")
    job.run()
    (out / "b.vi.txt").write_text("TWO.\n", encoding="utf-8")  # as the old version left it
    with closing(sqlite3.connect(out / "manifest.sqlite")) as con:
        assert con.execute("SELECT status FROM docs WHERE rel = 'b.txt'").fetchone() == (
            "failed",)
    result = job.run()
    assert result.report["removed"] == [{"input": "b.txt", "reason": "failed",
                                         "files": ["b.vi.txt"]}]
    assert not (out / "b.vi.txt").exists() and (out / "a.vi.txt").is_file()


def test_the_blank_document_notice_is_given_only_by_the_run_that_writes_it(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A done document whose chunk is translated again (for its engine batches) is
    not written, and gives no notice."""
    engine = UpperEngine()
    src = _docs(tmp_path / "in", {"a.txt": "\n", "b.txt": "one.\n"})
    out = tmp_path / "out"
    spec = _spec(engine)

    def notices() -> list[str]:
        found = [r.getMessage() for r in caplog.records if "nothing to translate" in
                 r.getMessage()]
        caplog.clear()
        return found

    with caplog.at_level("WARNING", logger="avet.translate"):
        run_batch(spec, src, out, worker=spec.open(engine), chunk_docs=2)
        assert [n.split(": ")[0] for n in notices()] == [str(src / "a.txt")]
        (src / "b.txt").write_text("two.\n", encoding="utf-8")
        again = run_batch(spec, src, out, worker=spec.open(engine), chunk_docs=2)
        assert (again.report["run"]["done"], again.report["run"]["skipped"]) == (1, 1)
        assert notices() == []
        (src / "a.txt").write_text(" \n", encoding="utf-8")  # changed: redone, and noted
        run_batch(spec, src, out, worker=spec.open(engine), chunk_docs=2)
        assert len(notices()) == 1

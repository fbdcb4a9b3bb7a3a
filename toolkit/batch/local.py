"""Running a batch job: plan from the manifest, process chunks, write atomically, report.

:func:`run_batch` is the one driver. Where the chunks are processed is an
*executor*: :func:`local_executor` calls the worker in this process;
:func:`toolkit.batch.ray_runner.ray_executor` sends the chunks to Ray actors.
Either way the driver writes every output (atomically) and updates the
manifest, so a job can be killed at any moment and resumed: a document is
``done`` only once its output is on disk, and a re-run skips it. A document that
fails for good has the output and report an earlier run wrote removed (before the
manifest records it), so that OUT_DIR holds no translation of a source that is not
the current one; ``report.json`` lists them (``removed``). A document gone from
INPUT_DIR keeps its outputs (``gone``, listed by every run) until a run prunes them
or the document is back.

A full disk stops the job in order, as Ctrl-C does (the documents in flight are
pending again, no attempt counted), with one error naming the file that could not
be written (``no space left on device``, exit code 2). So that the manifest can
still record that, the job holds a little space in reserve (its lock file) and
frees it first.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TextIO

from glossary.errors import AvetError, InputError
from glossary.fileio import atomic_write_text
from toolkit.batch.aggregate import GLOSSARY_NAME, PARTS_DIR, finish_extract
from toolkit.batch.folders import (
    JobWalk,
    check_folders,
    check_job_folder,
    check_same_job,
    discover,
    skipped_paths,
    walk_input,
)
from toolkit.batch.jobs import DocOutcome, DocTask, JobSpec, Worker, file_sha256, job_key
from toolkit.batch.manifest import Manifest
from toolkit.batch.outdir import (
    REPORTS_DIR,
    RESERVE_BYTES,
    RESERVE_PER_DOC,
    drop_gone,
    exclusive,
    note_removed,
    remove_outputs,
    signals_ignored,
    sweep_temporaries,
)
from toolkit.batch.summary import (
    FAILED_NAME,
    REMOVED_FAILED,
    REPORT_NAME,
    RunStats,
    build_report,
    dump,
    write_failed,
)
from toolkit.batch.tasks import Progress as WorkerProgress
from toolkit.extract.reader import skip_notice
from toolkit.progress import Progress

__all__ = [
    "DEFAULT_CHUNK_DOCS",
    "EXIT_FAILED",
    "BatchResult",
    "Executor",
    "check_folders",
    "check_job_folder",
    "discover",
    "local_executor",
    "run_batch",
    "skipped_paths",
    "walk_input",
    "with_engine_signature",
]

log = logging.getLogger("avet.batch")

#: Documents per chunk: their sentences go to the engine together.
DEFAULT_CHUNK_DOCS = 128
#: Exit code of a batch in which some documents failed (the rest is done).
EXIT_FAILED = 3

#: ``executor(chunks, on_start, on_progress)`` yields ``(chunk, outcomes)`` as chunks
#: finish; it may call ``on_progress(n)`` as a chunk moves on (``n`` segments, or words
#: for ``batch extract``), which the local executor does.
Executor = Callable[[Sequence[Sequence[DocTask]], Callable[[Sequence[DocTask]], None],
                     WorkerProgress],
                    Iterator[tuple[Sequence[DocTask], list[DocOutcome]]]]


@dataclass
class BatchResult:
    """The end of a batch run.

    Attributes:
        report: The content of ``report.json``.
        report_path: Where it was written.
        failed_path: ``failed.txt``, or ``None`` when nothing failed.
        exit_code: 0, or :data:`EXIT_FAILED` when some documents failed.
        extracted: ``batch extract``: the candidates
            (:class:`toolkit.extract.Extracted`), as ``avet extract`` finds them.
    """

    report: dict[str, Any]
    report_path: Path
    failed_path: Path | None
    exit_code: int
    extracted: list[Any] = field(default_factory=list)


def local_executor(worker: Worker) -> Executor:
    """Returns an executor that processes the chunks in this process, in order.

    Args:
        worker: The opened worker that processes each chunk.

    Returns:
        An executor yielding ``(chunk, outcomes)`` pairs, one chunk after another; the
        worker reports its progress inside each chunk to ``on_progress``.
    """

    def run(chunks: Sequence[Sequence[DocTask]], on_start: Callable[[Sequence[DocTask]], None],
            on_progress: WorkerProgress) -> Iterator[tuple[Sequence[DocTask], list[DocOutcome]]]:
        for chunk in chunks:
            on_start(chunk)
            yield chunk, worker.process(chunk, on_progress)

    return run



#: Options recorded in the signature that do not change the outputs, with the value
#: the job key gives them whatever they are: ``--parallel N`` decodes the batches of
#: ``--parallel 1`` side by side. (Keeping them in the key, at ``--parallel 1``'s value,
#: leaves the keys of earlier jobs as they were.)
KEY_NEUTRAL_OPTIONS = {"parallel": 1}


def _key_signature(signature: dict[str, Any]) -> dict[str, Any]:
    """The signature as the job key folds it: without where the glossary was read from
    (its hash stays), and with the options of :data:`KEY_NEUTRAL_OPTIONS` set to one
    value, so that changing them redoes no document."""
    out = dict(signature)
    if isinstance(out.get("glossary"), dict):
        out["glossary"] = {k: v for k, v in out["glossary"].items() if k != "origin"}
    if isinstance(out.get("options"), dict):
        out["options"] = {**out["options"], **{k: v for k, v in KEY_NEUTRAL_OPTIONS.items()
                                               if k in out["options"]}}
    return out


def _chunks(tasks: Sequence[DocTask], size: int) -> list[list[DocTask]]:
    return [list(tasks[i:i + size]) for i in range(0, len(tasks), size)]


def run_batch(spec: JobSpec, input_dir: str | Path, out_dir: str | Path, *,
              worker: Worker | None = None, executor: Executor | None = None,
              chunk_docs: int = DEFAULT_CHUNK_DOCS, max_attempts: int = 3,
              targets: str | Path | None = None, retry_failed: bool = False,
              prune_gone: bool = False, stream: TextIO | None = None,
              walk: JobWalk | None = None) -> BatchResult:
    """Runs (or resumes) a batch job.

    Args:
        spec: What to do (:class:`~toolkit.batch.jobs.TranslateSpec`, …).
        input_dir: The input folder.
        out_dir: The output folder: outputs, ``manifest.sqlite``, ``report.json``,
            ``failed.txt``, ``reports/`` (and ``parts/`` for extraction).
        worker: The worker to use locally (default: ``spec.open()``).
        executor: Where chunks run (default: :func:`local_executor` of ``worker``).
        chunk_docs: Documents per chunk.
        max_attempts: Attempts before a document goes to the failed list.
        targets: ``batch postedit``: the folder of translations.
        retry_failed: First reset the documents that failed (or ran out of
            attempts) with the same job key, so that they are tried again.
        prune_gone: Remove the outputs of documents gone from INPUT_DIR (by default
            they are kept: an inbox that moves its inputs away after each run keeps
            the translations it made), see :func:`toolkit.batch.outdir.drop_gone`.
        stream: Where progress goes (default standard error).
        walk: What :func:`walk_input` gave for the same ``spec``, folders and
            ``targets`` (``batch translate`` walks before it loads the model); ``None``:
            walked here.

    Returns:
        The report and the exit code. The report's ``removed`` lists the documents
        whose earlier outputs this run removed: failed for good (``failed``), or gone
        from INPUT_DIR (``input gone``) with ``prune_gone``; ``gone`` lists the
        documents gone from INPUT_DIR whose outputs were kept.

    Raises:
        InputError: If a folder is missing or misplaced, or an option is out of range;
            if every document found is named as a translation (``--from ar`` over a
            folder of ``*.en.txt``, see :func:`check_not_all_left_out`); if a write
            finds the disk full (``no space left on device``, naming the file; the
            documents in flight are pending again, no attempt counted).
        KeyboardInterrupt: Re-raised after an interruption (Ctrl-C), once the
            documents that were running are ``pending`` again, their attempt not
            counted; the same for any exception out of the processing (Ray refusing
            the connection). A manifest this run created is deleted then if no
            document was started, so that the folder is bound to no job; else
            ``report.json`` and ``failed.txt`` are rewritten first, the report with
            ``interrupted`` true and its ``stop_reason`` (``batch extract``: and
            ``glossary.json``, from the documents done so far, ``glossary_partial``
            true in the report; removed if it cannot be written).
    """
    for name, value in (("chunk_docs", chunk_docs), ("max_attempts", max_attempts)):
        if value < 1:
            raise InputError(f"{name}={value}: must be at least 1", hint=f"give {name} 1 or more")
    started = time.monotonic()
    src_dir, out = Path(input_dir), Path(out_dir)
    direction = spec.direction
    if walk is None:
        walk = walk_input(spec, src_dir, out, targets)
    docs, passed_over = walk
    signature = spec.signature()
    keyed = _key_signature(signature)
    tasks = []
    for order, (rel, path, target) in enumerate(docs):
        hashes = [file_sha256(path)] + ([file_sha256(target)] if target is not None else [])
        tasks.append(DocTask(rel, path, order, job_key(hashes, keyed), target))
    stats = RunStats()
    reserve = RESERVE_BYTES + RESERVE_PER_DOC * min(chunk_docs, max(len(tasks), 1))
    with exclusive(out, reserve) as free_reserve, Manifest(out) as manifest:
        check_same_job(manifest, out, spec.command, direction)
        sweep_temporaries(out)
        manifest.set_meta("job", {"command": spec.command,
                                  "direction": list(direction) if direction else None})
        manifest.set_meta("command", spec.command)
        manifest.set_meta("signature", signature)
        drop_gone(spec, src_dir, out, manifest, {t.rel for t in tasks}, stats, prune_gone)
        decisions = manifest.plan([(t.rel, t.job_key) for t in tasks], max_attempts,
                                  retry_failed=retry_failed)
        for rel, decision in decisions.items():
            if decision == "failed":  # failed for good earlier (or by a crash each time)
                note_removed(stats, rel, src_dir / rel, REMOVED_FAILED,
                              remove_outputs(spec, out, rel))
        todo = [t for t in tasks if decisions[t.rel] == "todo"]
        not_taken = {s.rel for s in manifest.states() if s.status == "skipped"}
        stats.skipped = sum(1 for rel, d in decisions.items()
                            if d == "skip" and rel not in not_taken)
        extra: dict[str, Any] = {"skipped_paths": [{"path": s.rel, "reason": s.reason}
                                                   for s in passed_over],
                                 "removed": stats.removed, "gone": stats.gone}
        if todo:
            if executor is None:
                executor = local_executor(worker if worker is not None else spec.open())
            try:
                _process(spec, tasks, todo, out, manifest, executor, chunk_docs, max_attempts,
                         stats, stream)
            except BaseException as exc:
                # An orderly stop (Ctrl-C, SIGTERM, a full disk, an error out of the
                # driver): the running documents were not at fault; only a crash,
                # which cannot get here, counts as an attempt. The reserve makes room
                # for the manifest to record it.
                with signals_ignored():
                    free_reserve()
                    released = manifest.release_running()
                    if manifest.created and manifest.untouched():
                        # Stopped before any document (Ray refused the connection,
                        # Ctrl-C at once): the new folder is bound to no job.
                        manifest.discard()
                    else:
                        # report.json and failed.txt (and glossary.json) say where the
                        # job stands now, not where the previous run left it.
                        if spec.command == "extract":
                            extra |= _glossary_at_stop(spec, tasks, out, manifest)
                        _report_stop(spec.command, signature, out, manifest, stats, started,
                                     extra, _stop_reason(exc))
                log.info("interrupted: running documents pending again: %d", released)
                raise
        extracted: list[Any] = []
        if spec.command == "extract":
            extracted = finish_extract(spec, tasks, out, manifest)
            extra |= {"glossary": str(out / GLOSSARY_NAME), "entries": len(extracted),
                      "glossary_partial": False,
                      "options": spec.options()}  # type: ignore[attr-defined]
        report, failed = _report(spec.command, signature, out, manifest, stats, started, extra,
                                 None)
        report_path = out / REPORT_NAME
        failed_path = out / FAILED_NAME
    return BatchResult(report, report_path, failed_path if failed else None,
                       EXIT_FAILED if failed else 0, extracted)


def _stop_reason(exc: BaseException) -> str:
    """Why a job stopped before its end, in one line (report.json's ``stop_reason``)."""
    if isinstance(exc, KeyboardInterrupt):
        return "interrupted (Ctrl-C or SIGTERM)"
    return (str(exc) if isinstance(exc, AvetError) else f"{type(exc).__name__}: {exc}"
            ).replace("\n", " ")


def _report(command: str, signature: dict[str, Any], out: Path, manifest: Manifest,
            stats: RunStats, started: float, extra: dict[str, Any], stop_reason: str | None
            ) -> tuple[dict[str, Any], list[Any]]:
    """Writes ``report.json`` and ``failed.txt`` from the manifest; returns the report and
    the failed documents. ``stop_reason``: why the job stopped early (``interrupted``
    is then true and the documents left are ``pending``), or ``None`` at its end."""
    states = list(manifest.states())
    stats.seconds = time.monotonic() - started
    failed = [s for s in states if s.status == "failed"]
    stats.failed = len(failed)
    report = build_report(command, signature, states, stats,
                          {**extra, "interrupted": stop_reason is not None,
                           "stop_reason": stop_reason})
    dump(report, out / REPORT_NAME)
    write_failed(out / FAILED_NAME, failed)
    return report, failed


def _report_stop(command: str, signature: dict[str, Any], out: Path, manifest: Manifest,
                 stats: RunStats, started: float, extra: dict[str, Any], reason: str) -> None:
    """:func:`_report` for a job that stops early. A report that cannot be written (a
    full disk, a read-only folder) does not hide why the job stopped: the error is
    logged, and the previous run's report is removed if it can be, so that no stale
    report stands for this run."""
    try:
        _report(command, signature, out, manifest, stats, started, extra, reason)
    except Exception as exc:  # the stop's own exception is re-raised by the caller
        log.warning("warning: %s not updated: %s", out / REPORT_NAME, exc)
        for name in (REPORT_NAME, FAILED_NAME):
            with contextlib.suppress(OSError):  # a read-only folder: nothing more to do
                (out / name).unlink(missing_ok=True)


def _glossary_at_stop(spec: JobSpec, tasks: Sequence[DocTask], out: Path,
                      manifest: Manifest) -> dict[str, Any]:
    """``batch extract`` stopped early: ``glossary.json`` is rewritten from the documents
    done so far, so that it agrees with ``report.json`` (a rerun finishes the job and
    gives the glossary of an uninterrupted run). If that fails (a full disk), the previous
    run's glossary is removed rather than left to stand for this run. Returns the
    report's fields on it."""
    path = out / GLOSSARY_NAME
    options = {"options": spec.options()}  # type: ignore[attr-defined]
    try:
        extracted = finish_extract(spec, tasks, out, manifest)
    except Exception as exc:  # the stop's own exception is re-raised by the caller
        reason = (str(exc) if isinstance(exc, AvetError)
                  else f"{type(exc).__name__}: {exc}").replace("\n", " ")
        log.warning("warning: %s not updated, removed: %s", path, reason)
        with contextlib.suppress(OSError):  # a read-only folder: nothing more to do
            path.unlink(missing_ok=True)
        return {"glossary": None, "entries": 0, "glossary_partial": True,
                "glossary_error": reason, **options}
    return {"glossary": str(path), "entries": len(extracted), "glossary_partial": True,
            **options}


def _first_chunks(spec: JobSpec, tasks: Sequence[DocTask], todo: Sequence[DocTask],
                  chunk_docs: int) -> list[list[DocTask]]:
    """The chunks of the first pass: cut from all the documents, not only those to do,
    so that a resumed job groups them as an uninterrupted one did. A job whose
    documents share engine batches keeps a chunk whole (its done documents are
    processed again, not written: they go as ``context`` tasks); the others keep only
    the documents to do."""
    wanted = {t.rel for t in todo}
    chunks = []
    for chunk in _chunks(tasks, chunk_docs):
        mine = [t for t in chunk if t.rel in wanted]
        if mine and spec.shares_batches:
            chunks.append([t if t.rel in wanted else replace(t, context=True) for t in chunk])
        elif mine:
            chunks.append(mine)
    return chunks


def _process(spec: JobSpec, tasks: Sequence[DocTask], todo: list[DocTask], out: Path,
             manifest: Manifest, executor: Executor, chunk_docs: int, max_attempts: int,
             stats: RunStats, stream: TextIO | None) -> None:
    wanted = {t.rel for t in todo}

    def start(chunk: Sequence[DocTask]) -> None:
        manifest.start([t.rel for t in chunk if t.rel in wanted])

    unit = "words" if spec.command == "extract" else "segments"
    live = [0]  # what the worker reported inside the chunk running now

    with Progress(len(todo), "documents", stream=stream) as progress:

        def moved(n: int) -> None:
            # Inside a chunk: the segments (words) move, and the periodic line is
            # written, although no document is finished yet.
            live[0] += n
            progress.note(unit, n)
            progress.advance(0)

        chunks = _first_chunks(spec, tasks, todo, chunk_docs)
        while chunks:
            retry: list[DocTask] = []
            for chunk, outcomes in executor(chunks, start, moved):
                mine = [o for o in outcomes if o.rel in wanted]
                retry += _commit(spec, [t for t in chunk if t.rel in wanted], mine, out,
                                 manifest, max_attempts, stats)
                # The chunk's count replaces what was reported inside it (that also
                # counted the sentences of its context documents, and of retries).
                progress.note(unit, sum(o.counts.get(unit, 0) for o in mine) - live[0])
                live[0] = 0
                progress.advance(sum(1 for o in mine if o.ok or o.permanent))
            pending = [t for t in retry
                       if (state := manifest.get(t.rel)) is not None and state.status == "pending"]
            stats.retried += len(pending)
            chunks = [[t] for t in pending]


def _commit(spec: JobSpec, chunk: Sequence[DocTask], outcomes: list[DocOutcome], out: Path,
            manifest: Manifest, max_attempts: int, stats: RunStats) -> list[DocTask]:
    """Writes a chunk's outputs, then records them; returns tasks to retry."""
    import json

    by_rel = {t.rel: t for t in chunk}
    done: list[tuple[str, str, dict[str, Any]]] = []
    failed: list[tuple[str, str, bool]] = []
    skipped: list[tuple[str, str]] = []
    retry: list[DocTask] = []
    part = None
    if spec.command == "extract" and any(o.ok and o.skipped is None for o in outcomes):
        from toolkit.batch.aggregate import write_part

        part = f"part-{chunk[0].order:09d}-{uuid.uuid4().hex[:8]}.parquet"
        write_part([r for o in outcomes if o.ok and o.rows for r in o.rows],
                   out / PARTS_DIR / part, part)
    for outcome in outcomes:
        if not outcome.ok:
            failed.append((outcome.rel, outcome.error or "unknown error", outcome.permanent))
            if not outcome.permanent:
                retry.append(by_rel[outcome.rel])
            state = manifest.get(outcome.rel)
            if outcome.permanent or (state is not None and state.attempts >= max_attempts):
                # Failed for good: the output of an earlier run (of another input or
                # job key) goes, before the manifest says failed (it says running now).
                note_removed(stats, outcome.rel, by_rel[outcome.rel].path, REMOVED_FAILED,
                              remove_outputs(spec, out, outcome.rel))
            continue
        if outcome.skipped is not None:
            log.warning("warning: %s", skip_notice(by_rel[outcome.rel].path, outcome.skipped))
            skipped.append((outcome.rel, outcome.skipped))
            continue
        target = spec.output_rel(outcome.rel)
        if target is not None and outcome.text is not None:
            atomic_write_text(out / target, outcome.text, fsync=False)
        if outcome.report is not None:
            report_path = out / REPORTS_DIR / f"{outcome.rel}.json"
            atomic_write_text(report_path, json.dumps(outcome.report, ensure_ascii=False)
                              + "\n", fsync=False)
        done.append((outcome.rel, target if target is not None else str(part), outcome.counts))
        stats.done += 1
        stats.add_counts(outcome.counts)
    # One flush for the whole chunk (not one fsync per file): the outputs are on
    # disk before the manifest says they are done.
    os.sync()
    manifest.finish(done, failed, max_attempts, skipped)
    return retry


def with_engine_signature(spec: Any, engine: Any) -> Any:
    """Returns a :class:`~toolkit.batch.jobs.TranslateSpec` carrying ``engine``'s signature.

    Args:
        spec: A :class:`~toolkit.batch.jobs.TranslateSpec`.
        engine: The loaded engine whose :meth:`~models.Engine.signature` is recorded.

    Returns:
        A copy of ``spec``; ``spec`` itself is unchanged.
    """
    return replace(spec, engine_signature=tuple(sorted(engine.signature().items())))

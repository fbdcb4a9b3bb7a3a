"""What a batch job does to its output folder besides its outputs: the lock (with some
space in reserve), signals while the manifest records a stop, temporary files a killed
run left, and the outputs of documents that failed for good or are gone from INPUT_DIR.
(A write that finds the disk full is one error out of :mod:`glossary.fileio`.)"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import signal
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from glossary.errors import InputError
from glossary.fileio import NO_SPACE, NO_SPACE_HINT, is_disk_full, make_folder
from toolkit.batch.folders import LOCK_NAME
from toolkit.batch.jobs import JobSpec
from toolkit.batch.manifest import Manifest
from toolkit.batch.summary import REMOVED_GONE, RunStats

__all__ = [
    "REPORTS_DIR",
    "RESERVE_BYTES",
    "RESERVE_PER_DOC",
    "drop_gone",
    "exclusive",
    "note_removed",
    "output_names",
    "remove_outputs",
    "signals_ignored",
    "sweep_temporaries",
]

log = logging.getLogger("avet.batch")

REPORTS_DIR = "reports"
#: Bytes the job holds in reserve (its lock file) so that the manifest can record
#: an orderly stop on a full disk: a base, and more per document of a chunk.
RESERVE_BYTES = 32 * 1024
RESERVE_PER_DOC = 512


@contextlib.contextmanager
def exclusive(out: Path, reserve: int = 0) -> Iterator[Callable[[], None]]:
    """Holds ``OUT_DIR/.avet-batch.lock`` so that two jobs never share an output folder.

    The lock is ``flock``-based: the system releases it when a killed job dies.

    Args:
        out: The output folder.
        reserve: Bytes to allocate to the lock file while the job runs: the space
            the manifest needs to record an orderly stop on a full disk.

    Yields:
        A function that frees the reserve (the lock is kept).

    Raises:
        InputError: If ``out`` (or a parent) is a file, or the folder or its lock
            cannot be created; if another job holds the lock; if the disk has no
            room for the reserve.
    """
    import fcntl

    make_folder(out)
    lock = out / LOCK_NAME
    try:
        handle = open(lock, "a+b")  # noqa: SIM115 (closed by the with block below)
    except OSError as exc:
        raise InputError(f"cannot open the job lock: {exc.strerror or exc}", path=lock,
                         hint="give --out a folder you can write to") from exc
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise InputError("another batch job is writing to this folder", path=out,
                             hint="wait for it to finish, or give another --out") from None
        def free() -> None:
            os.ftruncate(handle.fileno(), 0)

        try:
            _hold(handle.fileno(), reserve, out)
            yield free
        finally:
            free()
            fcntl.flock(handle, fcntl.LOCK_UN)


def _hold(fd: int, size: int, out: Path) -> None:
    """Allocates ``size`` bytes to the file open as ``fd`` (nothing where the system
    cannot allocate space ahead, e.g. not Linux).

    Raises:
        InputError: If the disk has no room for them.
    """
    if size <= 0 or not hasattr(os, "posix_fallocate"):
        return
    try:
        os.posix_fallocate(fd, 0, size)
    except OSError as exc:
        if is_disk_full(exc):
            raise InputError(NO_SPACE, path=out, hint=NO_SPACE_HINT) from exc
        if exc.errno not in (errno.EOPNOTSUPP, errno.EINVAL, errno.ENOSYS):
            raise
        log.info("%s: no space reserved (%s)", out, exc.strerror or exc)


@contextlib.contextmanager
def signals_ignored() -> Iterator[None]:
    """Ignores SIGINT and SIGTERM for a moment (a second Ctrl-C while the manifest
    records the first must not cut that short). A no-op outside the main thread."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    for sig in saved:
        signal.signal(sig, signal.SIG_IGN)
    try:
        yield
    finally:
        for sig, handler in saved.items():
            if handler is not None:
                signal.signal(sig, handler)


def sweep_temporaries(out: Path) -> int:
    """Removes the temporary files of writes that a killed job left (``.NAME.*.tmp``)."""
    swept = 0
    for tmp in out.rglob(".*.tmp"):
        if tmp.is_file():
            tmp.unlink()
            swept += 1
    if swept:
        log.info("removed %d temporary file(s) left by an interrupted run", swept)
    return swept


def output_names(spec: JobSpec, rel: str) -> list[str]:
    """What a run writes for document ``rel``, relative to OUT_DIR: its output (none
    for extraction) and its report."""
    output = spec.output_rel(rel)
    return [*([output] if output is not None else []), f"{REPORTS_DIR}/{rel}.json"]


def remove_outputs(spec: JobSpec, out: Path, rel: str) -> list[str]:
    """Removes what an earlier run wrote for document ``rel`` (its output and its report).

    Args:
        spec: The job (names the output).
        out: The output folder.
        rel: The document.

    Returns:
        The files removed, relative to ``out``. Folders left empty are removed too.
    """
    removed = []
    for name in output_names(spec, rel):
        path = out / name
        if path.is_file() or path.is_symlink():
            path.unlink()
            removed.append(name)
            folder = path.parent
            while folder != out and not any(folder.iterdir()):
                folder.rmdir()
                folder = folder.parent
    return removed


def note_removed(stats: RunStats, rel: str, where: str | Path, reason: str,
                  files: list[str]) -> None:
    """Lists a document whose outputs this run removed (``report.json``'s ``removed``);
    a document gone from INPUT_DIR is listed even without outputs (extraction)."""
    if not files and reason != REMOVED_GONE:
        return
    stats.removed.append({"input": rel, "reason": reason, "files": files})
    what = f"its earlier outputs {', '.join(files)}" if files else "it from the job"
    log.warning("warning: %s: %s; removed %s", where, reason, what)


def drop_gone(spec: JobSpec, src_dir: Path, out: Path, manifest: Manifest,
               present: set[str], stats: RunStats, prune: bool) -> None:
    """Deals with the documents no longer in INPUT_DIR.

    Their outputs are kept and listed (``gone``) by this run and every later one
    (their rows stay in the manifest, marked gone) until a run with ``prune``
    removes them, or the document is back. With ``prune`` the outputs are removed
    first, then the rows (a crash in between leaves rows whose files are gone; the
    next run drops them). A gone document without outputs is forgotten.

    Raises:
        InputError: With ``prune``, if INPUT_DIR holds no document at all: an empty
            or unmounted folder would remove every output of the job.
    """
    gone = manifest.missing(present)
    if prune and gone and not present:
        raise InputError(f"{src_dir}: no documents there; --prune-gone would remove the "
                         f"outputs of all {len(gone)} documents of the job",
                         hint="check that the folder is there (a share that failed to mount?), "
                              "or run without --prune-gone")
    forget, keep = [], []
    for state in gone:
        if prune:
            note_removed(stats, state.rel, src_dir / state.rel, REMOVED_GONE,
                          remove_outputs(spec, out, state.rel))
            forget.append(state.rel)
            continue
        kept = [name for name in output_names(spec, state.rel) if (out / name).is_file()]
        stats.gone.append({"input": state.rel, "kept": kept})
        if kept:
            log.warning("warning: %s: input gone; kept its outputs %s (--prune-gone "
                        "removes them)", src_dir / state.rel, ", ".join(kept))
            if not state.gone:
                keep.append(state.rel)
        else:
            forget.append(state.rel)
    if prune and forget:
        os.sync()
    if forget:
        manifest.forget(forget)
    if keep:
        manifest.mark_gone(keep)

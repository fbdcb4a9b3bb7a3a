"""The job manifest: what a batch job has done, per document, in a small SQLite file.

``OUT_DIR/manifest.sqlite`` (WAL journal) holds one row per document:

========== ===========================================================
rel        the input's path relative to INPUT_DIR (the primary key)
job_key    SHA-256 of the input's content and of the job's signature
           (command, model, glossary hash, options); a change of any of
           them makes the document pending again
status     ``pending``, ``running``, ``done``, ``failed`` or ``skipped``
           (``batch extract``: not an Arabic document)
attempts   how many times the document was started
error      the last error message (one line), or why it was skipped
permanent  1 when the error comes from the input (retrying as it is
           cannot help; a changed input has a new job key and is redone)
output     the output file (or the extraction part) it went to
counts     JSON: segments and term outcomes (or edits) for the summary
gone       1 while the input is no longer in INPUT_DIR but its outputs are
           kept (until ``--prune-gone`` removes them, or the input is back)
========== ===========================================================

A document is marked ``running`` (attempts + 1) in one transaction before its
chunk starts and ``done`` in one transaction after its output is written, so a
crash at any point leaves it either done (output complete) or to be redone.
A crash (or ``kill -9``), where nothing could be recorded, counts as an
attempt: the next run finds the document still ``running`` and makes it
``pending`` with that attempt counted, so a document that kills the process
every time ends in the failed list instead of blocking the job. An orderly
interruption (Ctrl-C, SIGTERM) counts nothing: the runner puts its running
documents back to ``pending`` and takes their attempt back
(:meth:`Manifest.release_running`). ``--retry-failed`` gives the failed
documents of the same job key a fresh start (:meth:`Manifest.plan`).

SQLite rather than ``manifest.json``: each update is a small transaction, not a
rewrite of a file that grows with the job, and a reader (``avet batch status``,
another terminal) never sees a half-written manifest.

A full disk makes every write fail with one error naming the manifest
(``no space left on device``); :meth:`Manifest.release_running` needs a few
pages, which the runner frees for it first (see :mod:`toolkit.batch.local`).
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from glossary.errors import DatabaseFileError, StoreError
from glossary.fileio import NO_SPACE, NO_SPACE_HINT
from glossary.fileio import is_disk_full as _os_disk_full

__all__ = ["MANIFEST_NAME", "NO_SPACE", "NO_SPACE_HINT", "DocState", "Manifest", "is_disk_full"]

#: The manifest's file name inside OUT_DIR.
MANIFEST_NAME = "manifest.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS docs (
    rel TEXT PRIMARY KEY,
    job_key TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    output TEXT,
    counts TEXT,
    updated REAL NOT NULL,
    permanent INTEGER NOT NULL DEFAULT 0,
    gone INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
_TABLES = {"docs", "meta"}
_COLUMNS = "rel, job_key, status, attempts, error, output, counts, permanent, gone"
_OLD_COLUMNS = {"rel", "job_key", "status", "attempts", "error", "output", "counts", "updated"}
_HINT = "give --out a folder of its own, or remove it to start the job afresh"
_READ_ONLY_HINT = ("make the folder writable: remount it read-write or fix its permissions, "
                   "then rerun; the job goes on where it stood")

#: SQLite result codes that mean the file itself is the problem (the user fixes it).
_FILE_PROBLEMS = {
    sqlite3.SQLITE_NOTADB: "is not a SQLite database",
    sqlite3.SQLITE_CORRUPT: "is damaged ({exc})",
    sqlite3.SQLITE_CANTOPEN: "cannot be opened ({exc})",
    sqlite3.SQLITE_PERM: "cannot be opened ({exc})",
    sqlite3.SQLITE_AUTH: "cannot be opened ({exc})",
}


@dataclass(frozen=True)
class DocState:
    """One document's row of the manifest."""

    rel: str
    job_key: str
    status: str
    attempts: int
    error: str | None
    output: str | None
    counts: dict[str, Any]
    permanent: bool = False
    gone: bool = False


def is_disk_full(exc: BaseException) -> bool:
    """Whether ``exc`` says that the disk (or the user's quota) is full.

    Args:
        exc: An exception out of a write: ``OSError`` (``ENOSPC``, ``EDQUOT``), or
            ``sqlite3.Error`` (``SQLITE_FULL``: "database or disk is full").
    """
    if isinstance(exc, sqlite3.Error):
        return getattr(exc, "sqlite_errorcode", -1) & 0xFF == sqlite3.SQLITE_FULL
    return _os_disk_full(exc)


def _read_only(path: Path) -> str | None:
    """Why ``path`` (an existing manifest) cannot be written, or ``None`` if it can:
    a job writes its manifest (and SQLite its ``-wal`` and ``-shm`` files beside it)."""
    folder = path.parent
    for where in (path, folder):
        if os.access(where, os.W_OK):
            continue
        try:
            read_only_fs = bool(os.statvfs(where).f_flag & os.ST_RDONLY)
        except OSError:
            read_only_fs = False
        if read_only_fs:
            return f"is on a read-only file system ({folder})"
        return f"is read-only: no permission to write {'it' if where == path else folder}"
    return None


class Manifest:
    """The manifest of one output folder.

    Args:
        out_dir: The job's output folder (created if missing).
        timeout: Seconds to wait for a lock held by another process.

    Attributes:
        path: ``OUT_DIR/manifest.sqlite``.
        created: Whether this opening created the file (a new job folder).

    Raises:
        DatabaseFileError: If the file is not a SQLite database, is damaged,
            cannot be opened or written, or is another program's database (the
            user fixes it: exit code 2); every method that writes raises it too
            when the disk is full (see :meth:`transaction`).
        StoreError: If SQLite fails otherwise.
    """

    def __init__(self, out_dir: str | Path, *, timeout: float = 30.0) -> None:
        self.path = Path(out_dir) / MANIFEST_NAME
        self.created = not self.path.exists()
        if not self.created and self.path.is_file() and (why := _read_only(self.path)):
            raise DatabaseFileError(f"the job manifest {why}", path=self.path,
                                    hint=_READ_ONLY_HINT)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
        except OSError as exc:
            if is_disk_full(exc):
                raise self.full() from exc
            raise DatabaseFileError(f"cannot open the job manifest: {exc.strerror or exc}",
                                    path=self.path, hint=_HINT) from exc
        except sqlite3.Error as exc:
            raise self._open_error(exc) from exc
        try:
            self._check_tables()
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
            self._migrate()
        except BaseException as exc:
            self._db.close()
            if isinstance(exc, sqlite3.Error):
                raise self._open_error(exc) from exc
            raise

    def full(self) -> DatabaseFileError:
        """Returns the error of a write to the manifest that found the disk full."""
        return DatabaseFileError(NO_SPACE, path=self.path, hint=NO_SPACE_HINT)

    def _open_error(self, exc: sqlite3.Error) -> StoreError:
        code = getattr(exc, "sqlite_errorcode", -1) & 0xFF
        if is_disk_full(exc):
            return self.full()
        why = None  # why the file cannot be written, asked once
        if code in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN) and self.path.is_file():
            why = _read_only(self.path)
        if code == sqlite3.SQLITE_READONLY or (code == sqlite3.SQLITE_CANTOPEN and why):
            return DatabaseFileError(f"the job manifest {why or f'is read-only ({exc})'}",
                                     path=self.path, hint=_READ_ONLY_HINT)
        problem = _FILE_PROBLEMS.get(code)
        if self.path.is_dir():
            problem = "is a folder"
        if problem is not None:
            return DatabaseFileError(f"the job manifest {problem.format(exc=exc)}",
                                     path=self.path, hint=_HINT)
        return StoreError(f"cannot open the job manifest: {exc}", path=self.path,
                          hint="retry; report it with this message if it persists")

    def _check_tables(self) -> None:
        """Refuses a database of another program (a glossary copied to the wrong name)."""
        tables = {row[0] for row in self._db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        foreign = sorted(tables - _TABLES)
        if "docs" in tables and not foreign:
            columns = {row[1] for row in self._db.execute("PRAGMA table_info(docs)")}
            foreign = ["docs"] if not columns >= _OLD_COLUMNS else []
        if foreign:
            raise DatabaseFileError(
                "is not a batch job manifest (another program's tables: "
                f"{', '.join(foreign[:4])}{', …' if len(foreign) > 4 else ''})",
                path=self.path, hint=_HINT)

    def _migrate(self) -> None:
        """Adds the columns that a manifest written before them lacks."""
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(docs)")}
        for column in ("permanent", "gone"):
            if column not in columns:
                self._db.execute(f"ALTER TABLE docs ADD COLUMN {column} INTEGER NOT NULL "
                                 "DEFAULT 0")

    def close(self) -> None:
        """Closes the database."""
        self._db.close()

    def untouched(self) -> bool:
        """Returns whether no document has been started, finished or given up (all
        pending, 0 attempts)."""
        row = self._db.execute("SELECT COUNT(*) FROM docs WHERE status != 'pending' "
                               "OR attempts > 0").fetchone()
        return int(row[0]) == 0

    def discard(self) -> None:
        """Closes the database and deletes its files: a job that stopped before it did
        anything leaves its output folder bound to no job."""
        self._db.close()
        for suffix in ("", "-wal", "-shm", "-journal"):
            self.path.with_name(self.path.name + suffix).unlink(missing_ok=True)

    def __enter__(self) -> Manifest:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ meta
    def set_meta(self, key: str, value: Any) -> None:
        """Stores a JSON value under ``key`` (the job's command, signature).

        Args:
            key: The name of the value.
            value: Any JSON-serialisable value; replaces the one stored before.
        """
        try:
            self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                             (key, json.dumps(value, ensure_ascii=False, sort_keys=True)))
        except sqlite3.Error as exc:
            if is_disk_full(exc):
                raise self.full() from exc
            raise

    def get_meta(self, key: str) -> Any:
        """Returns the value stored under ``key``, or ``None``.

        Args:
            key: The name given to :meth:`set_meta`.
        """
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else None

    # ------------------------------------------------------------------ rows
    def _row(self, row: Sequence[Any]) -> DocState:
        return DocState(row[0], row[1], row[2], int(row[3]), row[4], row[5],
                        json.loads(row[6]) if row[6] else {}, bool(row[7]), bool(row[8]))

    def get(self, rel: str) -> DocState | None:
        """Returns the row of one document, or ``None``.

        Args:
            rel: The document's path relative to INPUT_DIR.
        """
        row = self._db.execute(f"SELECT {_COLUMNS} FROM docs WHERE rel = ?",
                               (rel,)).fetchone()
        return self._row(row) if row else None

    def states(self, *, gone: bool = False) -> Iterator[DocState]:
        """Yields the rows, ordered by ``rel``.

        Args:
            gone: Also the rows of documents gone from INPUT_DIR whose outputs are
                kept (see :meth:`mark_gone`).
        """
        where = "" if gone else " WHERE gone = 0"
        cur = self._db.execute(f"SELECT {_COLUMNS} FROM docs{where} ORDER BY rel")
        for row in cur:
            yield self._row(row)

    def plan(self, docs: Iterable[tuple[str, str]], max_attempts: int, *,
             retry_failed: bool = False) -> dict[str, str]:
        """Decides what each document needs.

        A row still ``running`` was left by a run that crashed (the caller holds the
        job's lock, so no other run is at work): it becomes ``pending``, and the
        attempt it was started for stays counted. A document marked gone that is
        back in INPUT_DIR is no longer gone (and is skipped if it is unchanged).

        Args:
            docs: ``(rel, job_key)`` of every input document.
            max_attempts: Attempts after which a document is failed for good.
            retry_failed: Reset the documents that failed, or ran out of attempts,
                with the same key to ``pending`` with 0 attempts (``--retry-failed``).

        Returns:
            ``rel`` → ``"skip"`` (done or skipped with this key), ``"failed"`` (gave up
            on this key) or ``"todo"``. Rows whose key changed are reset (attempts 0).
        """
        decisions: dict[str, str] = {}
        now = time.time()
        with self.transaction():
            for rel, key in docs:
                state = self.get(rel)
                if state is not None and state.gone:
                    self._db.execute("UPDATE docs SET gone = 0 WHERE rel = ?", (rel,))
                    state = replace(state, gone=False)
                if state is not None and state.job_key == key and state.status == "running":
                    self._db.execute("UPDATE docs SET status = 'pending', updated = ? "
                                     "WHERE rel = ?", (now, rel))
                    state = replace(state, status="pending")
                finished = state is not None and state.status in ("done", "skipped")
                if state is None or state.job_key != key or (
                        retry_failed and not finished
                        and (state.status == "failed" or state.attempts >= max_attempts)):
                    self._db.execute(
                        f"INSERT OR REPLACE INTO docs ({_COLUMNS}, updated) VALUES "
                        "(?, ?, 'pending', 0, NULL, NULL, NULL, 0, 0, ?)", (rel, key, now))
                    decisions[rel] = "todo"
                elif finished:
                    decisions[rel] = "skip"
                elif state.status == "failed" or state.attempts >= max_attempts:
                    if state.status != "failed":
                        self._db.execute(
                            "UPDATE docs SET status = 'failed', error = ?, updated = ? "
                            "WHERE rel = ?",
                            (state.error or f"the job stopped during each of {state.attempts} "
                             "attempts (crash or kill)", now, rel))
                    decisions[rel] = "failed"
                else:
                    decisions[rel] = "todo"
        return decisions

    def start(self, rels: Sequence[str]) -> None:
        """Marks documents ``running`` and counts an attempt, in one transaction.

        Args:
            rels: The documents' paths relative to INPUT_DIR.
        """
        now = time.time()
        with self.transaction():
            self._db.executemany(
                "UPDATE docs SET status = 'running', attempts = attempts + 1, updated = ? "
                "WHERE rel = ?", [(now, rel) for rel in rels])

    def release_running(self) -> int:
        """Puts the ``running`` documents back to ``pending`` and takes back their attempt.

        For an orderly interruption (Ctrl-C, SIGTERM): the documents were not at
        fault, so the interruption must not count against ``max_attempts``. A
        transaction the interruption left open is rolled back first.

        Returns:
            How many documents were released.
        """
        if self._db.in_transaction:
            self._db.execute("ROLLBACK")
        with self.transaction():
            cur = self._db.execute(
                "UPDATE docs SET status = 'pending', attempts = MAX(attempts - 1, 0), "
                "updated = ? WHERE status = 'running'", (time.time(),))
            return cur.rowcount

    def finish(self, done: Sequence[tuple[str, str, Mapping[str, Any]]],
               failed: Sequence[tuple[str, str, bool]], max_attempts: int,
               skipped: Sequence[tuple[str, str]] = ()) -> None:
        """Records the outcome of documents, in one transaction.

        Args:
            done: ``(rel, output, counts)`` of documents whose output is written.
            failed: ``(rel, error, permanent)`` of documents that raised an error. A
                permanent error (bad input), or one after ``max_attempts`` attempts,
                fails the document for good; otherwise it stays ``pending`` and is
                retried.
            max_attempts: See above.
            skipped: ``(rel, reason)`` of documents the job does not take (``batch
                extract``: not Arabic); like done ones, they are not redone unless
                they change.
        """
        now = time.time()
        with self.transaction():
            self._db.executemany(
                "UPDATE docs SET status = 'done', error = NULL, permanent = 0, output = ?, "
                "counts = ?, updated = ? WHERE rel = ?",
                [(out, json.dumps(dict(counts), sort_keys=True), now, rel)
                 for rel, out, counts in done])
            self._db.executemany(
                "UPDATE docs SET status = 'skipped', error = ?, permanent = 0, output = NULL, "
                "counts = NULL, updated = ? WHERE rel = ?",
                [(reason, now, rel) for rel, reason in skipped])
            self._db.executemany(
                "UPDATE docs SET status = CASE WHEN ? OR attempts >= ? THEN 'failed' "
                "ELSE 'pending' END, error = ?, permanent = ?, updated = ? WHERE rel = ?",
                [(int(permanent), max_attempts, error, int(permanent), now, rel)
                 for rel, error, permanent in failed])

    def missing(self, present: Iterable[str]) -> list[DocState]:
        """Returns the rows of documents no longer in the input (``present``: those that
        are), those already marked gone included.

        Args:
            present: The relative paths of the documents in INPUT_DIR now.
        """
        keep = set(present)
        return [s for s in self.states(gone=True) if s.rel not in keep]

    def mark_gone(self, rels: Iterable[str]) -> None:
        """Marks documents gone from INPUT_DIR whose outputs are kept, in one transaction.

        Their rows stay (every run lists them, and ``--prune-gone`` removes their
        outputs) but are left out of :meth:`states` until the input is back.

        Args:
            rels: The documents' paths relative to INPUT_DIR.
        """
        with self.transaction():
            self._db.executemany("UPDATE docs SET gone = 1 WHERE rel = ?", [(r,) for r in rels])

    def forget(self, rels: Iterable[str]) -> None:
        """Removes the rows of documents, in one transaction (their outputs are gone).

        Args:
            rels: The documents' paths relative to INPUT_DIR.
        """
        with self.transaction():
            self._db.executemany("DELETE FROM docs WHERE rel = ?", [(r,) for r in rels])

    def forget_missing(self, present: Iterable[str]) -> int:
        """Returns how many rows it removed: those of documents no longer in the input.

        Args:
            present: The relative paths of the documents in INPUT_DIR now.
        """
        gone = [s.rel for s in self.missing(present)]
        self.forget(gone)
        return len(gone)

    def transaction(self) -> _Tx:
        """Returns a context manager for one ``BEGIN IMMEDIATE`` transaction.

        A write that finds the disk full raises :class:`DatabaseFileError` (``no
        space left on device``, exit code 2) and leaves nothing half-recorded.
        """
        return _Tx(self)


class _Tx:
    def __init__(self, manifest: Manifest) -> None:
        self._manifest = manifest
        self._db = manifest._db

    def __enter__(self) -> None:
        self._run("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, exc: BaseException | None, tb: object) -> None:
        if exc is None:
            self._run("COMMIT")
            return
        if self._db.in_transaction:
            self._db.execute("ROLLBACK")
        if is_disk_full(exc):
            raise self._manifest.full() from exc

    def _run(self, sql: str) -> None:
        try:
            self._db.execute(sql)
        except sqlite3.Error as exc:
            if is_disk_full(exc):
                if self._db.in_transaction:  # a COMMIT that failed leaves it open
                    self._db.execute("ROLLBACK")
                raise self._manifest.full() from exc
            raise

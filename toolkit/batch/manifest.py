"""The job manifest: what a batch job has done, per document, in a small SQLite file.

``OUT_DIR/manifest.sqlite`` (WAL journal) holds one row per document:

========== ===========================================================
rel        the input's path relative to INPUT_DIR (the primary key)
job_key    SHA-256 of the input's content and of the job's signature
           (command, model, glossary hash, options); a change of any of
           them makes the document pending again
status     ``pending``, ``running``, ``done`` or ``failed``
attempts   how many times the document was started
error      the last error message (one line)
output     the output file (or the extraction part) it went to
counts     JSON: segments and term outcomes (or edits) for the summary
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
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from glossary.errors import StoreError

__all__ = ["MANIFEST_NAME", "DocState", "Manifest"]

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
    updated REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


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


class Manifest:
    """The manifest of one output folder.

    Args:
        out_dir: The job's output folder (created if missing).
        timeout: Seconds to wait for a lock held by another process.

    Raises:
        StoreError: If the file cannot be opened or is not a manifest.
    """

    def __init__(self, out_dir: str | Path, *, timeout: float = 30.0) -> None:
        self.path = Path(out_dir) / MANIFEST_NAME
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"cannot open the job manifest: {exc}", path=self.path,
                             hint="remove the file to start the job afresh") from None

    def close(self) -> None:
        """Closes the database."""
        self._db.close()

    def __enter__(self) -> Manifest:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ meta
    def set_meta(self, key: str, value: Any) -> None:
        """Stores a JSON value under ``key`` (the job's command, signature)."""
        self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                         (key, json.dumps(value, ensure_ascii=False, sort_keys=True)))

    def get_meta(self, key: str) -> Any:
        """Returns the value stored under ``key``, or ``None``."""
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else None

    # ------------------------------------------------------------------ rows
    def _row(self, row: Sequence[Any]) -> DocState:
        return DocState(row[0], row[1], row[2], int(row[3]), row[4], row[5],
                        json.loads(row[6]) if row[6] else {})

    def get(self, rel: str) -> DocState | None:
        """Returns the row of one document, or ``None``."""
        row = self._db.execute("SELECT rel, job_key, status, attempts, error, output, counts "
                               "FROM docs WHERE rel = ?", (rel,)).fetchone()
        return self._row(row) if row else None

    def states(self) -> Iterator[DocState]:
        """Yields every row, ordered by ``rel``."""
        cur = self._db.execute("SELECT rel, job_key, status, attempts, error, output, counts "
                               "FROM docs ORDER BY rel")
        for row in cur:
            yield self._row(row)

    def plan(self, docs: Iterable[tuple[str, str]], max_attempts: int, *,
             retry_failed: bool = False) -> dict[str, str]:
        """Decides what each document needs.

        A row still ``running`` was left by a run that crashed (the caller holds the
        job's lock, so no other run is at work): it becomes ``pending``, and the
        attempt it was started for stays counted.

        Args:
            docs: ``(rel, job_key)`` of every input document.
            max_attempts: Attempts after which a document is failed for good.
            retry_failed: Reset the documents that failed, or ran out of attempts,
                with the same key to ``pending`` with 0 attempts (``--retry-failed``).

        Returns:
            ``rel`` → ``"skip"`` (done with this key), ``"failed"`` (gave up on this
            key) or ``"todo"``. Rows whose key changed are reset (attempts 0).
        """
        decisions: dict[str, str] = {}
        now = time.time()
        with self.transaction():
            for rel, key in docs:
                state = self.get(rel)
                if state is not None and state.job_key == key and state.status == "running":
                    self._db.execute("UPDATE docs SET status = 'pending', updated = ? "
                                     "WHERE rel = ?", (now, rel))
                    state = replace(state, status="pending")
                if state is None or state.job_key != key or (
                        retry_failed and state.status != "done"
                        and (state.status == "failed" or state.attempts >= max_attempts)):
                    self._db.execute(
                        "INSERT OR REPLACE INTO docs VALUES (?, ?, 'pending', 0, NULL, NULL, "
                        "NULL, ?)", (rel, key, now))
                    decisions[rel] = "todo"
                elif state.status == "done":
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
        """Marks documents ``running`` and counts an attempt, in one transaction."""
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
               failed: Sequence[tuple[str, str, bool]], max_attempts: int) -> None:
        """Records the outcome of documents, in one transaction.

        Args:
            done: ``(rel, output, counts)`` of documents whose output is written.
            failed: ``(rel, error, permanent)`` of documents that raised an error. A
                permanent error (bad input), or one after ``max_attempts`` attempts,
                fails the document for good; otherwise it stays ``pending`` and is
                retried.
            max_attempts: See above.
        """
        now = time.time()
        with self.transaction():
            self._db.executemany(
                "UPDATE docs SET status = 'done', error = NULL, output = ?, counts = ?, "
                "updated = ? WHERE rel = ?",
                [(out, json.dumps(dict(counts), sort_keys=True), now, rel)
                 for rel, out, counts in done])
            self._db.executemany(
                "UPDATE docs SET status = CASE WHEN ? OR attempts >= ? THEN 'failed' "
                "ELSE 'pending' END, error = ?, updated = ? WHERE rel = ?",
                [(int(permanent), max_attempts, error, now, rel)
                 for rel, error, permanent in failed])

    def forget_missing(self, present: Iterable[str]) -> int:
        """Removes rows of documents no longer in the input; returns how many."""
        keep = set(present)
        gone = [s.rel for s in self.states() if s.rel not in keep]
        with self.transaction():
            self._db.executemany("DELETE FROM docs WHERE rel = ?", [(r,) for r in gone])
        return len(gone)

    def transaction(self) -> _Tx:
        """Returns a context manager for one ``BEGIN IMMEDIATE`` transaction."""
        return _Tx(self._db)


class _Tx:
    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> None:
        self._db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        self._db.execute("COMMIT" if exc_type is None else "ROLLBACK")

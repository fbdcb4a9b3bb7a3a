"""The glossary database schema, its migrations, and the write transaction.

``MIGRATIONS[n]`` takes a database from ``PRAGMA user_version`` n to n + 1.
Add a step at the end for every schema change; never edit a released step.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from glossary.errors import DatabaseFileError, InputError, StoreError
from glossary.fileio import NO_SPACE, NO_SPACE_HINT
from glossary.model import KINDS, LANGS, STATUSES
from glossary.normalize import fold_key

__all__ = ["MIGRATIONS", "ORDERS", "READ_ONLY", "SCHEMA_VERSION", "Transaction",
           "check_avet_database", "disk_full", "is_disk_full", "migrate", "schema_version",
           "where_clause", "write_error"]

MIGRATIONS: tuple[str, ...] = (
    # 0 -> 1: the initial schema.
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    INSERT INTO meta VALUES ('version', '0');
    CREATE TABLE entries (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL,
        status TEXT NOT NULL,
        ar TEXT NOT NULL DEFAULT '',
        vi TEXT NOT NULL DEFAULT '',
        en TEXT NOT NULL DEFAULT '',
        frequency INTEGER NOT NULL DEFAULT 0,
        score REAL NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL DEFAULT '',
        data TEXT NOT NULL
    );
    CREATE INDEX entries_status ON entries (status);
    CREATE INDEX entries_kind ON entries (kind);
    CREATE TABLE forms (
        entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
        lang TEXT NOT NULL,
        role TEXT NOT NULL,
        key TEXT NOT NULL,
        fold TEXT NOT NULL
    );
    CREATE INDEX forms_key ON forms (lang, key);
    CREATE INDEX forms_entry ON forms (entry_id);
    CREATE TABLE evidence (
        entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
        doc TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (entry_id, doc)
    );
    CREATE TABLE journal (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        grp INTEGER NOT NULL,
        ts TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        entry_id INTEGER NOT NULL,
        before TEXT,
        after TEXT,
        state TEXT NOT NULL DEFAULT 'done'
    );
    CREATE INDEX journal_grp ON journal (grp);
    """,
    # 1 -> 2: the data version that last wrote each entry, and the removed entries, so
    # that a reader (the review TUI) fetches only what changed since it last looked.
    """
    ALTER TABLE entries ADD COLUMN changed INTEGER NOT NULL DEFAULT 0;
    UPDATE entries SET changed = (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'version');
    CREATE INDEX entries_changed ON entries (changed);
    CREATE TABLE removed (entry_id INTEGER PRIMARY KEY, changed INTEGER NOT NULL);
    CREATE INDEX removed_changed ON removed (changed);
    """,
    # 2 -> 3: what a journal group did, as the user would name it ("import g.csv"), so
    # that undo can say what it reverted.
    """
    ALTER TABLE journal ADD COLUMN label TEXT NOT NULL DEFAULT '';
    """,
    # 3 -> 4: the per-document counts each record changed, as {doc: count} before and
    # after (null count: no row), so that undo and redo restore the evidence too. NULL
    # (the records written before): the record changed no evidence, or did not say.
    """
    ALTER TABLE journal ADD COLUMN evidence_before TEXT;
    ALTER TABLE journal ADD COLUMN evidence_after TEXT;
    """,
)

#: Current schema version.
SCHEMA_VERSION = len(MIGRATIONS)

#: Free bytes under which a SQLite I/O error is taken for a full disk (a WAL write
#: needs a few pages; SQLite's I/O errors do not carry the system's errno).
_LOW_SPACE = 1 << 20


def is_disk_full(exc: BaseException, path: Path | None = None) -> bool:
    """Whether ``exc`` says that the disk under the database is full.

    SQLite says so with ``SQLITE_FULL`` ("database or disk is full"); a write to
    its ``-wal`` or ``-shm`` file that finds the disk full is an I/O error
    (``SQLITE_IOERR_*``) instead, taken for a full disk when ``path``'s file
    system has less than :data:`_LOW_SPACE` bytes free.

    Args:
        exc: An exception out of a statement, a ``COMMIT`` or an open.
        path: The database file, to look at its file system's free space.
    """
    if not isinstance(exc, sqlite3.Error):
        return False
    code = getattr(exc, "sqlite_errorcode", -1) & 0xFF
    if code == sqlite3.SQLITE_FULL:
        return True
    if code != sqlite3.SQLITE_IOERR or path is None:
        return False
    try:
        return shutil.disk_usage(path.absolute().parent).free < _LOW_SPACE
    except OSError:
        return False


def disk_full(path: Path) -> DatabaseFileError:
    """The error of a write to the database ``path`` that found the disk full.

    Args:
        path: The database file.

    Returns:
        The error to raise, worded as every avet write that finds the disk full
        words it (:data:`glossary.fileio.NO_SPACE`); the CLI exits with 2.
    """
    return DatabaseFileError(NO_SPACE, path=path, hint=NO_SPACE_HINT)


#: What to say of a database SQLite cannot write (``SQLITE_READONLY``), and the fix.
READ_ONLY = ("is read-only ({exc})", "make it writable or give --db a path you can write to")


def write_error(exc: BaseException, path: Path) -> DatabaseFileError | None:
    """The avet error for a write to the database ``path`` that failed with ``exc``.

    Args:
        exc: An exception out of a statement or a ``COMMIT``.
        path: The database file.

    Returns:
        The error to raise for a full disk (:func:`disk_full`) or for a file SQLite
        can only read (``SQLITE_READONLY``: it opens a file it cannot write
        read-only, and says so at the first write); ``None`` for any other exception.
    """
    if is_disk_full(exc, path):
        return disk_full(path)
    if isinstance(exc, sqlite3.Error) and \
            getattr(exc, "sqlite_errorcode", -1) & 0xFF == sqlite3.SQLITE_READONLY:
        return DatabaseFileError(READ_ONLY[0].format(exc=exc), path=path, hint=READ_ONLY[1])
    return None


def _rollback(db: sqlite3.Connection, savepoint: str | None = None) -> None:
    """Rolls back what SQLite has not rolled back already (after ``SQLITE_FULL`` or
    an I/O error it may have ended the transaction itself: a ``ROLLBACK`` then would
    fail and hide the real error)."""
    if not db.in_transaction:
        return
    if savepoint is None:
        db.execute("ROLLBACK")
    else:
        db.execute(f"ROLLBACK TO {savepoint}")
        db.execute(f"RELEASE {savepoint}")


def check_avet_database(db: sqlite3.Connection, path: Path) -> None:
    """Refuses a SQLite database that another program made.

    avet sets ``user_version`` in the transaction that creates its tables, so a
    database at version 0 that already has tables is not avet's.

    Args:
        db: The connection, before anything is written.
        path: The database file, for error messages.

    Raises:
        InputError: If the database has tables but no avet schema.
    """
    if db.execute("PRAGMA user_version").fetchone()[0]:
        return
    tables = [row[0] for row in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name LIMIT 4")]
    if tables:
        raise InputError(f"is a SQLite database of another program (tables: {', '.join(tables)})",
                         path=path, hint="give --db a new file or an avet glossary database")


def schema_version(db: sqlite3.Connection, path: Path) -> int:
    """Returns the database's schema version (``PRAGMA user_version``); reads only.

    Args:
        db: The connection.
        path: The database file, for error messages.

    Raises:
        DatabaseFileError: If the database is newer than this avet.
    """
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        raise DatabaseFileError(
            f"database schema {version} is newer than this avet ({SCHEMA_VERSION})",
            path=path, hint="upgrade avet")
    return version


def migrate(db: sqlite3.Connection, path: Path) -> None:
    """Brings the database to :data:`SCHEMA_VERSION`, in one transaction.

    Args:
        db: The connection (autocommit mode).
        path: The database file, for error messages.

    Raises:
        DatabaseFileError: If the database is newer than this avet, or the disk
            is full.
    """
    if schema_version(db, path) == SCHEMA_VERSION:
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        for step in range(version, SCHEMA_VERSION):
            for statement in MIGRATIONS[step].split(";"):
                if statement.strip():
                    db.execute(statement)
            db.execute(f"PRAGMA user_version = {step + 1}")
        db.execute("COMMIT")
    except BaseException as exc:
        _rollback(db)
        if is_disk_full(exc, path):
            raise disk_full(path) from exc
        raise


class Transaction:
    """``BEGIN IMMEDIATE`` … ``COMMIT`` with a journal group and a version bump.

    Args:
        db: The connection (autocommit mode).
        path: The database file, for error messages.
        journal: Open a new journal group (undo and redo do not).
        label: What the group does, as undo names it (``"import g.csv"``);
            ``""``: named by its records' actions.
    """

    def __init__(self, db: sqlite3.Connection, path: Path, journal: bool = True,
                 label: str = "") -> None:
        self.db = db
        self.path = path
        self.journal = journal
        self.label = label
        self.group = 0

    @contextmanager
    def savepoint(self) -> Iterator[Transaction]:
        """Runs a nested write inside this transaction: it joins its journal group,
        and on an exception only the nested write is rolled back (then re-raised).

        Raises:
            DatabaseFileError: If the disk is full (SQLite's ``SQLITE_FULL``) or the
                database read-only (``SQLITE_READONLY``).
        """
        self.db.execute("SAVEPOINT avet_nested")
        try:
            yield self
        except BaseException as exc:
            _rollback(self.db, "avet_nested")
            if (error := write_error(exc, self.path)) is not None:
                raise error from exc
            raise
        self.db.execute("RELEASE avet_nested")

    def __enter__(self) -> Transaction:
        db = self.db
        try:
            db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if (error := write_error(exc, self.path)) is not None:
                raise error from exc
            raise StoreError(f"database is busy: {exc}", path=self.path,
                             hint="another process holds it too long; retry") from exc
        if self.journal:
            row = db.execute("SELECT COALESCE(MAX(grp), 0) + 1 FROM journal").fetchone()
            self.group = int(row[0])
        return self

    def __exit__(self, exc_type: object, exc: BaseException | None, tb: object) -> None:
        """Commits, or rolls back on an exception.

        Raises:
            DatabaseFileError: If the disk is full (SQLite's ``SQLITE_FULL``, met
                by a write or by the ``COMMIT``) or the database read-only
                (``SQLITE_READONLY``); nothing is stored then.
        """
        db = self.db
        if exc is not None:
            _rollback(db)
            if (error := write_error(exc, self.path)) is not None:
                raise error from exc
            return
        try:
            # An action that changed something makes the undone ones unredoable; one
            # that changed nothing journaled nothing, and leaves undo and redo as they were.
            if self.journal and db.execute("SELECT 1 FROM journal WHERE grp = ? LIMIT 1",
                                           (self.group,)).fetchone():
                db.execute("UPDATE journal SET state = 'discarded' WHERE state = 'undone'")
            db.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'version'")
            db.execute("COMMIT")
        except BaseException as failure:
            _rollback(db)
            if (error := write_error(failure, self.path)) is not None:
                raise error from failure
            raise


#: Sort orders of :meth:`glossary.store.Store.entries`; empty values sort last.
ORDERS = {
    "id": "id",
    "ar": "ar = '', ar",
    "vi": "vi = '', vi",
    "en": "en = '', en",
    "kind": "kind",
    "status": "status",
    "frequency": "frequency DESC",
    "score": "score DESC",
    "updated": "updated_at = '', updated_at DESC",
}


def where_clause(status: str | None, kind: str | None,
                 text: str | None) -> tuple[str, list[Any]]:
    """Returns the ``WHERE`` clause and parameters that filter entries.

    ``text`` matches any form by each language's loosest key (Arabic without
    diacritics and hamza forms, Vietnamese without tones, English case-folded).

    Raises:
        InputError: For an unknown status or kind.
    """
    clauses, params = [], []
    if status is not None:
        if status not in STATUSES:
            raise InputError(f"unknown status {status!r}",
                             hint=f"use one of: {', '.join(STATUSES)}")
        clauses.append("status = ?")
        params.append(status)
    if kind is not None:
        if kind not in KINDS:
            raise InputError(f"unknown kind {kind!r}", hint=f"use one of: {', '.join(KINDS)}")
        clauses.append("kind = ?")
        params.append(kind)
    if text:
        alternatives = []
        for lang in LANGS:
            key = fold_key(text, lang)
            if key:
                alternatives.append("(lang = ? AND fold LIKE ? ESCAPE '\\')")
                escaped = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                params.extend([lang, f"%{escaped}%"])
        if alternatives:
            clauses.append("id IN (SELECT entry_id FROM forms WHERE "
                           + " OR ".join(alternatives) + ")")
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

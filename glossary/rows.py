"""Row-level SQL of the glossary store: its connection opened, one entry's rows
written, read and removed.

Every write stamps the entry's row with the data version its transaction will
commit (the ``meta`` version plus one, see :class:`glossary.schema.Transaction`),
and every removal leaves a ``removed`` row with that version, so that a reader
can fetch only what changed since the version it last saw (:func:`changes_since`).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Mapping
from pathlib import Path

from glossary.errors import DatabaseFileError, StoreError
from glossary.model import LANGS, Entry
from glossary.normalize import fold_key, match_key
from glossary.schema import (
    READ_ONLY,
    SCHEMA_VERSION,
    check_avet_database,
    disk_full,
    is_disk_full,
    migrate,
    schema_version,
)

__all__ = [
    "add_evidence_of",
    "changes_since",
    "delete_row",
    "dump",
    "entry_sharing_form",
    "entry_with_form",
    "evidence_of",
    "evidence_total",
    "load_row",
    "open_database",
    "open_reader",
    "save_row",
    "set_evidence",
    "write_evidence",
]

_NEXT_VERSION = "(SELECT CAST(value AS INTEGER) + 1 FROM meta WHERE key = 'version')"

#: SQLite result codes of a file the user can fix, with what to say and the fix.
_FILE_PROBLEMS = {
    sqlite3.SQLITE_NOTADB: ("is not a SQLite database",
                            "give --db a new file or an avet glossary database"),
    sqlite3.SQLITE_CORRUPT: ("is damaged ({exc})",
                             "restore it from a backup or give --db a new file"),
    sqlite3.SQLITE_CANTOPEN: ("cannot be opened ({exc})",
                              "check its permissions or give --db a path you can write to"),
    sqlite3.SQLITE_READONLY: READ_ONLY,
    sqlite3.SQLITE_PERM: ("cannot be opened ({exc})",
                          "check its permissions or give --db a path you can write to"),
}
#: SQLite result codes of a file that cannot be written where it is.
_UNWRITABLE = frozenset({sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM})
#: The same for a database opened to be read (:func:`open_reader`): nothing to write.
_READ_PROBLEMS = {
    **_FILE_PROBLEMS,
    sqlite3.SQLITE_CANTOPEN: ("cannot be opened ({exc})", "check its permissions"),
    sqlite3.SQLITE_PERM: ("cannot be opened ({exc})", "check its permissions"),
}


def open_database(path: Path, timeout: float) -> sqlite3.Connection:
    """Opens the store's database in WAL mode, checks that it is avet's and migrates it.

    Args:
        path: The database file (its folder exists).
        timeout: Seconds to wait for another writer.

    Returns:
        The connection, in autocommit mode (the store makes its own transactions).

    Raises:
        InputError: If the file is a SQLite database of another program.
        DatabaseFileError: If the file is not a database, is damaged, cannot be
            opened or written, a newer avet made it, or the disk is full.
        StoreError: If SQLite fails otherwise.
    """
    try:
        db = sqlite3.connect(path, timeout=timeout, isolation_level=None)
    except sqlite3.DatabaseError as exc:
        raise _open_error(exc, path) from exc
    try:
        check_avet_database(db, path)
        db.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA synchronous = NORMAL")
        migrate(db, path)
    except BaseException as exc:
        db.close()
        if isinstance(exc, sqlite3.DatabaseError):
            raise _open_error(exc, path) from exc
        raise
    return db


def open_reader(path: Path, timeout: float) -> sqlite3.Connection:
    """Opens the store's database to be read: nothing is written to the file, neither
    the WAL mode nor a migration, so that a database on a read-only file system or
    in a folder the user cannot write to can be read.

    It is opened read-write with ``PRAGMA query_only`` (SQLite then refuses every
    change, and the last connection to close still removes the ``-wal`` and ``-shm``
    files, which a ``mode=ro`` connection would leave behind). Where the file or its
    folder cannot be written: with no ``-wal`` file, with ``immutable=1`` (no file
    made beside it); else with ``mode=ro``, removing on close the ``-shm`` (or
    ``-wal``) file that open made; where that fails because the folder is read-only
    (SQLite cannot make the ``-shm`` file that reading a WAL database needs), with
    ``immutable=1``, unless the ``-wal`` file holds changes that would then be
    missed. A database of an older schema is migrated as :func:`open_database`
    does, when it can be written.

    Args:
        path: The database file (it exists).
        timeout: Seconds to wait for a writer.

    Returns:
        The connection, in autocommit mode; it cannot write.

    Raises:
        InputError: If the file is a SQLite database of another program.
        DatabaseFileError: If the file is not a database, is damaged or cannot be
            read, a newer avet made it, or its schema is older and it cannot be
            written.
        StoreError: If SQLite fails otherwise.
    """
    uri = path.absolute().as_uri()
    if not os.access(path, os.W_OK):  # SQLite would open it read-only and leave files
        db = _connect_read_only(uri, path, timeout)
    else:
        try:
            db = _connect(f"{uri}?mode=rw", timeout, query_only=True)
        except sqlite3.DatabaseError as exc:
            if _code(exc) not in _UNWRITABLE:
                raise _open_error(exc, path, _READ_PROBLEMS) from exc
            db = _connect_read_only(uri, path, timeout)
    try:
        check_avet_database(db, path)
        version = schema_version(db, path)
    except BaseException as exc:
        db.close()
        if isinstance(exc, sqlite3.DatabaseError):
            raise _open_error(exc, path, _READ_PROBLEMS) from exc
        raise
    if version == SCHEMA_VERSION:
        return db
    db.close()
    try:
        return open_database(path, timeout)
    except DatabaseFileError as exc:
        if _code(exc.__cause__) not in _UNWRITABLE:
            raise
        raise DatabaseFileError(
            f"has schema {version}, older than this avet's ({SCHEMA_VERSION}), and cannot "
            f"be upgraded here: it {exc.message}", path=path,
            hint="run avet once where it can write the database, or read a copy in a "
                 "folder you can write to (avet upgrades it on open)") from exc


def _connect_read_only(uri: str, path: Path, timeout: float) -> sqlite3.Connection:
    """Opens ``uri`` where the file or its folder cannot be written, leaving no new file
    beside it.

    With no ``-wal`` file the database holds every committed change: it is opened with
    ``immutable=1``, which makes no ``-wal`` or ``-shm`` file (a writer that starts
    while it is open is not seen). Otherwise with ``mode=ro``, and the ``-wal`` and
    ``-shm`` files that this open made are removed when the connection closes; where
    that fails because the folder is read-only, with ``immutable=1`` unless the
    ``-wal`` file holds changes.
    """
    wal = Path(f"{path}-wal")
    if wal.exists():
        made = tuple(p for p in (wal, Path(f"{path}-shm")) if not p.exists())
        try:
            db = _connect(f"{uri}?mode=ro", timeout, factory=_RemovingConnection)
        except sqlite3.DatabaseError as exc:
            if not _read_only_folder(exc, path):
                raise _open_error(exc, path, _READ_PROBLEMS) from exc
            if wal.is_file() and wal.stat().st_size:
                raise DatabaseFileError(
                    f"cannot be read: its folder is read-only and {wal.name} holds changes "
                    "not yet in the database", path=path,
                    hint="open it once where it can be written, or copy it with its -wal "
                         "file to a folder you can write to") from exc
        else:
            assert isinstance(db, _RemovingConnection)
            db.made = made
            return db
    try:
        return _connect(f"{uri}?immutable=1", timeout)
    except sqlite3.DatabaseError as exc:
        raise _open_error(exc, path, _READ_PROBLEMS) from exc


class _RemovingConnection(sqlite3.Connection):
    """A connection that removes, once closed, the files its open made (``made``)."""

    made: tuple[Path, ...] = ()

    def close(self) -> None:
        super().close()
        for file in self.made:
            file.unlink(missing_ok=True)
        self.made = ()


def _connect(uri: str, timeout: float, *, query_only: bool = False,
             factory: type[sqlite3.Connection] = sqlite3.Connection) -> sqlite3.Connection:
    """Opens ``uri`` and reads from it, so that a file SQLite cannot read fails here."""
    db = sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None,
                         factory=factory)
    try:
        if query_only:
            db.execute("PRAGMA query_only = ON")
        db.execute("PRAGMA user_version").fetchone()
    except BaseException:
        db.close()
        raise
    return db


def _code(exc: BaseException | None) -> int:
    """SQLite's primary result code of ``exc`` (-1 if it has none)."""
    code: int = getattr(exc, "sqlite_errorcode", -1)
    return code & 0xFF if code >= 0 else -1


def _read_only_folder(exc: sqlite3.DatabaseError, path: Path) -> bool:
    """Whether ``mode=ro`` failed because the database's folder cannot be written."""
    return _code(exc) in _UNWRITABLE and not os.access(path.absolute().parent, os.W_OK)


def _open_error(exc: sqlite3.DatabaseError, path: Path,
                problems: Mapping[int, tuple[str, str]] = _FILE_PROBLEMS) -> StoreError:
    """The avet error for a SQLite error met while opening ``path``."""
    if is_disk_full(exc, path):
        return disk_full(path)
    problem = problems.get(getattr(exc, "sqlite_errorcode", -1) & 0xFF)
    if problem is not None:
        return DatabaseFileError(problem[0].format(exc=exc), path=path, hint=problem[1])
    return StoreError(f"cannot open glossary database: {exc}", path=path,
                      hint="retry; report it with this message if it persists")


def dump(entry: Entry) -> str:
    """Returns the JSON stored for ``entry`` (keys sorted, so equal entries dump equal)."""
    return json.dumps(entry.to_dict(), ensure_ascii=False, sort_keys=True)


def save_row(db: sqlite3.Connection, entry: Entry) -> None:
    """Writes ``entry`` (it has an id) and its form index rows, inside a transaction."""
    assert entry.id is not None
    db.execute(
        "INSERT INTO entries (id, kind, status, ar, vi, en, frequency, score, updated_at, "
        f"data, changed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, {_NEXT_VERSION}) "
        "ON CONFLICT (id) DO UPDATE SET "
        "kind = excluded.kind, status = excluded.status, ar = excluded.ar, vi = excluded.vi, "
        "en = excluded.en, frequency = excluded.frequency, score = excluded.score, "
        "updated_at = excluded.updated_at, data = excluded.data, changed = excluded.changed",
        (entry.id, entry.kind, entry.status, entry.term("ar"), entry.term("vi"),
         entry.term("en"), entry.frequency, entry.score, entry.updated_at, dump(entry)),
    )
    db.execute("DELETE FROM forms WHERE entry_id = ?", (entry.id,))
    rows: list[tuple[int, str, str, str, str]] = []
    for lang in LANGS:
        forms = entry.forms[lang]
        for role, texts in (("preferred", [forms.preferred]), ("variant", forms.variants),
                            ("forbidden", forms.forbidden)):
            rows.extend((entry.id, lang, role, match_key(t, lang), fold_key(t, lang))
                        for t in texts if t)
    db.executemany(
        "INSERT INTO forms (entry_id, lang, role, key, fold) VALUES (?, ?, ?, ?, ?)", rows)


def load_row(db: sqlite3.Connection, entry_id: int) -> Entry | None:
    """Returns the stored entry with ``entry_id``, or ``None``."""
    row = db.execute("SELECT data FROM entries WHERE id = ?", (entry_id,)).fetchone()
    return None if row is None else Entry.from_dict(json.loads(row[0]))


def delete_row(db: sqlite3.Connection, entry_id: int) -> None:
    """Deletes an entry (its forms and evidence cascade) and records the removal."""
    db.execute("DELETE FROM entries WHERE id = ?", (entry_id,))
    db.execute(f"INSERT OR REPLACE INTO removed VALUES (?, {_NEXT_VERSION})", (entry_id,))


def changes_since(db: sqlite3.Connection, version: int) -> tuple[list[Entry], list[int]]:
    """Returns the entries written and the ids removed after data version ``version``.

    An id removed and then stored again (an undone merge) counts as written.
    """
    changed = [Entry.from_dict(json.loads(r[0])) for r in db.execute(
        "SELECT data FROM entries WHERE changed > ? ORDER BY id", (version,))]
    removed = [int(r[0]) for r in db.execute(
        "SELECT entry_id FROM removed WHERE changed > ? AND entry_id NOT IN "
        "(SELECT id FROM entries) ORDER BY entry_id", (version,))]
    return changed, removed


def entry_with_form(db: sqlite3.Connection, lang: str, key: str) -> int | None:
    """Returns the id of an entry with an admitted form of match key ``key``
    (an approved entry first, then the lowest id), or ``None``."""
    row = db.execute(
        "SELECT f.entry_id FROM forms f JOIN entries e ON e.id = f.entry_id "
        "WHERE f.lang = ? AND f.key = ? AND f.role != 'forbidden' "
        "ORDER BY e.status = 'approved' DESC, f.entry_id LIMIT 1", (lang, key)).fetchone()
    return int(row[0]) if row else None


def evidence_of(db: sqlite3.Connection, entry_id: int) -> dict[str, int]:
    """Returns the occurrences recorded for an entry, per document."""
    return {doc: int(n) for doc, n in db.execute(
        "SELECT doc, count FROM evidence WHERE entry_id = ? ORDER BY doc", (entry_id,))}


def write_evidence(db: sqlite3.Connection, entry_id: int,
                   counts: Mapping[str, int | None]) -> None:
    """Sets the counts of some documents for a stored entry; ``None`` removes a
    document's row (the journal's evidence records, replayed by undo and redo)."""
    db.executemany("DELETE FROM evidence WHERE entry_id = ? AND doc = ?",
                   [(entry_id, doc) for doc, n in counts.items() if n is None])
    db.executemany("INSERT OR REPLACE INTO evidence (entry_id, doc, count) VALUES (?, ?, ?)",
                   [(entry_id, doc, n) for doc, n in counts.items() if n is not None])


def evidence_total(db: sqlite3.Connection, entry_id: int) -> int | None:
    """Returns the occurrences recorded for an entry over all documents (``None``: none)."""
    total = db.execute("SELECT SUM(count) FROM evidence WHERE entry_id = ?",
                       (entry_id,)).fetchone()[0]
    return None if total is None else int(total)


def set_evidence(db: sqlite3.Connection, entry_id: int, doc_counts: Mapping[str, int]) -> int:
    """Records per-document counts (a document's new count replaces its old one);
    returns the entry's total."""
    db.executemany("INSERT OR REPLACE INTO evidence (entry_id, doc, count) VALUES (?, ?, ?)",
                   [(entry_id, doc, n) for doc, n in doc_counts.items()])
    return evidence_total(db, entry_id) or 0


def add_evidence_of(db: sqlite3.Connection, target_id: int, other_id: int) -> None:
    """Adds the per-document counts of ``other_id`` to those of ``target_id``."""
    db.execute("INSERT INTO evidence (entry_id, doc, count) SELECT ?, doc, count FROM "
               "evidence WHERE entry_id = ? ON CONFLICT (entry_id, doc) DO UPDATE SET "
               "count = count + excluded.count", (target_id, other_id))


def entry_sharing_form(db: sqlite3.Connection, entry: Entry) -> int | None:
    """Returns the id of a stored entry with an admitted Arabic form of ``entry`` (for
    codes and acronyms: an admitted form in any language) under the match key."""
    langs = LANGS if entry.kind in ("code", "acronym") else ("ar",)
    return next((found for lang in langs for text in entry.forms[lang].all_admitted()
                 if (found := entry_with_form(db, lang, match_key(text, lang))) is not None),
                None)

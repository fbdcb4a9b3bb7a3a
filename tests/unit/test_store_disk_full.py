"""A full disk under the glossary database (SQLite's ``SQLITE_FULL``, simulated): one
user error naming the file and the fix, nothing stored, and never SQLite's "cannot
rollback" hiding it when SQLite has rolled the transaction back itself."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from glossary import Entry
from glossary import schema as schema_module
from glossary.errors import DatabaseFileError, InputError
from glossary.fileio import NO_SPACE, NO_SPACE_HINT
from glossary.schema import MIGRATIONS, SCHEMA_VERSION, is_disk_full, migrate
from glossary.store import Store


def _full() -> sqlite3.OperationalError:
    """The error SQLite raises when the disk is full."""
    exc = sqlite3.OperationalError("database or disk is full")
    exc.sqlite_errorcode = sqlite3.SQLITE_FULL
    exc.sqlite_errorname = "SQLITE_FULL"
    return exc


class FullAt:
    """A connection on which the first statement starting with ``prefix`` finds the
    disk full; if ``rolled_back``, SQLite has rolled the transaction back itself (as
    it may on ``SQLITE_FULL``), so that a ``ROLLBACK`` would fail."""

    def __init__(self, db: sqlite3.Connection, prefix: str, rolled_back: bool) -> None:
        self._db, self.prefix, self.rolled_back, self.hit = db, prefix, rolled_back, False

    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        if not self.hit and sql.lstrip().upper().startswith(self.prefix):
            self.hit = True
            if self.rolled_back and self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise _full()
        return self._db.execute(sql, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._db, name)


def _entry(en: str) -> Entry:
    entry = Entry(kind="term", status="approved")
    entry.forms["en"].preferred = en
    return entry


def _assert_no_space(exc: pytest.ExceptionInfo[InputError], path: Path) -> None:
    assert isinstance(exc.value, DatabaseFileError)  # caught as a store error too
    assert exc.value.message == NO_SPACE and exc.value.hint == NO_SPACE_HINT
    assert exc.value.path == str(path) and exc.value.exit_code == 2
    assert str(exc.value) == f"{path}: {NO_SPACE} ({NO_SPACE_HINT})"


WRITES: dict[str, tuple[str, Callable[[Store], object]]] = {
    "add, at COMMIT": ("COMMIT", lambda s: s.add(_entry("smart city"))),
    "forbid, at COMMIT": ("COMMIT", lambda s: s.forbid(1, "en", "numeric transformation")),
    "add, at the INSERT": ("INSERT", lambda s: s.add(_entry("smart city"))),
    "undo, at COMMIT": ("COMMIT", lambda s: s.undo()),
}


@pytest.mark.parametrize("rolled_back", [True, False], ids=["sqlite rolled back", "open"])
@pytest.mark.parametrize("case", WRITES, ids=list(WRITES))
def test_a_full_disk_is_one_user_error_and_stores_nothing(
        tmp_path: Path, case: str, rolled_back: bool) -> None:
    prefix, write = WRITES[case]
    path = tmp_path / "g.db"
    with Store(path) as store:
        store.add(_entry("digital transformation"))
        journal = store.stats()["journal"]
        real = store._db
        store._db = FullAt(real, prefix, rolled_back)  # type: ignore[assignment]
        with pytest.raises(InputError) as info:
            write(store)
        _assert_no_space(info, path)
        assert not real.in_transaction
        store._db = real
        assert store.count() == 1 and store.stats()["journal"] == journal
        assert store.get(1).forms["en"].forbidden == []
        store.add(_entry("smart city"))  # the store goes on working once there is space
        assert store.count() == 2


@pytest.mark.parametrize("rolled_back", [True, False], ids=["sqlite rolled back", "open"])
def test_a_full_disk_inside_a_batch_savepoint_is_one_user_error(
        tmp_path: Path, rolled_back: bool) -> None:
    path = tmp_path / "g.db"
    with Store(path) as store:
        real = store._db
        with pytest.raises(InputError) as info, store.batch("import g.csv"):
            store.add(_entry("digital transformation"))
            store._db = FullAt(real, "INSERT", rolled_back)  # type: ignore[assignment]
            store.add(_entry("smart city"))  # a nested write: a savepoint
        _assert_no_space(info, path)
        store._db = real
        assert not real.in_transaction and store.count() == 0


def test_a_real_sqlite_full_from_the_page_limit_is_one_user_error(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    with Store(path) as store:
        pages = store._db.execute("PRAGMA page_count").fetchone()[0]
        store._db.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(InputError) as info:
            store.add_many([_entry(f"term {n} " + "x" * 2000) for n in range(50)])
        _assert_no_space(info, path)
        assert store.count() == 0


@pytest.mark.parametrize("rolled_back", [True, False], ids=["sqlite rolled back", "open"])
def test_a_full_disk_while_migrating_is_not_hidden_by_a_failed_rollback(
        tmp_path: Path, rolled_back: bool) -> None:
    path = tmp_path / "old.db"
    with closing(sqlite3.connect(path, isolation_level=None)) as con:
        for statement in MIGRATIONS[0].split(";"):
            if statement.strip():
                con.execute(statement)
        con.execute("PRAGMA user_version = 1")
        full = FullAt(con, "ALTER TABLE", rolled_back)
        with pytest.raises(InputError) as info:
            migrate(full, path)  # type: ignore[arg-type]
        _assert_no_space(info, path)
        assert not con.in_transaction
        assert con.execute("PRAGMA user_version").fetchone()[0] == 1
    with Store(path) as store:  # once there is space, it migrates
        assert store._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_full_disk_while_opening_is_one_user_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "g.db"
    Store(path).close()
    real_migrate = schema_module.migrate

    def migrate_on_a_full_disk(db: sqlite3.Connection, where: Path) -> None:
        real_migrate(FullAt(db, "PRAGMA USER_VERSION", True), where)  # type: ignore[arg-type]

    monkeypatch.setattr("glossary.rows.migrate", migrate_on_a_full_disk)
    with pytest.raises(InputError) as info:
        Store(path)
    _assert_no_space(info, path)


@pytest.mark.parametrize(("code", "free", "full"), [
    (sqlite3.SQLITE_FULL, 1 << 30, True),
    (4874, 0, True),  # SQLITE_IOERR_SHMSIZE: the -shm file could not grow
    (778, 4096, True),  # SQLITE_IOERR_WRITE with 4 KiB left
    (778, 1 << 30, False),  # an I/O error with room left is not a full disk
    (sqlite3.SQLITE_BUSY, 0, False),
])
def test_is_disk_full_reads_sqlites_codes_and_the_free_space(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, free: int,
        full: bool) -> None:
    class Usage:
        def __init__(self, free: int) -> None:
            self.free = free

    monkeypatch.setattr(schema_module.shutil, "disk_usage", lambda path: Usage(free))
    exc = sqlite3.OperationalError("some failure")
    exc.sqlite_errorcode = code
    assert is_disk_full(exc, tmp_path / "g.db") is full
    assert is_disk_full(OSError(28, "No space left on device"), tmp_path / "g.db") is False


"""A glossary opened to be read (``Store(path, read_only=True)``): nothing written to
the file or beside it, the same errors as a writer for a file the user can fix, and
a database on a read-only file system still read (simulated: ``mode=rw`` and
``mode=ro`` fail as SQLite fails there, and the folder is not writable)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from glossary import Entry
from glossary import rows as rows_module
from glossary.errors import DatabaseFileError, InputError, StoreError
from glossary.schema import MIGRATIONS
from glossary.store import SCHEMA_VERSION, Store
from tests.store_files import FILE_PROBLEMS


def _entry(en: str) -> Entry:
    entry = Entry(kind="term", status="approved")
    entry.forms["en"].preferred = en
    return entry


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "g.db"
    with Store(path) as store:
        store.add_many([_entry("digital transformation"), _entry("e-government")])
    return path


def _old_database(path: Path, version: int) -> None:
    """Writes an empty avet database of schema ``version`` (before the later migrations)."""
    with closing(sqlite3.connect(path, isolation_level=None)) as con:
        for step in range(version):
            for statement in MIGRATIONS[step].split(";"):
                if statement.strip():
                    con.execute(statement)
            con.execute(f"PRAGMA user_version = {step + 1}")
        con.execute("PRAGMA journal_mode = WAL")


def _user_version(path: Path) -> int:
    with closing(sqlite3.connect(path)) as con:
        return int(con.execute("PRAGMA user_version").fetchone()[0])


@pytest.fixture()
def read_only_folder(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Makes the store's folder behave as on a read-only file system: SQLite cannot
    open a WAL database with ``mode=rw`` or ``mode=ro`` (no ``-shm`` file can be made),
    only with ``immutable=1``. Returns the URIs opened."""
    connect = rows_module._connect
    opened: list[str] = []

    def connect_as_on_a_read_only_disk(uri: str, timeout: float, **kwargs: Any
                                       ) -> sqlite3.Connection:
        opened.append(uri)
        if "immutable=1" not in uri:  # the error SQLite gives there: SQLITE_CANTOPEN
            return connect("file:/nonexistent-avet-folder/x.db?mode=ro", timeout)
        return connect(uri, timeout, **kwargs)

    monkeypatch.setattr(rows_module, "_connect", connect_as_on_a_read_only_disk)
    monkeypatch.setattr(rows_module.os, "access", lambda path, mode: False)
    return opened


def test_reading_writes_nothing_to_the_file_or_beside_it(db: Path) -> None:
    before = db.read_bytes()
    with Store(db, read_only=True) as store:
        assert [e.term("en") for e in store.entries()] == ["digital transformation",
                                                            "e-government"]
        assert store.stats()["entries"] == 2
    assert db.read_bytes() == before
    assert sorted(p.name for p in db.parent.iterdir()) == ["g.db"]  # no -wal, no -shm left


@pytest.mark.parametrize("write", [
    lambda s: s.add(_entry("smart city")),
    lambda s: s.forbid(1, "en", "numeric transformation"),
    lambda s: s.set_status([1], "rejected"),
    lambda s: s.undo(),
    lambda s: s.batch("import g.csv").__enter__(),
], ids=["add", "forbid", "set_status", "undo", "batch"])
def test_a_read_only_store_refuses_every_write(db: Path, write: Callable[[Store], object]
                                               ) -> None:
    with Store(db, read_only=True) as store:
        with pytest.raises(StoreError, match="opened to be read only"):
            write(store)
        assert store.count() == 2


def test_sqlite_itself_refuses_a_write_on_the_reading_connection(db: Path) -> None:
    with Store(db, read_only=True) as store, pytest.raises(sqlite3.OperationalError,
                                                           match="readonly"):
        store._db.execute("DELETE FROM entries")
    with Store(db, read_only=True) as store:
        assert store.count() == 2


def test_a_missing_file_is_not_created(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no glossary database"):
        Store(tmp_path / "none.db", read_only=True)
    assert not (tmp_path / "none.db").exists()


@pytest.mark.parametrize(("spoil", "message"), FILE_PROBLEMS)
def test_a_file_the_user_can_fix_is_reported_as_a_writer_reports_it(
        tmp_path: Path, spoil: Callable[[Path], None], message: str) -> None:
    path = tmp_path / "g.db"
    spoil(path)
    with pytest.raises(InputError, match=message) as info:
        Store(path, read_only=True)
    assert info.value.exit_code == 2 and info.value.path == str(path) and info.value.hint


def test_an_older_schema_is_upgraded_where_it_can_be_written(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _old_database(path, 3)
    with Store(path, read_only=True) as store:
        assert store.count() == 0
        with pytest.raises(StoreError, match="read only"):
            store.add(_entry("smart city"))
    assert _user_version(path) == SCHEMA_VERSION


def test_a_database_on_a_read_only_disk_is_read_immutable(
        db: Path, read_only_folder: list[str]) -> None:
    with Store(db, read_only=True) as store:
        assert store.count() == 2
    # the file cannot be written and no -wal holds changes: neither mode=rw (SQLite
    # would fall back to reading) nor mode=ro (it would make -wal and -shm) is tried
    assert [u.rsplit("?", 1)[1] for u in read_only_folder] == ["immutable=1"]


def test_unsaved_changes_in_a_wal_file_on_a_read_only_disk_are_not_missed(
        db: Path, read_only_folder: list[str]) -> None:
    Path(f"{db}-wal").write_bytes(b"\0" * 4096)
    with pytest.raises(DatabaseFileError, match=r"g\.db-wal holds changes") as info:
        Store(db, read_only=True)
    assert info.value.exit_code == 2 and "writ" in (info.value.hint or "")
    assert not any("immutable" in u for u in read_only_folder)


def test_an_older_schema_on_a_read_only_disk_names_the_fix(
        tmp_path: Path, read_only_folder: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "old.db"
    _old_database(path, 3)

    def open_on_a_read_only_disk(path: Path, timeout: float) -> sqlite3.Connection:
        try:
            sqlite3.connect("file:/nonexistent-avet-folder/x.db?mode=ro", uri=True)
        except sqlite3.OperationalError as exc:
            raise DatabaseFileError(f"cannot be opened ({exc})", path=path) from exc
        raise AssertionError("unreachable")

    monkeypatch.setattr(rows_module, "open_database", open_on_a_read_only_disk)
    with pytest.raises(DatabaseFileError, match=f"schema 3, older .*\\({SCHEMA_VERSION}\\)"
                       ) as info:
        Store(path, read_only=True)
    assert "copy" in (info.value.hint or "") and "\n" not in str(info.value)
    assert _user_version(path) == 3



@pytest.mark.parametrize(("spoil", "message"), FILE_PROBLEMS)
def test_a_refused_file_leaves_no_connection_open(
        tmp_path: Path, spoil: Callable[[Path], None], message: str,
        connections: list[sqlite3.Connection]) -> None:
    path = tmp_path / "g.db"
    spoil(path)
    connections.clear()
    with pytest.raises(InputError, match=message):
        Store(path, read_only=True)
    assert connections
    for con in connections:
        with pytest.raises(sqlite3.ProgrammingError, match="closed"):
            con.execute("SELECT 1")

"""Store reads that other processes' writes cannot make inconsistent (keyset paging,
snapshots), and store files the user can fix reported as user errors."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from glossary.errors import DatabaseFileError, InputError, StoreError
from glossary.model import Entry, glossary_hash
from glossary.store import Store
from tests.store_files import FILE_PROBLEMS, damaged
from toolkit.glossary_source import load_glossary
from tui import jobs


def make(en: str, status: str = "candidate") -> Entry:
    entry = Entry(kind="term", status=status)
    entry.forms["en"].preferred = en
    return entry


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "g.db"
    with Store(path, actor="test") as store:
        store.add_many(make(f"term {i}", "approved" if i % 2 else "candidate")
                       for i in range(1, 11))
    return path


def _delete_read(other: Store) -> None:
    other.delete(1)


def _delete_unread(other: Store) -> None:
    other.delete(7)


def _insert(other: Store) -> None:
    other.add(make("new term"))


def _delete_read_and_insert(other: Store) -> None:
    other.delete(2)
    other.delete(3)
    other.add(make("new term"))


@pytest.mark.parametrize("write", [_delete_read, _delete_unread, _insert,
                                   _delete_read_and_insert])
def test_loading_pages_skips_no_unchanged_entry_while_another_process_writes(
        db: Path, write: Callable[[Store], None]) -> None:
    with Store(db) as reader, Store(db, actor="other") as other:
        version = reader.data_version()
        loaded: list[Entry] = []
        for number, (page, _last) in enumerate(jobs.load_pages(reader, first=3, size=3)):
            loaded += page
            if number == 0:
                write(other)
        changed, removed = reader.changes_since(version)
        final = {e.id for e in reader.entries()}
    ids = [e.id for e in loaded]
    assert len(ids) == len(set(ids))
    # Every entry left as it was is loaded; the rest arrives by changes_since.
    unchanged = final - {e.id for e in changed}
    assert unchanged <= set(ids)
    assert ({i for i in ids if i is not None} | {e.id for e in changed}) - set(removed) == final


@pytest.mark.parametrize(("limit", "after", "expected"),
                         [(3, 0, [1, 2, 3]), (3, 3, [4, 5, 6]), (5, 8, [9, 10]),
                          (None, 9, [10]), (2, 10, [])])
def test_entries_after_an_id_pages_by_id(db: Path, limit: int | None, after: int,
                                         expected: list[int]) -> None:
    with Store(db) as store:
        assert [e.id for e in store.entries(limit=limit, after=after)] == expected


def test_a_snapshot_sees_one_state_while_another_process_writes(db: Path) -> None:
    with Store(db) as reader, Store(db, actor="other") as other:
        with reader.snapshot():
            approved = reader.entries(status="approved")
            other.add(make("late term", "approved"))
            other.delete(1)
            assert reader.glossary_hash() == glossary_hash(approved)
            assert reader.count() == 10
        assert reader.count() == 10  # one added, one removed
        assert reader.glossary_hash() != glossary_hash(approved)


def test_writing_inside_a_snapshot_is_refused(db: Path) -> None:
    with Store(db) as store, store.snapshot(), pytest.raises(StoreError, match="snapshot"):
        store.add(make("x"))


def test_a_snapshot_inside_a_batch_joins_it(db: Path) -> None:
    with Store(db) as store:
        with store.batch("two"):
            store.add(make("in batch"))
            with store.snapshot():
                assert store.count() == 11
            store.add(make("after snapshot"))
        assert store.count() == 12


def test_load_glossary_hashes_exactly_the_entries_it_read(db: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    entries = Store.entries

    def entries_then_another_process_writes(self: Store, **kwargs: object) -> list[Entry]:
        read = entries(self, **kwargs)  # type: ignore[arg-type]
        with Store(db, actor="other") as other:
            other.add(make(f"written meanwhile {other.count()}", "approved"))
        return read

    monkeypatch.setattr(Store, "entries", entries_then_another_process_writes)
    source = load_glossary(None, db)
    assert len(source.entries) == 5
    assert source.hash == glossary_hash(source.entries)


# -- store files the user can fix -------------------------------------------------



@pytest.mark.parametrize(("spoil", "message"), FILE_PROBLEMS)
def test_a_store_file_the_user_can_fix_is_a_user_error_and_closed(
        tmp_path: Path, spoil: Callable[[Path], None], message: str,
        connections: list[sqlite3.Connection]) -> None:
    path = tmp_path / "g.db"
    spoil(path)
    connections.clear()
    with pytest.raises(InputError, match=message) as info:
        Store(path)
    assert info.value.exit_code == 2
    assert info.value.path == str(path) and info.value.hint
    assert connections, "Store opened no connection"
    for con in connections:
        with pytest.raises(sqlite3.ProgrammingError, match="closed"):
            con.execute("SELECT 1")


def test_a_damaged_store_is_also_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    damaged(path)
    with pytest.raises(StoreError) as info:
        Store(path)
    assert isinstance(info.value, DatabaseFileError)

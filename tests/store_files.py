"""Glossary database files the user can fix: each spoiler writes one kind of bad file,
with the words the error message must hold (shared by the unit and functional tests)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from glossary.store import SCHEMA_VERSION, Store

__all__ = ["FILE_PROBLEMS", "damaged"]


def damaged(path: Path) -> None:
    """Writes a SQLite file whose first page (after the header) is overwritten."""
    with closing(sqlite3.connect(path)) as con:
        con.execute("CREATE TABLE t (x TEXT)")
        con.executemany("INSERT INTO t VALUES (?)", [("x" * 500,)] * 50)
        con.commit()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    path.write_bytes(bytes(data))


def _truncated(path: Path) -> None:
    damaged(path)
    path.write_bytes(path.read_bytes()[:2048])


def _newer(path: Path) -> None:
    Store(path).close()
    with closing(sqlite3.connect(path)) as con:
        con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        con.commit()


def _not_sqlite(path: Path) -> None:
    path.write_bytes(b"plain text, not a database\n" * 100)


def _other_program(path: Path) -> None:
    with closing(sqlite3.connect(path)) as con:
        con.execute("CREATE TABLE accounts (id INTEGER)")
        con.commit()


#: (spoiler, words of the message): damaged, truncated, newer schema, not SQLite at all,
#: another program's database.
FILE_PROBLEMS: list[tuple[Callable[[Path], None], str]] = [
    (damaged, "is damaged"), (_truncated, "is damaged"), (_newer, "newer"),
    (_not_sqlite, "not a SQLite database"), (_other_program, "another program")]

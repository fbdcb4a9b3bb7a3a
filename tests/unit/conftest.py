"""Fixtures shared by the unit tests: transliteration tables, recorded SQLite connections."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest

from toolkit.translit import Tables, Transliterator, load_tables


@pytest.fixture(scope="module")
def tables() -> Tables:
    """The shipped transliteration tables."""
    return load_tables()


@pytest.fixture(scope="module")
def plain(tables: Tables) -> Transliterator:
    """Shipped tables only: no gazetteer."""
    return Transliterator(tables)


@pytest.fixture()
def connections(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[sqlite3.Connection]]:
    """Every connection sqlite3.connect opens during the test."""
    opened: list[sqlite3.Connection] = []
    connect = sqlite3.connect

    def recording(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        con = connect(*args, **kwargs)
        opened.append(con)
        return con

    monkeypatch.setattr(sqlite3, "connect", recording)
    yield opened

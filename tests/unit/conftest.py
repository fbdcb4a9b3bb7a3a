"""Fixtures shared by the unit tests: transliteration tables, the shipped transliterator and
name detector, recorded SQLite connections."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest

from toolkit.extract.names import NameDetector
from toolkit.extract.namesetup import name_detector
from toolkit.translit import Tables, Transliterator, default_transliterator, load_tables


@pytest.fixture(scope="module")
def tables() -> Tables:
    """The shipped transliteration tables."""
    return load_tables()


@pytest.fixture(scope="module")
def plain(tables: Tables) -> Transliterator:
    """Shipped tables only: no gazetteer."""
    return Transliterator(tables)


@pytest.fixture(scope="module")
def translit() -> Transliterator:
    """The shipped transliterator: tables and gazetteer."""
    return default_transliterator()


@pytest.fixture(scope="module")
def detector(translit: Transliterator) -> NameDetector:
    """The name detector over the shipped transliterator."""
    return name_detector(translit)


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

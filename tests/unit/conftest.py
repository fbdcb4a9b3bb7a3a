"""Fixtures shared by the unit tests of the transliteration tables."""

from __future__ import annotations

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

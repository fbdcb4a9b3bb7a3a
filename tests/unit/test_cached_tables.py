"""Cached data tables are shared by the whole process, so none can be changed."""

from __future__ import annotations

from collections.abc import Callable
from types import MappingProxyType
from typing import Any

import pytest

from toolkit.extract import data
from toolkit.qa import load_stopwords
from toolkit.segment import load_abbreviations

#: Every cached loader of toolkit.extract.data (an lru_cache function has cache_info).
EXTRACT_LOADERS = sorted(name for name in data.__all__
                         if hasattr(getattr(data, name), "cache_info"))
LOADERS: list[tuple[str, Callable[[], Any]]] = [
    *((f"extract.data.{name}", getattr(data, name)) for name in EXTRACT_LOADERS),
    ("qa.load_stopwords", load_stopwords),
    ("segment.load_abbreviations", load_abbreviations),
]


def test_the_extract_loaders_are_found() -> None:
    assert {"reference_frequencies", "word_senses", "letter_names", "cues"} <= set(
        EXTRACT_LOADERS)


@pytest.mark.parametrize(("name", "loader"), LOADERS, ids=[n for n, _ in LOADERS])
def test_a_cached_table_is_read_only(name: str, loader: Callable[[], Any]) -> None:
    table = loader()
    assert isinstance(table, (tuple, frozenset, MappingProxyType)), type(table)
    assert table, f"{name} is empty"
    if isinstance(table, MappingProxyType):
        key = next(iter(table))
        with pytest.raises(TypeError):
            table[key] = table[key]  # type: ignore[index]
        with pytest.raises(TypeError):
            del table[key]  # type: ignore[attr-defined]
        for value in table.values():
            assert not isinstance(value, (dict, set, list)), f"{name}: {type(value)}"
    assert loader() is table  # one shared object: what one caller sees, all see

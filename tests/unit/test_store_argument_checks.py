"""Store methods refuse bad arguments with the documented avet errors, never a raw
KeyError or a silently wrong answer: an unknown language (allow, split_variant, as
forbid), a negative limit, statuses that are a bare string or unknown; and the
store is part of the package's API."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

import glossary
from glossary.errors import InputError
from glossary.model import Entry, Forms, glossary_hash
from glossary.store import Store


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "g.db") as opened:
        opened.add(Entry(status="approved", forms={
            "en": Forms("Hanoi", ["Ha Noi City"], ["Ha-Noi"]), "vi": Forms("Hà Nội")}))
        opened.add(Entry(forms={"en": Forms("digital economy"), "vi": Forms("kinh tế số")}))
        yield opened


@pytest.mark.parametrize("call", ["forbid", "allow", "split_variant"])
@pytest.mark.parametrize("lang", ["fr", "EN", ""])
def test_an_unknown_language_is_an_input_error(store: Store, call: str, lang: str) -> None:
    before = store.get(1)
    with pytest.raises(InputError, match=f"unknown language {lang!r}") as info:
        getattr(store, call)(1, lang, "Ha-Noi")
    assert "ar, vi, en" in (info.value.hint or "")
    assert store.get(1) == before and store.count() == 2


@pytest.mark.parametrize("order", ["id", "en", "frequency"])
def test_a_negative_limit_is_refused(store: Store, order: str) -> None:
    with pytest.raises(InputError, match="limit must be 0 or more, not -1"):
        store.entries(limit=-1, order=order)


@pytest.mark.parametrize(("limit", "expected"), [(None, 2), (0, 0), (1, 1), (5, 2)])
@pytest.mark.parametrize("order", ["id", "en"])
def test_limits(store: Store, limit: int | None, expected: int, order: str) -> None:
    assert len(store.entries(limit=limit, order=order)) == expected


@pytest.mark.parametrize(("text", "expected"), [(None, 2), ("ha noi", 1), ("kinh te", 1),
                                                ("nothing", 0)])
def test_count_filters_by_text_as_entries_does(store: Store, text: str | None,
                                               expected: int) -> None:
    assert store.count(text=text) == expected == len(store.entries(text=text))


@pytest.mark.parametrize(("statuses", "says"), [
    ("approved", "not the string 'approved'"),
    (("approved", "aproved"), "unknown status 'aproved'"),
    (["done"], "unknown status 'done'"),
])
def test_glossary_hash_checks_statuses(store: Store, statuses: Sequence[str],
                                       says: str) -> None:
    with pytest.raises(InputError, match=says):
        store.glossary_hash(statuses)


def test_glossary_hash_of_valid_statuses(store: Store) -> None:
    assert store.glossary_hash() == glossary_hash([store.get(1)])
    assert store.glossary_hash(["approved", "candidate"]) == glossary_hash(store.entries())
    assert store.glossary_hash(()) == glossary_hash([])


def test_store_is_exported() -> None:
    assert "Store" in glossary.__all__ and glossary.Store is Store

"""Alphabetical sort keys (glossary.collation) and the store's --sort by language."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.collation import sort_key
from glossary.model import Entry, Forms
from glossary.store import Store
from tests.unit.formats_samples import nfc


@pytest.mark.parametrize(("lang", "ordered"), [
    # letters first (a ă â … d đ … o ô ơ … u ư), case and tone ignored
    ("vi", ["An Giang", "ăn", "ân", "Bắc Kạn", "Bí thư Tỉnh ủy", "Dương", "Đà Nẵng",
            "đổi mới sáng tạo", "o", "ô", "ơn", "Uông Bí", "Ủy ban nhân dân", "Ứng Hòa",
            "ưu", "Zalo"]),
    # then the tone (none, grave, hook, tilde, acute, dot below), then lower case first
    ("vi", ["ba", "Ba", "bà", "bả", "bã", "bá", "bạ", "bác", "bạc", "bắc"]),
    # harakat and tatweel ignored; hamza forms of alef sort as alef, after it on ties
    ("ar", ["ءاية", "احمد", "أحمد", "إسلام", "آمنة", "بيت", "محمد", "مُحَمَّد", "ـمحمدي",
            "مدينة"]),
    ("en", ["apple", "Apple", "banana", "eclair", "Éclair", "Zebra"]),
])
def test_sort_key_orders_by_the_alphabet(lang: str, ordered: list[str]) -> None:
    words = [nfc(w) for w in ordered]
    assert sorted(reversed(words), key=lambda w: sort_key(w, lang)) == words


def test_sort_key_is_the_same_for_nfc_and_nfd() -> None:
    import unicodedata
    word = nfc("Ủy ban")
    assert sort_key(unicodedata.normalize("NFD", word), "vi")[:3] == sort_key(word, "vi")[:3]


def test_store_lists_by_vietnamese_order(tmp_path: Path) -> None:
    names = ["Ủy ban nhân dân", "Bí thư", "Bắc Kạn", "đổi mới", "Uông Bí", "Đà Nẵng"]
    with Store(tmp_path / "g.db", actor="test") as store:
        store.add_many([Entry(forms={"vi": Forms(nfc(n))}) for n in names]
                       + [Entry(forms={"en": Forms("no vi")})])
        listed = [e.term("vi") for e in store.entries(order="vi")]
        limited = [e.term("vi") for e in store.entries(order="vi", limit=2)]
    assert listed == [nfc(n) for n in ["Bắc Kạn", "Bí thư", "Đà Nẵng", "đổi mới", "Uông Bí",
                                       "Ủy ban nhân dân"]] + [""]
    assert limited == listed[:2]


def test_store_lists_more_entries_than_one_read_by_language(tmp_path: Path) -> None:
    # Over the 500 ids that one query reads back: every entry comes once, in order.
    words = [f"term {n:04d}" for n in range(1200)]
    with Store(tmp_path / "g.db", actor="test") as store:
        store.add_many([Entry(forms={"en": Forms(w)}) for w in reversed(words)])
        listed = [e.term("en") for e in store.entries(order="en")]
        page = [e.term("en") for e in store.entries(order="en", limit=700)]
    assert listed == words
    assert page == words[:700]

"""Syllables are parsed with the onsets of onsets.tsv, whatever the table holds; ك alone
seldom spells qu (كانغ is Cang, كوك Quốc)."""

from __future__ import annotations

import inspect
import unicodedata

import pytest

from toolkit.translit import Transliterator, syllables
from toolkit.translit.syllables import Syllable, parse_syllable
from toolkit.translit.tables import Tables


def test_every_onset_of_the_table_is_parsed(tables: Tables) -> None:
    parsed = {o: parse_syllable(o + "an", tables.vowel_info, onsets=tables.onsets)
              for o in tables.onsets if o not in ("gi", "qu")}
    assert parsed == {o: Syllable(o, "a", "n") for o in parsed}


@pytest.mark.parametrize(("untoned", "parts"), [
    ("zanh", ("z", "a", "nh")),      # an onset added to the table is read
    ("nghiêng", ("ngh", "iê", "ng")),  # the longest onset first
    ("anh", ("", "a", "nh")),
])
def test_an_onset_added_to_the_table_is_parsed(tables: Tables, untoned: str,
                                               parts: tuple[str, str, str]) -> None:
    onsets = [*tables.onsets, "z"]
    assert parse_syllable(untoned, tables.vowel_info, onsets=onsets) == Syllable(*parts)


def test_an_onset_missing_from_the_table_is_not_parsed(tables: Tables) -> None:
    assert parse_syllable("zanh", tables.vowel_info, onsets=tables.onsets) is None
    without_b = [o for o in tables.onsets if o != "b"]
    assert parse_syllable("ban", tables.vowel_info, onsets=without_b) is None


def test_the_module_holds_no_copy_of_the_onsets() -> None:
    source = inspect.getsource(syllables)
    assert '"ngh", "ng"' not in source and "_ONSETS" not in source



@pytest.mark.parametrize(("ar", "kind", "first"), [
    ("تان كانغ", "org", "Tân Cang"),  # Tân Cảng: كانغ is c + ang, not Quang without its و
    ("كانغ", None, "Cang"),
    ("كوك", None, "Quốc"),  # ك + و for qu + ô still reads Quốc
    ("كوانغ نينه", "place", "Quảng Ninh"),
])
def test_k_alone_seldom_spells_qu(ar: str, kind: str | None, first: str) -> None:
    found = Transliterator.default().ar_to_vi(ar, top=3, kind=kind)
    assert _fold(found[0].text) == _fold(first)


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text.lower())
                   if not unicodedata.combining(c)).replace("đ", "d")

"""Tests of the naming and spelling rules of toolkit.translit added in the third dev round.

Each test fails without its rule: ق for qu, يي for the ê of uyê, compound given names, role
lists that neighbour roles only fill, a small surname share of given names, and the coverage
rows of syllable_priors.tsv (rare and ethnic-minority surnames, older given names).
"""

from __future__ import annotations

import dataclasses
import unicodedata

import pytest

from toolkit.translit import Transliterator
from toolkit.translit.priors import COMPOUND_BOOST


def _one_syllable_readings(translit: Transliterator, token: str) -> set[str]:
    return {p.syllables[0].text for p in translit.parse_token(token) if len(p.syllables) == 1}


# ---------------------------------------------------------------- spellings
@pytest.mark.parametrize(("token", "syllable"), [
    ("قوانغ", "quang"),  # قوانغ نام = Quảng Nam, like كوانغ
    ("قوك", "quôc"),  # Quốc with ق and one و
    ("قووك", "quôc"),
])
def test_qaf_spells_qu(plain, token, syllable):
    assert syllable in _one_syllable_readings(plain, token)


@pytest.mark.parametrize(("token", "syllable"), [
    ("نغويين", "nguyên"),  # the surname Nguyễn as the gazetteer also spells it
    ("هويين", "huyên"),
    ("تويين", "tuyên"),
])
def test_uye_written_with_double_ya(plain, token, syllable):
    assert syllable in _one_syllable_readings(plain, token)


def test_qaf_reads_a_whole_place_name():
    translit = Transliterator.default()
    assert translit.ar_to_vi("قوانغ نينه", kind="place")[0].text == "Quảng Ninh"


# ---------------------------------------------------------------- compound given names
@pytest.mark.parametrize(("pair", "expected"), [
    (("thúy", "lan"), "Hoàng Thị Thúy Lan"),
    (("thùy", "lan"), "Hoàng Thị Thùy Lan"),
])
def test_compound_given_name_decides_the_middle_tone(tables, pair, expected):
    translit = Transliterator(dataclasses.replace(tables, compounds=frozenset({pair})))
    assert translit.ar_to_vi("هوانغ ثي ثوي لان", kind="person")[0].text == expected


@pytest.mark.parametrize(("roles", "names", "given", "factor"), [
    (("surname", "middle", "given"), ("trần",), "toản", 1.0),  # no middle name yet
    (("surname", "middle", "given"), ("trần", "quốc"), "toản", COMPOUND_BOOST),
    (("surname", "middle", "given"), ("trần", "quốc"), "lan", 1.0),  # not a listed pair
    (("place", "place", "place"), ("trần", "quốc"), "toản", 1.0),  # not a person
])
def test_compound_applies_to_the_last_middle_and_given_name(plain, roles, names, given, factor):
    assert plain.priors.compound(roles, names, given) == factor


def test_compound_table_is_clean(tables):
    assert len(tables.compounds) >= 200
    assert all(unicodedata.is_normalized("NFC", a + b) and a == a.lower() and b == b.lower()
               for a, b in tables.compounds)


# ---------------------------------------------------------------- role priors
@pytest.mark.parametrize("ar", ["تران فان تي", "لي فان ثي", "هوانغ فان تي"])
def test_middle_name_markers_are_not_given_names(plain, ar):
    # Văn and Thị are listed as (rare) given names: their weight as middle names does not leak.
    given = plain.ar_to_vi(ar, kind="person")[0].text.split()[-1]
    assert given not in ("Thị", "Văn")


@pytest.mark.parametrize(("ar", "not_given"), [("ماك ثي بوي", "Bùi"), ("نغوين ثي فان", "Phan")])
def test_surnames_are_seldom_given_names(plain, ar, not_given):
    assert plain.ar_to_vi(ar, kind="person")[0].text.split()[-1] != not_given


@pytest.mark.parametrize(("ar", "vi"), [
    ("سام فان لوك", "Sầm Văn Lộc"),  # Tày surname
    ("نهو فان تام", "Nhữ Văn Tâm"),  # rare Kinh surname
    ("لي فان سو", "Lê Văn Sửu"),  # earthly branch as a given name
    ("نجوين ثي نو", "Nguyễn Thị Nụ"),  # older women's given name
])
def test_rare_surnames_and_older_given_names(plain, ar, vi):
    assert plain.ar_to_vi(ar, kind="person")[0].text == vi


@pytest.mark.parametrize(("vi", "ar"), [("Pác Bó", "باك بو"), ("Giàng Páo Mỷ", "باو")])
def test_p_is_written_with_ba(vi: str, ar: str) -> None:
    top = Transliterator.default().vi_to_ar_scored(vi, top=1)[0].text
    assert ar in top.split() or top == ar


def test_p_is_not_read_back_from_ba(plain: Transliterator) -> None:
    readings = [c.text for c in plain.ar_to_vi("با هو", top=20, kind="person")]
    assert readings and not any(r.startswith("P") for r in readings)

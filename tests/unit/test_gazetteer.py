"""Tests of the packaged gazetteer (toolkit/data/gazetteer/)."""

from __future__ import annotations

import unicodedata
from collections import Counter
from importlib import resources

import pytest

from glossary.errors import FormatError, InputError
from toolkit.gazetteer import (
    LEVELS,
    NAME_ROLES,
    Gazetteer,
    _parse_table,
    load_gazetteer,
    name_key,
)

FILES = ["places.tsv", "surnames.tsv", "given_names.tsv", "organisations.tsv"]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


@pytest.mark.parametrize("name", FILES)
def test_files_have_licence_and_source_comment(name: str) -> None:
    text = resources.files("toolkit").joinpath("data", "gazetteer", name).read_text("utf-8")
    comments = [line for line in text.splitlines() if line.startswith("#")]
    assert len(comments) >= 3
    assert any("Apache-2.0" in line for line in comments)


def test_loader_is_cached_and_immutable(gaz: Gazetteer) -> None:
    assert load_gazetteer() is gaz
    with pytest.raises(TypeError):
        gaz.surnames["x"] = gaz.surnames["nguyễn"]  # type: ignore[index]


@pytest.mark.parametrize(
    ("attr", "minimum"),
    [("places", 300 + 64), ("surnames", 60), ("given_names", 300), ("organisations", 30)],
)
def test_counts(gaz: Gazetteer, attr: str, minimum: int) -> None:
    assert len(getattr(gaz, attr)) >= minimum


def test_provinces_63_and_34(gaz: Gazetteer) -> None:
    old = {p.vi for p in gaz.provinces(2008)}
    new = {p.vi for p in gaz.provinces(2025)}
    assert (len(old), len(new)) == (63, 34)
    assert new - old == {"Huế"}
    assert {"Hà Nội", "Thành phố Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế"} == {
        p.vi for p in gaz.provinces(2025) if "city-2025" in p.tags
    }
    with pytest.raises(InputError, match="2008 or 2025"):
        gaz.provinces(1999)


def test_districts_cover_every_old_province(gaz: Gazetteer) -> None:
    old = {p.vi for p in gaz.provinces(2008)}
    districts = [p for p in gaz.places if p.level in ("district", "city") and p.parent]
    assert len(districts) >= 300
    per_province = Counter(p.parent for p in districts)
    assert set(per_province) == old
    assert min(per_province.values()) >= 5


def test_places_fields(gaz: Gazetteer) -> None:
    assert {p.level for p in gaz.places} <= set(LEVELS)
    assert {p.kind for p in gaz.places} == {"place"}
    assert all(p.en and p.en.isascii() for p in gaz.places)
    names = {p.vi for p in gaz.places}
    assert all(p.parent in names for p in gaz.places if p.parent)


def test_namesakes_are_persons_named_nowhere_else(gaz: Gazetteer) -> None:
    namesakes = [p for p in gaz.places if p.level == "namesake"]
    assert len(namesakes) >= 100
    assert all(p.tags == ("person",) and not p.parent for p in namesakes)
    assert all(2 <= len(p.vi.split()) <= 4 for p in namesakes)
    others = {p.vi for p in gaz.places if p.level != "namesake"}
    assert [p.vi for p in namesakes if p.vi in others] == []  # a ward named so is listed once


def test_no_duplicate_places(gaz: Gazetteer) -> None:
    keys = Counter((p.vi, p.level, p.parent) for p in gaz.places)
    assert [k for k, n in keys.items() if n > 1] == []


@pytest.mark.parametrize(
    ("vi", "en"),
    [("Hà Nội", "Hanoi"), ("Thành phố Hồ Chí Minh", "Ho Chi Minh City"), ("Huế", "Hue"),
     ("Đà Nẵng", "Da Nang"), ("Quận 1", "District 1"), ("Hương Khê", "Huong Khe")],
)  # fmt: skip
def test_english_spellings(gaz: Gazetteer, vi: str, en: str) -> None:
    assert en in {p.en for p in gaz.find_places(vi)}


def test_find_places_by_english(gaz: Gazetteer) -> None:
    found = gaz.find_places("thai nguyen")
    assert {p.level for p in found} == {"province", "city"}


@pytest.mark.parametrize("name", FILES)
def test_text_is_nfc(name: str) -> None:
    text = resources.files("toolkit").joinpath("data", "gazetteer", name).read_text("utf-8")
    assert unicodedata.normalize("NFC", text) == text


def test_surnames(gaz: Gazetteer) -> None:
    assert gaz.prior("Nguyễn") == pytest.approx(0.384)
    top = sorted(gaz.surnames.values(), key=lambda s: -s.prior)[:4]
    assert [s.vi for s in top] == ["Nguyễn", "Trần", "Lê", "Phạm"]
    assert 0.8 < sum(s.prior for s in gaz.surnames.values()) <= 1.0
    assert "نجوين" in gaz.surnames["nguyễn"].ar
    assert all(s.ar and len(set(s.ar)) == len(s.ar) for s in gaz.surnames.values())


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Nguyễn", True), ("NGUYỄN", True), ("huỳnh", True), ("Đậu", True), ("Minh", False),
     ("", False)],
)  # fmt: skip
def test_is_surname(gaz: Gazetteer, text: str, expected: bool) -> None:
    assert gaz.is_surname(text) is expected


def test_given_names(gaz: Gazetteer) -> None:
    roles = Counter(g.role for g in gaz.given_names.values())
    assert set(roles) == set(NAME_ROLES)
    assert sum(g.prior for g in gaz.given_names.values()) == pytest.approx(1.0, abs=1e-3)
    assert gaz.given_names["văn"].role == "middle"
    assert gaz.given_names["thị"].role == "middle"


@pytest.mark.parametrize(
    "syllable", ["Đức", "Minh", "Thanh", "Hùng", "Quyên", "Hoan", "Hương", "Lâm", "Tùng"]
)
def test_common_given_names_have_a_prior(gaz: Gazetteer, syllable: str) -> None:
    assert gaz.prior(syllable, "given") > 0


@pytest.mark.parametrize(
    ("syllable", "role", "positive"),
    [("Văn", "middle", True), ("Văn", "given", False), ("Minh", "middle", True),
     ("Minh", "given", True), ("Nguyễn", "given", False), ("zzz", "surname", False)],
)  # fmt: skip
def test_prior_by_role(gaz: Gazetteer, syllable: str, role: str, positive: bool) -> None:
    assert (gaz.prior(syllable, role) > 0) is positive


def test_prior_rejects_unknown_role(gaz: Gazetteer) -> None:
    with pytest.raises(InputError, match="surname, middle, given"):
        gaz.prior("Minh", "nickname")


@pytest.mark.parametrize(
    ("text", "key"),
    [("Hoà", "hòa"), ("THUỶ", "thủy"), ("Khoẻ", "khỏe"), ("Quý", "quý"), ("Hoàng", "hoàng"),
     ("  Thái   Nguyên ", "thái nguyên"), (unicodedata.normalize("NFD", "Nguyễn"), "nguyễn")],
)  # fmt: skip
def test_name_key(text: str, key: str) -> None:
    assert name_key(text) == key


@pytest.mark.parametrize("name", ["surnames.tsv", "given_names.tsv"])
def test_no_duplicate_names_in_files(name: str) -> None:
    text = resources.files("toolkit").joinpath("data", "gazetteer", name).read_text("utf-8")
    keys = [name_key(row["vi"]) for _, row in _parse_table(text, name)]
    assert len(keys) == len(set(keys))


def test_no_duplicate_organisations(gaz: Gazetteer) -> None:
    orgs = [o.name for o in gaz.organisations]
    assert len(orgs) == len(set(orgs))


@pytest.mark.parametrize(
    ("vi", "ar"),
    [("Nguyễn", "نيجوين"), ("Nguyễn", "نجويين"), ("Trần", "تشان"), ("Lưu", "ليو")],
)  # fmt: skip
def test_surname_spellings_met_in_news(gaz: Gazetteer, vi: str, ar: str) -> None:
    assert ar in gaz.surnames[name_key(vi)].ar


def test_extractor_takes_its_surnames_from_the_gazetteer(gaz: Gazetteer) -> None:
    from toolkit.extract.data import DATA_DIR, surnames
    from toolkit.extract.tokenize import fold_ar

    assert surnames() == {fold_ar(ar) for s in gaz.surnames.values() for ar in s.ar}
    assert not (DATA_DIR / "surnames.tsv").exists()  # one table, not a drifting copy


@pytest.mark.parametrize(
    ("name", "ar"),
    [("Viettel", "فيتيل"), ("VNPT", "في إن بي تي"), ("FPT", "إف بي تي"), ("MobiFone", "موبيفون"),
     ("VINASA", "فيناسا"), ("Zalo", "زالو")],
)  # fmt: skip
def test_organisation_arabic(gaz: Gazetteer, name: str, ar: str) -> None:
    (org,) = [o for o in gaz.organisations if o.name == name]
    assert ar in org.ar


@pytest.mark.parametrize(
    ("body", "message"),
    [("vi\tprior\tar_variants\nNguyễn\t0.3\n", "cells"),
     ("vi\tprior\nNguyễn\t0.3\n", "header"),
     ("vi\tprior\tar_variants\n" + unicodedata.normalize("NFD", "Nguyễn") + "\t0.3\t\n", "NFC")],
)  # fmt: skip
def test_malformed_table_names_the_line(body: str, message: str) -> None:
    with pytest.raises(FormatError, match=message) as info:
        _parse_table("# comment\n" + body, "surnames.tsv")
    assert info.value.line in (2, 3)
    assert info.value.path is not None and info.value.path.endswith("surnames.tsv")

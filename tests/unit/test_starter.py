"""Tests of the packaged starter termbase (glossary/data/starter_termbase.tsv)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

import pytest

from glossary.errors import FormatError
from glossary.model import KINDS
from glossary.normalize import fold_key, match_key
from glossary.starter import (
    STARTER_COLUMNS,
    STARTER_SOURCE_PREFIX,
    StarterRow,
    load_starter_rows,
    load_starter_termbase,
    parse_starter,
    starter_path,
)

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "ar"

# The 34 provinces and centrally run cities of Resolution 202/2025/QH15.
CITIES_2025 = {"Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Thành phố Hồ Chí Minh"}
PROVINCES_2025 = {
    "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa", "Nghệ An",
    "Hà Tĩnh", "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ", "Bắc Ninh",
    "Hưng Yên", "Ninh Bình", "Quảng Trị", "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Lâm Đồng",
    "Đắk Lắk", "Đồng Nai", "Tây Ninh", "Vĩnh Long", "Đồng Tháp", "An Giang", "Cà Mau",
}  # fmt: skip
# Provinces of 2008-2025 that merged into another one in 2025 (plus Thừa Thiên Huế).
GONE_2025 = {
    "Hà Giang", "Yên Bái", "Bắc Kạn", "Vĩnh Phúc", "Hòa Bình", "Bắc Giang", "Thái Bình",
    "Hải Dương", "Hà Nam", "Nam Định", "Quảng Bình", "Quảng Nam", "Kon Tum", "Bình Định",
    "Ninh Thuận", "Đắk Nông", "Bình Thuận", "Phú Yên", "Bình Dương", "Bà Rịa – Vũng Tàu",
    "Bình Phước", "Long An", "Sóc Trăng", "Hậu Giang", "Bến Tre", "Trà Vinh", "Tiền Giang",
    "Bạc Liêu", "Kiên Giang", "Thừa Thiên Huế",
}  # fmt: skip

# Forms the reference corpus uses, with the language they must be admitted in.
CORPUS_TERMS = [
    ("ar", "التحول الرقمي", "chuyển đổi số"),
    ("ar", "اللجنة الشعبية", "Ủy ban nhân dân"),
    ("ar", "لجنة الشعب", "Ủy ban nhân dân"),
    ("ar", "وزارة المعلومات والاتصالات", "Bộ Thông tin và Truyền thông"),
    ("ar", "إدارة المعلومات والاتصالات", "Sở Thông tin và Truyền thông"),
    ("ar", "تاي نجوين", "Thái Nguyên"),
    ("ar", "ثاي نجوين", "Thái Nguyên"),
    ("ar", "تاي نغوين", "Thái Nguyên"),
    ("ar", "لاو كاي", "Lào Cai"),
    ("ar", "ها تينه", "Hà Tĩnh"),
    ("ar", "هانوي", "Hà Nội"),
    ("ar", "الحكومة الرقمية", "chính phủ số"),
    ("ar", "الاقتصاد الرقمي", "kinh tế số"),
    ("ar", "المجتمع الرقمي", "xã hội số"),
    ("ar", "البنية التحتية الرقمية", "hạ tầng số"),
    ("ar", "الخدمات العامة عبر الإنترنت", "dịch vụ công trực tuyến"),
    ("ar", "قاعدة بيانات السكان الوطنية", "cơ sở dữ liệu quốc gia về dân cư"),
    ("ar", "المدفوعات غير النقدية", "thanh toán không dùng tiền mặt"),
    ("ar", "الثورة الصناعية الرابعة", "cách mạng công nghiệp lần thứ tư"),
    ("ar", "جبهة الوطن الفيتنامية", "Mặt trận Tổ quốc Việt Nam"),
    ("ar", "وزارة الأمن العام", "Bộ Công an"),
    ("ar", "وزارة الصناعة والتجارة", "Bộ Công Thương"),
    ("ar", "المكتب السياسي", "Bộ Chính trị"),
    ("ar", "اللجنة التوجيهية", "Ban Chỉ đạo"),
    ("ar", "فيتيل", "Viettel"),
    ("ar", "في إن بي تي", "VNPT"),
    ("ar", "موبيفون", "MobiFone"),
    ("ar", "زالو", "Zalo"),
    ("ar", "فيناسا", "VINASA"),
    ("ar", "VNeID", "VNeID"),
    ("ar", "LGSP", "LGSP"),
]

_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")


@pytest.fixture(scope="module")
def rows() -> list[StarterRow]:
    return load_starter_rows()


@pytest.fixture(scope="module")
def by_vi(rows: list[StarterRow]) -> dict[str, StarterRow]:
    return {row.entry.term("vi"): row for row in rows}


def test_resource_exists_and_header_matches() -> None:
    text = starter_path().read_text(encoding="utf-8")
    header = next(line for line in text.splitlines() if line and not line.startswith("#"))
    assert tuple(header.split("\t")) == STARTER_COLUMNS
    assert "Apache-2.0" in text.split("\n", 5)[1] + text.split("\n", 5)[2]


def test_at_least_300_approved_entries() -> None:
    entries = load_starter_termbase()
    assert len(entries) >= 300
    assert {e.status for e in entries} == {"approved"}
    assert all(e.id is None for e in entries)


def test_every_entry_is_complete(rows: list[StarterRow]) -> None:
    for row in rows:
        entry = row.entry
        assert entry.kind in KINDS, row.id
        assert all(entry.term(lang) for lang in ("ar", "vi", "en")), row.id
        assert entry.source.startswith(STARTER_SOURCE_PREFIX), row.id
        assert len(entry.source) > len(STARTER_SOURCE_PREFIX), row.id


def test_vietnamese_is_nfc(rows: list[StarterRow]) -> None:
    bad = [
        form
        for row in rows
        for form in row.entry.forms["vi"].all_admitted()
        if unicodedata.normalize("NFC", form) != form
    ]
    assert bad == []


def test_arabic_preferred_forms_are_arabic_script(rows: list[StarterRow]) -> None:
    not_arabic = [
        row.id
        for row in rows
        if row.entry.kind not in ("code", "acronym")
        and not re.search("[\u0600-\u06ff]", row.entry.term("ar"))
    ]
    assert not_arabic == []


def test_no_arabic_diacritics_in_forms(rows: list[StarterRow]) -> None:
    marked = [
        form
        for row in rows
        for form in row.entry.forms["ar"].all_admitted() + row.entry.forms["ar"].forbidden
        if _ARABIC_MARKS.search(form)
    ]
    assert marked == []


@pytest.mark.parametrize(
    ("tag", "count"),
    [("province-2008", 58), ("city-2008", 5), ("province-2025", 28), ("city-2025", 6)],
)
def test_province_tag_counts(rows: list[StarterRow], tag: str, count: int) -> None:
    assert sum(tag in row.tags for row in rows) == count


def test_63_old_and_34_new_units(rows: list[StarterRow]) -> None:
    old = {row.entry.term("vi") for row in rows if {"province-2008", "city-2008"} & set(row.tags)}
    new = {row.entry.term("vi") for row in rows if {"province-2025", "city-2025"} & set(row.tags)}
    assert len(old) == 63
    assert new == PROVINCES_2025 | CITIES_2025
    assert old - new == GONE_2025
    assert new - old == {"Huế"}


@pytest.mark.parametrize("name", sorted(CITIES_2025))
def test_centrally_run_cities_2025(by_vi: dict[str, StarterRow], name: str) -> None:
    assert "city-2025" in by_vi[name].tags
    assert by_vi[name].entry.kind == "place"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Bắc Kạn", "Thái Nguyên"),
        ("Yên Bái", "Lào Cai"),
        ("Hải Dương", "Hải Phòng"),
        ("Bình Dương", "Thành phố Hồ Chí Minh"),
        ("Quảng Nam", "Đà Nẵng"),
        ("Hà Giang", "Tuyên Quang"),
        ("Kiên Giang", "An Giang"),
    ],
)
def test_merger_noted(by_vi: dict[str, StarterRow], old: str, new: str) -> None:
    assert f"merged into {new} (2025)" in by_vi[old].entry.note
    assert old in by_vi[new].entry.note


@pytest.mark.parametrize(
    ("vi", "en", "ar"),
    [
        ("Hà Nội", "Hanoi", "هانوي"),
        ("Thành phố Hồ Chí Minh", "Ho Chi Minh City", "مدينة هو تشي منه"),
        ("Huế", "Hue", "هوي"),
        ("Đà Nẵng", "Da Nang", "دا نانغ"),
        ("Thái Nguyên", "Thai Nguyen", "تاي نجوين"),
        ("Lào Cai", "Lao Cai", "لاو كاي"),
        ("Hà Tĩnh", "Ha Tinh", "ها تينه"),
    ],
)
def test_place_spellings(by_vi: dict[str, StarterRow], vi: str, en: str, ar: str) -> None:
    entry = by_vi[vi].entry
    assert (entry.term("en"), entry.term("ar")) == (en, ar)


def test_at_least_120_digital_terms(rows: list[StarterRow]) -> None:
    assert sum("digital" in row.tags and row.entry.kind == "term" for row in rows) >= 120


@pytest.mark.parametrize(("lang", "form", "vi"), CORPUS_TERMS)
def test_corpus_terms_present(by_vi: dict[str, StarterRow], lang: str, form: str, vi: str) -> None:
    assert form in by_vi[vi].entry.forms[lang].all_admitted()


@pytest.mark.parametrize("form", sorted({form for lang, form, _ in CORPUS_TERMS if lang == "ar"}))
def test_corpus_terms_attested_in_corpus(form: str) -> None:
    if not CORPUS.is_dir():
        pytest.skip("reference corpus ../shared/corpus/ar not present")
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt")))
    assert form in text


def test_forbidden_renderings(by_vi: dict[str, StarterRow]) -> None:
    entry = by_vi["chuyển đổi số"].entry
    assert "التحويل الرقمي" in entry.forms["ar"].forbidden
    assert "digital conversion" in entry.forms["en"].forbidden
    assert "Ministry of Police" in by_vi["Bộ Công an"].entry.forms["en"].forbidden


@pytest.mark.parametrize("key", [match_key, fold_key], ids=["match_key", "fold_key"])
@pytest.mark.parametrize("lang", ["ar", "vi", "en"])
def test_no_form_shared_by_two_entries(
    rows: list[StarterRow], lang: str, key: Callable[[str, str], str]
) -> None:
    """No two entries admit the same form under the matcher's keys (no conflicting targets)."""
    owners: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        for form in row.entry.forms[lang].all_admitted():
            owners[key(form, lang)].add(row.id)
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_forbidden_never_admitted(rows: list[StarterRow], lang: str) -> None:
    admitted = {match_key(f, lang) for row in rows for f in row.entry.forms[lang].all_admitted()}
    clash = [
        f for row in rows for f in row.entry.forms[lang].forbidden if match_key(f, lang) in admitted
    ]
    assert clash == []


def test_variants_differ_from_preferred_after_normalization(rows: list[StarterRow]) -> None:
    """Variants are real spelling variants, not diacritic or case variants of the preferred.

    Codes and acronyms are case-sensitive, so their case variants count.
    """
    same = [
        (row.id, variant)
        for row in rows
        if not row.entry.case_sensitive
        for lang in ("ar", "vi", "en")
        for variant in row.entry.forms[lang].variants
        if match_key(variant, lang) == match_key(row.entry.term(lang), lang)
    ]
    assert same == []


def test_codes_are_dnt_and_verbatim(rows: list[StarterRow]) -> None:
    codes = [row.entry for row in rows if row.entry.kind in ("code", "acronym")]
    assert len(codes) >= 20
    assert all(e.dnt and e.case_sensitive for e in codes)
    assert all(e.term("ar") == e.term("vi") == e.term("en") for e in codes)
    assert not any(row.entry.dnt for row in rows if row.entry.kind not in ("code", "acronym"))


def test_ids_unique_and_kinds_counted(rows: list[StarterRow]) -> None:
    assert len({row.id for row in rows}) == len(rows)
    kinds = Counter(row.entry.kind for row in rows)
    assert kinds["person"] <= 6
    assert kinds["org"] >= 40


def test_ministries_before_and_after_2025(rows: list[StarterRow]) -> None:
    tagged = {tag: {r.entry.term("vi") for r in rows if tag in r.tags}
              for tag in ("ministry-2021", "ministry-2025")}  # fmt: skip
    assert len(tagged["ministry-2021"]) == 22
    assert len(tagged["ministry-2025"]) == 17
    assert "Bộ Thông tin và Truyền thông" in tagged["ministry-2021"] - tagged["ministry-2025"]


HEADER = "\t".join(STARTER_COLUMNS)
GOOD = "t-x\tterm\tالتحول الرقمي\tchuyển đổi số\tdigital transformation\t\t\t\t\t\t\t\tavet"


def test_parse_minimal_text() -> None:
    (row,) = parse_starter(f"# comment\n{HEADER}\n{GOOD}\n")
    assert row.id == "t-x"
    assert row.entry.term("vi") == "chuyển đổi số"
    assert row.entry.source == STARTER_SOURCE_PREFIX + "avet"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (GOOD.replace("\tterm\t", "\tthing\t"), "unknown kind"),
        (GOOD.replace("\tavet", "\t"), "empty 'source'"),
        (GOOD.replace("digital transformation", ""), "empty 'en'"),
        (GOOD + "\textra", "cells"),
        (GOOD.replace("chuyển", unicodedata.normalize("NFD", "chuyển")), "NFC"),
        (GOOD.replace("\tterm\t", "\tcode\t"), "same ar, vi and en"),
        (f"{GOOD}\n{GOOD}", "duplicate id"),
    ],
)
def test_bad_rows_name_the_line(body: str, message: str) -> None:
    with pytest.raises(FormatError, match=message) as info:
        parse_starter(f"#\n{HEADER}\n{body}\n", where="x.tsv")
    assert info.value.line in (3, 4)
    assert info.value.path == "x.tsv"


def test_bad_header() -> None:
    with pytest.raises(FormatError, match="header") as info:
        parse_starter("id\tkind\n")
    assert info.value.line == 1

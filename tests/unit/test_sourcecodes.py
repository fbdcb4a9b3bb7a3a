"""Codes, acronyms, URLs and numbers of a source line (toolkit.sourcecodes)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from toolkit.sourcecodes import _is_syllable as is_vietnamese_syllable
from toolkit.sourcecodes import (
    ascii_digits,
    code_form,
    digits_of,
    headline_acronyms,
    number_kept,
    number_values,
    source_codes,
    source_numbers,
    translatable_abbreviations,
)


@pytest.mark.parametrize(("text", "lang", "found"), [
    ("القرار 05-NQ/TU و 749/QD-TTg عبر VNeID على https://a.gov.vn/p?x=1 .", "ar",
     [("05-NQ/TU", "code"), ("749/QD-TTg", "code"), ("VNeID", "acronym"),
      ("https://a.gov.vn/p?x=1", "url")]),
    # A URL ending a sentence leaves its full stop out.
    ("انظر https://a.gov.vn/x.", "ar", [("https://a.gov.vn/x", "url")]),
    ("هل زرت www.mic.gov.vn؟ نعم", "ar", [("www.mic.gov.vn", "url")]),
    # Latin-script sources: capitalised words are no codes, acronym words are.
    ("The Ministry of Bac Ninh launched VNeID and LGSP.", "en",
     [("VNeID", "acronym"), ("LGSP", "acronym")]),
    ("Tỉnh Bắc Ninh ban hành Nghị quyết 05-NQ/TU.", "vi", [("05-NQ/TU", "code")]),
])
def test_source_codes(text: str, lang: str, found: list[tuple[str, str]]) -> None:
    codes = source_codes(text, lang)
    assert [(c.text, c.kind) for c in codes] == found
    assert all(text[c.start:c.end] == c.text for c in codes)


@pytest.mark.parametrize(("text", "numbers"), [
    ("بلغ 12,345 مستخدمًا في 2024 و 3 أقاليم", ["12,345", "2024"]),  # single digits left out
    ("نسبة ١٢٫٥ بالمئة", ["١٢٫٥"]),
    ("القرار 749/QD-TTg", []),  # inside a code: the code is checked instead
])
def test_source_numbers(text: str, numbers: list[str]) -> None:
    taken = [(c.start, c.end) for c in source_codes(text, "ar")]
    assert [n.text for n in source_numbers(text, taken)] == numbers


@pytest.mark.parametrize(("number", "target", "kept"), [
    ("12,345", "12,345 users", True),
    ("12,345", "12.345 người dùng", True),
    ("١٢٫٥", "12.5 percent", True),
    ("12,345", "12,354 users", False),
    ("12,345", "about 12 thousand", False),
    # Values, not digits: a tenfold error is no kept number.
    ("1,5", "It reached 15 million.", False),
    ("1,5", "It reached 1.5 million.", True),
    ("1,5", "1.5 million", True),
    ("1.000", "1,000 people", True),
    # A copy as written is kept; a number that reads both ways has both values.
    ("1.000", "1.000 people", True),
    ("1.000", "1.000 người", True),
    ("25,000", "25,000 dong", True),
    ("25,000", "25000 dong", True),
    ("25,000", "25 dong", True),  # 25,000 read as 25 (three decimals)
    ("25,000", "2,500 dong", False),
    ("12,345", "12,345 người", True),
    ("1.000,5", "1.000 people", False),  # one reading only: 1000.5
    ("1.000,5", "VND 1,000.5 billion", True),
    ("1.5", "١٫٥ مليون", True),
    ("1,000", "١٬٠٠٠ شخص", True),
    ("564,000", "564.000 người", True),  # Arabic written as English writes
    ("1.2.3", "version 1.2.3", True),  # no reading: compared by digits
])
def test_number_kept(number: str, target: str, kept: bool) -> None:
    assert number_kept(number, target) is kept


@pytest.mark.parametrize(("number", "values"), [
    ("1,5", {"1.5"}),  # no grouping of one digit: the decimal reading only
    ("1,000", {"1", "1000"}),  # reads both ways in every language (Arabic texts too)
    ("1.000", {"1", "1000"}),
    ("1,000,000", {"1000000"}),  # two commas: grouping only
    ("1.000,5", {"1000.5"}),
    ("١٬٢٣٤٫٥", {"1234.5"}),
    ("1.2.3", set()),
])
def test_number_values(number: str, values: set[str]) -> None:
    assert number_values(number) == {Decimal(v) for v in values}


def test_digits_of_maps_arabic_indic_digits() -> None:
    assert digits_of("١٢,٣۴") == "1234"


@pytest.mark.parametrize(("code", "lang", "form"), [
    ("١٢/٢٠٢٤/NĐ-CP", "en", "12/2024/ND-CP"),  # Đ of a code is D in English and Arabic
    ("۱۲/۲۰۲۴/NĐ-CP", "vi", "12/2024/NĐ-CP"),
    ("١٢/٢٠٢٤/NĐ-CP", "ar", "١٢/٢٠٢٤/ND-CP"),  # an Arabic text keeps its digits
    ("749/QD-TTg", "en", "749/QD-TTg"),
    ("749/QĐ-TTg", "vi", "749/QĐ-TTg"),
    ("Đà Nẵng", "en", "Đà Nẵng"),  # no code: a name keeps its Đ
])
def test_code_form_writes_ascii_digits_in_latin_texts(code: str, lang: str, form: str) -> None:
    assert code_form(code, lang) == form
    assert len(ascii_digits(code)) == len(code)  # one for one: offsets hold


@pytest.mark.parametrize(("text", "lang", "codes"), [
    # Whole Latin letters: no fragments (ND, NH, QU) of Vietnamese words in capitals.
    ("HĐND TỈNH QUẢNG NINH THÔNG QUA NGHỊ QUYẾT.", "vi", []),
    ("ƯU TIÊN phát triển ĐBSCL.", "vi", []),
    # Translatable abbreviations are rendered in words, never forced verbatim.
    ("UBND TP. Hà Nội họp với Sở TT&TT.", "vi", []),
    ("GS.TS. Nguyễn và ThS. An bàn về KT-XH.", "vi", []),
    ("The US, UN and EU said the PM backs AI.", "en", []),
    # A capitalised headline's words are words; codes in it stay codes.
    ("MINISTRY APPROVES DIGITAL TRANSFORMATION PLAN", "en", []),
    ("VIETNAM LAUNCHES LGSP AND VNPT 4G PLATFORM", "en", ["LGSP", "VNPT", "4G"]),
    # Known acronyms stay codes in a headline (toolkit/data/codes/acronyms.tsv).
    ("THE MINISTRY OF ICT SIGNS MOU WITH NASA", "en", ["ICT", "MOU", "NASA"]),
    ("VIETNAM SIGNS A DEAL WITH ASEAN ON 5G", "en", ["ASEAN", "5G"]),
    ("ĐÀ NẴNG, QUẢNG NAM HỢP TÁC", "vi", []),
    # Outside a run of capitals an all-capital word is a code, syllable or not.
    ("Các tổ chức NGO và mạng LAN, thẻ SIM.", "vi", ["NGO", "LAN", "SIM"]),
    ("NGO, LAN và SIM năm 2024 NGO", "vi", ["NGO", "LAN", "SIM", "NGO"]),
    ("The NGO uses a LAN and a SIM.", "en", ["NGO", "LAN", "SIM"]),
    # Real codes and acronyms stay.
    ("Đăng ký VNeID, VNEID, COVID-19, LGSP. Theo 05-NQ/TU và 749/QD-TTg.", "vi",
     ["VNeID", "VNEID", "COVID-19", "LGSP", "05-NQ/TU", "749/QD-TTg"]),
    ("Tỉnh triển khai LGSP và iHanoi.", "vi", ["LGSP", "iHanoi"]),
])
def test_capitals_are_codes_only_when_they_are_codes(text: str, lang: str,
                                                    codes: list[str]) -> None:
    assert [c.text for c in source_codes(text, lang)] == codes


def test_translatable_abbreviations_are_read_from_the_table() -> None:
    table = translatable_abbreviations()
    assert {"UBND", "HĐND", "TP", "TT", "US", "UN", "EU", "PM", "AI"} <= table
    assert not {"VNeID", "LGSP", "COVID-19"} & table


def test_headline_acronyms_are_read_from_the_table() -> None:
    table = headline_acronyms()
    assert {"ICT", "MOU", "NASA", "ASEAN"} <= table
    assert not table & translatable_abbreviations()
    # A Vietnamese syllable is a word of a headline in capitals, never listed.
    assert not [w for w in table if is_vietnamese_syllable(w)]

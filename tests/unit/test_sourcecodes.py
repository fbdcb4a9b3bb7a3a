"""Codes, acronyms, URLs and numbers of a source line (toolkit.sourcecodes)."""

from __future__ import annotations

import pytest

from toolkit.sourcecodes import (
    ascii_digits,
    code_form,
    digits_of,
    number_kept,
    source_codes,
    source_numbers,
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
])
def test_number_kept(number: str, target: str, kept: bool) -> None:
    assert number_kept(number, target) is kept


def test_digits_of_maps_arabic_indic_digits() -> None:
    assert digits_of("١٢,٣۴") == "1234"


@pytest.mark.parametrize(("code", "lang", "form"), [
    ("١٢/٢٠٢٤/NĐ-CP", "en", "12/2024/NĐ-CP"),
    ("۱۲/۲۰۲۴/NĐ-CP", "vi", "12/2024/NĐ-CP"),
    ("١٢/٢٠٢٤/NĐ-CP", "ar", "١٢/٢٠٢٤/NĐ-CP"),  # an Arabic text keeps its digits
    ("749/QD-TTg", "en", "749/QD-TTg"),
])
def test_code_form_writes_ascii_digits_in_latin_texts(code: str, lang: str, form: str) -> None:
    assert code_form(code, lang) == form
    assert len(ascii_digits(code)) == len(code)  # one for one: offsets hold

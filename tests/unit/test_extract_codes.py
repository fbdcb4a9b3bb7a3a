"""Acronyms found beside document codes and URLs (toolkit.extract.codes.find_codes)."""

from __future__ import annotations

import pytest

from toolkit.extract.codes import find_codes


@pytest.mark.parametrize(("text", "codes"), [
    # A run of Latin words that reaches a code keeps its acronyms.
    ("Người dân dùng VNeID, LGSP và COVID-19 theo 749/QĐ-TTg.",
     [("VNeID", "acronym"), ("LGSP", "acronym"), ("COVID-19", "acronym"),
      ("749/QĐ-TTg", "code")]),
    ("Triển khai LGSP theo 05-NQ/TU và iHanoi", [("LGSP", "acronym"), ("05-NQ/TU", "code"),
                                                 ("iHanoi", "acronym")]),
    # A law or resolution of the National Assembly ends in the legislature's number.
    ("Luật Đất đai số 31/2024/QH15 và Nghị quyết 202/2025/QH15",
     [("31/2024/QH15", "code"), ("202/2025/QH15", "code")]),
    # Nothing inside a URL, the words beside it still count.
    ("Xem VNeID tại https://a.gov.vn/LGSP và LGSP",
     [("Xem VNeID", "acronym"), ("LGSP", "acronym")]),
])
def test_acronyms_are_found_beside_codes_and_urls(text: str,
                                                  codes: list[tuple[str, str]]) -> None:
    found = find_codes(text)
    assert [(c.text, c.kind) for c in found] == codes
    assert all(text[c.start:c.end] == c.text for c in found)


@pytest.mark.parametrize(("text", "codes"), [
    ("وتطبق المستشفيات اللائحة QCVN 01:2021/BYT منذ العام الماضي.",
     [("QCVN 01:2021/BYT", "code")]),
    ("وحصلت الشركة على شهادة ISO 9001:2015 ومعيار TCVN 5687:2010.",
     [("ISO 9001:2015", "code"), ("TCVN 5687:2010", "code")]),
    ("وتلتزم المنصة بمعيار ISO/IEC 27001:2022 وبمعيار TCVN ISO 14001:2015.",
     [("ISO/IEC 27001:2022", "code"), ("TCVN ISO 14001:2015", "code")]),
    # Without its year a standard's body is an acronym and its number a number.
    ("وتطبق الوحدة معيار ISO 9001 وخطة VNPT 2025.", [("ISO", "acronym"), ("VNPT", "acronym")]),
])
def test_a_standard_cited_with_its_year_is_one_code(text: str,
                                                    codes: list[tuple[str, str]]) -> None:
    found = find_codes(text)
    assert [(c.text, c.kind) for c in found] == codes
    assert all(text[c.start:c.end] == c.text for c in found)

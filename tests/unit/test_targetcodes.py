"""Codes in a target line (toolkit.targetcodes) and what post-editing and QA make of them."""

from __future__ import annotations

import pytest

from glossary.model import Entry, Forms
from toolkit.glossary_source import GlossaryIndex
from toolkit.postedit import postedit_line
from toolkit.qa import check_lines
from toolkit.targetcodes import Spans, bounded, locate_code, verbatim_hits


@pytest.fixture(scope="module")
def vi_en() -> GlossaryIndex:
    e = Entry(kind="term", status="approved")
    e.forms["vi"] = Forms(preferred="dữ liệu")
    e.forms["en"] = Forms(preferred="data")
    e.id = 1
    return GlossaryIndex([e], "vi", "en")


@pytest.mark.parametrize(("source", "target"), [
    # A source URL that is part of another source URL keeps its own occurrence.
    ("Xem https://mic.gov.vn và https://mic.gov.vn/tin-tuc ngay.",
     "See https://mic.gov.vn and https://mic.gov.vn/tin-tuc now."),
    ("Xem https://mic.gov.vn/tin-tuc và https://mic.gov.vn ngay.",
     "See https://mic.gov.vn/tin-tuc and https://mic.gov.vn now."),
    ("Truy cập hanoi.gov.vn hoặc info@hanoi.gov.vn để biết chi tiết.",
     "Visit hanoi.gov.vn or info@hanoi.gov.vn for details."),
])
def test_a_url_inside_a_longer_url_is_neither_missing_nor_edited(vi_en: GlossaryIndex,
                                                                source: str, target: str) -> None:
    assert check_lines([source], [target], vi_en) == []
    result = postedit_line(source, target, vi_en)
    assert (result.text, result.edits, result.missing) == (target, [], [])


def test_a_url_is_not_found_inside_a_longer_one() -> None:
    target = "mail info@hanoi.gov.vn, see https://mic.gov.vn/tin-tuc"
    assert verbatim_hits(target, "hanoi.gov.vn", "en", "url") == []
    assert verbatim_hits(target, "https://mic.gov.vn", "en", "url") == []
    assert verbatim_hits(target, "info@hanoi.gov.vn", "en", "url") == [(5, 22, "info@hanoi.gov.vn")]


def test_locate_code_claims_no_more_than_needed() -> None:
    spans = Spans()
    hits = locate_code("VNeID and VNeID", "VNeID", 1, spans, "en", "acronym")
    assert hits.kept == [(0, 5, "VNeID")]
    assert spans.free(10, 15)  # the second occurrence is left for another claim


@pytest.mark.parametrize(("form", "text", "lang", "found"), [
    # D and Đ are one letter of a document code in English and Arabic targets.
    ("749/QD-TTg", "Decision 749/QĐ-TTg", "en", True),
    ("749/QĐ-TTg", "Decision 749/QD-TTg", "en", True),
    ("13/2023/ND-CP", "المرسوم 13/2023/NĐ-CP", "ar", True),
    # Vietnamese tells them apart; a form without a digit is no document code.
    ("749/QĐ-TTg", "Quyết định 749/QD-TTg", "vi", False),
    ("DANIDA", "ĐANIDA", "en", False),
])
def test_d_and_dj_of_a_code(form: str, text: str, lang: str, found: bool) -> None:
    assert (bounded(form, lang).search(text) is not None) is found


@pytest.mark.parametrize(("target", "fixed"), [
    ("Under Decision 749/QD-TTg and Decree 13/2023/ND-CP.", None),  # kept: no finding
    ("Under Decision 749/QĐ-TTg and Decree 13/2023/NĐ-CP.", None),
    ("Under Decision 749/qđ-ttg and Decree 13/2023/nd-cp.",
     "Under Decision 749/QD-TTg and Decree 13/2023/ND-CP."),  # never Đ in English
])
def test_english_codes_write_d(vi_en: GlossaryIndex, target: str, fixed: str | None) -> None:
    source = "Theo Quyết định 749/QĐ-TTg và Nghị định 13/2023/NĐ-CP."
    findings = check_lines([source], [target], vi_en)
    result = postedit_line(source, target, vi_en)
    if fixed is None:
        assert (findings, result.text) == ([], target)
    else:
        assert [f.issue for f in findings] == ["code_not_verbatim", "code_not_verbatim"]
        assert result.text == fixed and "Đ" not in result.text

"""Terminology QA findings (toolkit.qa)."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.errors import InputError
from glossary.formats import read_glossary
from glossary.model import Entry, Forms
from toolkit.glossary_source import GlossaryIndex
from toolkit.qa import DETAIL_LINES, ISSUES, check_lines, summarize

DATA = Path(__file__).resolve().parents[1] / "data" / "postedit"


@pytest.fixture(scope="module")
def vi_en() -> GlossaryIndex:
    return GlossaryIndex(read_glossary(DATA / "glossary.csv"), "vi", "en")


@pytest.fixture(scope="module")
def vi_ar() -> GlossaryIndex:
    return GlossaryIndex(read_glossary(DATA / "glossary.csv"), "vi", "ar")


def _issues(findings: list) -> list[tuple[int, str]]:
    return [(f.line, f.issue) for f in findings]


@pytest.mark.parametrize(("source", "target", "issue", "found", "expected"), [
    ("Chuyển đổi số là ưu tiên.", "Digital conversion is a priority.", "forbidden_term",
     "Digital conversion", "Digital transformation"),
    ("Chuyển đổi số là ưu tiên.", "Digitalization is a priority.", "variant_used",
     "Digitalization", "Digital transformation"),
    ("Bộ trưởng Nguyễn Mạnh Hùng", "Minister Nguyen Manh Hong", "near_miss",
     "Nguyen Manh Hong", "Nguyen Manh Hung"),
    ("Quyết định 749/QĐ-TTg", "Decision 749 / QD-TTg", "code_not_verbatim",
     "749 / QD-TTg", "749/QD-TTg"),
    ("Chính phủ số", "E-government", "missing_term", "", "digital government"),
    ("Trời đẹp.", "Nice digital conversion weather.", "forbidden_no_source",
     "digital conversion", "digital transformation"),
])
def test_single_line_findings(vi_en: GlossaryIndex, source: str, target: str, issue: str,
                              found: str, expected: str) -> None:
    findings = check_lines([source], [target], vi_en)
    assert [(f.issue, f.found, f.expected) for f in findings] == [(issue, found, expected)]
    assert findings[0].severity == ISSUES[issue][0]


def test_correct_translation_has_no_finding(vi_en: GlossaryIndex) -> None:
    findings = check_lines(["Chuyển đổi số ở Hà Nội, Quyết định 749/QĐ-TTg."],
                           ["Digital transformation in Hanoi, Decision 749/QD-TTg."], vi_en)
    assert findings == []


def test_arabic_finding_keeps_clitic_in_found_text(vi_ar: GlossaryIndex) -> None:
    findings = check_lines(["Kế hoạch chuyển đổi số"], ["خطة للتحويل الرقمي"], vi_ar)
    assert [(f.issue, f.found, f.expected) for f in findings] == [
        ("forbidden_term", "للتحويل الرقمي", "للتحول الرقمي")]


def test_inconsistency_between_known_renderings(vi_en: GlossaryIndex) -> None:
    sources = ["Chuyển đổi số là ưu tiên.", "Hà Nội đẩy mạnh chuyển đổi số.",
               "Chuyển đổi số cần vốn."]
    targets = ["Digital transformation is a priority.", "Hanoi pushes digitalization.",
               "Digital transformation needs capital."]
    findings = check_lines(sources, targets, vi_en)
    assert _issues(findings) == [(2, "inconsistent"), (2, "variant_used")]
    inconsistent = findings[0]
    assert inconsistent.found == "digitalization"
    assert inconsistent.expected == "digital transformation"
    # The renderings as written (line 1's capital), not the glossary's forms.
    assert inconsistent.detail == ("'Digital transformation' on line(s) 1, 3; "
                                   "'digitalization' on line(s) 2")


def test_unknown_rendering_inferred_across_lines(vi_en: GlossaryIndex) -> None:
    # Lines 2 and 3 render the term with the same unknown phrase "digital shift";
    # line 4 (no source term) and line 1 (preferred form) are the contrast lines.
    sources = ["Chuyển đổi số là ưu tiên.", "Tỉnh thúc đẩy chuyển đổi số.",
               "Chuyển đổi số cần nguồn lực.", "Thời tiết đẹp."]
    targets = ["Digital transformation is a priority.", "The province pushes digital shift.",
               "Digital shift needs resources.", "The weather is nice."]
    findings = check_lines(sources, targets, vi_en)
    assert _issues(findings) == [(2, "inconsistent"), (2, "missing_term"),
                                 (3, "inconsistent"), (3, "missing_term")]
    assert [f.found for f in findings] == ["digital shift", "digital shift",
                                           "Digital shift", "Digital shift"]
    assert findings[1].detail == "unknown rendering, also on line(s) 3"
    assert findings[0].expected == "digital transformation"


@pytest.mark.parametrize("copies", [3, 40])
def test_detail_names_a_bounded_number_of_lines(vi_en: GlossaryIndex, copies: int) -> None:
    # A term rendered three ways, each on a third of the lines, and an unknown rendering:
    # every detail stays the same size however long the document (output linear in it).
    sources = ["Chuyển đổi số là ưu tiên.", "Hà Nội đẩy mạnh chuyển đổi số.",
               "Chuyển đổi số cần vốn.", "Tỉnh thúc đẩy chuyển đổi số.",
               "Trời đẹp."] * copies
    targets = ["Digital transformation is a priority.", "Hanoi pushes digitalization.",
               "Digital conversion needs capital.", "The province pushes digital shift.",
               "Nice weather."] * copies
    findings = check_lines(sources, targets, vi_en)
    assert max(len(f.detail) for f in findings) < 260
    [first] = [f for f in findings if f.issue == "inconsistent" and f.line == 2]
    more = f" and {copies - DETAIL_LINES} more" if copies > DETAIL_LINES else ""
    shown = ", ".join(str(5 * k + 2) for k in range(min(copies, DETAIL_LINES)))
    assert f"'digitalization' on line(s) {shown}{more}" in first.detail
    [unknown] = [f for f in findings if f.issue == "missing_term" and f.line == 4]
    others = ", ".join(str(5 * k + 4) for k in range(1, min(copies, DETAIL_LINES + 1)))
    more = f" and {copies - 1 - DETAIL_LINES} more" if copies - 1 > DETAIL_LINES else ""
    assert unknown.detail == f"unknown rendering, also on line(s) {others}{more}"


def test_single_missing_line_infers_nothing(vi_en: GlossaryIndex) -> None:
    findings = check_lines(["Chuyển đổi số.", "Chuyển đổi số."],
                           ["Digital transformation.", "Digital shift."], vi_en)
    assert [(f.line, f.issue, f.found) for f in findings] == [(2, "missing_term", "")]


def test_check_changes_nothing_and_rejects_misaligned(vi_en: GlossaryIndex) -> None:
    targets = ["Digital conversion."]
    check_lines(["Chuyển đổi số."], targets, vi_en)
    assert targets == ["Digital conversion."]
    with pytest.raises(InputError, match="1 source lines but 2 target lines"):
        check_lines(["a"], ["a", "b"], vi_en)


def test_summary_counts(vi_en: GlossaryIndex) -> None:
    findings = check_lines(["Chuyển đổi số.", "Chính phủ số."],
                           ["Digitalization.", "E-government."], vi_en)
    summary = summarize(findings, 2)
    assert summary == {"summary": True, "lines": 2, "findings": 2, "errors": 1,
                       "warnings": 1, "by_issue": {"missing_term": 1, "variant_used": 1}}


def test_unknown_rendering_must_recur_in_half_the_missing_lines(vi_en: GlossaryIndex) -> None:
    # Five lines lack the term; "digital shift" is on only two of them (< 3 of 5).
    sources = ["Chuyển đổi số."] * 6
    targets = ["Digital transformation.", "Digital shift now.", "Digital shift here.",
               "Computerisation matters.", "Modernising work.", "New ways."]
    findings = check_lines(sources, targets, vi_en)
    assert [(f.line, f.issue, f.found) for f in findings] == [
        (n, "missing_term", "") for n in range(2, 7)]


@pytest.mark.parametrize(("target", "found"), [
    # Mangled: each code, acronym and URL of the source is a finding.
    ("749/QD-TT 05-NQ/TW VNEID https://a.gov.vn/x-y",
     ["749/QD-TT", "05-NQ/TW", "VNEID", "https://a.gov.vn/x-y"]),
    # Absent: a finding with nothing found.
    ("The decision was signed.", ["", "", "", ""]),
    # Kept verbatim: no finding.
    ("749/QD-TTg 05-NQ/TU VNeID https://a.gov.vn/x_y", []),
])
def test_codes_that_are_no_glossary_entry_are_checked(target: str, found: list[str]) -> None:
    index = GlossaryIndex([], "ar", "en")
    findings = check_lines(["قرار 749/QD-TTg و 05-NQ/TU عبر VNeID على https://a.gov.vn/x_y"],
                           [target], index)
    assert {f.issue for f in findings} <= {"code_not_verbatim"}
    assert sorted(f.found for f in findings) == sorted(found)
    assert all(f.entry_id is None and f.severity == "error" for f in findings)


def test_forbidden_form_inside_another_entrys_form_is_no_finding() -> None:
    from glossary.model import Entry, Forms

    gov = Entry(id=1, kind="org", status="approved",
                forms={"vi": Forms("Chính phủ"), "en": Forms("Government", [], ["state"])})
    bank = Entry(id=2, kind="org", status="approved",
                 forms={"vi": Forms("Ngân hàng Nhà nước"), "en": Forms("State Bank of Vietnam")})
    index = GlossaryIndex([gov, bank], "vi", "en")
    source = "Chính phủ yêu cầu Ngân hàng Nhà nước hạ lãi suất."
    assert check_lines([source], ["The State Bank of Vietnam was asked by the government."],
                       index) == []
    findings = check_lines([source], ["The State Bank of Vietnam was asked by the state."],
                           index)
    assert [(f.issue, f.found, f.start) for f in findings] == [("forbidden_term", "state", 43)]


@pytest.mark.parametrize(("lang", "sources", "targets", "found"), [
    # A function word shared by the lines lacking the term loses to the content word.
    ("en", ["Chính phủ họp.", "Chính phủ nói.", "Chính phủ đồng ý."],
     ["Government met today.", "The cabinet said so.", "The cabinet agreed."],
     ["cabinet", "cabinet"]),
    # Same term length (two words): "the cabinet" starts with a function word.
    ("en", ["Chuyển đổi số là ưu tiên.", "Tỉnh thúc đẩy chuyển đổi số.",
            "Chuyển đổi số cần nguồn lực."],
     ["Digital transformation is a priority.", "The province pushes the overhaul.",
      "The overhaul needs resources."], ["overhaul", "overhaul"]),
    ("vi", ["Government met.", "The government spoke.", "The government agreed."],
     ["Chính phủ họp.", "Theo đó, nội các đã họp.", "Theo đó, nội các đồng ý."],
     ["nội các", "nội các"]),
    ("ar", ["Chính phủ họp.", "Chính phủ nói.", "Chính phủ đồng ý."],
     ["اجتمعت الحكومة اليوم.", "في الصباح قالت الوزارة.", "في بيان أكدت الوزارة."],
     ["الوزارة", "الوزارة"]),
])
def test_unknown_rendering_is_no_function_word(lang: str, sources: list[str],
                                               targets: list[str], found: list[str]) -> None:
    from glossary.model import Entry, Forms

    gov = Entry(id=1, kind="org", status="approved",
                forms={"vi": Forms("Chính phủ"), "en": Forms("Government"),
                       "ar": Forms("الحكومة")})
    transformation = Entry(id=2, kind="term", status="approved",
                           forms={"vi": Forms("chuyển đổi số"),
                                  "en": Forms("digital transformation"),
                                  "ar": Forms("التحول الرقمي")})
    src = "en" if lang == "vi" else "vi"
    index = GlossaryIndex([gov, transformation], src, lang)
    findings = check_lines(sources, targets, index)
    assert [f.found for f in findings if f.issue == "missing_term"] == found


def test_stopword_table_covers_the_three_languages() -> None:
    from toolkit.qa import load_stopwords

    table = load_stopwords()
    assert set(table) == {"en", "vi", "ar"}
    assert {"the", "of"} <= table["en"] and {"của", "các"} <= table["vi"]
    assert {"في", "من"} <= table["ar"]


def test_inconsistent_expects_the_preferred_form_never_a_forbidden_one() -> None:
    entry = Entry(id=1, kind="term", status="approved",
                  forms={"en": Forms(preferred="digital transformation"),
                         "vi": Forms(preferred="chuyển đổi số", forbidden=["số hóa"],
                                     variants=["chuyển đổi kỹ thuật số"])})
    index = GlossaryIndex([entry], "en", "vi")
    findings = check_lines(["He said digital transformation matters.",
                            "Digital transformation is pushed."],
                           ["Ông nói số hóa quan trọng.", "Chuyển đổi kỹ thuật số được đẩy mạnh."],
                           index)
    [inconsistent] = [f for f in findings if f.issue == "inconsistent"]
    assert (inconsistent.line, inconsistent.found, inconsistent.expected) == (
        2, "Chuyển đổi kỹ thuật số", "chuyển đổi số")  # found: as written


@pytest.mark.parametrize(("target", "found"), [
    ("The government issued Decision 749/qd-ttg.", [("749/qd-ttg", "749/QD-TTg")]),
    ("The government issued decision 749/QD-TTg.", []),  # the term's case is free, the code's not
])
def test_code_inside_a_matched_term_is_checked_verbatim(target: str,
                                                        found: list[tuple[str, str]]) -> None:
    entry = Entry(id=8, kind="term", status="approved",
                  forms={"ar": Forms(preferred="القرار 749/QD-TTg"),
                         "en": Forms(preferred="Decision 749/QD-TTg"),
                         "vi": Forms(preferred="Quyết định 749/QĐ-TTg")})
    source = "وأصدرت الحكومة القرار 749/QD-TTg."
    findings = check_lines([source], [target], GlossaryIndex([entry], "ar", "en"))
    assert [(f.issue, f.entry_id, f.found, f.expected) for f in findings] == [
        ("code_not_verbatim", 8, a, b) for a, b in found]
    # The entry's own target form decides how the code is written (QĐ in Vietnamese).
    assert check_lines([source], ["Chính phủ ban hành Quyết định 749/QĐ-TTg."],
                       GlossaryIndex([entry], "ar", "vi")) == []


@pytest.mark.parametrize(("source", "target", "found"), [
    # Arabic-Indic digits are the ASCII digits; English writes ASCII ones.
    ("صدر المرسوم ١٢/٢٠٢٤/NĐ-CP.", "Decree 12/2024/NĐ-CP was issued.", []),
    ("صدر المرسوم ۱۲/۲۰۲۴/NĐ-CP.", "Decree 12/2024/NĐ-CP was issued.", []),
    ("صدر المرسوم ١٢/٢٠٢٤/NĐ-CP.", "Decree 12/2024/nđ-cp was issued.",
     [("12/2024/nđ-cp", "12/2024/ND-CP")]),
    ("صدر المرسوم ١٢/٢٠٢٤/NĐ-CP.", "A decree was issued.", [("", "12/2024/ND-CP")]),
])
def test_codes_with_arabic_indic_digits(source: str, target: str,
                                        found: list[tuple[str, str]]) -> None:
    tiny = Entry(id=1, kind="term", status="approved",
                 forms={"ar": Forms(preferred="الخطة"), "en": Forms(preferred="plan")})
    findings = check_lines([source], [target], GlossaryIndex([tiny], "ar", "en"))
    assert [(f.issue, f.found, f.expected) for f in findings] == [
        ("code_not_verbatim", a, b) for a, b in found]
    assert all(f.source_term == source.split()[-1].rstrip(".") for f in findings)


def test_one_forbidden_rendering_in_two_numbers_is_not_inconsistent(vi_en: GlossaryIndex) -> None:
    sources = ["Chuyển đổi số là ưu tiên.", "Chuyển đổi số cần vốn."]
    targets = ["Digital conversions are a priority.", "Digital conversion needs capital."]
    assert _issues(check_lines(sources, targets, vi_en)) == [(1, "forbidden_term"),
                                                             (2, "forbidden_term")]

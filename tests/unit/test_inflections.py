"""Glossary forms in another number (toolkit.inflections) as post-editing and QA see them."""

from __future__ import annotations

import pytest

from glossary.model import Entry, Forms
from toolkit.glossary_source import GlossaryIndex
from toolkit.inflections import InflectedForms, inflect_like, inflections
from toolkit.postedit import postedit_line
from toolkit.qa import check_lines


def _entry(i: int, ar: str, en: str, forbidden_en: tuple[str, ...] = ()) -> Entry:
    e = Entry(kind="term", status="approved")
    e.forms["ar"] = Forms(preferred=ar)
    e.forms["en"] = Forms(preferred=en, forbidden=list(forbidden_en))
    e.id = i
    return e


@pytest.fixture(scope="module")
def ar_en() -> GlossaryIndex:
    return GlossaryIndex([
        _entry(1, "التحول الرقمي", "digital transformation", ("digital conversion",)),
        _entry(2, "الخدمة العامة", "public service"),
    ], "ar", "en")


@pytest.mark.parametrize(("text", "form", "lang", "spans"), [
    ("Public services are good.", "public service", "en", [(0, 15)]),
    ("Public service is good.", "public service", "en", []),  # as written: no inflection
    ("وللخدمات العامة", "الخدمة العامة", "ar", [(0, 15)]),
    ("see https://a.gov.vn/public-services", "public service", "en", []),
    ("dịch vụ công", "dịch vụ công", "vi", []),
])
def test_inflections(text: str, form: str, lang: str, spans: list[tuple[int, int]]) -> None:
    assert inflections(text, form, lang) == spans


@pytest.mark.parametrize(("found", "base", "other", "lang", "out"), [
    ("Digital conversions", "digital conversion", "digital transformation", "en",
     "digital transformations"),
    ("digital policies", "digital policy", "digital strategy", "en", "digital strategies"),
    ("التحويلات الرقمية", "التحويل الرقمي", "التحول الرقمي", "ar", "التحولات الرقمية"),
    ("digital conversion", "digital conversion", "digital transformation", "en",
     "digital transformation"),
])
def test_inflect_like(found: str, base: str, other: str, lang: str, out: str) -> None:
    assert inflect_like(found, base, other, lang) == out


def test_inflected_forms_report_clitic_and_elided_article() -> None:
    forms = InflectedForms("ar")
    forms.add("الخدمة العامة", "k")
    [m] = forms.find("نهتم للخدمات العامة")
    assert (m.key, m.clitic, m.standalone, m.role) == ("k", "ل", "الخدمات العامة", "variant")


@pytest.mark.parametrize(("target", "fixed", "expected"), [
    ("Digital conversions matter.", "Digital transformations matter.",
     "Digital transformations"),
    ("The digital conversion matters.", "The digital transformation matters.",
     "digital transformation"),
])
def test_a_forbidden_rendering_in_the_plural_is_replaced(ar_en: GlossaryIndex, target: str,
                                                         fixed: str, expected: str) -> None:
    source = "التحول الرقمي مهم."
    assert postedit_line(source, target, ar_en).text == fixed
    [finding] = check_lines([source], [target], ar_en)
    assert (finding.issue, finding.expected) == ("forbidden_term", expected)


@pytest.mark.parametrize(("source", "asked"), [
    ("الخدمات العامة جيدة.", "الخدمات العامة"),
    ("والخدمتان العامتان جيدتان.", "الخدمتان العامتان"),
    ("التحولات الرقمية مهمة.", "التحولات الرقمية"),
])
def test_arabic_plural_source_forms_are_asked_for(ar_en: GlossaryIndex, source: str,
                                                  asked: str) -> None:
    [finding] = check_lines([source], ["Nothing here."], ar_en)
    assert (finding.issue, finding.source_term) == ("missing_term", asked)
    assert check_lines([source], ["Public services and digital transformations."], ar_en) == []

"""Inflections of a term (plurals, duals) are correct renderings, not variants to replace."""

from __future__ import annotations

import pytest

from glossary.model import Entry, Forms, is_inflection
from toolkit.glossary_source import GlossaryIndex
from toolkit.postedit import postedit_line
from toolkit.qa import check_lines
from toolkit.termmetrics import consistency, real_terms


@pytest.mark.parametrize(("form", "base", "lang", "expected"), [
    ("public services", "public service", "en", True),
    ("Cashless Payments", "cashless payment", "en", True),
    ("online public service", "online public services", "en", True),  # singular of a plural
    ("localities", "locality", "en", True),
    ("rearrangements of administrative units", "rearrangement of administrative unit", "en",
     True),
    ("Vice Chairmen of the People's Committee", "Vice Chairman of the People's Committee",
     "en", True),
    ("people", "person", "en", True),
    ("data center", "data centre", "en", False),  # a spelling variant
    ("digitalization", "digital transformation", "en", False),
    ("public service", "public service", "en", False),  # the same form
    ("public services portal", "public service", "en", False),  # another number of words
    ("الخدمات العامة", "الخدمة العامة", "ar", True),
    ("المواطنون الرقميون", "المواطن الرقمي", "ar", True),
    ("المواطنين الرقميين", "المواطن الرقمي", "ar", True),
    ("المشروعات الوطنية", "المشروع الوطني", "ar", True),  # adjective agrees in the feminine
    ("موظفو الخدمة المدنية", "موظف الخدمة المدنية", "ar", True),  # construct loses its ن
    ("الخدمتان", "الخدمة", "ar", True),  # dual
    ("الرقمية", "الرقمي", "ar", False),  # agreement alone is no plural
    ("الكوادر", "الكادر", "ar", False),  # broken plural: not recognisable, stays a variant
    ("التحويل الرقمي", "التحول الرقمي", "ar", False),
    ("dịch vụ công", "dịch vụ công", "vi", False),
    ("các dịch vụ công", "dịch vụ công", "vi", False),  # Vietnamese does not inflect
])
def test_is_inflection(form: str, base: str, lang: str, expected: bool) -> None:
    assert is_inflection(form, base, lang) is expected


def _entries() -> list[Entry]:
    return [
        Entry(id=1, kind="term", status="approved", forms={
            "vi": Forms(preferred="dịch vụ công"),
            "ar": Forms(preferred="الخدمة العامة", variants=["الخدمات العامة", "الخدمة العمومية"]),
            "en": Forms(preferred="public service",
                        variants=["public services", "state service"])}),
        Entry(id=2, kind="term", status="approved", forms={
            "vi": Forms(preferred="thanh toán không dùng tiền mặt"),
            "en": Forms(preferred="cashless payment", variants=["cashless payments"])}),
    ]


@pytest.mark.parametrize(("src", "tgt", "source", "target", "expected", "actions"), [
    # A plural listed as a variant is the term in the plural: kept.
    ("vi", "en", "Các dịch vụ công trực tuyến", "Online public services", "Online public services",
     []),
    ("vi", "en", "thanh toán không dùng tiền mặt", "use cashless payments",
     "use cashless payments", []),
    # A plural of the preferred form that the glossary does not list: kept too.
    ("vi", "ar", "dịch vụ công", "الخدمات العامة", "الخدمات العامة", []),
    # A real variant is still replaced, in the singular and with the case kept.
    ("vi", "en", "dịch vụ công", "State service first", "Public service first",
     ["replaced_variant"]),
    ("vi", "ar", "dịch vụ công", "وبالخدمة العمومية", "وبالخدمة العامة", ["replaced_variant"]),
])
def test_postedit_keeps_inflections_and_replaces_variants(
        src: str, tgt: str, source: str, target: str, expected: str, actions: list[str]) -> None:
    result = postedit_line(source, target, GlossaryIndex(_entries(), src, tgt))
    assert result.text == expected
    assert [e.action for e in result.edits] == actions
    assert result.missing == []


def test_qa_reports_neither_plural_nor_mixed_numbers() -> None:
    index = GlossaryIndex(_entries(), "vi", "en")
    sources = ["dịch vụ công", "các dịch vụ công", "dịch vụ công", "dịch vụ công"]
    targets = ["public service", "public services", "Public services", "state service"]
    findings = check_lines(sources, targets, index)
    # Singular and plural are one rendering: only the real variant on line 4 is reported.
    assert [(f.line, f.issue, f.found) for f in findings] == [
        (4, "inconsistent", "state service"), (4, "variant_used", "state service")]


def test_consistency_counts_a_plural_as_the_preferred_form() -> None:
    index = GlossaryIndex(_entries(), "vi", "en")
    sources = ["dịch vụ công", "các dịch vụ công"]
    terms = real_terms(sources, index)
    assert consistency(["public service", "public services"], terms, "en") == (1.0, 1)
    assert consistency(["public service", "state service"], terms, "en") == (0.0, 1)

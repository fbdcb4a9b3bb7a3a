"""Acronyms match with their case; only multiword terms ask for themselves in the plural.

The starter termbase's IT (information technology) is no match for the pronoun
``It``; an Arabic plural asks for a term only for a term's form of two or more
words (``الخدمات العامة``), never for one word (``القرارات``) nor a name
(``الحكومات``).
"""

from __future__ import annotations

import pytest

from glossary.matcher import Matcher, is_acronym
from glossary.model import Entry, Forms
from glossary.starter import load_starter_termbase
from toolkit.glossary_source import GlossaryIndex
from toolkit.inflections import inflections
from toolkit.qa import check_lines


def _entry(i: int, kind: str, forms: dict[str, str]) -> Entry:
    e = Entry(kind=kind, status="approved")
    for lang, form in forms.items():
        e.forms[lang] = Forms(preferred=form)
    e.id = i
    return e


@pytest.fixture(scope="module")
def starter() -> list[Entry]:
    return load_starter_termbase()


@pytest.fixture(scope="module")
def ar_en(starter: list[Entry]) -> GlossaryIndex:
    return GlossaryIndex(starter, "ar", "en")


@pytest.fixture(scope="module")
def en_vi(starter: list[Entry]) -> GlossaryIndex:
    return GlossaryIndex(starter, "en", "vi")


@pytest.mark.parametrize("source", [
    "أصدرت الحكومة القرارات والتوجيهات.",
    "وتعمل الحكومات المحلية على تنفيذ المشروعات الكبرى.",
])
@pytest.mark.parametrize("plural", ["الحكومات", "القرارات", "التوجيهات", "المشروعات"])
def test_single_word_and_name_plurals_ask_for_nothing(ar_en: GlossaryIndex, source: str,
                                                      plural: str) -> None:
    assert plural not in [m.surface for m in ar_en.find_source(source)]


def test_multiword_term_plural_still_asks_for_the_term(ar_en: GlossaryIndex) -> None:
    found = {m.surface: ar_en.terms[m.key].expected
             for m in ar_en.find_source("قدمت الحكومة الخدمات العامة للمواطنين.")}
    assert found.get("الخدمات العامة") == "public service"


def test_plurals_of_generic_words_give_no_missing_term(ar_en: GlossaryIndex) -> None:
    findings = check_lines(
        ["وتعمل الحكومات المحلية على تنفيذ المشروعات.", "أصدرت الحكومة القرارات والتوجيهات."],
        ["Local authorities are carrying out the undertakings.",
         "The Government issued decisions and guidelines."], ar_en)
    assert not [f for f in findings
                if f.source_term in {"الحكومات", "القرارات", "التوجيهات", "المشروعات"}]


@pytest.mark.parametrize(("kind", "found"), [
    ("term", ["الهيئات الوطنية"]),
    ("org", []),
    ("place", []),
    ("person", []),
])
def test_only_terms_inflect(kind: str, found: list[str]) -> None:
    index = GlossaryIndex([_entry(1, kind, {"ar": "الهيئة الوطنية", "en": "national body"})],
                          "ar", "en")
    assert [m.surface for m in index.find_source("اجتمعت الهيئات الوطنية.")] == found


@pytest.mark.parametrize(("source", "expected"), [
    ("It is important.", []),
    ("It costs 1,500 dong.", ["đồng"]),
    ("The IT sector grows.", ["công nghệ thông tin"]),
    ("IT systems need staff.", ["công nghệ thông tin"]),
])
def test_pronoun_it_is_no_acronym(en_vi: GlossaryIndex, source: str,
                                  expected: list[str]) -> None:
    assert [en_vi.terms[m.key].expected for m in en_vi.find_source(source)] == expected


def test_check_finds_no_it_in_pronouns(en_vi: GlossaryIndex) -> None:
    assert check_lines(["It is important.", "It costs 1,500 dong."],
                       ["Điều đó quan trọng.", "Nó tốn 1.500 đồng."], en_vi) == []


def test_check_still_asks_for_it_acronym(en_vi: GlossaryIndex) -> None:
    findings = check_lines(["IT systems need staff."], ["Hệ thống cần nhân viên."], en_vi)
    assert [(f.issue, f.expected) for f in findings] == [("missing_term", "công nghệ thông tin")]


@pytest.mark.parametrize(("form", "acronym"), [
    ("IT", True),
    ("MOST", True),
    ("TP HCM", True),
    ("HĐND", True),
    ("It", False),
    ("A", False),
    ("VNeID", False),
    ("COVID-19", False),
    ("4IR", False),
    ("الحكومة", False),
])
def test_is_acronym(form: str, acronym: bool) -> None:
    assert is_acronym(form) is acronym


@pytest.mark.parametrize(("lang", "form", "text", "surfaces"), [
    ("en", "IT", "It said IT and it.", ["IT"]),
    ("en", "MOST", "most of MOST", ["MOST"]),
    ("en", "it", "It and IT", ["It", "IT"]),  # a lower-case form ignores case
    ("en", "COVID-19", "covid-19 cases", ["covid-19"]),  # a code with a digit too
    ("vi", "UBND", "ubnd và UBND", ["UBND"]),
])
def test_matcher_matches_acronyms_with_their_case(lang: str, form: str, text: str,
                                                  surfaces: list[str]) -> None:
    matcher = Matcher(lang)
    matcher.add(form, 1, case_sensitive=False)
    assert [m.surface for m in matcher.find(text)] == surfaces


@pytest.mark.parametrize(("text", "form", "spans"), [
    ("its", "IT", []),
    ("NGOs", "NGO", [(0, 4)]),
])
def test_acronym_inflections_keep_capitals(text: str, form: str,
                                           spans: list[tuple[int, int]]) -> None:
    assert inflections(text, form, "en") == spans

"""Which inflected source forms ask for a glossary term (GlossaryIndex.find_source)."""

from __future__ import annotations

import pytest

from glossary.model import Entry, Forms
from toolkit.glossary_source import GlossaryIndex
from toolkit.inflections import inflections, lexicalised_plurals


def _entry(i: int, forms: dict[str, str]) -> Entry:
    e = Entry(kind="term", status="approved")
    for lang, form in forms.items():
        e.forms[lang] = Forms(preferred=form)
    e.id = i
    return e


@pytest.fixture(scope="module")
def en_vi() -> GlossaryIndex:
    return GlossaryIndex([
        _entry(1, {"en": "state", "vi": "nhà nước"}),
        _entry(2, {"en": "custom", "vi": "phong tục"}),
        _entry(3, {"en": "new", "vi": "mới"}),
        _entry(4, {"en": "public service", "vi": "dịch vụ công"}),
    ], "en", "vi")


@pytest.fixture(scope="module")
def ar_en() -> GlossaryIndex:
    return GlossaryIndex([
        _entry(1, {"ar": "بيان", "en": "statement"}),
        _entry(2, {"ar": "التعليم", "en": "education"}),
        _entry(3, {"ar": "الخدمة العامة", "en": "public service"}),
        _entry(4, {"ar": "معدة", "en": "stomach"}),
    ], "ar", "en")


@pytest.mark.parametrize(("source", "found"), [
    # An English plural is often a word of its own: forms are matched as written.
    ("The United States customs office shares news.", []),
    ("Public services of the state are new.", ["state", "new"]),
])
def test_english_plurals_ask_for_no_term(en_vi: GlossaryIndex, source: str,
                                         found: list[str]) -> None:
    assert [m.surface for m in en_vi.find_source(source)] == found


@pytest.mark.parametrize(("source", "found"), [
    # A plural with a meaning of its own is no inflection (data, instructions, equipment).
    ("نشرت الوزارة البيانات والتعليمات.", []),
    ("وصلت معدات جديدة.", []),
    ("نشرت الوزارة بيانات جديدة.", []),
    # A term of two or more words asks for itself in another number; one word never does.
    ("أصدرت الوزارة بيانين والخدمات العامة.", ["الخدمات العامة"]),
    ("نشرت الوزارة بيان الحكومة.", ["بيان"]),
])
def test_arabic_lexicalised_plurals_ask_for_no_term(ar_en: GlossaryIndex, source: str,
                                                    found: list[str]) -> None:
    assert [m.surface for m in ar_en.find_source(source)] == found


@pytest.mark.parametrize(("text", "form", "spans"), [
    ("البيانات", "البيان", []),  # data renders no statement
    ("للبيانات", "البيان", []),
    ("البيان", "البيانات", []),  # either way round
    ("البيانان", "البيان", [(0, 8)]),  # a dual is
])
def test_lexicalised_plurals_render_nothing(text: str, form: str,
                                            spans: list[tuple[int, int]]) -> None:
    assert inflections(text, form, "ar") == spans


def test_lexicalised_plurals_are_read_from_the_table() -> None:
    pairs = lexicalised_plurals()
    assert frozenset({"بيانات", "بيان"}) in pairs
    assert all(len(p) == 2 for p in pairs)

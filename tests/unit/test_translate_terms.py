"""What the translation pipeline counts as a rendered term, code or number.

Driven by the scripted engine of test_translate_pipeline (a test double whose
outputs are written here), so that each rule is exercised on purpose: the same
rules as post-editing and QA (plurals, case, URLs, values of numbers).
"""

from __future__ import annotations

from typing import Any

import pytest

from glossary.model import Entry, Forms
from models.base import Translation
from tests.unit.test_translate_pipeline import ScriptedEngine
from toolkit.glossary_source import GlossaryIndex
from toolkit.qa import check_lines
from toolkit.translate import TranslateOptions, translate_document, translate_segments
from toolkit.translate.report import translation_report


def _entry(i: int, ar: str, en: str, kind: str = "term", forbidden: tuple[str, ...] = (),
           dnt: bool = False) -> Entry:
    e = Entry(kind=kind, status="approved", dnt=dnt)
    e.forms["ar"] = Forms(preferred=ar)
    e.forms["en"] = Forms(preferred=en, forbidden=list(forbidden))
    e.id = i
    return e


@pytest.fixture(scope="module")
def index() -> GlossaryIndex:
    return GlossaryIndex([
        _entry(1, "الخدمة العامة", "public service"),
        _entry(2, "التحول الرقمي", "digital transformation", forbidden=("digital conversion",)),
        _entry(3, "VNeID", "VNeID", kind="code", dnt=True),
    ], "ar", "en")


def _one(index: GlossaryIndex | None, src: str, translation: Translation, **opts: Any
         ) -> tuple[Any, ScriptedEngine]:
    engine = ScriptedEngine({src: translation})
    result = translate_segments([src], engine, index, TranslateOptions("ar", "en", **opts))[0]
    return result, engine


@pytest.mark.parametrize(("src", "output"), [
    ("الخدمة العامة جيدة.", "Public services are good."),
    ("وبالخدمة العامة يهتم الجميع.", "Everyone cares about public services."),
])
def test_a_plural_rendering_is_applied_and_left_alone(index: GlossaryIndex, src: str,
                                                      output: str) -> None:
    result, _ = _one(index, src, Translation(output, []))
    assert result.output == output
    assert [(t.status, t.method) for t in result.terms] == [("applied", "constrained")]
    # QA says the same of the same line.
    assert check_lines([src], [output], index) == []


@pytest.mark.parametrize(("output", "alignment", "repaired"), [
    # The alignment's rendering is a plural of the term: kept, plural and capital.
    ("Public services are good.", [(0, 1), (1, 0), (2, 3)], "Public services are good."),
    # A wrong rendering is replaced, and the sentence keeps its capital.
    ("Public help is good.", [(0, 1), (1, 0), (2, 3)], "Public service is good."),
])
def test_alignment_repair_keeps_inflection_and_case(index: GlossaryIndex, output: str,
                                                    alignment: list[tuple[int, int]],
                                                    repaired: str) -> None:
    src = "الخدمة العامة جيدة."
    translation = Translation(output, ["▁" + w for w in output.split()], alignment=alignment,
                              source_tokens=["▁" + w for w in src.split()])
    result, _ = _one(index, src, translation)
    assert result.output == repaired


def test_alignment_repair_capitalises_like_the_text_it_replaces(index: GlossaryIndex) -> None:
    src = "التحول الرقمي مهم."
    text = "Digital change is key."
    translation = Translation(text, ["▁" + w for w in text.split()],
                              alignment=[(0, 1), (1, 0), (2, 2), (2, 3)],
                              source_tokens=["▁" + w for w in src.split()])
    result, _ = _one(index, src, translation)
    assert result.output == "Digital transformation is key."
    assert [(t.status, t.method) for t in result.terms] == [("repaired", "alignment")]


def test_no_constraints_means_none_codes_included(index: GlossaryIndex) -> None:
    src = "سجل عبر VNeID وفق القرار 749/QD-TTg والخدمة العامة."
    output = "Register via VNeID per decision 749/QD-TTg and public service."
    result, engine = _one(index, src, Translation(output, []), constrain=False)
    assert engine.calls[0]["constraints"] == [[]]
    assert {(t.expected, t.status) for t in result.terms} == {
        ("VNeID", "applied"), ("749/QD-TTg", "applied"), ("public service", "applied")}
    _, engine = _one(index, src, Translation(output, []))
    assert sorted(engine.calls[0]["constraints"][0]) == ["749/QD-TTg", "VNeID", "public service"]


@pytest.mark.parametrize(("output", "status"), [
    ("Register via https://vneid.gov.vn/VNeID.", "failed"),  # only inside a URL
    ("Register via VNeID at https://vneid.gov.vn/VNeID.", "applied"),
])
def test_a_code_inside_a_url_is_not_kept(index: GlossaryIndex, output: str, status: str
                                         ) -> None:
    result, _ = _one(index, "سجل عبر VNeID.", Translation(output, []), repair=False)
    assert [(t.expected, t.status) for t in result.terms] == [("VNeID", status)]


@pytest.mark.parametrize(("src", "output", "status"), [
    ("بلغت 1,5 مليون.", "It reached 15 million.", "failed"),  # tenfold: not the value
    ("بلغت 1,5 مليون.", "It reached 1.5 million.", "applied"),
    ("بلغ 564,000 مستخدم.", "It reached 564,000 users.", "applied"),
])
def test_numbers_are_checked_by_value(src: str, output: str, status: str) -> None:
    result, _ = _one(None, src, Translation(output, []))
    assert [(t.kind, t.status) for t in result.terms] == [("number", status)]


def test_the_source_term_is_reported_as_it_stands_alone(index: GlossaryIndex) -> None:
    src = "للتحول الرقمي وبالخدمة العامة."
    result, _ = _one(index, src, Translation(
        "For digital transformation and public service.", []))
    assert [t.source for t in result.terms] == ["التحول الرقمي", "الخدمة العامة"]


@pytest.mark.parametrize(("src", "output", "expected"), [
    # A sound plural of an approved Arabic source form asks for the term.
    ("الخدمات العامة جيدة.", "Public services are good.", "Public services are good."),
    ("التحولات الرقمية مهمة.", "Digital conversions matter.", "Digital transformations matter."),
])
def test_arabic_plural_source_asks_for_the_term(index: GlossaryIndex, src: str, output: str,
                                                expected: str) -> None:
    result, engine = _one(index, src, Translation(output, []))
    assert engine.calls[0]["constraints"][0] != []
    assert result.output == expected
    assert [t.status for t in result.terms] in (["applied"], ["repaired"])


def test_reports_name_the_failure_count_failed_terms(index: GlossaryIndex) -> None:
    src = "الخدمة العامة جيدة."
    engine = ScriptedEngine({src: Translation("It is good.", [])})
    doc = translate_document(src, engine, index, TranslateOptions("ar", "en", repair=False))
    assert doc.counts() == {"segments": 1, "applied": 0, "repaired": 0, "failed_terms": 1}
    report = translation_report({"avet": "x", "model": {}, "glossary": {"hash": None},
                                 "options": {"src": "ar", "tgt": "en", "beam_size": 4,
                                             "constrain": True, "repair": False}},
                                [("in", "out", doc)])
    assert report["totals"]["failed_terms"] == 1 and "failed" not in report["totals"]

"""Post-editing and QA: URLs, overlapping source terms, the glossary's authority on
codes (audit 5, defects 1, 2, 3, 9 and 15), and the interval structures that keep
long lines linear."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from glossary.model import Entry
from glossary.starter import load_starter_termbase
from models.base import Translation
from toolkit.glossary_source import GlossaryIndex
from toolkit.postedit import Edit, apply_edits, postedit_line
from toolkit.qa import check_lines
from toolkit.sourcecodes import overlaps, url_spans, urls
from toolkit.targetcodes import Spans
from toolkit.translate import TranslateOptions, translate_segments


@pytest.fixture(scope="module")
def starter() -> list[Entry]:
    return load_starter_termbase()


@pytest.fixture(scope="module")
def index(starter: list[Entry]) -> dict[tuple[str, str], GlossaryIndex]:
    pairs = [("vi", "en"), ("ar", "vi"), ("ar", "en"), ("vi", "ar")]
    return {p: GlossaryIndex(starter, *p) for p in pairs}


def _issues(source: str, target: str, glossary: GlossaryIndex) -> list[tuple[str, str, str]]:
    return [(f.issue, f.found, f.expected) for f in check_lines([source], [target], glossary)]


# -- 1: nothing inside a URL or an e-mail address is a term -------------------------------

@pytest.mark.parametrize(("source", "target", "link"), [
    ("Xem Hà Nội tại https://hanoi.gov.vn/ha-noi.", "See Hanoi at https://hanoi.gov.vn/ha-noi.",
     "https://hanoi.gov.vn/ha-noi"),
    ('<a href="https://dichvucong.gov.vn/ha-noi/dich-vu-cong">Hà Nội</a>',
     '<a href="https://dichvucong.gov.vn/ha-noi/dich-vu-cong">Hanoi</a>',
     "https://dichvucong.gov.vn/ha-noi/dich-vu-cong"),
    ("Hà Nội: www.ha-noi.vn", "Hanoi: www.ha-noi.vn", "www.ha-noi.vn"),
    ("Hà Nội, thư: ha-noi@hanoi.gov.vn", "Hanoi, mail: ha-noi@hanoi.gov.vn",
     "ha-noi@hanoi.gov.vn"),
])
def test_url_is_neither_edited_nor_missing(index: dict[tuple[str, str], GlossaryIndex],
                                           source: str, target: str, link: str) -> None:
    glossary = index["vi", "en"]
    result = postedit_line(source, target, glossary)
    assert result.text == target
    assert (result.edits, result.missing) == ([], [])
    assert _issues(source, target, glossary) == []
    assert link in [u.text for u in urls(target)]


def test_variant_outside_the_url_is_still_replaced(index: dict[tuple[str, str], GlossaryIndex]
                                                   ) -> None:
    result = postedit_line("Xem Hà Nội tại https://hanoi.gov.vn/ha-noi.",
                           "See Ha Noi at https://hanoi.gov.vn/ha-noi.", index["vi", "en"])
    assert result.text == "See Hanoi at https://hanoi.gov.vn/ha-noi."
    assert [(e.action, e.start, e.end) for e in result.edits] == [("replaced_variant", 4, 10)]


def test_code_inside_a_target_url_is_not_the_code(index: dict[tuple[str, str], GlossaryIndex]
                                                  ) -> None:
    # The link's path holds the code; the sentence lost it: missing, and the link untouched.
    source, target = "Mã VNeID.", "See https://x.gov.vn/VNEID/app."
    result = postedit_line(source, target, index["vi", "en"])
    assert result.text == target
    assert [m.expected for m in result.missing] == ["VNeID"]


@pytest.mark.parametrize(("text", "spans"), [
    ('<a href="https://a.gov.vn/x">b</a>', [(9, 27)]),
    ("mail ha@a.vn, www.b.com.", [(5, 12), (14, 23)]),
    ("no link here", []),
])
def test_url_spans_stop_at_markup(text: str, spans: list[tuple[int, int]]) -> None:
    assert url_spans(text) == spans


# -- 2: a variant that takes in another source entry's rendering --------------------------

@pytest.mark.parametrize(("source", "target"), [
    ("زار الوفد مدينة هانوي.", "Đoàn đã thăm thành phố Hà Nội."),
    ("اللجنة الشعبية لمدينة هانوي", "Ủy ban nhân dân thành phố Hà Nội"),
])
def test_variant_holding_another_term_is_kept(index: dict[tuple[str, str], GlossaryIndex],
                                              source: str, target: str) -> None:
    glossary = index["ar", "vi"]
    result = postedit_line(source, target, glossary)
    assert (result.text, result.edits, result.missing) == (target, [], [])
    assert _issues(source, target, glossary) == []


def test_variant_alone_is_still_replaced(index: dict[tuple[str, str], GlossaryIndex]) -> None:
    # Without مدينة in the source, "thành phố Hà Nội" is the variant of Hà Nội.
    result = postedit_line("زار الوفد هانوي.", "Đoàn đã thăm thành phố Hà Nội.",
                           index["ar", "vi"])
    assert result.text == "Đoàn đã thăm Hà Nội."


# -- 3: an approved code beats the source's case-mangled writing --------------------------

@pytest.mark.parametrize(("src", "source"), [
    ("ar", "يستخدم المواطنون VNEID لتقديم الملفات."),
    ("vi", "Người dân dùng VNEID để nộp hồ sơ."),
])
@pytest.mark.parametrize(("target", "expected", "issues"), [
    ("Citizens use VNeID to submit files.", "Citizens use VNeID to submit files.", []),
    ("Citizens use VNEID to submit files.", "Citizens use VNeID to submit files.",
     [("code_not_verbatim", "VNEID", "VNeID")]),
])
def test_approved_code_wins_over_mangled_source(
        index: dict[tuple[str, str], GlossaryIndex], src: str, source: str, target: str,
        expected: str, issues: list[tuple[str, str, str]]) -> None:
    glossary = index[src, "en"]
    assert postedit_line(source, target, glossary).text == expected
    assert _issues(source, target, glossary) == issues


class _Echo:
    """An engine that answers one fixed output and records the constraints it was given."""

    name = model_id = "echo"

    def __init__(self, output: str) -> None:
        self.output = output
        self.constraints: list[Any] = []

    def translate(self, segments: Sequence[str], src: str, tgt: str, *,
                  constraints: Sequence[Sequence[str]] | None = None, **kw: Any
                  ) -> list[Translation]:
        self.constraints.append(constraints)
        return [Translation(self.output, []) for _ in segments]


@pytest.mark.parametrize(("output", "status"), [
    ("Citizens use VNeID to submit files.", "applied"),
    ("Citizens use VNEID to submit files.", "repaired"),
])
def test_translate_demands_the_approved_code(index: dict[tuple[str, str], GlossaryIndex],
                                             output: str, status: str) -> None:
    engine = _Echo(output)
    [result] = translate_segments(["يستخدم المواطنون VNEID لتقديم الملفات."], engine,
                                  index["ar", "en"], TranslateOptions("ar", "en"))
    assert result.output == "Citizens use VNeID to submit files."
    assert engine.constraints[0] == [["VNeID"]]
    assert [(t.status, t.entry_id is not None) for t in result.terms] == [(status, True)]


# -- 9: a code written as the source writes it is no missing term -------------------------

@pytest.mark.parametrize(("target", "expected", "issues"), [
    ("وفق القرار 749/QĐ-TTg.", "وفق القرار 749/QD-TTg.",
     [("variant_used", "القرار 749/QĐ-TTg", "القرار 749/QD-TTg")]),
    ("وفق القرار 749/QD-TTg.", "وفق القرار 749/QD-TTg.", []),
])
def test_code_copied_from_source_is_a_variant(index: dict[tuple[str, str], GlossaryIndex],
                                              target: str, expected: str,
                                              issues: list[tuple[str, str, str]]) -> None:
    glossary = index["vi", "ar"]
    source = "Theo Quyết định 749/QĐ-TTg."
    result = postedit_line(source, target, glossary)
    assert (result.text, result.missing) == (expected, [])
    assert _issues(source, target, glossary) == issues


# -- 15: source terms in NFC, renderings as written ---------------------------------------

def test_nfd_source_term_is_reported_in_nfc(index: dict[tuple[str, str], GlossaryIndex]
                                            ) -> None:
    source = unicodedata.normalize("NFD", "Thăm Hà Nội.")
    [finding] = check_lines([source], ["Visit Ha Noi."], index["vi", "en"])
    assert finding.source_term == "Hà Nội"
    assert unicodedata.is_normalized("NFC", finding.source_term)


def test_inconsistent_shows_what_was_written(index: dict[tuple[str, str], GlossaryIndex]
                                            ) -> None:
    findings = check_lines(["Hà Nội đẹp.", "Tôi yêu Hà Nội."],
                           ["هانوي جميلة.", "أحب هـا نـوي."], index["vi", "ar"])
    [inconsistent] = [f for f in findings if f.issue == "inconsistent"]
    assert inconsistent.found == "هـا نـوي"
    assert "'هـا نـوي' on line(s) 2" in inconsistent.detail


# -- 5: interval structures (linear long lines) --------------------------------------------

_SPAN = st.tuples(st.integers(0, 40), st.integers(0, 12)).map(lambda p: (p[0], p[0] + p[1]))


@given(claims=st.lists(_SPAN, max_size=12), query=_SPAN)
def test_spans_agree_with_a_linear_scan(claims: list[tuple[int, int]],
                                        query: tuple[int, int]) -> None:
    spans = Spans()
    for start, end in claims:
        spans.claim(start, end)
    start, end = query
    assert spans.free(start, end) == all(end <= s or start >= e for s, e in claims)


@pytest.mark.parametrize(("start", "end", "expected"), [
    (0, 5, False), (5, 10, True), (4, 6, True), (9, 12, True), (12, 20, True), (20, 21, False),
])
def test_overlaps_sorted_spans(start: int, end: int, expected: bool) -> None:
    assert overlaps([(5, 10), (12, 20)], start, end) is expected


def test_apply_edits_in_one_pass() -> None:
    edits = [Edit(1, "replaced_variant", "Ha Noi", "Hanoi", 8, 14),
             Edit(1, "replaced_variant", "Ha Noi", "Hanoi", 0, 6)]
    assert apply_edits("Ha Noi, Ha Noi!", edits) == "Hanoi, Hanoi!"

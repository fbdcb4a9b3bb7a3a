"""Term coverage: rare composed terms, construct genitives and head nouns (toy texts
written for these tests, not taken from any document)."""

from __future__ import annotations

import math

import pytest

from tests.unit.counting import count_terms
from toolkit.extract.candidates import surface_shape
from toolkit.extract.data import light_heads, term_heads
from toolkit.extract.ranking import _phrase_starts, _tail
from toolkit.extract.termhood import RARE, composed_cvalues, cvalues
from toolkit.extract.terms import COORDINATION_WEIGHT, TermCandidate, TermCounter
from toolkit.extract.tokenize import term_key

HEADS = frozenset({"خطه", "مركز"})
TERM = ("تحول", "رقمي")
PLAN = ("خطه", "تحول", "رقمي")


def count(docs: list[str]) -> TermCounter:
    return count_terms(docs)


def ranked(docs: list[str]) -> dict[tuple[str, ...], TermCandidate]:
    return {c.key: c for c in count(docs).ranked()}


@pytest.mark.parametrize(("freq", "confirmed", "raised"), [
    ({TERM: 5, PLAN: 1}, (), True),  # a head and a repeated term
    ({TERM: 1, PLAN: 1}, (), False),  # the tail is seen once: no evidence
    ({TERM: 1, PLAN: 1}, (TERM,), True),  # ... unless an approved entry confirms it
    ({TERM: 5, ("طريق", "تحول", "رقمي"): 1}, (), False),  # طريق heads no term
    ({TERM: 5, PLAN: RARE + 1}, (), False),  # frequent: C-value's nesting decides
])
def test_a_rare_head_before_an_established_term_is_raised(
        freq: dict[tuple[str, ...], int], confirmed: tuple[tuple[str, ...], ...],
        raised: bool) -> None:
    values = cvalues(freq)
    out = composed_cvalues(freq, values, HEADS, confirmed=confirmed)
    key = next(k for k in freq if len(k) == 3)
    if raised:
        assert values[key] < out[key] == pytest.approx(math.log2(4) * freq[key])
    else:
        assert out[key] == values[key]


def test_the_tail_may_be_the_other_number_of_a_merged_candidate() -> None:
    services = ("خدمات", "عامه")
    portal = ("بوابه", "خدمه", "عامه")
    freq = {services: 6, portal: 1}
    out = composed_cvalues(freq, cvalues(freq), frozenset({"بوابه"}),
                           aliases={("خدمه", "عامه"): services})
    assert out[portal] == pytest.approx(math.log2(4))


def test_a_candidate_cut_before_the_rest_of_its_term_is_not_raised() -> None:
    # مركز تكنولوجيا المعلومات | والاتصالات: the longer tail is seen without the head
    short = ("مركز", "تكنولوجيا", "معلومات")
    whole = (*short, "اتصالات")
    freq = {("تكنولوجيا", "معلومات"): 4, ("تكنولوجيا", "معلومات", "اتصالات"): 3,
            short: 1, whole: 1}
    values = cvalues(freq)
    out = composed_cvalues(freq, values, HEADS)
    assert out[short] == values[short]
    assert out[whole] == pytest.approx(math.log2(5))


@pytest.mark.parametrize(("form", "tail"), [
    ("خطة التحول الرقمي", 1),  # the head in the construct state: its genitive
    ("اللجنة التوجيهية للتحول الرقمي", 2),  # a definite head: the preposition's object
    ("المنصات الرقمية المشتركة", 0),  # no phrase after the head
    ("وزارة العلوم والتكنولوجيا", 1),  # a coordinated last word ends a name
    ("لجنة الحزب لمقاطعة", 0),  # cut before a name: its last word lacks the article
    ("خطة للبنية التحتية", 1),  # ... but a preposition inside is no end
    ("مركز تكامل للبيانات", 0),  # nor is one on the last word
    ("مركز تكنولوجيا معلومات", 0),  # its last word lacks the article
])
def test_the_tail_starts_after_the_head(form: str, tail: int) -> None:
    shape = surface_shape(form)
    assert _tail(shape, _phrase_starts(term_key(form), shape, ())) == tail


@pytest.mark.parametrize(("form", "starts"), [
    ("موظفي الخدمة المدنية", [1]),  # المدنية cannot qualify the plural of persons
    ("قواعد البيانات الوطنية", []),  # الوطنية may qualify قواعد: not a whole phrase
    ("مؤتمر الحزب الإقليمي", []),  # الإقليمي may qualify مؤتمر
    ("وزارة الأمن العام", [1]),  # العام cannot qualify وزارة
    ("البرنامج الوطني للتحول الرقمي", [2]),  # after a preposition clitic
    ("لجنة الحزب لمقاطعة", []),  # الحزب goes on with a word without the article
])
def test_a_construct_genitive_is_a_whole_phrase_unless_an_adjective_is_shared(
        form: str, starts: list[int]) -> None:
    assert _phrase_starts(term_key(form), surface_shape(form), ()) == starts


def test_a_term_seen_only_as_a_construct_genitive_keeps_its_count() -> None:
    docs = ["يدرب المركز موظفي الخدمة المدنية، ويستخدم موظفي الخدمة المدنية المنصات، "
            "ويكرم موظفي الخدمة المدنية المتميزين."]
    found = ranked(docs)
    civil = found[("خدمه", "مدنيه")]
    assert civil.count == 3 and civil.cvalue > 0.0


def test_a_rare_plan_of_a_frequent_term_ranks_above_a_rare_phrase() -> None:
    docs = ["يسرع التحول الرقمي النمو. ويدعم التحول الرقمي الشركات، ويحتاج التحول الرقمي "
            "إلى الكوادر. وأعلنت المدينة خطة التحول الرقمي المحلية، ونشرت النتائج الإيجابية."]
    found = ranked(docs)
    assert "خطه" in term_heads()
    plan, phrase = found[PLAN], found[("نتايج", "ايجابيه")]
    assert plan.count == phrase.count == 1
    assert plan.score > phrase.score > 0.0


def test_a_noun_that_heads_institutions_is_no_light_head() -> None:
    docs = ["تطور إدارة الدولة الخدمات، وتتابع إدارة الدولة القرى، وتدعم إدارة الدولة المدن."]
    found = ranked(docs)
    state = found[("اداره", "دوله")]
    assert "اداره" in light_heads() and "اداره" in term_heads()
    assert state.score == pytest.approx(state.cvalue * _keyness_weight(state) * 1.2, rel=1e-3)


def test_a_head_coordinated_with_a_noun_is_a_loose_coordination() -> None:
    docs = ["تحسن الإدارة والتشغيل الخدمات، وتدعم الإدارة والتشغيل القرى، وتتطور الإدارة "
            "والتشغيل."]
    found = ranked(docs)
    pair = found[("اداره", "تشغيل")]
    assert pair.coordinated
    assert pair.score == pytest.approx(
        pair.cvalue * _keyness_weight(pair) * 1.2 * COORDINATION_WEIGHT, rel=1e-3)


def _keyness_weight(cand: TermCandidate) -> float:
    from toolkit.extract.termhood import keyness_weight

    return keyness_weight(cand.keyness)


@pytest.mark.parametrize("teen", ["عشرة", "عشر"])
def test_no_candidate_ends_with_half_of_a_compound_ordinal(teen: str) -> None:
    # التاسعة عشرة is "the nineteenth": a term cut before عشرة would say "the ninth".
    found = count([f"عقد المؤتمر الحزبي الإقليمي الدورة التاسعة {teen} للجنة في المدينة."]).terms
    assert term_key("الدورة التاسعة") not in found
    assert term_key("التاسعة") not in found
    assert term_key("المؤتمر الحزبي الإقليمي") in found

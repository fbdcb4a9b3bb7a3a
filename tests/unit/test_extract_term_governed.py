"""Terms that hold a preposition their noun governs (الحد من الفقر, governed.tsv), and
nouns in ـاية that look like a feminine nisba (الوقاية), on toy sentences written for
these tests."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.unit.counting import count_terms
from toolkit.extract.candidates import governed_positions, surface_shape
from toolkit.extract.compose import compose_translation
from toolkit.extract.data import governed_prepositions
from toolkit.extract.fragments import FragmentRules
from toolkit.extract.termhood import cvalues, keyness, nisba_shaped
from toolkit.extract.tokenize import nisba_gender, term_key

# Written for avet's tests, not taken from any document.
POVERTY = "وتواصل البلدية الحد من الفقر في القرى الجبلية."


def keys(docs: list[str]) -> set[tuple[str, ...]]:
    return set(count_terms(docs).terms)


@pytest.mark.parametrize(("text", "term"), [
    (POVERTY, "الحد من الفقر"),
    ("وأطلقت الوزارة حملة الوقاية من حرائق الغابات.", "الوقاية من حرائق الغابات"),
    ("ويهدف المشروع إلى التكيف مع تغير المناخ.", "التكيف مع تغير المناخ"),
    ("ودعت إلى الشراكة بين القطاعين العام والخاص.", "الشراكة بين القطاعين العام"),
    ("وناقش المؤتمر التحول الرقمي في الزراعة.", "التحول الرقمي في الزراعة"),
    ("وأطلقت الوزارة حملة التطعيم ضد الحصبة.", "حملة التطعيم ضد الحصبة"),
])
def test_a_governed_preposition_stands_inside_a_term(text: str, term: str) -> None:
    assert term_key(term) in keys([text])


@pytest.mark.parametrize(("text", "cut"), [
    (POVERTY, "الحد من"),
    (POVERTY, "الحد"),
    ("وتدعم الحكومة الاستثمار في الزراعة.", "الاستثمار في الزراعة"),
    ("وتسرع المقاطعة التحول الرقمي في المقاطعة.", "التحول الرقمي في المقاطعة"),
    ("وتدعم الوزارة الحد في الزراعة.", "الحد في الزراعة"),
    # the time of the sentence: السنوات الأخيرة is an adverb
    ("وقال إن التحول في السنوات الأخيرة كان كبيرا.", "التحول في السنوات"),
    # a participle qualifies a noun before it and starts no term
    ("وتم إجلاء سكان القرى القريبة من الجبال.", "القريبة من الجبال"),
    # القائمة is also "the list", الحصول a general verbal noun: neither governs here
    ("ونشرت اللجنة القائمة على الموقع الإلكتروني.", "القائمة على الموقع"),
    ("ويسهل البنك الحصول على القروض التفضيلية.", "الحصول على القروض"),
])
def test_a_term_never_ends_with_a_governed_preposition_nor_holds_another(
        text: str, cut: str) -> None:
    assert term_key(cut) not in keys([text])


def test_a_participle_governs_inside_a_term_after_its_noun() -> None:
    assert term_key("القرى القريبة من الجبال") in keys(["وتم إجلاء سكان القرى القريبة من الجبال."])


def test_a_term_that_ends_with_a_governing_noun_is_cut_from_the_longer_phrase() -> None:
    text = "وتعزز المقاطعة التحول الرقمي في الوقاية من الكوارث الطبيعية."
    terms = count_terms([text]).terms
    assert sum(terms[term_key("التحول الرقمي في الوقاية")].cuts.values()) == 1
    assert not terms[term_key("التحول الرقمي")].cuts


def test_the_preposition_counts_as_neither_length_nor_keyness() -> None:
    short, long = term_key("الفقر المستدام"), term_key("الحد من الفقر")
    assert governed_positions(long) == [1]
    values = cvalues({short: 1, long: 1})
    assert values[long] == pytest.approx(values[short])
    counts = Counter({"حد": 5, "فقر": 5, "من": 500})
    alone = keyness(term_key("الحد الفقر"), counts, 1000, {})
    assert keyness(long, counts, 1000, {}) == pytest.approx(alone)


def test_a_governed_preposition_after_a_definite_noun_is_no_sentence_break() -> None:
    # الوقاية من: a definite word then one without the article, read as subject and
    # predicate (المقاطعة صعوبات) unless the noun governs it
    term = "الوقاية من حرائق الغابات"
    key = term_key(term)
    rules = FragmentRules({}, Counter(), {})
    assert rules.definite_then_bare(key, term.split(), surface_shape(term)) is False
    other = "الزيارة من حرائق الغابات"
    assert rules.definite_then_bare(term_key(other), other.split(), surface_shape(other))


def test_the_governed_table_keys_its_nouns_as_candidates_are_keyed() -> None:
    pairs = governed_prepositions()
    assert (term_key("الحد")[0], "من") in pairs
    assert all(noun and " " not in noun for noun, _ in pairs)


@pytest.mark.parametrize(("word", "gender"), [
    ("الوقاية", ""), ("الرعاية", ""), ("الحماية", ""),
    ("الإقليمية", "f"), ("الرقمية", "f"), ("الرقمي", "m"),
])
def test_a_noun_in_aya_is_no_feminine_nisba(word: str, gender: str) -> None:
    assert nisba_gender(word) == gender
    assert nisba_shaped(term_key(word)[0]) == bool(gender)


def test_a_term_headed_by_a_noun_in_aya_takes_its_adjective() -> None:
    counted = keys(["وتحسن المقاطعة الرعاية الصحية للسكان."])
    assert term_key("الرعاية الصحية") in counted


@pytest.mark.parametrize(("term", "vi", "en"), [
    ("الحد من الفقر", "giảm nghèo", "reduction of poverty"),
    ("التكيف مع تغير المناخ", "thích ứng với biến đổi khí hậu", "adaptation to climate change"),
    ("التأمين ضد البطالة", "bảo hiểm thất nghiệp", "insurance against unemployment"),
    ("التطعيم ضد الأمراض المعدية", "tiêm phòng bệnh truyền nhiễm",
     "vaccination against infectious diseases"),
    # المستدام may qualify الحد or الفقر: Vietnamese reads the same, English is left empty
    ("الحد من الفقر المستدام", "giảm nghèo bền vững", ""),
    # the rendering of الحفاظ على depends on its object; the noun before its adjective and
    # a noun not first are not composed
    ("الحفاظ على التنوع البيولوجي", "", ""),
    ("التحول الرقمي في الزراعة", "", ""),
    ("حملة التطعيم ضد الحصبة", "", ""),
])
def test_a_governed_term_is_composed_from_the_pair_and_its_object(
        term: str, vi: str, en: str) -> None:
    assert compose_translation(term_key(term), form=term) == (vi, en)


def test_the_pairs_rendered_are_governed_nouns_with_both_languages() -> None:
    pairs = governed_prepositions()
    rendered = {k: (g.vi, g.en) for k, g in pairs.items() if g.vi or g.en}
    assert rendered[(term_key("الحد")[0], "من")] == ("giảm", "reduction of")
    assert set(rendered) <= set(pairs)
    assert all(vi and en for vi, en in rendered.values())
    assert (term_key("الحفاظ")[0], "علي") not in rendered  # its rendering depends on the object

"""Fragments of sentences told from terms by Arabic grammar (toolkit.extract.ranking), and
the context form after ل + the article. Every sentence here was written for these tests."""

from __future__ import annotations

from collections import Counter

import pytest

from glossary.model import Context, Entry, Forms
from tests.unit.counting import count_terms
from toolkit.extract.candidates import surface_shape
from toolkit.extract.data import deictic_nouns, reference_frequencies
from toolkit.extract.fragments import FragmentRules, looks_plural
from toolkit.extract.ranking import COORDINATION_WEIGHT, FRAGMENT_WEIGHT
from toolkit.extract.termhood import keyness_weight
from toolkit.extract.terms import TermCandidate, TermCounter
from toolkit.extract.tokenize import term_key, term_word_key
from tui.index import kwic


def rules(nouns: tuple[str, ...] = (), words: tuple[str, ...] = ()) -> FragmentRules:
    """Rules over documents where ``nouns`` were seen with the article and ``words`` occur."""
    terms: dict[tuple[str, ...], TermCandidate] = {
        (term_word_key(n),): TermCandidate((term_word_key(n),)) for n in nouns}
    counts = Counter(term_word_key(w) for w in words)
    return FragmentRules(terms, counts, reference_frequencies())


def count(docs: list[str]) -> TermCounter:
    ref = reference_frequencies()
    def known(word: str) -> bool:
        return term_word_key(word) in ref

    return count_terms(docs, TermCounter(known, known))


def shape_of(cand: TermCandidate) -> float:
    return cand.score / (cand.cvalue * keyness_weight(cand.keyness))


@pytest.mark.parametrize(("form", "nouns", "verb"), [
    ("نظمت المقاطعة", (), True),  # past tense in ـت, feminine subject
    ("تواجه المقاطعة", (), True),  # imperfect ت, feminine subject
    ("ترى المدينة", (), True),
    ("ويتزايد الاهتمام", (), True),  # imperfect ي, masculine subject, after و
    ("تتبع المنشأ", (), False),  # ت before a masculine word: no subject of hers
    ("تطوير المنصة", (), False),  # the verbal noun تفعيل
    ("تحول المقاطعة", ("التحول",), False),  # seen with the article: a noun
    ("تنمية المهارات", (), False),
])
def test_a_verb_and_its_agreeing_subject(form: str, nouns: tuple[str, ...], verb: bool) -> None:
    assert rules(nouns).verb_subject(term_key(form), form) is verb


@pytest.mark.parametrize(("form", "words", "fragment"), [
    ("ومسؤولي النقابات", ("مسؤول",), True),  # مسؤولي is مسؤول in the construct state
    ("لتسريع التحول", ("تسريع",), True),
    ("وزارة الصحة", (), False),  # a known word that starts with و
    ("لجنة الحزب", (), False),
    ("وثائق المشروع", (), False),  # the rest (ثائق) is no word
])
def test_a_proclitic_left_on_the_first_word(form: str, words: tuple[str, ...],
                                            fragment: bool) -> None:
    first = form.split()[0]
    assert rules(words=words).clitic_left(term_word_key(first), first) is fragment


@pytest.mark.parametrize(("first", "fragment"), [
    ("تركيزها", True),  # تركيز + ها
    ("سياستها", True),  # سياسة + ها: ة is written ت before a pronoun
    ("كورونا", False),  # ends like نا, but كورو is no word
    ("الخاصة", False),
])
def test_a_possessive_pronoun_on_the_first_word(first: str, fragment: bool) -> None:
    assert rules().possessed(term_word_key(first), first) is fragment


@pytest.mark.parametrize(("form", "fragment"), [
    ("المقاطعة المشروع", True),  # no adjective of a feminine noun
    ("البلدية المرافق", True),
    ("المدينة الذكية", False),
    ("البيئة الخضراء", False),  # فعلاء
    ("المرحلة الأولى", False),
    ("الأمن السيبراني", False),  # a masculine noun: not this rule's
])
def test_a_definite_word_that_cannot_qualify_a_feminine_noun(form: str, fragment: bool) -> None:
    words = form.split()
    assert rules().disagreeing(term_key(form), words, surface_shape(form)) is fragment


@pytest.mark.parametrize(("form", "fragment"), [
    ("المقاطعة صعوبات", True),  # subject and the object of another verb
    ("المقاطعة نظام تتبع", True),
    ("المقاطعة تضع الإنسان", True),  # a verb after the definite subject
    ("المدفوعات غير النقدية", False),  # a connector
    ("الإنترنت عريض النطاق", False),  # an adjective in a construct
    ("البنية التحتية لتكنولوجيا المعلومات", False),  # a prepositional phrase
    ("الحوسبة السحابية", False),
])
def test_a_definite_word_followed_by_an_indefinite_one(form: str, fragment: bool) -> None:
    shape = surface_shape(form)
    assert rules().definite_then_bare(term_key(form), form.split(), shape) is fragment


@pytest.mark.parametrize(("form", "fragment"), [
    ("سكان المقاطعة", True),
    ("موظفي المدينة", True),
    ("مجلس المقاطعة", False),  # an institution noun heads it
    ("رئيس البلدية", False),  # a title
    ("سكان مقاطعة", False),  # indefinite: not "the province"
])
def test_a_deictic_administrative_noun_at_the_end(form: str, fragment: bool) -> None:
    assert {"مقاطعه", "مدينه", "بلديه"} <= deictic_nouns()
    assert rules().deictic_end(term_key(form), surface_shape(form)) is fragment


@pytest.mark.parametrize(("word", "plural"), [
    ("افراد", True), ("فروع", True), ("برامج", True), ("شركات", True), ("مواطنين", True),
    ("تكنولوجيا", False), ("تعاون", False), ("قانون", False), ("تجاره", False),
    ("حكومه", False),
])
def test_plural_shapes(word: str, plural: bool) -> None:
    assert looks_plural(word) is plural


def test_two_coordinated_plurals_rank_below_a_field() -> None:
    docs = ["يستخدم الأفراد والشركات التطبيق، ويستفيد الأفراد والشركات منه. وتعمل وزارة "
            "العلوم والتكنولوجيا مع الجامعات، وتمول العلوم والتكنولوجيا البحث."]
    ranked = {c.key: c for c in count(docs).ranked()}
    plurals, field = ranked[("افراد", "شركات")], ranked[("علوم", "تكنولوجيا")]
    assert plurals.coordinated and field.coordinated and plurals.count == field.count
    assert shape_of(plurals) == pytest.approx(COORDINATION_WEIGHT * FRAGMENT_WEIGHT, rel=1e-3)
    assert shape_of(field) == pytest.approx(1.0, rel=1e-3)  # a ministry is named after it


def test_an_adjective_of_the_noun_before_a_construct_cuts_the_phrase() -> None:
    docs = ["حدثت الوزارة قاعدة بيانات السكان الوطنية هذا العام، وربطت قاعدة بيانات السكان "
            "الوطنية بالخدمات. وتدرس إدارة الموارد البشرية خطة، وتنمو الموارد البشرية."]
    ranked = {c.key: c for c in count(docs).ranked()}
    cut = ranked[("سكان", "وطنيه")]
    assert sum(cut.cuts.values()) == cut.count == 2 and cut.score == 0.0
    kept = ranked[("موارد", "بشريه")]  # a broken plural takes a feminine adjective
    assert not kept.cuts and kept.score > 0


def test_a_verb_and_its_subject_rank_below_the_terms() -> None:
    docs = ["تواجه المقاطعة نقص الكوادر، وتواجه المقاطعة ضعف الشبكات. وتطور الحوسبة "
            "السحابية الخدمات، وتحمي الحوسبة السحابية البيانات."]
    ranked = {c.key: c for c in count(docs).ranked()}
    verb, term = ranked[("تواجه", "مقاطعه")], ranked[("حوسبه", "سحابيه")]
    assert verb.count == term.count == 2
    assert verb.score < term.score * FRAGMENT_WEIGHT


@pytest.mark.parametrize(("text", "key", "form", "covered"), [
    ("قدمت الوزارة الدعم للمدينة الذكية.", ("مدينه", "ذكيه"), "المدينة الذكية",
     "لمدينة الذكية"),
    ("قدم الفريق التقرير للجنة التوجيهية.", ("لجنه", "توجيهيه"), "اللجنة التوجيهية",
     "لجنة التوجيهية"),
])
def test_the_context_form_after_lam_and_the_article(text: str, key: tuple[str, ...], form: str,
                                                    covered: str) -> None:
    cand = {c.key: c for c in count([text]).ranked()}[key]
    (ctx,) = cand.contexts
    assert ctx.form == form and cand.form == form
    assert text[ctx.start:ctx.end] == covered  # the offsets stay on what the text holds
    entry = Entry(kind="term", contexts=[ctx])
    entry.forms["ar"] = Forms(preferred=form)
    (line,) = kwic(entry)
    assert line.term.endswith(covered)  # the review app still highlights it


def test_kwic_of_a_context_written_as_it_is() -> None:
    entry = Entry(kind="term", contexts=[Context("a.txt", 0, 5, "نص المدينة الذكية هنا",
                                                 "المدينة الذكية")])
    (line,) = kwic(entry)
    assert line.term == "المدينة الذكية"

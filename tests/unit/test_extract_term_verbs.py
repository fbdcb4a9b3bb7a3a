"""Term candidates and the words that end or start none: derived verbs, construct heads.

The documents are toy sentences written for avet's tests, not taken from any document.
"""

from __future__ import annotations

import pytest

from tests.unit.counting import count_terms
from toolkit.extract.tokenize import derived_verb, fold_ar


@pytest.mark.parametrize(("word", "verb"), [
    # forms VIII, VII and X in the past tense, also after و or ف
    ("اختتم", True), ("واختتم", True), ("افتتح", True), ("اعتمد", True), ("فاجتمع", True),
    ("انطلق", True), ("استقبل", True), ("واستقبل", True), ("استمر", True),
    # their verbal nouns and other nouns that start with ا
    ("اختتام", False), ("استثمار", False), ("اتحاد", False), ("انترنت", False),
    ("اقتصاد", False), ("التزام", False), ("استخدام", False), ("انتهى", False),
])
def test_derived_verbs_are_told_from_nouns(word: str, verb: bool) -> None:
    assert derived_verb(fold_ar(word)) is verb


def test_a_derived_verb_starts_no_candidate() -> None:
    docs = ["واختتم نائب الوزير المؤتمر أمس.", "وافتتح نائب الوزير المعرض الوطني."]
    terms = count_terms(docs).terms
    assert terms[("نايب", "وزير")].count == 2
    assert not any(key[0] in ("واختتم", "اختتم", "وافتتح", "افتتح") for key in terms)


def test_a_candidate_cut_from_its_genitive_counts_as_a_cut() -> None:
    docs = ["وقالت مديرة تعاونية البن إن الإنتاج ارتفع.",
            "وقالت مديرة تعاونية للشاي إن الأسعار ارتفعت.",
            "وقال ممثل إدارة التعليم إن المدارس جاهزة."]
    counter = count_terms(docs)
    cut, apart = counter.terms[("مديره", "تعاونيه")], counter.terms[("ممثل", "اداره")]
    assert (cut.count, sum(cut.cuts.values())) == (2, 1)
    assert (apart.count, sum(apart.cuts.values())) == (1, 1)
    assert sum(counter.terms[("ممثل", "اداره", "تعليم")].cuts.values()) == 0
    ranked = {c.key: c for c in counter.ranked()}
    assert ranked[("ممثل", "اداره")].score == 0.0
    assert ranked[("مديره", "تعاونيه")].score > 0.0


@pytest.mark.parametrize(("doc", "key", "cut"), [
    # a possessor after an indefinite noun: the phrase is cut from its construct
    ("وأنشأت المدرسة مناطق إعادة التوطين للأسر.", ("مناطق", "اعاده"), True),
    # a noun of time, the text's place, an adjective: no genitive follows
    ("وأنشأت الجامعة حاضنة أعمال العام الماضي.", ("حاضنه", "اعمال"), False),
    ("وتدعم البلدية حاضنة أعمال الحي منذ عامين.", ("حاضنه", "اعمال"), False),
    ("وأطلقت الوزارة منصة رقمية الأسبوع الماضي.", ("منصه", "رقميه"), False),
    ("ووقعت الشركة عقد توريد الخميس الماضي.", ("عقد", "توريد"), False),
    # a post before a post: a title of its own (نائب رئيس | اللجنة)
    ("وقال نائب رئيس اللجنة إن الخطة جاهزة.", ("نايب", "رييس"), False),
    ("وقالت نائبة مدير المستشفى إن الخدمة تحسنت.", ("نايبه", "مدير"), False),
])
def test_a_genitive_cuts_a_phrase_only_where_it_is_one(
        doc: str, key: tuple[str, ...], cut: bool) -> None:
    found = count_terms([doc]).terms[key]
    assert (found.count, sum(found.cuts.values())) == (1, int(cut))


def test_a_noun_of_time_with_its_adjective_is_in_no_candidate() -> None:
    docs = ["وأنشأت المقاطعة صندوق دعم المزارعين العام الماضي.",
            "وتعمل الشركة مع القطاع العام منذ الشهر المقبل."]
    terms = count_terms(docs).terms
    assert terms[("صندوق", "دعم", "مزارعين")].count == 1
    assert terms[("قطاع", "عام")].count == 1  # العام "public", no noun of time here
    assert not any(len(key) > 1 and key[-1] == "عام" and key[0] != "قطاع" for key in terms)
    assert not any(key[0] in ("عام", "شهر") and len(key) > 1 for key in terms)

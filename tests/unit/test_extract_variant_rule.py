"""Which spellings extraction keeps as Arabic variants of a term (toolkit/extract/forms.py
term_variants), how it counts an entry's occurrences once (known.absorb, terms.KnownSpans),
and the key of the known entries that batch extract folds into its job keys
(known.known_hash). Forms written for these tests."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.unit.entries import approved
from toolkit.extract.cluster import Cluster
from toolkit.extract.forms import coordinated, spelling_key, term_variants
from toolkit.extract.known import absorb, known_hash
from toolkit.extract.terms import KnownSpans, TermCandidate

PROVINCE = ("مقاطعة", ("المقاطعة", "محافظة"))


@pytest.mark.parametrize(("form", "kept"), [
    ("المحافظة", True),  # the article form of an admitted spelling
    ("مقاطعه", False),  # the same match key as the preferred form: nothing new
    ("المقاطعات", False),  # plural
    ("المحافظات", False),  # plural of an admitted spelling
    ("المقاطعتين", False),  # dual
    ("ولاية", False),  # another word
])
def test_a_single_word_keeps_only_its_spellings(form: str, kept: bool) -> None:
    preferred, admitted = PROVINCE
    assert (form in term_variants(preferred, [form], admitted)) is kept


@pytest.mark.parametrize(("preferred", "admitted", "form", "kept"), [
    ("الخدمة العامة", (), "خدمة عامة", True),  # indefinite
    ("الخدمة العامة", (), "الخدمات العامة", False),  # plural
    ("المساعد الافتراضي", ("المساعدين الافتراضيين",), "مساعدين افتراضيين", False),
    ("المساعد الافتراضي", ("المساعدين الافتراضيين",), "المساعدين الافتراضيين", True),
    ("البنية التحتية للبيانات", (), "البنية التحتية والبيانات", False),  # coordination
    ("منصة التجارة الإلكترونية", (), "منصة للتجارة الإلكترونية", True),  # ل for the idafa
    ("حساب الهوية الإلكترونية", ("حساب الهوية الإلكتروني",), "حساب هوية إلكتروني", True),
    ("إمكانية التتبع", (), "امكانية تتبع", True),  # hamza and article
])
def test_a_term_keeps_only_its_spellings(preferred: str, admitted: tuple[str, ...], form: str,
                                         kept: bool) -> None:
    assert (form in term_variants(preferred, [form], admitted)) is kept


@pytest.mark.parametrize(("form", "expected"), [
    ("البنية التحتية والبيانات", True),
    ("وزارة العلوم والتكنولوجيا", True),
    ("البنية التحتية للبيانات", False),
    ("والتحول الرقمي", False),  # the first word's conjunction joins it to the sentence
    ("وزارة الصناعة", False),
])
def test_coordinated(form: str, expected: bool) -> None:
    assert coordinated(form) is expected


def test_a_coordination_and_a_phrase_with_lam_have_different_keys() -> None:
    coordination = spelling_key("البنية التحتية والبيانات")
    phrase = spelling_key("البنية التحتية للبيانات")
    assert coordination == (("بنيه", "تحتيه", "بيانات"), True)
    assert phrase == (("بنيه", "تحتيه", "للبيانات"), False)


@pytest.mark.parametrize(("first", "end", "expected"), [
    ((10, 17), 24, "3"),  # the same words
    ((8, 17), 24, "3"),  # with a proclitic before the first word
    ((10, 17), 30, None),  # a longer candidate
    ((18, 24), 24, None),  # a shorter one, inside it
])
def test_known_spans_find_the_same_occurrence(first: tuple[int, int], end: int,
                                              expected: str | None) -> None:
    spans = KnownSpans([(0, 5, "1"), (10, 24, "3"), (40, 50, "2")])
    assert spans.same(first[0], first[1], end) == expected


@pytest.mark.parametrize(("matched", "docs"), [
    (0, {"d1": 5, "d2": 1}),  # the counter's two are plurals the matcher does not know
    (2, {"d1": 3, "d2": 1}),  # the matcher found them too
])
def test_absorb_adds_what_the_counter_missed(matched: int, docs: dict[str, int]) -> None:
    cand = TermCandidate(("a",), count=2, docs=Counter({"d1": 2}))
    cand.matched[("4", "d1")] = matched
    cluster = Cluster("4")
    for doc in ("d1", "d1", "d1", "d2"):
        cluster.add("أ", doc)
    absorb(cand, cluster, 4)
    assert dict(cand.docs) == docs
    assert cand.count == sum(docs.values())


def _entries(variants: tuple[str, ...], kind: str = "term") -> list:
    return [approved("التحول الرقمي", "chuyển đổi số", "digital transformation",
                     variants=variants),
            approved("هانوي", "Hà Nội", "Hanoi", kind="place",
                     variants=variants if kind == "place" else ())]


@pytest.mark.parametrize(("variants", "kind", "same"), [
    (("تحول رقمي",), "term", True),  # a spelling extraction adds: same key
    (("التحوّل الرقمي", "تحول رقمي"), "term", True),
    (("التحولات الرقمية",), "term", False),  # another form: extraction reads it
    (("التحول الرقمي والأخضر",), "term", False),
    (("هانوى",), "place", False),  # a name's spelling is read as written
])
def test_known_hash_ignores_only_spellings_of_terms(variants: tuple[str, ...], kind: str,
                                                    same: bool) -> None:
    assert (known_hash(_entries(variants, kind)) == known_hash(_entries(()))) is same

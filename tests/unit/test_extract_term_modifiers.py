"""Terms that end in a fixed modifier phrase (التعليم عن بعد) or in an adjective in a
construct (الإنترنت عالية السرعة), on toy sentences written for these tests."""

from __future__ import annotations

import math

import pytest

from tests.unit.counting import count_terms
from toolkit.extract.candidates import phrase_spans
from toolkit.extract.data import modifier_keys, modifier_phrases, word_senses
from toolkit.extract.pipeline import compose_translation
from toolkit.extract.termhood import RARE, cvalues, keyness_weight
from toolkit.extract.terms import TermCandidate
from toolkit.extract.tokenize import term_key

# Written for avet's tests, not taken from any document.
REMOTE = ("توسع المقاطعة التعليم عن بعد في القرى. ويساعد التعليم عن بعد الطلاب في "
          "الجبال، كما يقدم المستشفى التعليم عن بعد للأطباء.")
SPEED = "وتغطي شبكة الإنترنت عالية السرعة كل البلديات."


def keys(docs: list[str]) -> set[tuple[str, ...]]:
    return set(count_terms(docs).terms)


def shape_of(cand: TermCandidate) -> float:
    """The shape weight of a ranked candidate: its score over C-value times keyness weight."""
    return cand.score / (cand.cvalue * keyness_weight(cand.keyness))


@pytest.mark.parametrize(("text", "whole", "cut"), [
    (REMOTE, "التعليم عن بعد", "التعليم عن"),
    ("وتعمل المراقبة في الوقت الحقيقي للسفن.", "المراقبة في الوقت الحقيقي",
     "المراقبة في الوقت"),
    ("ويدعم البرنامج التعلم مدى الحياة للعمال.", "التعلم مدى الحياة", "التعلم مدى"),
    (SPEED, "شبكة الإنترنت عالية السرعة", "شبكة الإنترنت عالية"),
])
def test_a_term_ends_with_its_modifier_never_inside_it(text: str, whole: str, cut: str) -> None:
    counted = keys([text])
    assert term_key(whole) in counted
    assert term_key(cut) not in counted


def test_nothing_follows_a_modifier_phrase_in_a_term() -> None:
    counted = keys(["ويتلقى المرضى التطبيب عن بعد المجاني."])
    assert term_key("التطبيب عن بعد") in counted
    assert term_key("التطبيب عن بعد المجاني") not in counted


@pytest.mark.parametrize("text", ["ذهب الوفد عن بعد ساعة.", "قال عن بعد المسافة شيئا."])
def test_a_modifier_phrase_starts_no_term(text: str) -> None:
    assert not any(k[0] in {"عن", "بعد"} for k in keys([text]))


def test_a_repeated_term_with_a_modifier_phrase_is_no_fragment() -> None:
    ranked = {c.key: c for c in count_terms([REMOTE]).ranked()}
    remote = ranked[term_key("التعليم عن بعد")]
    assert remote.count == 3
    # definite through التعليم, no sentence fragment, and عن بعد adds no keyness of its own
    assert shape_of(remote) == pytest.approx(1.0, rel=1e-3)
    assert remote.keyness == pytest.approx(ranked[term_key("التعليم")].keyness)
    assert remote.score > ranked[term_key("التعليم")].score


@pytest.mark.parametrize(("text", "whole", "phrase"), [
    (SPEED, "شبكة الإنترنت عالية السرعة", "شبكة الإنترنت"),
    ("وتوسع المقاطعة تسويق المنتجات الزراعية عبر الإنترنت.",
     "تسويق المنتجات الزراعية عبر الإنترنت", "المنتجات الزراعية"),
])
def test_a_modifier_of_the_whole_phrase_leaves_the_phrase_a_term(
        text: str, whole: str, phrase: str) -> None:
    ranked = {c.key: c for c in count_terms([text]).ranked()}
    assert ranked[term_key(whole)].cvalue > 0.0
    assert ranked[term_key(phrase)].cvalue > 0.0


def test_a_modifier_phrase_nests_the_noun_it_makes_a_new_concept_of() -> None:
    ranked = {c.key: c for c in count_terms(["ويعتمد المستشفى التطبيب عن بعد."]).ranked()}
    assert ranked[term_key("التطبيب عن بعد")].cvalue > 0.0
    assert term_key("التطبيب") not in ranked or ranked[term_key("التطبيب")].score < ranked[
        term_key("التطبيب عن بعد")].score


@pytest.mark.parametrize(("size", "nested"), [(2, True), (0, False)])
def test_cvalue_reads_an_adjective_of_several_words(size: int, nested: bool) -> None:
    freq = {("شبكه", "انترنت"): 1, ("شبكه", "انترنت", "عاليه", "سرعه"): 1}
    assert RARE >= 1
    values = cvalues(freq, adjective_end={("شبكه", "انترنت", "عاليه", "سرعه"): size})
    alone = 2 * math.log2(3) / 2
    assert values[("شبكه", "انترنت")] == pytest.approx(0.0 if nested else alone)


@pytest.mark.parametrize(("ar", "vi", "en"), [
    ("التعلم مدى الحياة", "học tập suốt đời", "lifelong learning"),
    ("المراقبة في الوقت الحقيقي", "giám sát thời gian thực", "real-time monitoring"),
    ("مراقبة عن بعد", "giám sát từ xa", "remote monitoring"),
    ("الموارد البشرية عالية الجودة", "nhân lực chất lượng cao",
     "high-quality human resources"),
    # الإنترنت takes adjectives of either gender
    ("الإنترنت عالية السرعة", "Internet tốc độ cao", "high-speed Internet"),
    ("الإنترنت عالي السرعة", "Internet tốc độ cao", "high-speed Internet"),
])
def test_a_modifier_is_translated_as_an_adjective(ar: str, vi: str, en: str) -> None:
    assert compose_translation(term_key(ar), form=ar) == (vi, en)


@pytest.mark.parametrize("phrase", sorted(modifier_keys()))
def test_every_modifier_phrase_has_a_translation(phrase: tuple[str, ...]) -> None:
    assert len(modifier_phrases()) == len(modifier_keys())
    assert word_senses()[phrase].pos == "adj"


def test_phrase_spans_marks_each_word_of_a_phrase() -> None:
    words = ["توسع", "تعليم", "عن", "بعد", "عن", "قرب"]
    assert phrase_spans(words, frozenset({("عن", "بعد")})) == {2: (2, 3), 3: (2, 3)}

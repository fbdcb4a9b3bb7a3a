"""C-value, keyness and term candidates on a toy corpus written for these tests."""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

import pytest

from tests.unit.counting import count_terms
from toolkit.extract import Extractor, extract_paths
from toolkit.extract.data import cue_words, light_heads, reference_frequencies, word_senses
from toolkit.extract.pipeline import compose_translation
from toolkit.extract.termhood import keyness_weight
from toolkit.extract.terms import (
    ADJECTIVE_START_WEIGHT,
    COORDINATION_WEIGHT,
    LIGHT_HEAD_WEIGHT,
    RARE,
    UNIGRAM_GENERAL_WEIGHT,
    UNIGRAM_MIN_KEYNESS,
    VERB_START_WEIGHT,
    TermCandidate,
    TermCounter,
    cvalues,
    keyness,
    number_key,
)
from toolkit.extract.tokenize import chunks, term_key, tokenize

# A toy corpus (written for avet's tests, not taken from any document).
TOY = [
    "تعتمد المدينة على الحوسبة السحابية في التعليم. وتساعد الحوسبة السحابية المدارس "
    "على حفظ البيانات، كما أن أمن المعلومات مهم في الحوسبة السحابية.",
    "بالحوسبة السحابية تقدم البلدية الخدمات العامة عبر الإنترنت، وتحمي أمن المعلومات. "
    "إن حوسبة سحابية آمنة تعني أمن المعلومات للجميع.",
    "أطلقت الوزارة منصة الحوسبة السحابية الوطنية. وتدعم الخدمات العامة عبر الإنترنت "
    "الحوسبة السحابية في القرى.",
]


def count(docs: list[str]) -> TermCounter:
    return count_terms(docs)


def test_cvalue_of_a_term_never_seen_alone_is_zero() -> None:
    freq = {("a", "b", "c"): 4, ("b", "c"): 4}
    assert RARE < 4
    assert cvalues(freq)[("b", "c")] == 0.0
    assert cvalues(freq)[("a", "b", "c")] == pytest.approx(math.log2(4) * 4)


def test_cvalue_subtracts_the_nested_frequency() -> None:
    freq = {("a", "b"): 10, ("a", "b", "c"): 4, ("x", "a", "b"): 2}
    values = cvalues(freq)
    # mean over the 2 containing candidates = 3, most frequent extension = 4
    assert values[("a", "b")] == pytest.approx(math.log2(3) * (10 - 4))
    assert values[("a", "b", "c")] == pytest.approx(math.log2(4) * 4)  # nested in nothing


def test_coordinated_extensions_nest_only_frequent_candidates() -> None:
    frequent = {("a", "b"): 5, ("a", "b", "c"): 5}
    assert cvalues(frequent, coordinated={("a", "b", "c")})[("a", "b")] == 0.0
    rare = {("a", "b"): 1, ("a", "b", "cي"): 1}
    assert cvalues(rare)[("a", "b")] == 0.0  # an adjective always follows: a fragment
    assert cvalues(rare, coordinated={("a", "b", "cي")})[("a", "b")] == pytest.approx(
        math.log2(3))


def test_single_words_lose_what_repeated_pairs_cover() -> None:
    freq = {("a",): 10, ("a", "b"): 7, ("b",): 7}
    values = cvalues(freq)
    assert values[("a",)] < values[("a", "b")]
    assert values[("b",)] == 0.0


def test_rare_candidates_prefer_shorter() -> None:
    freq = {("p", "q"): 1, ("r", "s", "t", "u"): 1}
    values = cvalues(freq)
    assert values[("p", "q")] > values[("r", "s", "t", "u")] > 0


def test_definite_and_indefinite_forms_are_one_term() -> None:
    term = {c.key: c for c in count(TOY).ranked()}[("حوسبه", "سحابيه")]
    assert term.count == 7
    assert term.form == "الحوسبة السحابية"          # the definite form, the most frequent
    assert "حوسبة سحابية" in term.forms
    assert sum(term.docs.values()) == 7


def test_clitics_and_stopword_edges() -> None:
    forms = {form for cand in count(TOY).ranked() for form in cand.forms}
    assert "بالحوسبة السحابية" not in forms              # clitic stripped
    assert "الخدمات العامة عبر الإنترنت" in forms        # connector inside
    assert not any(f.split()[0] in ("في", "على", "إن") for f in forms)
    assert not any(f.split()[-1] in ("في", "عبر") for f in forms)


def test_ranking_puts_the_repeated_domain_terms_first() -> None:
    ranked = count(TOY).ranked(min_count=2)
    top = [c.form for c in ranked[:3]]
    assert top[0] == "الحوسبة السحابية"
    assert "أمن المعلومات" in top
    assert all(c.count >= 2 for c in ranked)


def test_contexts_point_at_the_clitic_free_term() -> None:
    counter = count(TOY)
    for ctx in counter.terms[("حوسبه", "سحابيه")].contexts:
        doc = TOY[int(ctx.doc[3:])]
        assert doc[ctx.start:ctx.end] == ctx.form or doc[ctx.start:ctx.end].endswith(
            ctx.form[-6:])
        assert not doc[ctx.start:ctx.end].startswith("ب")


def test_keyness_is_high_for_words_rare_in_general_arabic() -> None:
    ref = reference_frequencies()
    counts = Counter({"حوسبه": 50, "سحابيه": 50, "حكومه": 5})
    assert keyness(("حوسبه", "سحابيه"), counts, 1000, ref) > 5
    assert keyness(("حكومه",), counts, 1000, ref) < keyness(("حوسبه",), counts, 1000, ref)


@pytest.mark.parametrize(("key", "vi", "en"), [
    (("تحول", "رقمي"), "chuyển đổi số", "digital transformation"),
    (("خدمات", "عامه"), "dịch vụ công", "public services"),
    (("سجلات", "طبيه", "الكترونيه"), "hồ sơ y tế điện tử", "electronic medical records"),
    (("امن", "معلومات"), "an toàn thông tin", "information security"),
    (("بنيه", "تحتيه", "رقميه"), "hạ tầng số", "digital infrastructure"),
])
def test_compose_translation_for_regular_patterns(key: tuple[str, ...], vi: str, en: str) -> None:
    assert compose_translation(key) == (vi, en)


@pytest.mark.parametrize("key", [("تحول", "رقمي", "مؤشر"), ("رقمي", "تحول"), ("كلمه",)])
def test_compose_translation_leaves_irregular_terms_empty(key: tuple[str, ...]) -> None:
    assert compose_translation(key) == ("", "")


def test_memory_stays_bounded_by_dropping_the_rarest() -> None:
    counter = TermCounter(max_candidates=10)
    for i, doc in enumerate(TOY * 3):
        counter.start_document()
        for chunk in chunks(tokenize(doc)):
            counter.add_chunk(f"doc{i}", doc, chunk)
    counter.start_document()
    assert len(counter.terms) <= 10
    assert counter.pruned_below >= 2
    assert ("حوسبه", "سحابيه") in counter.terms  # the frequent term keeps its count
    assert counter.terms[("حوسبه", "سحابيه")].count == 21


def test_shape_rules_rank_heads_and_skip_verbs() -> None:
    docs = [
        "أنفقت المقاطعة الكثير على البنية التحتية، وتطوير البنية التحتية مستمر. "
        "يتقدم التحول الرقمي، وحددته الوزارة.",
        "تحتاج البنية التحتية إلى تطوير البنية التحتية والتحول الرقمي.",
    ]
    ranked = count(docs).ranked()
    order = [c.form for c in ranked]
    assert order.index("البنية التحتية") < order.index("تطوير البنية التحتية")
    assert not any(f.split()[0] in ("أنفقت", "يتقدم", "حددته") for f in order)


@pytest.mark.parametrize(("key", "merged"), [
    (("خدمات", "عامه"), ("خدمه", "عامه")),
    (("مواطنين", "رقميين"), ("مواطن", "رقمي")),
    (("موظفون", "عموميون"), ("موظف", "عمومي")),
    (("قانون", "تحسين"), ("قانون", "تحسين")),  # ون/ين of a short word is not a plural
    (("بنيه", "تحتيه"), ("بنيه", "تحتيه")),
])
def test_number_key_makes_sound_plurals_singular(key: tuple[str, ...],
                                                 merged: tuple[str, ...]) -> None:
    assert number_key(key) == merged


def test_singular_and_plural_are_one_candidate() -> None:
    docs = ["تقدم البلدية الخدمات العامة للسكان. وتحسن الخدمات العامة حياة الناس.",
            "أطلقت الوزارة الخدمة العامة في القرى."]
    ranked = count(docs).ranked()
    found = [c for c in ranked if c.key == ("خدمات", "عامه")]
    assert len(found) == 1 and found[0].count == 3
    assert found[0].aliases == (("خدمه", "عامه"),)
    assert set(found[0].forms) == {"الخدمات العامة", "الخدمة العامة"}
    assert not any(c.key == ("خدمه", "عامه") for c in ranked)


def test_institution_heads_keep_their_coordinated_names() -> None:
    docs = ["أعلنت وزارة الصناعة والتجارة خطة جديدة. وتعمل وزارة الصناعة والتجارة مع "
            "المدن والقرى، وتدعم المدن والقرى الصغيرة."] * 2
    ranked = {c.form: c for c in count(docs).ranked()}
    ministry, towns = ranked["وزارة الصناعة والتجارة"], ranked["المدن والقرى"]
    assert ministry.count == towns.count == 4
    assert ministry.score > towns.score


def test_a_verb_first_word_ranks_below_a_noun_phrase() -> None:
    docs = ["تمتلك المقاطعة خططا. وتطور المقاطعة المنصات الرقمية. تمتلك المقاطعة "
            "المنصات الرقمية الحديثة."]
    ranked = {c.form: c for c in count(docs).ranked()}
    assert ranked["تمتلك المقاطعة"].count == ranked["المنصات الرقمية"].count == 2
    assert ranked["تمتلك المقاطعة"].score < ranked["المنصات الرقمية"].score


def shape_of(cand: TermCandidate) -> float:
    """The shape weight of a ranked candidate: its score over C-value times keyness weight."""
    return cand.score / (cand.cvalue * keyness_weight(cand.keyness))


def test_a_single_word_that_classifies_names_is_a_general_word() -> None:
    docs = ["تدعم البلدية المدارس، وتدرب البلدية الموظفين، وتساعد البلدية السكان على "
            "استخدام الحوسبة."]
    ranked = {c.key: c for c in count(docs).ranked()}
    commune = ranked[("بلديه",)]
    assert "بلديه" in cue_words()
    assert commune.keyness >= UNIGRAM_MIN_KEYNESS  # not general by keyness alone
    assert shape_of(commune) == pytest.approx(UNIGRAM_GENERAL_WEIGHT, rel=1e-3)


def test_a_field_named_by_an_institution_is_not_a_loose_coordination() -> None:
    docs = ["أعلنت وزارة الثقافة والرياضة خطة. وتدعم الثقافة والرياضة الشباب، وتنمو "
            "الثقافة والرياضة في القرى. وتحتاج الأسر والشركات إلى الدعم، وتساعد الأسر "
            "والشركات القرى، وتنمو الأسر والشركات."]
    ranked = {c.key: c for c in count(docs).ranked()}
    field_, loose = ranked[("ثقافه", "رياضه")], ranked[("اسر", "شركات")]
    assert field_.coordinated and loose.coordinated
    assert shape_of(field_) == pytest.approx(1.0, rel=1e-3)
    assert shape_of(loose) == pytest.approx(COORDINATION_WEIGHT, rel=1e-3)


def test_a_coordinated_noun_cut_from_its_adjective_is_a_fragment() -> None:
    docs = ["يعزز الاقتصاد الرقمي والمجتمع الرقمي التنمية. ويحتاج الاقتصاد الرقمي "
            "والمجتمع الرقمي إلى البيانات. وتنمو الحوسبة السحابية والبيانات في المدن، "
            "وتفيد الحوسبة السحابية والبيانات الناس."]
    counter = count(docs)
    cut = counter.terms[("اقتصاد", "رقمي", "مجتمع")]
    whole = counter.terms[("حوسبه", "سحابيه", "بيانات")]
    assert (cut.count, sum(cut.cuts.values())) == (2, 2)
    assert (whole.count, sum(whole.cuts.values())) == (2, 0)
    ranked = {c.key: c for c in counter.ranked()}
    assert ranked[("اقتصاد", "رقمي", "مجتمع")].score == 0.0
    assert ranked[("حوسبه", "سحابيه", "بيانات")].score > 0.0


def test_waw_before_a_hamza_alef_is_the_conjunction() -> None:
    docs = ["نشرت البلدية السجلات الرقمية وأكشاك طبية ذكية في القرى."]
    counter = count(docs)
    assert ("اكشاك", "طبيه", "ذكيه") in counter.terms
    assert not any(key[0].startswith("واكشاك") for key in counter.terms)
    found = {c.key: c for c in counter.ranked()}[("اكشاك", "طبيه", "ذكيه")]
    assert found.form == "أكشاك طبية ذكية"


def test_an_adjective_of_the_word_table_does_not_start_a_term() -> None:
    docs = ["تقدم البلدية الخدمة العامة المتنقلة للقرى، وتفتح المكتبة العامة المتنقلة "
            "أبوابها، وتزور العيادة العامة المتنقلة السكان."]
    ranked = {c.key: c for c in count(docs).ranked()}
    fragment = ranked[("عامه", "متنقله")]
    assert word_senses()[("عامه",)].pos == "adj"
    assert fragment.count == 3
    assert shape_of(fragment) == pytest.approx(ADJECTIVE_START_WEIGHT, rel=1e-3)


def test_a_verb_after_a_conjunction_ranks_below_a_noun_phrase() -> None:
    docs = ["وتساند المقاطعة المدارس. وتساند المقاطعة المنصات الرقمية الحديثة، وتبني "
            "المنصات الرقمية الثقة."]
    ranked = {c.key: c for c in count(docs).ranked()}
    verb, noun = ranked[("وتساند", "مقاطعه")], ranked[("منصات", "رقميه")]
    assert verb.count == noun.count == 2
    # a verb shape, then a verb agreeing with its subject and a deictic noun at the end
    assert shape_of(verb) <= VERB_START_WEIGHT
    assert verb.score < noun.score


def test_two_coordinated_adjectives_are_not_a_loose_coordination() -> None:
    docs = ["تدعم الخطة التنمية الاجتماعية والاقتصادية للقرى، وتقيس البلدية التنمية "
            "الاجتماعية والاقتصادية كل عام، وتنمو الأسر والشركات."]
    ranked = {c.key: c for c in count(docs).ranked()}
    both, loose = ranked[("تنميه", "اجتماعيه", "اقتصاديه")], ranked[("اسر", "شركات")]
    assert both.coordinated and loose.coordinated
    assert shape_of(both) == pytest.approx(1.0, rel=1e-3)
    assert shape_of(loose) == pytest.approx(COORDINATION_WEIGHT, rel=1e-3)


def test_an_action_noun_with_its_adjective_is_a_term_with_its_object_a_phrase() -> None:
    docs = ["تعتمد البلدية التوقيع الرقمي، ويسرع التوقيع الرقمي توقيع الاتفاقية، "
            "وتم توقيع الاتفاقية أمس."]
    ranked = {c.key: c for c in count(docs).ranked()}
    assert "توقيع" in light_heads()
    assert shape_of(ranked[("توقيع", "رقمي")]) == pytest.approx(1.0, rel=1e-3)
    assert shape_of(ranked[("توقيع", "اتفاقيه")]) == pytest.approx(LIGHT_HEAD_WEIGHT, rel=1e-3)


def test_a_noun_in_the_construct_state_is_not_an_adjective() -> None:
    docs = ["يدرب المركز موظفي الخدمة المدنية، ويستخدم موظفي الخدمة المدنية "
            "المنصات. وتقدم المدرسة العامة المتنقلة الدروس، وتزور العامة المتنقلة القرى."]
    ranked = {c.key: c for c in count(docs).ranked()}
    assert shape_of(ranked[("موظفي", "خدمه", "مدنيه")]) == pytest.approx(1.0, rel=1e-3)
    assert shape_of(ranked[("عامه", "متنقله")]) == pytest.approx(ADJECTIVE_START_WEIGHT,
                                                                  rel=1e-3)


@pytest.mark.parametrize(("adjective_end", "nested"), [(None, True), (set(), False)])
def test_cvalue_nests_a_rare_candidate_only_in_its_adjective(
        adjective_end: set[tuple[str, ...]] | None, nested: bool) -> None:
    freq = {("لجنه", "شعبيه"): 2, ("لجنه", "شعبيه", "ميزانيه"): 2}
    values = cvalues(freq, adjective_end=adjective_end)
    whole = 2 * 2 * math.log2(3) / 2
    assert values[("لجنه", "شعبيه")] == pytest.approx(0.0 if nested else whole)


def test_a_word_of_other_definiteness_is_not_the_adjective_of_a_term() -> None:
    docs = ["أقرت اللجنة الشعبية الإقليمية ميزانية جديدة، وتعمل اللجنة الشعبية "
            "الإقليمية مع القرى."]
    ranked = {c.key: c for c in count(docs).ranked()}
    committee = ranked[("لجنه", "شعبيه", "اقليميه")]
    assert ranked[("لجنه", "شعبيه", "اقليميه", "ميزانيه")].count == 1
    assert committee.cvalue == pytest.approx(2 * 2 * math.log2(3) / 3)


@pytest.mark.parametrize(("pp_starts", "value"), [
    ({("برنامج", "وطني", "تحول", "رقمي"): [2]}, math.log2(3) * 3),
    (None, 0.0),
])
def test_a_phrase_after_a_preposition_is_not_nested(
        pp_starts: dict[tuple[str, ...], list[int]] | None, value: float) -> None:
    freq = {("تحول", "رقمي"): 3, ("برنامج", "وطني", "تحول", "رقمي"): 3}
    assert cvalues(freq, pp_starts=pp_starts)[("تحول", "رقمي")] == pytest.approx(value)


def test_a_term_after_a_preposition_clitic_keeps_its_own_count() -> None:
    docs = ["أطلقت الحكومة البرنامج الوطني للتحول الرقمي. وتدعم القرى البرنامج الوطني "
            "للتحول الرقمي، وتمول المدارس البرنامج الوطني للتحول الرقمي."]
    ranked = {c.key: c for c in count(docs).ranked()}
    assert ranked[("برنامج", "وطني", "تحول", "رقمي")].count == 3
    assert ranked[("تحول", "رقمي")].cvalue == pytest.approx(math.log2(3) * 3)


def test_a_conjunction_left_on_the_first_word_is_merged_away() -> None:
    doc = "يعمل موظفي الخدمة في المركز، وموظفي الخدمة في القرى."
    counter = count([doc])
    assert ("وموظفي", "خدمه") in counter.terms  # no lexicon: the و was not split off
    ranked = {c.key: c for c in counter.ranked()}
    assert ("وموظفي", "خدمه") not in ranked
    merged = ranked[("موظفي", "خدمه")]
    assert merged.count == 2 and merged.forms == Counter({"موظفي الخدمة": 2})
    assert [doc[c.start:c.end] for c in merged.contexts] == ["موظفي الخدمة"] * 2
    assert all(c.form == doc[c.start:c.end] for c in merged.contexts)


def test_a_noun_phrase_cut_before_a_coordinated_adjective_is_a_fragment() -> None:
    docs = ["تشارك المنظمات الاجتماعية والسياسية في الحملة، وتدعم المنظمات الاجتماعية "
            "والسياسية القرى. وتنمو البيانات الضخمة والحوسبة في المدن، وتفيد البيانات "
            "الضخمة والحوسبة الناس."]
    ranked = {c.key: c for c in count(docs).ranked()}
    assert ranked[("منظمات", "اجتماعيه")].count == 2
    assert ranked[("منظمات", "اجتماعيه")].cvalue == 0.0
    assert ranked[("بيانات", "ضخمه")].cvalue == pytest.approx(2 * math.log2(3))


@pytest.mark.parametrize(("key", "coordinated", "vi", "en"), [
    (("علوم", "تكنولوجيا"), True, "khoa học và công nghệ", "science and technology"),
    (("بيانات", "معلومات"), True, "dữ liệu và thông tin", "data and information"),
    (("بيانات", "معلومات"), False, "dữ liệu thông tin", "information data"),
    (("خدمات", "رقميه", "ذكيه"), True, "dịch vụ số và thông minh",
     "digital and smart services"),
    (("بيانات", "ضخمه", "حوسبه"), True, "", ""),  # البيانات الضخمة والحوسبة: و binds apart
    (("تكنولوجيا", "معلومات", "علوم"), True, "", ""),
])
def test_compose_translation_of_a_coordination_says_and(
        key: tuple[str, ...], coordinated: bool, vi: str, en: str) -> None:
    assert compose_translation(key, coordinated=coordinated) == (vi, en)


# Toy sentences written for avet's tests: each adjective agrees with a noun to its left.
AGREEMENT = [
    "يعمل مركز تكامل البيانات الإقليمي ليلًا، ويخدم مركز تكامل البيانات الإقليمي القرى.",
    "تساعد فرق التحول الرقمي المجتمعية الناس، وتزور فرق التحول الرقمي المجتمعية المدارس.",
    "تنتشر البرامج الضارة بسرعة، وتمنع الشركة البرامج الضارة.",
    "تحدث الوزارة بيانات الأراضي كل عام، وتنشر بيانات الأراضي على البوابة.",
]


@pytest.mark.parametrize(("key", "kept"), [
    (("مركز", "تكامل", "بيانات", "اقليمي"), True),
    (("تكامل", "بيانات", "اقليمي"), True),
    (("بيانات", "اقليمي"), False),  # masculine adjective, feminine-marked noun
    (("فرق", "تحول", "رقمي", "مجتمعيه"), True),
    (("تحول", "رقمي", "مجتمعيه"), False),  # feminine after the masculine of the same noun
    (("برامج", "ضاره"), True),  # a broken plural takes a feminine adjective
    (("بيانات", "اراضي"), True),  # الأراضي is a broken plural, not an adjective
])
def test_a_candidate_whose_adjective_agrees_with_no_noun_of_it_is_dropped(
        key: tuple[str, ...], kept: bool) -> None:
    assert (key in count(AGREEMENT).terms) is kept


@pytest.mark.parametrize(("word", "verb"), [
    ("سيصبح", True), ("ستنفذ", True), ("سنعمل", True), ("سأعمل", True),
    ("وسيصبح", True), ("فستنفذ", True),
    # Nouns and adjectives that start the same way.
    ("سياسة", False), ("سياسات", False), ("سيبراني", False), ("سيارة", False),
    ("سنوات", False), ("سينما", False), ("سيول", False),
])
def test_future_verbs_are_told_from_nouns(word: str, verb: bool) -> None:
    from toolkit.extract.tokenize import future_verb

    assert future_verb(word) is verb


@pytest.mark.parametrize(("doc", "key", "counted"), [
    ("وتعمل المقاطعة على تحسين البنية التحتية للنقل.", ("بنيه", "تحتيه", "للنقل"), True),
    ("وافتتح الوزير المركز الوطني للابتكار أمس.", ("مركز", "وطني", "للابتكار"), True),
    # في before a place noun is the sentence's place, unless the object governs it
    ("ويعمل المركز الوطني للابتكار في حديقة التكنولوجيا.", ("مركز", "وطني", "للابتكار"),
     True),
    ("وأنشأت الوزارة الهيئة العامة للتحكم في المدينة.", ("هييه", "عامه", "للتحكم"), False),
    # before anything else في is the purpose's (للنظر في الطلبات)
    ("وشكلت الوزارة اللجنة الخاصة للنظر في الطلبات.", ("لجنه", "خاصه", "للنظر"), False),
    ("وأطلقت البرنامج الوطني للمساعدة في التعليم.", ("برنامج", "وطني", "للمساعده"), False),
    ("وطورت المدينة الحكومة الإلكترونية للمقاطعة.", ("حكومه", "الكترونيه", "للمقاطعه"), False),
    ("ووضعت الوزارة الخطة للتنمية.", ("خطه", "للتنميه"), False),
    # a purpose, not an institution or a compound noun
    ("ويسعى المستثمرون الأجانب للوصول إلى السوق.", ("مستثمرون", "اجانب", "للوصول"), False),
    ("وارتفعت الإيرادات الضريبية للعام 2025.", ("ايرادات", "ضريبيه", "للعام"), False),
    # the object's adjective follows
    ("وافتتح المركز الوطني للبيانات الضخمة.", ("مركز", "وطني", "للبيانات"), False),
    ("ويدعم الصندوق الوطني للتأمين الصحي الأسر.", ("صندوق", "وطني", "للتامين"), False),
    # after another ل, or after two definite nouns (verb, subject, object)
    ("ويسعى المعهد الوطني للصحة للوصول إلى القرى.", ("معهد", "وطني", "صحه", "للوصول"), False),
    ("ووجهت الوزارة الدعوة الرسمية للمستثمرين.", ("وزاره", "دعوه", "رسميه", "للمستثمرين"),
     False),
    # a purpose after an institution: it governs a preposition
    ("ودعت اللجنة الشعبية للإسراع في تطهير الأراضي.", ("لجنه", "شعبيه", "للاسراع"), False),
    # a participle adjective or a coordinated object follows
    ("وقال إن المركز الوطني للأبحاث المتقدمة سيشارك.", ("مركز", "وطني", "للابحاث"), False),
    ("وعقدت اللجنة الوطنية للبحث والإنقاذ اجتماعا.", ("لجنه", "وطنيه", "للبحث"), False),
])
def test_a_term_ends_with_lam_and_article_only_after_a_noun_and_its_adjective(
        doc: str, key: tuple[str, ...], counted: bool) -> None:
    assert (key in count_terms([doc]).terms) is counted


def test_a_noun_whose_adjective_follows_does_not_end_a_term_after_lam() -> None:
    docs = ["أطلقت الحكومة البرنامج الوطني للتحول الرقمي.", "وتدعم القرى البرنامج الوطني "
            "للتحول الرقمي.", "وتمول المدارس البرنامج الوطني للتحول، وهو خطة طويلة."]
    terms = count_terms(docs).terms
    assert terms[("برنامج", "وطني", "للتحول")].count == 1
    assert terms[("برنامج", "وطني", "تحول", "رقمي")].count == 2


def test_a_complement_with_lam_leaves_the_words_before_it_a_whole_term(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("وبدأت المدينة بناء الإسكان الاجتماعي للعمال.",
                                    encoding="utf-8")
    found = {x.entry.term("ar"): x.entry
             for x in extract_paths([tmp_path], Extractor([])).candidates}
    assert found["الإسكان الاجتماعي"].term("vi") == "nhà ở xã hội"


def test_a_phrase_with_lam_does_not_nest_the_words_before_it() -> None:
    docs = [f"وتحدث {who} قاعدة البيانات الوطنية للسكان يوميا." for who in
            ("الوزارة", "المدن", "القرى", "المدارس")]
    ranked = {c.key: c for c in count_terms(docs).ranked()}
    assert ranked[("قاعده", "بيانات", "وطنيه", "للسكان")].count == 4
    assert ranked[("قاعده", "بيانات", "وطنيه")].cvalue > 0.0


def test_a_phrase_with_lam_leaves_the_score_of_the_words_before_it(tmp_path: Path) -> None:
    # The same words, once followed by ل + a noun, once cut off it by a full stop.
    text = ("وتحدث {0} قاعدة البيانات الوطنية{1}للسكان يوميا. ", "الوزارة", "المدن", "القرى")
    scores = []
    for gap in (" ", ". "):
        folder = tmp_path / str(len(gap))
        folder.mkdir()
        (folder / "a.txt").write_text("".join(text[0].format(who, gap) for who in text[1:]),
                                      encoding="utf-8")
        found = {x.entry.term("ar"): x for x in extract_paths([folder], Extractor([])).candidates}
        scores.append(found["قاعدة البيانات الوطنية"].entry.score)
    assert scores[0] == pytest.approx(scores[1]) and scores[0] > 0


@pytest.mark.parametrize(("form", "vi", "en"), [
    ("وزارة الثقافة والرياضة والسياحة", "Bộ Văn hóa, Thể thao và Du lịch",
     "Ministry of Culture, Sport and Tourism"),
    ("العلوم والتكنولوجيا والابتكار", "khoa học, công nghệ và đổi mới sáng tạo",
     "science, technology and innovation"),
    ("العلوم والتكنولوجيا الابتكار", "", ""),  # one و: no list of three
])
def test_a_list_of_three_is_counted_and_composed(form: str, vi: str, en: str) -> None:
    key = term_key(form)
    assert compose_translation(key, coordinated=True, form=form) == (vi, en)
    counted = count_terms([f"وأعلنت الحكومة أن {form} في المقاطعة."]).terms
    assert (key in counted) is bool(vi)


@pytest.mark.parametrize(("doc", "key", "counted"), [
    # a past verb of a derived form ends the phrase before it
    ("وزار الوفد معبد ملوك هونغ استقبل الزوار.", ("ملوك", "هونغ", "استقبل"), False),
    ("وقال إن الإنتاج الزراعي ارتفع كثيرا.", ("انتاج", "زراعي", "ارتفع"), False),
    # nouns and adjectives shaped like verbs (ي…، …ت) stay inside
    ("ويعمل المصنع بتمويل من استثمار ياباني مباشر.", ("استثمار", "ياباني", "مباشر"), True),
    ("وتصدر الشركة منتجات يدوية تقليدية إلى الأسواق.", ("منتجات", "يدويه", "تقليديه"), True),
    ("وقررت السلطات إغلاق مؤقت للطريق.", ("اغلاق", "موقت"), True),
])
def test_a_derived_past_verb_ends_a_candidate(doc: str, key: tuple[str, ...],
                                              counted: bool) -> None:
    assert (key in count_terms([doc]).terms) is counted

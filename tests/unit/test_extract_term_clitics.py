"""Where a term candidate starts and stops in the extractor: a conjunction split off a
word that the lexicon knows in the singular (ومحطات) or that the document writes with
the article (وتسرب … التسرب), and honorifics (السيدة) that no term holds. Sentences
written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.extract import Extractor, extract_paths


def _keys(tmp_path: Path, text: str) -> set[tuple[str, ...]]:
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    extractor = Extractor([])
    extract_paths([tmp_path / "a.txt"], extractor)
    return set(extractor.terms.terms)


@pytest.mark.parametrize(("text", "key"), [
    # محطة is a known word: its plural محطات is one too, so و is the conjunction.
    ("تنتشر مزارع الرياح ومحطات الطاقة الشمسية على الساحل.", ("محطات", "طاقه", "شمسيه")),
    # تسرب is in no table, but the document also writes التسرب.
    ("زاد التسرب هذا العام في موسم الجفاف وتسرب المياه المالحة إلى الحقول.",
     ("تسرب", "مياه", "مالحه")),
])
def test_a_conjunction_is_split_off_a_word_known_in_another_form(
        tmp_path: Path, text: str, key: tuple[str, ...]) -> None:
    assert key in _keys(tmp_path, text)


def test_a_word_that_starts_with_waw_keeps_it(tmp_path: Path) -> None:
    keys = _keys(tmp_path, "أعلنت وزارة الصحة خطة جديدة للمستشفيات.")
    assert ("وزاره", "صحه") in keys
    assert ("زاره", "صحه") not in keys


def test_an_honorific_is_never_part_of_a_term(tmp_path: Path) -> None:
    keys = _keys(tmp_path, "قال رئيس اللجنة الشعبية للمقاطعة السيدة فام ثي ثو إن الخطة نجحت.")
    assert ("رييس", "لجنه", "شعبيه") in keys
    assert not any("سيده" in key for key in keys)


def test_a_plural_of_the_lexicon_keeps_its_first_letter(tmp_path: Path) -> None:
    # فعاليات is the plural of فعالية: ف is no conjunction, though عالية is a word too.
    keys = _keys(tmp_path, "انطلقت فعاليات المهرجان الثقافي أمس، وتستمر فعاليات المهرجان.")
    assert ("فعاليات", "مهرجان", "ثقافي") in keys
    assert not any(key[0].startswith("عاليات") for key in keys)


def test_the_shortest_proclitic_that_leaves_a_word_of_the_lexicon_is_split(tmp_path: Path) -> None:
    # وبطاقات: و + بطاقات ("and cards"), not وب + طاقات ("and with energies").
    keys = _keys(tmp_path, "تدعم الحكومة البنية التحتية وبطاقات الهوية الرقمية.")
    assert ("بطاقات", "هويه", "رقميه") in keys
    assert not any(key[0] == "طاقات" for key in keys)


@pytest.mark.parametrize(("text", "key"), [
    # ل + شبكة: the noun heads a construct (شبكة النقل), so it starts a candidate.
    ("يشكل الطريق الجديد جزءا أساسيا لشبكة النقل الوطنية في الشمال.",
     ("شبكه", "نقل", "وطنيه")),
    # ب + منصة, the same.
    ("ترتبط المستشفيات بمنصة الفحص الطبي عن بعد منذ العام الماضي.", ("منصه", "فحص", "طبي")),
])
def test_a_noun_behind_a_bare_preposition_heads_its_construct(
        tmp_path: Path, text: str, key: tuple[str, ...]) -> None:
    assert key in _keys(tmp_path, text)


@pytest.mark.parametrize(("text", "first"), [
    # بقوة: no genitive follows, an adverb ("strongly").
    ("تدعم المقاطعة بقوة التحول الرقمي في القرى.", "قوه"),
    # لتنفيذ: an action noun after ل says what for ("to carry out"), no term.
    ("خصصت المقاطعة ميزانية لتنفيذ التحول الرقمي في القرى.", "تنفيذ"),
    # compound prepositions: "worth", "in the presence of", "on the occasion of"
    ("وقعت الشركة عقدا بقيمة الاستثمار المطلوب.", "قيمه"),
    ("افتتح المعرض بحضور الأمين العام للحزب.", "حضور"),
    ("نظمت المدرسة حفلا بمناسبة الذكرى السنوية لتأسيسها.", "مناسبه"),
    # ل + a verb in the imperfect: "for the exports to reach"
    ("تسعى الوزارة لتصل الصادرات الزراعية إلى أسواق جديدة.", "تصل"),
    ("تعمل الوزارة لتستفيد الشركات الصغيرة من القرض.", "تستفيد"),
    # بمساعدة: "with the help of"
    ("بنيت المدرسة بمساعدة الحكومة المحلية.", "مساعده"),
])
def test_a_bare_preposition_before_an_adverb_or_a_purpose_starts_nothing(
        tmp_path: Path, text: str, first: str) -> None:
    assert not any(key[0] == first for key in _keys(tmp_path, text))

"""How names are written: an initial alef madda (آنه: Ánh) that normalisation would make
an Arabic word, open ê written يه (نغيه: Nghệ), landscape cue words (كهوف، بحيرة)
that introduce no one-syllable name (جسر دام بناؤه), forms of كان and words with بـ/لـ
that are no syllables, a listed place written as one word (سابا: Sa Pa), and a glossary
name whose cue form (مدينة هوي: Huế) runs into another glossary name (هوي آن: Hội An). The real
transliterator, on sentences written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.model import Entry, Forms
from tests.unit.names_helpers import spans
from toolkit.extract import Extractor, extract_paths
from toolkit.extract.names import NameDetector
from toolkit.extract.tokenize import tokenize
from toolkit.translit import Transliterator


@pytest.mark.parametrize("name", [["نغوين", "فان", "آن"], ["دو", "نغوك", "آنه"], ["آنه"]])
def test_a_syllable_written_with_madda_is_name_like(
        translit: Transliterator, name: list[str]) -> None:
    # آن and آنه normalise to the Arabic ان and انه; written with madda they are An, Ánh.
    assert translit.name_likelihood(name) >= 0.5


@pytest.mark.parametrize("word", ["أنه", "انه", "إن"])
def test_the_arabic_word_without_madda_is_not(translit: Transliterator, word: str) -> None:
    assert translit.name_likelihood([word]) < 0.05


@pytest.mark.parametrize(("text", "name"), [
    ("وقال الطبيب دو نغوك آنه إن العيادة جاهزة.", "دو نغوك آنه"),
    ("وتسلم المزارع نغوين فان آن شهادة تقدير.", "نغوين فان آن"),
])
def test_a_name_ending_in_a_madda_syllable_is_read_whole(
        detector: NameDetector, text: str, name: str) -> None:
    assert name in spans(detector, text)


@pytest.mark.parametrize(("ar", "vi"), [("نغيه آن", "Nghệ An"), ("نجيه آن", "Nghệ An"),
                                        ("ليه", "Lê")])
def test_open_e_circumflex_written_with_final_ha_reads_back(
        translit: Transliterator, ar: str, vi: str) -> None:
    assert translit.ar_to_vi(ar, top=1)[0].text == vi


@pytest.mark.parametrize(("text", "name", "wrong"), [
    # A landscape word before a name is a place cue, not a syllable of the name.
    ("رحلات إلى كهوف كوانغ بينه في الصيف.", "كوانغ بينه", "كهوف كوانغ بينه"),
    ("يتجول السياح حول بحيرة هوان كيم مساء.", "هوان كيم", "بحيرة هوان كيم"),
])
def test_a_landscape_cue_is_not_part_of_the_name(
        detector: NameDetector, text: str, name: str, wrong: str) -> None:
    found = spans(detector, text)
    assert name in found
    assert wrong not in found


@pytest.mark.parametrize("text", [
    # Kings (ملوك), an Arabic word, not the syllables Mê Lộc; no cue word introduces هونغ.
    "تحيي المقاطعة ذكرى ملوك هونغ كل عام.",
    # لو may be the name's second syllable (بوابة تشا لو): تشا alone is not read.
    "تعمل المقاطعتان على تطوير بوابة تشا لو الحدودية.",
    # Arabic words that read as syllables after a landmark word go on with their clause.
    "وافتتح جسر دام بناؤه ثلاث سنوات.",
    "يتمتع الزوار بحيرة تام الصفاء في الصباح.",
    "وفي حديقة نام فيها الأطفال بعد الظهر.",
    "جلس السياح في حديقة نام في ظلها الأطفال.",
    "وشيد معبد ثان في المدينة عام 1990.",
])
def test_one_syllable_after_a_landmark_word_or_an_arabic_word_is_no_name(
        detector: NameDetector, text: str) -> None:
    assert spans(detector, text) == []


@pytest.mark.parametrize("text", [
    # كنت ("I was") and a verb after it.
    "وقال المزارع: في الماضي كنت أسقي الحقول يدويا.",
    "وقال آخر: كنا نبيع المحصول للتجار.",
    # A landmark word names the kind of what follows but vouches for no foreign name.
    "يقضي السياح عطلتهم على شاطئ باتونغ وحول بحيرة توبا.",
    "تمتد الرحلة بين شلال أسوان وجبال سيناء.",
    # آن in Arabic expressions ("at once"); ذهابا وإيابا ("there and back").
    "يعمل النظامان في آن واحد دون توقف.",
    "يسافر الموظفون ذهابا وإيابا كل يوم.",
])
def test_forms_of_kana_are_no_name(detector: NameDetector, text: str) -> None:
    assert spans(detector, text) == []


@pytest.mark.parametrize(("text", "name"), [
    # آمن ("safe") spells two syllables: its madda makes no name of it.
    ("وأكد أن الوضع في مقاطعة هاو جيانغ آمن تماما.", "هاو جيانغ"),
    # آن الأوان: "the time has come", after a name.
    ("وقال السيد تران فان هونغ آن الأوان لتسريع العمل.", "تران فان هونغ"),
    # قرب ("near") after a name.
    ("ينظم الشباب رحلات إلى شلال كوانغ سي قرب المدينة.", "كوانغ سي"),
])
def test_a_name_ends_before_an_arabic_word_written_like_a_syllable(
        detector: NameDetector, text: str, name: str) -> None:
    assert spans(detector, text) == [name]


def test_a_mausoleum_is_named_after_a_person_not_a_place(detector: NameDetector) -> None:
    found = detector.detect(tokenize("وزار الوفد ضريح فو نغوين جياب صباح اليوم."))
    assert [s.surface for s in found] == ["فو نغوين جياب"]
    assert "place" not in found[0].votes


def test_a_word_with_a_proclitic_does_not_run_into_a_place(detector: NameDetector) -> None:
    found = spans(detector, "تربط الخطوط الجديدة دانانغ بكل من هانوي وكان ثو.")
    assert "دانانغ" in found
    assert not any("بكل" in s for s in found)


def _place(ar: str, vi: str, *variants: str) -> Entry:
    entry = Entry(kind="place", status="approved")
    entry.forms["ar"] = Forms(preferred=ar, variants=list(variants))
    entry.forms["vi"] = Forms(preferred=vi)
    entry.forms["en"] = Forms(preferred=vi)
    return entry


def test_a_cue_form_gives_way_to_the_glossary_name_after_the_cue(tmp_path: Path) -> None:
    # مدينة هوي is a form of Huế; in مدينة هوي آن the city is Hội An.
    known = [_place("هوي", "Huế", "مدينة هوي"), _place("هوي آن", "Hội An")]
    (tmp_path / "a.txt").write_text(
        "افتتحت مدينة هوي آن متحفا جديدا. وتستقبل مدينة هوي الزوار أيضا.", encoding="utf-8")
    found = extract_paths([tmp_path / "a.txt"], Extractor(known)).candidates
    counts = {x.entry.term("vi"): x.entry.frequency for x in found if x.origin == "name"}
    assert counts == {"Hội An": 1, "Huế": 1}


@pytest.mark.parametrize(("ar", "vi"), [("سابا", "Sa Pa"), ("داكلاك", "Đắk Lắk")])
def test_a_place_spelled_outside_the_rules_is_read_when_written_as_one_word(
        translit: Transliterator, ar: str, vi: str) -> None:
    # Sa Pa's Pa is no syllable the reader knows (ب is b): its spelling is listed, also fused.
    assert translit.ar_to_vi(ar, top=1)[0].text == vi
    assert translit.name_likelihood([ar]) >= 0.9


def test_a_fused_listed_place_is_found_without_a_cue(detector: NameDetector) -> None:
    assert spans(detector, "يفضل الزوار مدنا جبلية مثل سابا في الشتاء.") == ["سابا"]


@pytest.mark.parametrize(("text", "names"), [
    # Bạch Long Vĩ: its last syllable is spelled في, "in"; only the whole is a listed place.
    ("وتضم المناطق البحرية المحمية باخ لونغ في التابعة للمدينة.", ["باخ لونغ في"]),
    # After a place cue, one word and في: Ba Vì; also at the very end of a text.
    ("وتقع القرية في منطقة با في غرب العاصمة.", ["با في"]),
    ("زار الوفد جبل با في", ["با في"]),
    ("زار الوفد جزيرة باخ لونغ في", ["باخ لونغ في"]),
    # Hải Phòng is listed without it: في is the preposition.
    ("وزار الوفد هاي فونغ في الشهر الماضي.", ["هاي فونغ"]),
    # After a person or organisation cue, a name of one word: Công, not the ward Cống Vị.
    ("وقال السيد كونغ في الاجتماع إن المشروع بدأ.", ["كونغ"]),
    ("وقالت شركة كونغ في بيان إن المشروع بدأ.", ["كونغ"]),
])
def test_a_preposition_ends_a_name_only_when_the_gazetteer_lists_the_whole(
        detector: NameDetector, text: str, names: list[str]) -> None:
    assert spans(detector, text) == names

"""Names on documents avet was not tuned on: uncued names whose first word is an Arabic
function word, places written fused, one word read as one syllable, names that end
before the Arabic word after them, and readings that follow the spelling
(toolkit/extract/names.py, namebridge.py, pipeline.py; toolkit/translit tables and
decode.py), with the real transliterator, on sentences written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.names_helpers import spans
from toolkit.extract import Extractor, extract_paths
from toolkit.extract.names import NameDetector
from toolkit.translit import Transliterator


@pytest.mark.parametrize(("text", "name"), [
    # A whole place the gazetteer knows, its first word an Arabic word or none.
    ("تعمل آن جيانغ على تحديث الموانئ.", "آن جيانغ"),
    ("يأتي الزوار من هانوي وآن جيانغ كل صيف.", "آن جيانغ"),
    ("تعاونت المقاطعة مع تاي نغوين وباك كان في التدريب.", "باك كان"),
    ("تواجه مناطق مثل كي سون صعوبات في النقل.", "كي سون"),
    ("يقصد السياح هوي آن في الربيع.", "هوي آن"),
    ("تام كي - افتتحت المدينة مكتبة جديدة.", "تام كي"),
    ("يبيع التجار البضائع في دا نانغ وهوتشي منه بأسعار منخفضة.", "هوتشي منه"),
    # A family name (هو: "he") before a middle name only middle names use (Văn).
    ("ويملك هو فان لام مزرعة كبيرة.", "هو فان لام"),
    ("وكان هو فان لام مديراً للإدارة.", "هو فان لام"),
])
def test_an_uncued_name_starting_with_an_arabic_word_is_read_whole(
        detector: NameDetector, text: str, name: str) -> None:
    assert name in spans(detector, text)


@pytest.mark.parametrize(("text", "fused"), [
    ("تبدأ الرحلة من دالات وتنتهي في الشمال.", "دالات"),
    ("يصل الأرز من كانتو إلى الموانئ.", "كانتو"),
    # Three syllables in one word: a place the gazetteer knows, not an Arabic word.
    ("يزرع المزارعون البن قرب مدينة بوونماتوت منذ عقود.", "بوونماتوت"),
])
def test_a_fused_place_the_gazetteer_confirms_is_a_name_alone(
        detector: NameDetector, text: str, fused: str) -> None:
    assert spans(detector, text) == [fused]


@pytest.mark.parametrize(("text", "wrong"), [
    # هو as "he" or the copula before a name that has no middle-only syllable stays Arabic.
    ("وأشار هو دوك فووك إلى الخطة.", "هو دوك فووك"),
    ("المشروع هو دوك فوك", "هو دوك فوك"),
    # The copula after a definite subject, before Văn: a foreign name (van) or not.
    ("وكان أفضل هداف في البطولة هو فان دايك.", "هو فان دايك"),
    ("ويرى المعلقون أن الهولندي هو فان جال.", "هو فان جال"),
    ("وقال إن صاحب المبادرة هو فان هاي.", "هو فان هاي"),
    # Words after Văn that spell two syllables each (دايك: Đại Kè) are no Vietnamese name.
    ("وقال هو فان دايك إن الفريق جاهز.", "هو فان دايك"),
    # كان ("was") before Arabic words is no place.
    ("إن مدينة كان لها دور كبير.", "كان لها"),
])
def test_a_function_word_without_that_evidence_stays_arabic(
        detector: NameDetector, text: str, wrong: str) -> None:
    assert not any(s.startswith(wrong.split()[0] + " ") for s in spans(detector, text))


@pytest.mark.parametrize(("text", "name"), [
    # A verb spelling three syllables in one word ends the name before it.
    ("قال المسؤول إن منطقة تاي نغوين تمتلك إمكانات كبيرة.", "تاي نغوين"),
    ("وقامت شركة فيتيل بتركيب محطات جديدة.", "فيتيل"),
    # A long loanword written fused (longan, ginseng) is no syllable of the name after it.
    ("يصدر المزارعون منتجات لونجان هونغ ين إلى الخارج.", "هونغ ين"),
    ("تضم المنطقة مزارع جينسنغ نغوك لينه الشهيرة.", "نغوك لينه"),
    ("وأكد المسؤول أن تاي نينه ستكون من المقاطعات الأولى.", "تاي نينه"),
])
def test_a_name_ends_before_the_arabic_word_after_it(
        detector: NameDetector, text: str, name: str) -> None:
    found = spans(detector, text)
    assert name in found
    assert not any(name in s and s != name for s in found)


@pytest.mark.parametrize("word", ["تمتلك", "بتركيب", "إمكانات", "دلتا"])
def test_an_arabic_word_read_as_three_fused_syllables_is_not_name_like(
        translit: Transliterator, word: str) -> None:
    assert translit.name_likelihood([word]) < 0.07


def test_a_place_the_gazetteer_knows_written_fused_is_name_like(
        translit: Transliterator) -> None:
    # بوونماتوت parses only as three syllables, like تمتلك, but reads as Buôn Ma Thuột.
    assert translit.name_likelihood(["بوونماتوت"]) >= 0.15
    assert translit.ar_to_vi("بوونماتوت", top=1)[0].text == "Buôn Ma Thuột"


@pytest.mark.parametrize(("ar", "vi"), [
    # خ after a vowel spells the coda ch: one syllable, not Ba Khê.
    ("ماي شوان باخ", "Mai Xuân Bách"),
    ("ثاخ", "Thạch"),
])
def test_a_word_that_spells_one_syllable_is_read_as_one(
        translit: Transliterator, ar: str, vi: str) -> None:
    found = translit.ar_to_vi(ar, top=3)
    assert found[0].text == vi
    assert len(found[0].text.split()) == len(ar.split())


def test_nun_alone_spells_n_not_nh(translit: Transliterator) -> None:
    # نه spells nh; ن alone is n: نين is not Nhiên however common that name is.
    found = [c.text for c in translit.ar_to_vi("هو فان نين", top=5, kind="person")]
    assert found[0] != "Hồ Văn Nhiên"
    assert "Hồ Văn Niên" in found


def test_a_place_written_fused_and_spaced_is_one_entry(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "زار الوفد مدينة كان ثو أمس. ويأتي التجار من كانتو كل أسبوع.", encoding="utf-8")
    found = extract_paths([tmp_path / "a.txt"], Extractor([])).candidates
    names = [x for x in found if x.origin == "name"]
    assert len(names) == 1
    assert names[0].entry.term("vi") == "Cần Thơ"
    assert names[0].entry.kind == "place"
    assert set(names[0].entry.forms["ar"].all_admitted()) == {"كان ثو", "كانتو"}


def test_two_places_spelled_alike_confirm_a_place(tmp_path: Path) -> None:
    # تشاو دوك reads as Châu Đốc or Châu Đức, both places: a place, though Châu is a
    # family name.
    (tmp_path / "a.txt").write_text(
        "يزور الحجاج معبد تشاو دوك كل ربيع. وتشتهر تشاو دوك بالسمك.", encoding="utf-8")
    found = extract_paths([tmp_path / "a.txt"], Extractor([])).candidates
    names = {x.entry.term("ar"): x.entry for x in found if x.origin == "name"}
    assert names["تشاو دوك"].kind == "place"


def test_a_place_the_gazetteer_confirms_is_one_entry_however_spelled(tmp_path: Path) -> None:
    # جيا and زا both spell Gia: the skeletons differ, the confirmed place is one.
    (tmp_path / "a.txt").write_text(
        "زار الوفد مقاطعة جيا لاي أمس. ويزرع المزارعون البن في زا لاي منذ عقود.",
        encoding="utf-8")
    found = extract_paths([tmp_path / "a.txt"], Extractor([])).candidates
    names = [x.entry for x in found if x.origin == "name"]
    assert [(e.term("vi"), e.kind) for e in names] == [("Gia Lai", "place")]
    assert set(names[0].forms["ar"].all_admitted()) == {"جيا لاي", "زا لاي"}

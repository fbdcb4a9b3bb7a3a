"""Names the gazetteer lists beyond provinces and districts: landmarks and regions,
hospitals, brands written with an Arabic word (فيتين بنك), exonyms (ميكونغ، هيو), places
joined by a dash (Bà Rịa – Vũng Tàu); and where a name stops: at a line break, and a
one-word place only when it is a province, city or district. The real transliterator,
on sentences written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.names_helpers import extracted_names as _names
from tests.unit.names_helpers import spans
from toolkit.extract import Extractor, extract_paths
from toolkit.extract.names import NameDetector
from toolkit.extract.tokenize import tokenize
from toolkit.translit import Transliterator, to_english


@pytest.mark.parametrize(("ar", "vi"), [
    ("تو بون", "Thu Bồn"), ("تشو لاي", "Chu Lai"), ("با دين", "Bà Đen"),
    ("نوي كوك", "Núi Cốc"), ("فو هين", "Phố Hiến"),
])
def test_a_landmark_reads_as_the_listed_place(translit: Transliterator, ar: str, vi: str) -> None:
    assert translit.ar_to_vi(ar, top=1, kind="place")[0].text == vi


@pytest.mark.parametrize(("text", "ar"), [
    ("وقدم فيتين بنك قروضا ميسرة للتعاونيات.", "فيتين بنك"),
    ("وأطلق فيتكوم بنك تطبيقا جديدا للدفع.", "فيتكوم بنك"),
    ("ووقعت المقاطعة اتفاقا مع اغري بنك أمس.", "اغري بنك"),
])
def test_a_brand_written_with_an_arabic_word_is_read_whole(
        detector: NameDetector, text: str, ar: str) -> None:
    assert spans(detector, text) == [ar]


def test_a_listed_brand_reads_only_as_listed(translit: Transliterator) -> None:
    assert [c.text for c in translit.ar_to_vi("فيتين بنك")] == ["VietinBank"]


def test_a_listed_hospital_after_its_cue_is_an_organisation(tmp_path: Path) -> None:
    found = _names(tmp_path, "وزار الوزير مستشفى تشو راي ومستشفى باك كان العام.")
    assert (found["تشو راي"].entry.kind, found["تشو راي"].entry.term("vi")) == ("org", "Chợ Rẫy")
    assert found["باك كان"].entry.kind == "place"


def test_an_exonym_reads_as_its_place_with_its_english_form(tmp_path: Path) -> None:
    found = _names(tmp_path, "ويزور السياح ميكونغ في كل موسم.")
    assert (found["ميكونغ"].entry.term("vi"), found["ميكونغ"].entry.term("en")) == (
        "Mê Kông", "Mekong")


@pytest.mark.parametrize("text", [
    # هيو is also Hugh: the English spelling of Huế is no exonym of its own.
    "ونقلت الصحف عن الممثل هيو جاكمان زيارته للمعبد.",
    # A brand written as one word after a cue is no landmark (فينمك: not Vịnh Mốc).
    "وأطلق مستشفى فينمك الدولي خدمات جديدة.",
])
def test_a_foreign_name_is_no_listed_place(detector: NameDetector, text: str) -> None:
    assert spans(detector, text) == []


def test_the_english_form_of_an_exonym() -> None:
    assert (to_english("Việt Nam"), to_english("Mê Kông")) == ("Vietnam", "Mekong")


@pytest.mark.parametrize(("text", "name"), [
    ("زار الوفد مقاطعة با ريا - فونغ تاو أمس.", "با ريا - فونغ تاو"),
    ("وتضم حديقة فونغ نها – كي بانغ الوطنية كهوفا كثيرة.", "فونغ نها – كي بانغ"),
])
def test_places_joined_by_a_dash_are_one_listed_place(
        detector: NameDetector, text: str, name: str) -> None:
    assert spans(detector, text) == [name]


def test_a_route_between_two_places_stays_two_names(detector: NameDetector) -> None:
    assert spans(detector, "افتتح خط الحافلات هانوي - هاي فونغ اليوم.") == ["هانوي", "هاي فونغ"]


@pytest.mark.parametrize(("text", "types"), [
    ("أ\n\nب", ["ar", "sep", "ar"]),
    ("أ\n \n\nب", ["ar", "sep", "ar"]),
    ("أ\nب", ["ar", "ar"]),
])
def test_a_blank_line_is_a_separator_and_a_wrapped_line_is_not(
        text: str, types: list[str]) -> None:
    assert [t.type for t in tokenize(text)] == types


def test_a_name_ends_with_its_paragraph(detector: NameDetector) -> None:
    # A title that ends with a name, a blank line, the dateline: the names stay apart.
    found = spans(detector, "التعليم الرقمي يصل إلى قرى لاو كاي\n\nهانوي (VNA) – أعلنت الوزارة")
    assert found == ["لاو كاي", "هانوي"]


def test_a_name_wrapped_over_two_lines_is_read_whole(detector: NameDetector) -> None:
    found = spans(detector, "وزار نائب رئيس الوزراء تران\nهونغ ها المدينة.")
    assert [" ".join(s.split()) for s in found] == ["تران هونغ ها"]


@pytest.mark.parametrize("dash", ["-", "\u2013"])
def test_a_dashed_place_of_the_starter_is_one_entry(tmp_path: Path, dash: str) -> None:
    from glossary.starter import load_starter_termbase

    (tmp_path / "a.txt").write_text(f"زار الوفد مقاطعة با ريا {dash} فونغ تاو أمس.",
                                    encoding="utf-8")
    found = extract_paths([tmp_path / "a.txt"], Extractor(load_starter_termbase())).candidates
    assert [x.entry.term("vi") for x in found if x.entry.kind == "place"] == ["Bà Rịa – Vũng Tàu"]


def test_a_dashed_starter_place_after_another_name_is_read(tmp_path: Path) -> None:
    # The starter's Bà Rịa – Vũng Tàu beside a name-like word (نينه ثوان وبا ريا …):
    # the check for a longer name around it walked onto the dash and stopped the run.
    from glossary.starter import load_starter_termbase

    (tmp_path / "a.txt").write_text(
        "زار الوفد مقاطعتي نينه ثوان وبا ريا - فونغ تاو الأسبوع الماضي.", encoding="utf-8")
    found = extract_paths([tmp_path / "a.txt"], Extractor(load_starter_termbase())).candidates
    assert "Bà Rịa – Vũng Tàu" in [x.entry.term("vi") for x in found
                                   if x.entry.kind == "place"]


def test_a_one_word_place_is_a_province_city_or_district(detector: NameDetector) -> None:
    # ننهي ("we finish") reads as the economic zone Nhơn Hội written as one word.
    assert spans(detector, "أما الآن فننهي الإجراءات في دقائق.") == []
    assert spans(detector, "يقصد الزوار دالات في الربيع.") == ["دالات"]

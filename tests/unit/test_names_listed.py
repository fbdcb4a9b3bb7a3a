"""Names the gazetteer lists beyond provinces and districts: landmarks and regions,
hospitals, brands written with an Arabic word (فيتين بنك), exonyms (ميكونغ، هيو), places
joined by a dash (Bà Rịa – Vũng Tàu); and where a name stops: at a line break, and a
one-word place only when it is a province, city or district. The real transliterator,
on sentences written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.names_helpers import spans
from toolkit.extract import Extractor, extract_paths
from toolkit.extract.names import NameDetector
from toolkit.extract.pipeline import Extracted
from toolkit.extract.tokenize import tokenize
from toolkit.translit import Transliterator, to_english


def _names(tmp_path: Path, text: str) -> dict[str, Extracted]:
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    found = extract_paths([tmp_path / "a.txt"], Extractor([])).candidates
    return {x.entry.term("ar"): x for x in found if x.origin == "name"}


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


@pytest.mark.parametrize(("ar", "vi", "en"), [("ميكونغ", "Mê Kông", "Mekong"),
                                               ("هيو", "Huế", "Hue")])
def test_an_exonym_reads_as_its_place_with_its_english_form(
        tmp_path: Path, ar: str, vi: str, en: str) -> None:
    found = _names(tmp_path, f"ويزور السياح {ar} في كل موسم.")
    assert (found[ar].entry.term("vi"), found[ar].entry.term("en")) == (vi, en)


def test_an_exonym_is_not_read_in_a_persons_name(translit: Transliterator) -> None:
    assert translit.ar_to_vi("نجوين فان هيو", top=1, kind="person")[0].text != "Nguyễn Văn Huế"


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


def test_a_line_break_is_a_separator() -> None:
    assert [t.type for t in tokenize("أ\nب")] == ["ar", "sep", "ar"]


def test_a_name_ends_with_its_line(detector: NameDetector) -> None:
    # A title that ends with a name, then the dateline: the names stay apart.
    found = spans(detector, "التعليم الرقمي يصل إلى قرى لاو كاي\nهانوي (VNA) – أعلنت الوزارة")
    assert found == ["لاو كاي", "هانوي"]


def test_a_one_word_place_is_a_province_city_or_district(detector: NameDetector) -> None:
    # ننهي ("we finish") reads as the economic zone Nhơn Hội written as one word.
    assert spans(detector, "أما الآن فننهي الإجراءات في دقائق.") == []
    assert spans(detector, "يقصد الزوار دالات في الربيع.") == ["دالات"]

"""Names after a definite head noun (المنطقة الصناعية تران دي) or a landmark word (جسر،
نفق), a person's name right after a listed place (لمقاطعة بينه دينه فو تان لوك), a long
run after a bridging word, a particle that spells a listed place's first syllable after
a place cue (غابة أو مينه ثونغ), and one name spelled two ways that read differently
(دانغ مين كوانغ، دانغ مينه كوانغ). The real transliterator, on sentences written for
these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.names_helpers import extracted_names as _names
from tests.unit.names_helpers import name_readings as _read
from tests.unit.names_helpers import spans
from toolkit.extract.names import NameDetector


@pytest.mark.parametrize(("text", "ar", "vi"), [
    # a common family name (Trần, Vũ) after a place noun that has the article and an
    # adjective: the place's name, not a person's
    ("وتوسعت المنطقة الصناعية تران دي هذا العام.", "تران دي", "Trần Đề"),
    ("ويستقبل الميناء البحري العميق فونغ آنغ سفنا كبيرة.", "فونغ آنغ", "Vũng Áng"),
    # a landmark word: a bridge, a tunnel
    ("وافتتح جسر فونغ تشاو الجديد أمام المركبات.", "فونغ تشاو", "Phong Châu"),
    ("واختصر نفق ديو كا الطريق بين المقاطعتين.", "ديو كا", "Đèo Cả"),
])
def test_a_name_after_a_place_head_is_a_place(tmp_path: Path, text: str, ar: str,
                                              vi: str) -> None:
    assert _read(tmp_path, text)[ar] == ("place", vi)


@pytest.mark.parametrize("text", [
    "وقال مدير الشركة الوطنية نغوين فان آن إن الأرباح زادت.",
    "وقالت الشركة الوطنية نغوين هوانغ إن الأرباح زادت.",
])
def test_a_person_after_an_organisation_head_stays_a_person(tmp_path: Path, text: str) -> None:
    assert [kind for kind, _ in _read(tmp_path, text).values()] == ["person"]


def test_a_listed_company_named_after_a_place_is_an_organisation(tmp_path: Path) -> None:
    assert _read(tmp_path, "واقترحت مجموعة ديو كا تنفيذ المشروع.")["ديو كا"] == ("org", "Đèo Cả")


@pytest.mark.parametrize(("text", "place", "person"), [
    # Phú Tân is a listed place, but only one word follows it: Võ Tấn Lộc
    ("وقال رئيس اللجنة الشعبية لمقاطعة بينه دينه فو تان لوك إن العمل بدأ.",
     "بينه دينه", "فو تان لوك"),
    # دونج (also the currency) starts a place after a cue though a person follows
    ("وقالت نائبة رئيس اللجنة الشعبية لمقاطعة دونج ناي لي ثي هونغ إن العمل بدأ.",
     "دونج ناي", "لي ثي هونغ"),
    # a place of two listed places and a person after them
    ("وقال رئيس اللجنة الشعبية لمقاطعة با ريا فونغ تاو فام فان هاي إن العمل بدأ.",
     "با ريا فونغ تاو", "فام فان هاي"),
])
def test_a_person_right_after_a_listed_place_is_cut_from_it(
        detector: NameDetector, text: str, place: str, person: str) -> None:
    assert spans(detector, text) == [place, person]


def test_a_family_name_that_is_an_arabic_word_starts_a_four_word_name(tmp_path: Path) -> None:
    # Thị is only a middle name: هو is Hồ, not "he", before Thị and two given names
    assert _read(tmp_path, "وتدير هو ثي كيم لين متجرا صغيرا.") == {
        "هو ثي كيم لين": ("person", "Hồ Thị Kim Liên")}


def test_a_particle_after_a_place_cue_spells_a_listed_place(tmp_path: Path) -> None:
    assert _read(tmp_path, "وتضررت غابة أو مينه ثونغ من الجفاف.") == {
        "أو مينه ثونغ": ("place", "U Minh Thượng")}


@pytest.mark.parametrize("text", [
    "وسافر الوفد إلى الغابة أو إلى النهر.",
    "وبلغت قيمة الصادرات خمسة مليارات دونج هذا العام.",
    "وقال إنه لو أن المشروع تأخر لتضرر المزارعون.",
])
def test_arabic_words_start_no_name(detector: NameDetector, text: str) -> None:
    assert spans(detector, text) == []


def test_one_name_spelled_two_ways_is_one_entry_read_from_both(tmp_path: Path) -> None:
    names = _names(tmp_path, "وقال السيد دانغ مين كوانغ إن الطريق جاهز. وأكد دانغ مينه "
                             "كوانغ، وزير البناء، أن العمل مستمر.")
    assert len(names) == 1
    entry = next(iter(names.values())).entry
    assert set(entry.forms["ar"].all_admitted()) == {"دانغ مين كوانغ", "دانغ مينه كوانغ"}
    # مين alone reads Mến first; مينه is Minh, and both spellings rank the readings
    assert entry.term("vi") == "Đặng Minh Quang"


@pytest.mark.parametrize("text", [
    "ووصل الوفد إلى هو تشي منه أمس.",
    "وقال إن هو تشي منه تستقبل ملايين الزوار.",
])
def test_ho_chi_minh_city_without_a_cue_is_read_whole(tmp_path: Path, text: str) -> None:
    # منه is also "from him": it ends a listed place after a strong word
    assert _read(tmp_path, text) == {"هو تشي منه": ("place", "Hồ Chí Minh")}


@pytest.mark.parametrize("text", [
    "وقال إنه كان منه أن يغادر المدينة.",  # كان منه: "it was his", not ك + An Minh
    "وعاد إلى هو منه وحده.",
])
def test_bridging_words_alone_read_no_listed_place(detector: NameDetector, text: str) -> None:
    assert spans(detector, text) == []


@pytest.mark.parametrize(("text", "ar", "vi"), [
    # a person in apposition after a definite place noun: not a listed place
    ("وقال الصياد في الميناء البحري نغوين نام إن الموسم جيد.", "نغوين نام", "Nguyễn Nam"),
    ("وقال العامل في المنطقة الصناعية لي هوا إن الأجور ارتفعت.", "لي هوا", "Lê Hòa"),
    # the copula هو before a family name (Phan) and two given names
    ("وكان أفضل لاعب هو فان تشي ثانه.", "فان تشي ثانه", "Phan Chí Thanh"),
])
def test_a_person_stays_a_person(tmp_path: Path, text: str, ar: str, vi: str) -> None:
    assert _read(tmp_path, text) == {ar: ("person", vi)}


@pytest.mark.parametrize(("text", "expected"), [
    # a preposition after a place cue spells a listed place only when the whole run is it
    ("وأكبر مدينة في ثانه هوا هي العاصمة.", ["ثانه هوا"]),
    # a place written without its dash, then an Arabic word read as a name word
    ("ورست في مقاطعة با ريا فونغ تاو سفن الحاويات.", ["با ريا فونغ تاو"]),
    # a list of provinces without commas, place by place
    ("وتشمل المقاطعات تاي بينه ها نام نام دينه.", ["تاي بينه", "ها نام", "نام دينه"]),
    ("في نينه ثوان فان رانغ تاب تشام الجديدة", ["نينه ثوان", "فان رانغ تاب تشام"]),
])
def test_places_in_a_row(detector: NameDetector, text: str, expected: list[str]) -> None:
    assert spans(detector, text) == expected



@pytest.mark.parametrize(("text", "ar"), [
    # a person whose name starts like a listed district, with no cue that vouches for it
    ("وقالت الممثلة هوانغ ماي ثو ها إن الفيلم نجح.", "هوانغ ماي ثو ها"),  # Hoàng Mai
    ("وقال لاعب الوسط ها ترونغ كيين آنه إن الفريق فاز.", "ها ترونغ كيين آنه"),  # Hà Trung
])
def test_a_person_named_like_a_place_stays_whole(detector: NameDetector, text: str,
                                                  ar: str) -> None:
    assert spans(detector, text) == [ar]


def test_a_hospital_named_after_two_places_stays_whole(detector: NameDetector) -> None:
    assert spans(detector, "وافتتح مستشفى ها نوي فيت دوك قسما جديدا.") == ["ها نوي فيت دوك"]


def test_a_list_of_provinces_after_their_cue_is_cut_place_by_place(
        detector: NameDetector) -> None:
    text = "وتشمل مقاطعات ين باي لاو كاي ها جيانغ كاو بانغ البرنامج."
    assert spans(detector, text) == ["ين باي", "لاو كاي", "ها جيانغ", "كاو بانغ"]

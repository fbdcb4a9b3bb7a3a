"""Name edges found in held-out reading: an imperfect verb in ي after a name (يخدم) is
no syllable; a listed place whose words are all Arabic too (دين بين: Điện Biên, "religion"
and "between") is read after a place cue; occupations before a name (المزارع، الطالبة)
make it a person's; a station (محطة) makes a place; an industrial park (المجمع الصناعي)
is a place, also when its abbreviation in brackets stands between it and the name. The
real transliterator, on sentences written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.names_helpers import name_readings as _read


@pytest.mark.parametrize(("text", "ar", "vi"), [
    ("وأنشئ ميناء جاف في مقاطعة ها نام يخدم المصانع القريبة.", "ها نام", "Hà Nam"),
    ("وتقع بلدة ثانه هوا يضم سوقها مئات الأكشاك.", "ثانه هوا", "Thanh Hóa"),
])
def test_an_imperfect_verb_after_a_place_is_no_syllable(tmp_path: Path, text: str, ar: str,
                                                        vi: str) -> None:
    assert _read(tmp_path, text) == {ar: ("place", vi)}


@pytest.mark.parametrize("text", [
    "وزرع الفلاحون الأرز في مقاطعة دين بين، حسب التقرير.",
    "وتوسعت المزارع بمقاطعة دين بين في العام الماضي.",
])
def test_a_listed_place_spelled_with_arabic_words_is_read_after_a_place_cue(
        tmp_path: Path, text: str) -> None:
    assert _read(tmp_path, text)["دين بين"] == ("place", "Điện Biên")


def test_the_same_words_without_a_cue_stay_arabic(tmp_path: Path) -> None:
    text = "ولا فرق في الدين بين الناس، كما قال الخطيب."
    assert _read(tmp_path, text) == {}


@pytest.mark.parametrize(("text", "ar", "vi"), [
    ("وقالت الطالبة هو ثي ماي إن الدروس الرقمية مفيدة.", "هو ثي ماي", "Hồ Thị Mai"),
    ("وأوضحت الطبيبة لو ثي هوا أن العيادة تعمل ليلا.", "لو ثي هوا", "Lò Thị Hoa"),
])
def test_an_occupation_before_a_name_makes_a_person(tmp_path: Path, text: str, ar: str,
                                                    vi: str) -> None:
    kind, reading = _read(tmp_path, text)[ar]
    assert kind == "person"
    assert reading.split()[1:] == vi.split()[1:]


@pytest.mark.parametrize(("text", "ar"), [
    ("وبنيت المخازن قرب محطة دونغ دانغ على الخط الدولي.", "دونغ دانغ"),
    ("وتستقبل المنطقة مصانع المجمع الصناعي فان ترونغ منذ العام الماضي.", "فان ترونغ"),
    ("وتستقبل المنطقة مصانع المجمع الصناعي (KCN) فان ترونغ منذ العام الماضي.", "فان ترونغ"),
])
def test_a_station_or_an_industrial_park_is_a_place(tmp_path: Path, text: str, ar: str) -> None:
    assert _read(tmp_path, text)[ar][0] == "place"

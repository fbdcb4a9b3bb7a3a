"""Name edges found in held-out reading: a listed place whose words are all Arabic too
(دين بين: Điện Biên, "religion" and "between") is read after a place cue where its phrase
ends; a station (محطة) makes a place; an occupation (الطالب) is no cue. The real
transliterator, on sentences written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.names_helpers import name_readings as _read


@pytest.mark.parametrize("text", [
    "وزرع الفلاحون الأرز في مقاطعة دين بين، حسب التقرير.",
    "وتوسعت المزارع بمقاطعة دين بين الجبلية في العام الماضي.",
])
def test_a_listed_place_spelled_with_arabic_words_is_read_after_a_place_cue(
        tmp_path: Path, text: str) -> None:
    assert _read(tmp_path, text)["دين بين"] == ("place", "Điện Biên")


def test_the_same_words_without_a_cue_stay_arabic(tmp_path: Path) -> None:
    text = "ولا فرق في الدين بين الناس، كما قال الخطيب."
    assert _read(tmp_path, text) == {}


@pytest.mark.parametrize("text", [
    # the phrase goes on after the words: Arabic ("was done between", "became six", "then not")
    "وتقع المدرسة في قرية تم بين عامي 2019 و2021 وربطت بالشبكة.",
    "ووصل الوفد إلى قرية بات ست من أسرها بلا مأوى.",
    "وإذا ضرب الإعصار منطقة فإن لم تتوفر فيها الملاجئ تضاعفت الخسائر.",
    # foreign capitals are Arabic words, no Vietnamese syllables
    "وعاد الوفد من بيونغ يانغ بعد زيارة استمرت ثلاثة أيام.",
    "وعاد الوفد من بنوم بنه بعد زيارة استمرت ثلاثة أيام.",
])
def test_arabic_words_after_a_place_cue_are_no_listed_place(tmp_path: Path, text: str) -> None:
    assert _read(tmp_path, text) == {}


@pytest.mark.parametrize("text", [
    # an occupation is no cue: Arabic puts the verb first, and its object may be a place
    "وزار الطالب هانوي للمرة الأولى مع والديه.",
    "وزار الطبيب دا نانغ في الربيع.",
])
def test_a_place_after_an_occupation_stays_a_place(tmp_path: Path, text: str) -> None:
    assert [kind for kind, _ in _read(tmp_path, text).values()] == ["place"]


def test_a_station_makes_a_place(tmp_path: Path) -> None:
    text = "وبنيت المخازن قرب محطة دونغ دانغ على الخط الدولي."
    assert _read(tmp_path, text)["دونغ دانغ"][0] == "place"

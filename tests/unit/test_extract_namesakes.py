"""Names of schools, hospitals and streets named after historical figures (places.tsv
level ``namesake``), with the real transliterator, on sentences written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.names_helpers import name_readings, spans
from toolkit.extract.names import NameDetector


@pytest.mark.parametrize(("text", "ar", "vi"), [
    # دون ("without") ends the name: the school's adjective follows, not an object
    ("وحصلت مدرسة لي كوي دون الثانوية على جائزتين.", "لي كوي دون", "Lê Quý Đôn"),
    ("واحتفلت مدرسة فان بوي تشاو الثانوية بالطلاب.", "فان بوي تشاو", "Phan Bội Châu"),
    ("وأعلنت أكاديمية توي تينه للطب التقليدي عن خطة.", "توي تينه", "Tuệ Tĩnh"),
])
def test_a_namesake_reads_as_its_figure_and_keeps_the_cue_kind(
        tmp_path: Path, text: str, ar: str, vi: str) -> None:
    assert name_readings(tmp_path, text)[ar] == ("org", vi)


def test_a_person_of_today_is_not_read_as_a_namesake(tmp_path: Path) -> None:
    text = "وقالت السيدة هوانغ هوا ثام، مديرة التعاونية، إن الإنتاج ارتفع."
    assert name_readings(tmp_path, text)["هوانغ هوا ثام"] == ("person", "Hoàng Hòa Thắm")


@pytest.mark.parametrize(("text", "wrong"), [
    # دون before a noun that is no adjective of the cue is "without"
    ("وتعمل مدرسة تران فو دون الحاجة إلى دعم.", "تران فو دون"),
    # هو "he" after an organisation cue, before an adjective, names nothing alone
    ("وافتتح مستشفى هو الوطني قسما جديدا.", "هو"),
    # a copula before the predicate's adjective is no syllable of the name
    ("وتعد مقاطعة باك نينه هي الأولى في البلاد.", "باك نينه هي"),
    ("وقال إن مستشفى باخ ماي هو الرئيسي في الشمال.", "باخ ماي هو"),
])
def test_a_bridging_word_before_another_word_stays_arabic(
        detector: NameDetector, text: str, wrong: str) -> None:
    assert wrong not in spans(detector, text)

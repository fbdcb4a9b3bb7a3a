"""Where a name stops at an Arabic word by its shape: a country written with its article
(الكويت) leaves كويت to the syllable Quyết, but رياض (kindergartens) stays a word; a weak
token that has no long vowel and spells no single syllable (لنسج "for weaving", فقد "has
lost") is a cluster of consonants, no name word, while an ethnic syllable with a vowel
letter (مغار: M'gar) still joins. The real transliterator, on sentences written for these
tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.names_helpers import name_readings as _read


def test_a_given_name_spelled_like_a_country_without_its_article_is_read(tmp_path: Path) -> None:
    text = "وقال سكرتير لجنة الحزب في المقاطعة السيد تونغ فان كويت إن الفقر تراجع."
    assert _read(tmp_path, text) == {"تونغ فان كويت": ("person", "Tống Văn Quyết")}


@pytest.mark.parametrize(("text", "ar", "vi"), [
    ("وأدرجت المدينة قرية فان فوك لنسج الحرير ضمن الجولات.", "فان فوك", "Vạn Phúc"),
    ("وتضررت مقاطعة بينه دينه فقد انهارت عدة منازل.", "بينه دينه", "Bình Định"),
])
def test_a_consonant_cluster_after_a_name_is_no_part_of_it(tmp_path: Path, text: str, ar: str,
                                                          vi: str) -> None:
    assert _read(tmp_path, text) == {ar: ("place", vi)}


def test_a_weak_ethnic_syllable_with_a_vowel_letter_still_joins(tmp_path: Path) -> None:
    text = "وزار الوفد منطقة كو مغار في مقاطعة داك لاك."
    assert "كو مغار" in _read(tmp_path, text)


@pytest.mark.parametrize(("text", "ar", "vi"), [
    ("وزارت نائبة الوزير فام ثي ثانه رياض الأطفال في البلدية.", "فام ثي ثانه", "Phạm Thị Thanh"),
    ("وقال السيد تونغ فان كويت إن وفدا من الكويت زار المقاطعة.", "تونغ فان كويت",
     "Tống Văn Quyết"),
])
def test_a_word_spelled_like_a_city_without_its_article_stays_a_word(
        tmp_path: Path, text: str, ar: str, vi: str) -> None:
    # رياض (رياض الأطفال: kindergartens) is a word; only الرياض, the city, owns its ال.
    assert _read(tmp_path, text) == {ar: ("person", vi)}

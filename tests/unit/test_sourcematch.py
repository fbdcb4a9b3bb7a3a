"""The entries a source line asks for (toolkit.sourcematch)."""

from __future__ import annotations

import pytest

from glossary.model import Entry, Forms
from toolkit.extract.data import particles
from toolkit.extract.names import reads_particle
from toolkit.extract.tokenize import light_ar
from toolkit.glossary_source import GlossaryIndex
from toolkit.postedit import postedit_line
from toolkit.qa import check_lines
from toolkit.sourcematch import SourceMatcher


def _entry(i: int, kind: str, ar: str, vi: str, en: str) -> Entry:
    return Entry(id=i, kind=kind, status="approved",
                 forms={"ar": Forms(preferred=ar), "vi": Forms(preferred=vi),
                        "en": Forms(preferred=en)})


ENTRIES = [_entry(1, "place", "ثانه هوا", "Thanh Hóa", "Thanh Hoa"),
           _entry(2, "place", "هوا بينه", "Hòa Bình", "Hoa Binh"),
           _entry(3, "place", "لونغ آن", "Long An", "Long An"),
           _entry(4, "person", "تو لام", "Tô Lâm", "To Lam"),
           _entry(5, "place", "هانوي", "Hà Nội", "Hanoi")]


@pytest.fixture(scope="module")
def ar_vi() -> GlossaryIndex:
    return GlossaryIndex(ENTRIES, "ar", "vi")


@pytest.fixture(scope="module")
def ar_en() -> GlossaryIndex:
    return GlossaryIndex(ENTRIES, "ar", "en")


@pytest.mark.parametrize(("source", "asked"), [
    # A place inside a person's name: after a person cue, or after a family name.
    ("وقالت السيدة نجوين ثي ثانه هوا إن القاعدة جاهزة", []),
    ("وأشار السيد نجوين هوا بينه إلى أهمية الخطة", []),
    ("وقال نجوين ثانه هوا إن الخطة جاهزة", []),
    ("وقال السيد هوا بينه إن الخطة جاهزة", []),
    # A place after a place cue or a preposition, or with a proclitic, is asked for.
    ("زار الوفد مقاطعة ثانه هوا أمس", ["ثانه هوا"]),
    ("عقد اجتماع في ثانه هوا", ["ثانه هوا"]),
    ("زار الوفد ثانه هوا وهوا بينه", ["ثانه هوا", "هوا بينه"]),
    # A person after a cue is that person; after other name tokens, someone else.
    ("التقى السيد تو لام بالوفد", ["تو لام"]),
    ("التقى السيد نجوين تو لام بالوفد", []),
    # The conjunction أن is no syllable آن (An); the name written with آن is.
    ("وأكد السيد لي ثانه لونغ أن الخطة تسير وفق الجدول", []),
    ("زار الوفد مقاطعة لونغ آن", ["لونغ آن"]),
    # A place written as one word (fused) is no syllable of a name: the verb's object.
    ("زار السيد نجوين هانوي أمس", ["هانوي"]),
    ("وزارت السيدة نجوين ثي هانوي", ["هانوي"]),
])
def test_source_matches_leave_out_false_names(ar_vi: GlossaryIndex, source: str,
                                              asked: list[str]) -> None:
    assert [m.surface for m in SourceMatcher(ar_vi).find(source)] == asked


def test_place_inside_a_persons_name_is_not_edited(ar_vi: GlossaryIndex) -> None:
    source = "وقالت السيدة نجوين ثي ثانه هوا إن قاعدة البيانات تربط الآن جميع المقاطعات."
    target = "Bà Nguyễn Thị Thanh Hoa cho biết cơ sở dữ liệu nay kết nối tất cả các tỉnh."
    result = postedit_line(source, target, ar_vi)
    assert (result.text, result.edits, result.missing) == (target, [], [])
    assert check_lines([source], [target], ar_vi) == []
    # The province itself is still enforced.
    fixed = postedit_line("زار الوفد مقاطعة ثانه هوا.", "Đoàn thăm tỉnh Thanh Hoa.", ar_vi)
    assert fixed.text == "Đoàn thăm tỉnh Thanh Hóa."


def test_particle_is_no_syllable_of_a_place(ar_en: GlossaryIndex) -> None:
    source = "وأكد السيد لي ثانه لونغ أن الخطة تسير وفق الجدول."
    assert check_lines([source], ["Mr. Le Thanh Long affirmed that the plan is on schedule."],
                       ar_en) == []
    [match] = ar_en.find_source(source)  # the letter-folding matcher alone reads it as Long An
    assert reads_particle([match.form], [light_ar(w) for w in match.surface.split()])


def test_particle_table_is_written_with_hamza() -> None:
    assert {"\u0623\u0646", "\u0625\u0646"} <= particles()  # أن إن
    assert "\u0622\u0646" not in particles()  # آن is a syllable (An)

"""The kind of a new name that no cue word introduces: a place the gazetteer lists is a
place (read with place priors), unless a person cue or title stands by one of its
occurrences or it reads as a person's name with a middle name, and a company cue (شركة)
keeps its own name an organisation's.
Sentences written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.names_helpers import name_readings as name_entries


@pytest.mark.parametrize(("text", "ar", "vi"), [
    # a family name first (Lâm, Hà, Đồng): the whole name is still a listed place
    ("وزار الوفد لام دونغ الأسبوع الماضي.", "لام دونغ", "Lâm Đồng"),
    ("وصلت الأمطار إلى ها زانغ أمس.", "ها زانغ", "Hà Giang"),
    ("وتقع دونغ فان في الشمال.", "دونغ فان", "Đồng Văn"),
    ("وزار الوفد تونغ دونغ أمس.", "تونغ دونغ", "Tương Dương"),
    # three syllables without a middle name
    ("وزار الوفد مو كاي نام أمس.", "مو كاي نام", "Mỏ Cày Nam"),
])
def test_a_listed_place_without_a_cue_is_a_place(tmp_path: Path, text: str, ar: str,
                                                 vi: str) -> None:
    assert name_entries(tmp_path, text)[ar] == ("place", vi)


@pytest.mark.parametrize(("text", "ar"), [
    ("وقال السيد لام دونغ إن الوفد وصل.", "لام دونغ"),
    # the cue stands by one occurrence only: the other one is the same person
    ("وقال السيد لام دونغ إن الوفد وصل. ثم غادر لام دونغ القاعة.", "لام دونغ"),
    ("وقالت السيدة ها زانغ إن المشروع بدأ.", "ها زانغ"),
])
def test_a_person_cue_keeps_a_person(tmp_path: Path, text: str, ar: str) -> None:
    assert name_entries(tmp_path, text)[ar][0] == "person"


@pytest.mark.parametrize(("text", "ar"), [
    # Hoàng Văn Thụ and Trần Văn Thời are places too, named after persons: a middle
    # name (Văn) keeps a name that no cue introduces a person's.
    ("وزار هوانغ فان ثو المدرسة أمس.", "هوانغ فان ثو"),
    ("وزار تران فان ثوي المدرسة أمس.", "تران فان ثوي"),
])
def test_a_middle_name_keeps_a_person(tmp_path: Path, text: str, ar: str) -> None:
    assert name_entries(tmp_path, text)[ar][0] == "person"


@pytest.mark.parametrize(("text", "ar"), [
    # "to" before a person's name says nothing of its kind,
    ("نقل المشاركون تحياتهم إلى تو لام.", "تو لام"),
    ("وسلمت اللجنة الجائزة إلى نغوين هوا.", "نغوين هوا"),
    # nor does "in": trust in, doubts about, found in a person
    ("وأعرب الوفد عن ثقته في نغوين فان ثانه.", "نغوين فان ثانه"),
    ("وأعرب الحزب عن ثقته في تو لام.", "تو لام"),
    ("ووجد المدرب في بوي تيان لاعبا موهوبا.", "بوي تيان"),
])
def test_a_preposition_before_a_name_with_no_cue_leaves_a_person(
        tmp_path: Path, text: str, ar: str) -> None:
    assert name_entries(tmp_path, text)[ar][0] == "person"


@pytest.mark.parametrize(("text", "ar", "kind"), [
    # a company's own name stays the company's, though a province has it too
    ("ووقعت الإدارة مذكرة مع شركة هاو جيانغ للأدوية أمس.", "هاو جيانغ", "org"),
    ("وأعلنت مجموعة شوان ترونغ عن منتجع جديد.", "شوان ترونغ", "org"),
    # an institution cue names the place it serves
    ("وافتتح مستشفى باك كان العام جناحا جديدا.", "باك كان", "place"),
    # a place cue elsewhere, or the place named without one: the place
    ("وأعلنت شركة هاو جيانغ عن خطة. وزار الوفد مقاطعة هاو جيانغ.", "هاو جيانغ", "place"),
    ("ووصل الوفد إلى دا نانغ أمس. وتدير شركة دا نانغ للمياه محطة جديدة.", "دا نانغ",
     "place"),
])
def test_a_company_cue_keeps_its_own_name_an_organisation(
        tmp_path: Path, text: str, ar: str, kind: str) -> None:
    assert name_entries(tmp_path, text)[ar][0] == kind

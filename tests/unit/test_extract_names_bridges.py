"""Arabic words that are also Vietnamese syllables inside names, names read again
without their cue, the longest name against a glossary name, and the merging of a
name's spellings (toolkit/extract/namebridge.py, names.py, pipeline.py, building.py),
with the real transliterator, on sentences written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.model import Entry
from tests.unit.entries import approved
from tests.unit.names_helpers import name_readings, spans
from toolkit.extract import Extractor, extract_paths
from toolkit.extract.cluster import spelling_skeleton
from toolkit.extract.namebridge import BRIDGE_MIN, syllable_share
from toolkit.extract.names import NameDetector
from toolkit.extract.tokenize import tokenize
from toolkit.translit import Transliterator


@pytest.mark.parametrize("word", ["منه", "لو", "كان", "هو", "بيان"])
def test_a_function_word_that_spells_one_syllable_bridges(
        translit: Transliterator, word: str) -> None:
    # The best toned reading alone is below one half (منه: Mênh 0.28, لو: Lưu 0.24).
    assert syllable_share(translit, word) >= BRIDGE_MIN


@pytest.mark.parametrize("word", ["كانت", "لكن", "تحت", "لها"])
def test_a_word_read_as_two_syllables_does_not_bridge(
        translit: Transliterator, word: str) -> None:
    assert syllable_share(translit, word) < BRIDGE_MIN


@pytest.mark.parametrize(("text", "name"), [
    ("أكد رئيس الوزراء فام منه تشينه أهمية البيانات.", "فام منه تشينه"),
    ("التقت السيدة لو ثي هوا بالسكان أمس.", "لو ثي هوا"),
    ("تحدث الرفيق لي منه توان عن الخطة.", "لي منه توان"),
    ("زار الوفد مدينة كان ثو الأسبوع الماضي.", "كان ثو"),
    ("تعمل مقاطعة ديان بيان على ربط البيانات.", "ديان بيان"),
    ("زار الوفد مدينة ديان بيان فو أمس.", "ديان بيان فو"),
    ("يعيش في منطقة كرونغ بونغ مزارعون كثيرون.", "كرونغ بونغ"),
    ("تسعى فيتنام إلى بناء اقتصاد رقمي.", "فيتنام"),
])
def test_the_whole_name_is_read(detector: NameDetector, text: str, name: str) -> None:
    assert name in spans(detector, text)


@pytest.mark.parametrize(("text", "wrong"), [
    # في before a place is "in", not the family name Vi.
    ("تعمل الشركة في باك نينه منذ عام.", "في باك نينه"),
    # Without a cue هو is the pronoun "he".
    ("وأشار هو دوك فووك إلى الخطة.", "هو دوك فووك"),
    # A dual imperfect verb glued to a headline's name.
    ("كا ماو وباك ليو تبنيان الحكومة الرقمية", "باك ليو تبنيان"),
])
def test_an_arabic_reading_stays_arabic(detector: NameDetector, text: str, wrong: str) -> None:
    assert wrong not in spans(detector, text)


@pytest.mark.parametrize(("text", "place"), [
    # A preposition after a title, or between two names, is Arabic: "in", "from".
    ("قال الوزير في هانوي إن التعاون يشمل الزراعة.", "هانوي"),
    ("وقال الوزير من دا نانغ إن المشروع يتقدم.", "دا نانغ"),
    ("وقال السفير في هاي فونغ إن الميناء يتوسع.", "هاي فونغ"),
    ("وقال السيد تران في هانوي إن الشركة تنمو.", "هانوي"),
    ("وقال المدير العام لشركة فيتيل في هانوي إن الشبكة تتوسع.", "هانوي"),
])
def test_a_preposition_never_joins_a_name(detector: NameDetector, text: str, place: str) -> None:
    found = spans(detector, text)
    assert place in found
    assert not any(s.startswith(("في ", "من ")) or " في " in s or " من " in s for s in found)


def test_a_city_that_was_is_no_name(detector: NameDetector) -> None:
    assert not any(s.startswith("كان") for s in spans(detector, "إن مدينة كان لها دور كبير."))


def test_a_name_a_cue_introduced_is_read_again_without_it(detector: NameDetector) -> None:
    text = "قال وزير المالية هو دوك فوك إن الضرائب رقمية. وأشار هو دوك فووك إلى الخطة."
    assert spans(detector, text) == ["هو دوك فوك", "هو دوك فووك"]


def name_entries(tmp_path: Path, text: str, known: list[Entry]) -> dict[str, str]:
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    found = extract_paths([tmp_path / "a.txt"], Extractor(known)).candidates
    return {x.entry.term("ar"): x.entry.kind for x in found
            if x.origin in ("name", "code")}


@pytest.mark.parametrize(("text", "known", "longer", "inner"), [
    ("وفي بلدة فينه تشاو يبيع المزارعون الأرز.",
     approved("فينه", "Vinh", "Vinh", kind="place"), "فينه تشاو", "فينه"),
    ("تعاونت المدرسة مع شركة فيتيل بوست في التوصيل.",
     approved("فيتيل", "Viettel", "Viettel", kind="code"), "فيتيل بوست", "فيتيل"),
])
def test_the_longest_name_wins_over_a_glossary_name_inside_it(
        tmp_path: Path, text: str, known: Entry, longer: str, inner: str) -> None:
    entries = name_entries(tmp_path, text, [known])
    assert longer in entries
    assert inner not in entries


def test_a_glossary_name_alone_is_still_found(tmp_path: Path) -> None:
    entries = name_entries(tmp_path, "زار الوفد مدينة فينه أمس.",
                           [approved("فينه", "Vinh", "Vinh", kind="place")])
    assert entries.get("فينه") == "place"


def test_no_name_is_read_inside_a_glossary_place_written_with_a_cue(tmp_path: Path) -> None:
    city = approved("مدينة هو تشي منه", "Thành phố Hồ Chí Minh", "Ho Chi Minh City",
                    kind="place")
    city.forms["ar"].variants = ["هو تشي منه"]
    text = "يبيع المزارعون منتجاتهم في هانوي ومدينة هو تشي منه مباشرة."
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    found = extract_paths([tmp_path / "a.txt"], Extractor([city])).candidates
    readings = {x.entry.term("ar"): (x.origin, x.entry.term("en")) for x in found}
    assert "هو تشي منه" not in readings
    assert readings["مدينة هو تشي منه"] == ("term", "Ho Chi Minh City")


def test_another_name_inside_a_glossary_body_is_still_read(tmp_path: Path) -> None:
    university = approved("جامعة تاي نجوين", "Đại học Thái Nguyên", "Thai Nguyen University",
                          kind="org")
    place = approved("تاي نجوين", "Thái Nguyên", "Thai Nguyen", kind="place")
    text = "وقعت جامعة تاي نجوين اتفاقا مع شركة محلية."
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    found = extract_paths([tmp_path / "a.txt"], Extractor([university, place])).candidates
    counts = {(x.origin, x.entry.term("ar")): sum(x.doc_counts.values()) for x in found}
    assert counts[("name", "تاي نجوين")] == 1
    assert counts[("term", "جامعة تاي نجوين")] == 1
    assert ("term", "تاي نجوين") not in counts  # one entry for the place, not two


@pytest.mark.parametrize(("a", "b"), [
    ("هوينه كووك فيت", "هوين كووك فييت"),
    ("سوك ترانغ", "سوك تشانغ"),
    ("فينه تشاو", "فينه شاو"),
    ("لي مينه خاي", "لي منه خاي"),
    ("دو تي لان", "دو ثي لان"),  # the middle name Thị written تي or ثي
])
def test_spellings_the_tables_allow_share_a_skeleton(a: str, b: str) -> None:
    assert spelling_skeleton(a) == spelling_skeleton(b)


@pytest.mark.parametrize(("a", "b"), [
    ("نجوين كوك خان", "نغوين كووك خان"),  # ng as نج or نغ, at the start
    ("تا كوانج فين", "تا كوانغ فينه"),  # ... and at the end
])
def test_ng_spellings_share_a_skeleton_between_names_read_alike(a: str, b: str) -> None:
    assert spelling_skeleton(a) != spelling_skeleton(b)
    assert spelling_skeleton(a, ng=True) == spelling_skeleton(b, ng=True)


def test_letters_of_other_sounds_keep_their_skeletons_apart() -> None:
    assert spelling_skeleton("نغوين فان تان") != spelling_skeleton("نغوين فان ثانه")


def test_one_name_spelled_two_ways_is_one_entry(tmp_path: Path) -> None:
    text = ("أعلن السيد هوينه كووك فيت إطلاق المركز. "
            "وقال السيد هوين كووك فييت إن العمل مستمر.")
    entries = name_entries(tmp_path, text, [])
    assert len([ar for ar, kind in entries.items() if kind == "person"]) == 1


@pytest.mark.parametrize("text", [
    "أعلن السيد نجوين كوك خان إطلاق المركز. وقال السيد نغوين كووك خانه إن العمل مستمر.",
    # an organisation the gazetteer lists, spelled as two words and as one
    "وأرسل مستشفى تشو راي فريقا. وقال مدير تشوراي إن الفريق وصل.",
    # Thị written ثي, then تي (with tr written تش, Thanh without its h)
    "وقالت السيدة ترينه ثي نغا إن العمل بدأ. وأكدت تشينه تي نغا أن المدرسة جاهزة.",
    "وقالت السيدة فان ثي ثانه هوا إن العمل بدأ. وأكدت السيدة فان تي ثان هوا أن المدرسة جاهزة.",
])
def test_one_name_spelled_with_other_letters_of_one_sound_is_one_entry(
        tmp_path: Path, text: str) -> None:
    entries = name_entries(tmp_path, text, [])
    assert len(entries) == 1, entries


def test_names_the_letters_tell_apart_stay_two_entries(tmp_path: Path) -> None:
    text = "أعلن السيد نغوين فان تان إطلاق المركز. وقال السيد نغوين فان ثانه إن العمل مستمر."
    entries = name_entries(tmp_path, text, [])
    assert {"نغوين فان تان", "نغوين فان ثانه"} <= set(entries)


@pytest.mark.parametrize("text", [
    # Trung and Chung, Liên and Linh: ng spelled two ways joins no different names
    "وقال السيد فام فان ترونج إن العمل بدأ. وأضاف السيد فام فان تشونغ أن الخطة جاهزة.",
    "وقال السيد دانج فان لين إن العمل بدأ. وأضاف المهندس دانغ فان لينه أن الخطة جاهزة.",
])
def test_ng_spelled_two_ways_keeps_other_names_apart(tmp_path: Path, text: str) -> None:
    assert len(name_entries(tmp_path, text, [])) == 2


def test_nh_and_n_keep_two_persons_apart(tmp_path: Path) -> None:
    # نهو (Như) and نو (Nụ): two women, though ن may spell nh.
    text = ("أعلنت السيدة دانغ ثي نهو إطلاق المشروع. "
            "وقالت السيدة دانغ ثي نو إن العمل مستمر.")
    entries = name_entries(tmp_path, text, [])
    assert {"دانغ ثي نهو", "دانغ ثي نو"} <= set(entries)


@pytest.mark.parametrize("text", ["يستخدم المزارعون تطبيق زالو يوميا.",
                                  "تبيع التعاونية منتجاتها عبر منصة زالو."])
def test_an_app_or_platform_cue_makes_an_organisation(detector: NameDetector, text: str) -> None:
    found = {s.surface: s.votes for s in detector.detect(tokenize(text))}
    assert found["زالو"].get("org", 0.0) > found["زالو"].get("place", 0.0)


def test_a_place_represented_by_a_body_stays_a_place(tmp_path: Path) -> None:
    # ممثلة بـ "represented by" is a participle, no title of a person
    text = "ووقعت فو كووك، ممثلة بإدارة السياحة، اتفاقية مع الشركة."
    assert name_readings(tmp_path, text)["فو كووك"] == ("place", "Phú Quốc")

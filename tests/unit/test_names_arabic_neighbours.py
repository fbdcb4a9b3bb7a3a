"""Arabic words next to a name stay Arabic (طوال، طيلة: "throughout"; يخدم "serves"), the
established spelling هيو is Huế after مدينة while a person's هيو stays Hiếu, and names of
the Hmong and Thái naming traditions are read in running text; a short Arabic noun (بنت)
is no place written as one word, and a bridging word (دين) ends a cued place before a
larger place. The real transliterator, on sentences written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.names_helpers import name_readings as _read


@pytest.mark.parametrize(("text", "ar", "vi"), [
    ("ويعمل المركز في حي كوانغ ترونغ طوال أيام الأسبوع.", "كوانغ ترونغ", "Quang Trung"),
    ("وبقي مكتب بلدية تان لاب مفتوحا طيلة العطلة.", "تان لاب", "Tân Lập"),
    # ي then a consonant other than ن starts an imperfect verb, no syllable (يين، ين are)
    ("وأنشئ ميناء جاف في مقاطعة ها نام يخدم المصانع القريبة.", "ها نام", "Hà Nam"),
    ("وتقع بلدة ثانه هوا يضم سوقها مئات الأكشاك.", "ثانه هوا", "Thanh Hóa"),
])
def test_an_adverb_after_a_place_is_not_read_into_it(tmp_path: Path, text: str, ar: str,
                                                      vi: str) -> None:
    assert _read(tmp_path, text)[ar] == ("place", vi)


@pytest.mark.parametrize(("text", "kind", "vi"), [
    ("وستفتتح مدينة هيو متحفا رقميا في العام المقبل.", "place", "Huế"),
    ("وقال السيد فان فان هيو إن العمل يسير جيدا.", "person", "Phan Văn Hiếu"),
])
def test_hue_is_read_as_the_city_only_as_a_place(tmp_path: Path, text: str, kind: str,
                                                  vi: str) -> None:
    assert (kind, vi) in _read(tmp_path, text).values()


@pytest.mark.parametrize(("text", "ar", "vi"), [
    ("وقال السيد ثاو آ سينه، رئيس البلدية، إن الطريق اكتمل.", "ثاو آ سينه", "Thào A Sình"),
    ("وأكد السيد فانغ سيو سو أن المدرسة الداخلية افتتحت.", "فانغ سيو سو", "Vàng Seo Sử"),
    ("وقالت السيدة لو ثي اون إن المياه النظيفة وصلت إلى القرية.", "لو ثي اون", "Lò Thị Ún"),
])
def test_minority_names_in_running_text(tmp_path: Path, text: str, ar: str, vi: str) -> None:
    assert _read(tmp_path, text)[ar] == ("person", vi)


@pytest.mark.parametrize("text", [
    # بنت "girl" reads as Bến Tre written as one word; it is an Arabic word
    "وبلغت النسبة 112 ولدا لكل 100 بنت.",
    "وحصلت بنت المزارع على منحة دراسية.",
])
def test_a_short_arabic_noun_is_no_fused_place(tmp_path: Path, text: str) -> None:
    assert _read(tmp_path, text) == {}


@pytest.mark.parametrize(("text", "ar"), [
    # دين ("religion") is the name's last syllable where a larger place follows
    ("أصبحت بلدة مانغ دين في مقاطعة كون توم وجهة مفضلة.", "مانغ دين"),
    ("وزار الوفد قرية تا دين بمقاطعة لاو كاي.", "تا دين"),
    # كي ("so that") alone reads as an Arabic word; the phrase's end vouches for it
    ("وتم اختيار حي زينه كي في مدينة باك جانغ للتجربة.", "زينه كي"),
])
def test_a_bridging_word_ends_a_cued_place_before_a_larger_place(
        tmp_path: Path, text: str, ar: str) -> None:
    assert _read(tmp_path, text)[ar][0] == "place"


@pytest.mark.parametrize(("text", "expected"), [
    # a function word before the next place is no syllable of the name before it
    ("وانتقل الفريق إلى مدينة دا نانغ ثم في مدينة هوي.", {"دا نانغ", "هوي"}),
    ("ويقع المصنع في مدينة هاي فونغ لا في مقاطعة كوانغ نينه.",
     {"هاي فونغ", "كوانغ نينه"}),
    # بلدة is a cue, not ب + a cue
    ("وزار الوفد قرية تان لاب ثم بلدة فو ين.", {"تان لاب", "فو ين"}),
])
def test_a_function_word_before_another_place_stays_arabic(
        tmp_path: Path, text: str, expected: set[str]) -> None:
    assert set(_read(tmp_path, text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # فإن ("then it is") reads as فان (Phan) once its hamza is folded: it is no syllable
    ("وفي المقابل، فإن نينه بينه تجذب السياح.", {"نينه بينه": ("place", "Ninh Bình")}),
    # تروي ("tells") is a verb, not a syllable before the name
    ("وفي الحلقة الأخيرة، تروي فام ثي لان قصتها مع المرض.",
     {"فام ثي لان": ("person", "Phạm Thị Lan")}),
    # خزان ("reservoir") is a landmark; للري ("for irrigation") is ل + الري
    ("وتعتمد المزارع على خزان داو تينغ للري.", {"داو تينغ": ("place", "Dầu Tiếng")}),
    # نهري ("the two rivers of") is a river cue, not a syllable
    ("وتمتد القناة بين نهري كاو وتشاي.", {"كاو": ("place", "Cao")}),
])
def test_an_arabic_word_before_or_after_a_name_stays_out_of_it(
        tmp_path: Path, text: str, expected: dict[str, tuple[str, str]]) -> None:
    assert _read(tmp_path, text) == expected


@pytest.mark.parametrize(("text", "ar"), [
    ("وقال كسور نام، البالغ من العمر 35 عاما، إن القرية تغيرت.", "كسور نام"),
    # Mê Linh is a district; a woman of forty is a person
    ("وتقول مي لينه، البالغة من العمر 40 عاما، إن الدخل تحسن.", "مي لينه"),
])
def test_an_age_after_a_name_makes_it_a_person(tmp_path: Path, text: str, ar: str) -> None:
    assert _read(tmp_path, text)[ar][0] == "person"


@pytest.mark.parametrize(("text", "ar", "vi"), [
    # هو ("he") before آ and a name word: a Hmong man's family name, A, his given name
    ("وفي مقاطعة لاو كاي، يرى هو آ سينه، أحد وجهاء القرية، أن الطريق ساعد الناس.",
     "هو آ سينه", "Hờ A Sình"),
    ("وقال هو آ دينه إن الأطفال يذهبون إلى المدرسة.", "هو آ دينه", "Hờ A Dính"),
])
def test_a_hmong_name_with_a_family_name_that_is_an_arabic_word(
        tmp_path: Path, text: str, ar: str, vi: str) -> None:
    assert _read(tmp_path, text)[ar] == ("person", vi)

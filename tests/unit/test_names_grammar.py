"""Where Arabic grammar tells a name's bounds and kind: a family name that is an Arabic
word after a definite noun (الجندي لو فان بانه), a last syllable that is also "that he"
before "that" (… لان انه أن), a preposition that spells a place's first syllable right
after a place cue (مدينة في ثانه), and the place noun that heads the definite words
before a name (منطقة التكنولوجيا العالية هوا لاك). The real transliterator, on sentences
written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.names_helpers import extracted_names as _names
from tests.unit.names_helpers import spans
from toolkit.extract.names import NameDetector
from toolkit.translit import Transliterator


@pytest.mark.parametrize("text", [
    "وروى الصياد لو فان خيم كيف غرق القارب.",
    "وقال المزارع لو فان تونغ إن المحصول تضاعف.",
])
def test_a_family_name_that_is_an_arabic_word_starts_a_name_after_a_definite_noun(
        detector: NameDetector, text: str) -> None:
    # لو ("if") is never the copula that هو ("he", "is") can be after a subject.
    assert [s.split()[0] for s in spans(detector, text)] == ["لو"]


def test_ho_after_a_definite_subject_stays_the_copula(detector: NameDetector) -> None:
    assert not any(s.startswith("هو") for s in spans(detector, "أفضل لاعب في المباراة هو فان دايك"))


@pytest.mark.parametrize(("text", "ar"), [
    ("وأكدت السيدة فام ثي ثو انه أن البرنامج سيتوسع.", "فام ثي ثو انه"),
    # before a comma and a person's title, after a person cue or a family name
    ("وتحدثت السيدة فام ثي ثو انه، مديرة المدرسة، عن البرنامج.", "فام ثي ثو انه"),
    ("وتقول فام ثي ثو انه، مديرة المدرسة، إن البرنامج سيتوسع.", "فام ثي ثو انه"),
])
def test_a_syllable_spelled_as_that_he_ends_a_name_before_that_or_a_comma(
        tmp_path: Path, text: str, ar: str) -> None:
    names = _names(tmp_path, text)
    assert list(names) == [ar]
    assert names[ar].entry.term("vi") == "Phạm Thị Thu Anh"


@pytest.mark.parametrize(("text", "expected"), [
    ("وأكدت السيدة فام ثي ثو انه سيتوسع البرنامج.", ["فام ثي ثو"]),
    # before a comma and an adverbial phrase, انه is "that" (انه، رغم الصعوبات، …)
    ("وقال الوزير نجوين فان نام انه، رغم الصعوبات، حققت البلاد نموا.", ["نجوين فان نام"]),
    ("وأضاف تران فان هونغ انه، خلال العام الماضي، ارتفعت الصادرات.", ["تران فان هونغ"]),
    # Written with hamza it is the Arabic "that it" (إنه), whatever follows.
    ("وقالت فام ثي ثو إنه، بعد الافتتاح، سيتوسع البرنامج.", ["فام ثي ثو"]),
])
def test_that_he_after_a_name_is_arabic_otherwise(
        detector: NameDetector, text: str, expected: list[str]) -> None:
    assert spans(detector, text) == expected


@pytest.mark.parametrize(("text", "ar", "vi"), [
    ("وقالت السيدة فان تي كيم وانه إن المشروع ناجح.", "فان تي كيم وانه", "Phan Thị Kim Oanh"),
    ("وأكدت السيدة نجوين تي كيم وان أن الخطة جيدة.", "نجوين تي كيم وان",
     "Nguyễn Thị Kim Oanh"),
    ("وأضافت السيدة لي ثي وانه أن الجمعية ستتوسع.", "لي ثي وانه", "Lê Thị Oanh"),
])
def test_a_glide_vowel_written_with_a_bare_waw_ends_a_name_after_a_person_cue(
        tmp_path: Path, text: str, ar: str, vi: str) -> None:
    # Oanh's glide is written و, which Arabic reads as "and"; "and" + a word is never
    # followed by "that" or a comma.
    names = _names(tmp_path, text)
    assert list(names) == [ar]
    assert names[ar].entry.term("vi") == vi


@pytest.mark.parametrize("text", [
    "وزار السيد نجوين فان نام وأي مسؤول آخر المصنع.",  # "and any"
    "وحضر الاجتماع السيد نجوين فان نام وانه سيعود غدا.",  # no "that"
    "ويعيش السيد فام فان تام وانه، شقيقه الأصغر، في المدينة.",  # "and Anh, his brother"
    "وقال السيد فام فان دوك وإن، في الواقع، كان الأمر متوقعا.",  # وإن: "and that"
    "ويعيش السيد لي فان هاي وآنه، ابنته الصغرى، في قرية جبلية.",  # وآنه: "and Ánh"
    "وزار الوفد ها نام وأي مقاطعة أخرى.",  # no person cue
    "ووقعت مقاطعة كوانغ نينه وأي مقاطعة أخرى اتفاقا.",
    "ووقعت شركة ثانه كونغ وأي شركة أجنبية عقدا.",
])
def test_a_word_with_a_bare_waw_is_and_elsewhere(detector: NameDetector, text: str) -> None:
    assert not any(s.split()[-1].startswith("\u0648") for s in spans(detector, text))


@pytest.mark.parametrize(("text", "expected"), [
    # و + a word joins no name, and the names around it stay whole
    ("وقال إن المفاوض هو السيد لي هاي وأن هانوي ستستضيف الجولة المقبلة.",
     ["لي هاي", "هانوي"]),
    ("ويربط الطريق الجديد بين كان ثو وان جيانغ.", ["كان ثو", "ان جيانغ"]),
])
def test_names_beside_an_and_word_stay_apart(
        detector: NameDetector, text: str, expected: list[str]) -> None:
    assert spans(detector, text) == expected


def test_a_preposition_after_a_place_cue_spells_a_listed_place(tmp_path: Path) -> None:
    names = _names(tmp_path, "تستخدم جميع المدارس في مدينة في ثانه نظاما رقميا.")
    assert [x.entry.term("vi") for x in names.values()] == ["Vị Thanh"]


@pytest.mark.parametrize(("text", "expected"), [
    ("هي مدينة في باك نينه.", ["باك نينه"]),  # "a city in Bắc Ninh"
    ("وصل الوفد إلى مدينة في الجنوب.", []),
])
def test_a_preposition_after_a_place_cue_is_a_preposition_otherwise(
        detector: NameDetector, text: str, expected: list[str]) -> None:
    assert spans(detector, text) == expected


@pytest.mark.parametrize(("text", "ar", "kind"), [
    ("افتتحت في منطقة التكنولوجيا العالية هوا لاك مختبرات جديدة.", "هوا لاك", "place"),
    ("رست السفن في ميناء المياه العميقة كاي لان أمس.", "كاي لان", "place"),
])
def test_a_place_noun_heading_definite_words_makes_the_name_a_place(
        tmp_path: Path, text: str, ar: str, kind: str) -> None:
    assert _names(tmp_path, text)[ar].entry.kind == kind


@pytest.mark.parametrize(("text", "ar", "vi"), [
    ("وتقدم تيكوم بنك قروضا للشركات الناشئة.", "تيكوم بنك", "Techcombank"),
    ("ووقعت مجموعة لوك تروي عقدا لشراء الأرز.", "لوك تروي", "Lộc Trời"),
])
def test_listed_companies_in_other_spellings(tmp_path: Path, text: str, ar: str, vi: str) -> None:
    names = _names(tmp_path, text)
    assert names[ar].entry.kind == "org"
    assert names[ar].entry.term("vi") == vi


@pytest.mark.parametrize("text", [
    "وشدد نائب وزير الزراعة والبيئة هو آنه توان على أهمية الري.",
    "وقال وزير العلوم والتكنولوجيا والابتكار هو دوك لام إن المختبر جاهز.",
])
def test_a_title_and_its_coordinated_field_introduce_ho(detector: NameDetector, text: str) -> None:
    assert [s for s in spans(detector, text) if s.startswith("هو")] == [
        " ".join(text.split()[text.split().index("هو"):][:3])]


def test_ho_after_a_title_before_a_family_name_is_the_copula(detector: NameDetector) -> None:
    assert spans(detector, "وكان رئيس الوزراء هو فام مينه تشينه.") == ["فام مينه تشينه"]


@pytest.mark.parametrize("text", [
    "وغادر السيد لي فان دونغ دون أن يدلي بتصريح.",
    "وقال السيد فام مينه هوانغ لو أن الأمطار جاءت مبكرا لخسرنا.",
    "وصرح السيد فو فان هونغ ما إن وصل الوفد.",
    "وقال السيد تران دوك ثانه ثم إن الخطة تغيرت.",
])
def test_an_arabic_phrase_before_that_is_no_syllable(detector: NameDetector, text: str) -> None:
    # دون أن "without", لو أن "if", ما إن "as soon as", ثم إن "moreover"
    words = text.split()
    start = words.index("السيد") + 1
    assert spans(detector, text) == [" ".join(words[start:start + 3])]


@pytest.mark.parametrize(("text", "ar"), [
    ("وأشاد رئيس جامعة العلوم التطبيقية نجوين دينه دوك بالطلاب.", "نجوين دينه دوك"),
    ("وقال مدير مستشفى الأطفال الوطني فام فان لوك إن الأسرة كافية.", "فام فان لوك"),
])
def test_a_person_after_a_title_and_an_institution_stays_a_person(
        tmp_path: Path, text: str, ar: str) -> None:
    assert _names(tmp_path, text)[ar].entry.kind == "person"


def test_a_listed_bank_written_as_one_word_is_an_organisation(tmp_path: Path) -> None:
    names = _names(tmp_path, "كما خفض فيتينبنك أسعار الفائدة على القروض الزراعية.")
    assert [(x.entry.kind, x.entry.term("vi")) for x in names.values()] == [("org", "VietinBank")]


def test_a_person_named_like_a_listed_company_keeps_a_persons_english(tmp_path: Path) -> None:
    # read as a person (Hứa Phát): neither the company's reading nor its English (Hòa Phát)
    names = _names(tmp_path, "وقال السيد هوا فات إن المصنع توسع.")
    entry = names["هوا فات"].entry
    assert (entry.kind, entry.term("vi"), entry.term("en")) == ("person", "Hứa Phát", "Hua Phat")


@pytest.mark.parametrize("text", [
    "وكان مقصد وزير الخارجية الأمريكي الجديد هو دا نانغ.",
    "وكانت المحطة الأولى في جولة وزير الخارجية هي دا نانغ.",
    "وكان أول ما زاره وزير التجارة هو دا نانغ.",
])
def test_the_copula_after_a_title_is_no_family_name(detector: NameDetector, text: str) -> None:
    # An adjective after the title (الأمريكي), هي, or a listed place after هو: "is Đà Nẵng".
    assert spans(detector, text) == ["دا نانغ"]


@pytest.mark.parametrize(("text", "ar"), [
    ("وقال نائب رئيس مجلس إدارة شركة الطيران الوطنية هوانغ آنه إن الطلب ارتفع.", "هوانغ آنه"),
    ("وأوضح الباحث في جامعة الطب الوطنية نغوين هوانغ أن اللقاح آمن.", "نغوين هوانغ"),
])
def test_a_person_after_an_institution_and_its_words_stays_a_person(
        tmp_path: Path, text: str, ar: str) -> None:
    assert _names(tmp_path, text)[ar].entry.kind == "person"


@pytest.mark.parametrize(("text", "expected"), [
    ("وقال رئيس اللجنة الشعبية لمقاطعة تاي بينه فام فان نغوك إن المحصول جيد.",
     ["تاي بينه", "فام فان نغوك"]),
    ("وقال مدير مستشفى هونغ دوك بوي هوو تام إن الأسرة كافية.", ["هونغ دوك", "بوي هوو تام"]),
    ("زار الوفد مقاطعة با ريا فونغ تاو أمس.", ["با ريا فونغ تاو"]),  # two places, no person
])
def test_a_person_after_a_place_with_no_comma_is_a_name_of_its_own(
        detector: NameDetector, text: str, expected: list[str]) -> None:
    assert spans(detector, text) == expected


def test_still_is_no_place(detector: NameDetector) -> None:
    # ما زالت ("still") reads as Đà Lạt written as one word.
    assert spans(detector, "وقالت إن القرى ما زالت تعاني من نقص المياه.") == []


def test_a_monastery_names_a_place_not_a_person(detector: NameDetector) -> None:
    # دير ("monastery") after رئيس is no syllable of the abbot's name.
    assert spans(detector, "وقال رئيس دير تام تشوك إن الزوار كثر.") == ["تام تشوك"]


def test_a_monk_is_read_with_the_family_name_thich(translit: Transliterator) -> None:
    assert translit.ar_to_vi("تيتش ثانه تو", top=1, kind="person")[0].text.startswith("Thích")


def test_a_person_after_a_place_with_no_cue_is_a_name_of_its_own(detector: NameDetector) -> None:
    text = "وقال مدير إدارة الصحة في نام دينه تران فان هوانغ إن المستشفيات جاهزة."
    assert spans(detector, text) == ["نام دينه", "تران فان هوانغ"]


@pytest.mark.parametrize(("text", "first"), [
    ("وقال رئيس بلدة فينه تشاو لام فان هوا إن المياه انحسرت.", "فينه تشاو"),
    ("وقال رئيس اللجنة الشعبية لمقاطعة با ريا فونغ تاو فام فان تان إن الميناء جاهز.",
     "با ريا فونغ تاو"),  # not Bà Rịa, then a person Phùng Tàu
    ("وقال نغوين لي فان هونغ إن الطلب ارتفع.", "نغوين لي فان هونغ"),  # two family names
    ("زار الوفد جيا لاي داك لاك الأسبوع الماضي.", "جيا لاي"),  # a list: place by place
])
def test_a_run_is_cut_only_after_a_listed_place_of_two_words(
        detector: NameDetector, text: str, first: str) -> None:
    assert spans(detector, text)[0] == first

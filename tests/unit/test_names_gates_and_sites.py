"""A border gate (بوابة، معبر) and a communal house or relic complex (الدار الجماعية، مجمع
آثار) name a place; the alef with madda written alone after a name word is the syllable A
(بنك دونغ آ) and starts no name; an established one-word spelling inside a longer name keeps
its reading (بيا سايغون: Bia Sài Gòn); the regions Bắc Bộ, Trung Bộ and Nam Bộ are listed;
a name whose readings all have a rare spelling and no prior is read, not a crash; Thị written
تي is no Arabic word (التي is not ال + تي). The real transliterator, on sentences written for
these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.names_helpers import name_readings as _read
from toolkit.extract.data import written_words
from toolkit.extract.names import NameDetector
from toolkit.translit import Transliterator


@pytest.fixture(scope="module")
def translit() -> Transliterator:
    return Transliterator.default()


@pytest.mark.parametrize(("text", "ar"), [
    ("وتعمل بوابة تا لونغ على مدار الساعة.", "تا لونغ"),
    ("وتقع بوابة هوو نغي في مقاطعة لانغ سون.", "هوو نغي"),
    ("وعبرت الشاحنات معبر لاو باو أمس.", "لاو باو"),
    ("رممت البلدية الدار الجماعية تشو كوين العام الماضي.", "تشو كوين"),
    ("وتطور المقاطعة معبر تشا لو، وتربطه بالطريق السريع.", "تشا لو"),
])
def test_a_gate_or_a_heritage_word_names_a_place(tmp_path: Path, text: str, ar: str) -> None:
    kind, _ = _read(tmp_path, text)[ar]
    assert kind == "place"


@pytest.mark.parametrize(("text", "ar"), [
    ("ونشرت بوابة لو فان بوا للأخبار تقريرا مطولا.", "لو فان بوا"),
    ("ووقف الطلاب أمام بوابة نغوين فان لينه في المدرسة.", "نغوين فان لينه"),
])
def test_a_gate_or_portal_vouches_for_no_place(tmp_path: Path, text: str, ar: str) -> None:
    # بوابة is also a web portal: a landmark word, it makes no person's name a place, and
    # وقف ("stood") is an Arabic verb, not و + a place.
    readings = _read(tmp_path, text)
    assert (readings[ar][0], len(readings)) == ("person", 1)


@pytest.mark.parametrize(("text", "ar", "vi"), [
    # the banks are listed (organisations.tsv): their Vietnamese names, Đông Á and Nam Á
    ("وقدم بنك دونغ آ قروضا للمزارعين في لونغ آن.", "دونغ آ", "Đông Á"),
    ("وقالت مديرة فرع بنك نام آ في المدينة إن الطلب ارتفع.", "نام آ", "Nam Á"),
])
def test_a_lone_alef_with_madda_ends_a_name(tmp_path: Path, text: str, ar: str,
                                            vi: str) -> None:
    assert _read(tmp_path, text)[ar] == ("org", vi)


def test_a_lone_alef_with_madda_after_a_given_name(tmp_path: Path) -> None:
    readings = _read(tmp_path, "وقال المزارع جيانغ آ باو إن المحصول تحسن.")
    assert readings["جيانغ آ باو"] == ("person", "Giàng A Páo")


@pytest.mark.parametrize(("text", "ar", "first"), [
    ("وتستثمر شركة بيا سايغون في خط إنتاج جديد.", "بيا سايغون", "Bia"),
    ("ووقعت شركة تان كانغ سايغون عقدا جديدا.", "تان كانغ سايغون", "Tân"),
])
def test_a_fused_established_spelling_inside_an_organisation(tmp_path: Path, text: str,
                                                             ar: str, first: str) -> None:
    kind, vi = _read(tmp_path, text)[ar]
    assert (kind, vi.split()[0], vi.endswith(" Sài Gòn")) == ("org", first, True)


def test_a_fused_spelling_alone_is_still_the_city(translit: Transliterator) -> None:
    assert translit.ar_to_vi("سايغون", kind="place")[0].text == "Sài Gòn"


@pytest.mark.parametrize(("ar", "vi"), [
    ("ترونغ بو", "Trung Bộ"),
    ("باك بو", "Pác Bó"),  # the site's own spelling; the region is the next reading
    ("سا با", "Sa Pa"),
    ("كرونغ باك", "Krông Pắc"),
])
def test_regions_and_spelled_sites(translit: Transliterator, ar: str, vi: str) -> None:
    assert translit.ar_to_vi(ar, kind="place")[0].text == vi


def test_the_region_spelled_alike_is_the_next_reading(translit: Transliterator) -> None:
    texts = [c.text for c in translit.ar_to_vi("باك بو", kind="place", top=3)]
    assert texts[:2] == ["Pác Bó", "Bắc Bộ"]


@pytest.mark.parametrize(("ar", "vi"), [
    ("بوي فان با", "Bùi Văn Ba"),
    ("دو ثي باو نجوك", "Đỗ Thị Bảo Ngọc"),
])
def test_a_name_with_only_rare_unlisted_readings_besides(translit: Transliterator, ar: str,
                                                        vi: str) -> None:
    # Every rare reading (Bùi Phanh Pa) has prior 0: they are scaled by nothing, not by 0/0.
    assert translit.ar_to_vi(ar, kind="person")[0].text == vi


@pytest.mark.parametrize("text", [
    "وزار الوفد تل آ 1 في ديان بيان فو.",
    "ووقعت شركة آ بي سي للإنشاءات العقد.",
])
def test_a_lone_alef_with_madda_starts_no_name(tmp_path: Path, text: str) -> None:
    assert not [ar for ar in _read(tmp_path, text) if "آ" in ar.split()]


@pytest.mark.parametrize(("ar", "kind", "vi"), [
    ("هوو لونغ", "place", "Hữu Lũng"),
    ("نجوين هوو ثانغ", "person", "Nguyễn Hữu Thắng"),
])
def test_double_waw_still_spells_huu(translit: Transliterator, ar: str, kind: str, vi: str) -> None:
    assert translit.ar_to_vi(ar, kind=kind)[0].text == vi


@pytest.mark.parametrize("word", ["التي", "الذي", "الكويت"])
def test_a_word_that_owns_its_article_is_a_word_only_with_it(word: str) -> None:
    # The reference list counts words without the article, but article_words.txt lists
    # those whose ال is no article: التي is not ال + تي (Thị), nor الكويت ال + كويت (Quyết).
    words = written_words()
    assert (word in words, word[2:] in words) == (True, False)


@pytest.mark.parametrize("word", ["السيد", "العديد", "اليوم"])
def test_an_article_word_of_the_stopwords_is_a_word_without_it(word: str) -> None:
    # للسيد is ل + السيد: سيد must stay a word, or للسيد joins the name after it.
    assert word[2:] in written_words()


@pytest.mark.parametrize(("word", "lexical"), [
    ("التي", True), ("والتي", False), ("السيد", True), ("سيد", True), ("تي", False),
])
def test_the_detector_knows_a_relative_pronoun_as_written(detector: NameDetector, word: str,
                                                          lexical: bool) -> None:
    # والتي is no word of the list as written: the classifier splits its و off (وال + تي is
    # never read), and then asks for التي, which is one.
    assert detector.lexical(word) is lexical


def test_a_title_behind_a_preposition_is_no_part_of_the_name(tmp_path: Path) -> None:
    text = "وقدمت الوزارة الشكر للسيد نغوين فان آن على جهوده في المشروع."
    assert _read(tmp_path, text) == {"نغوين فان آن": ("person", "Nguyễn Văn An")}


def test_a_name_with_thi_written_ti_is_one_person(tmp_path: Path) -> None:
    text = "وفي الختام، شددت السيدة دين تي ثو هانج على أهمية السجلات الإلكترونية."
    assert _read(tmp_path, text) == {"دين تي ثو هانج": ("person", "Đinh Thị Thu Hằng")}


# organisations.tsv lists banks and companies by their Vietnamese names, places.tsv the
# international border gates: the listed reading comes first, but never for a person
@pytest.mark.parametrize(("text", "ar", "kind", "vi"), [
    ("وافتتح مصرف سايغون ثونغ تين فرعا جديدا.", "سايغون ثونغ تين", "org", "Sài Gòn Thương Tín"),
    ("وصدرت شركة ترونغ هاي أول دفعة من السيارات.", "ترونغ هاي", "org", "Trường Hải"),
    ("ووقعت شركة تان كانغ سايغون عقدا جديدا.", "تان كانغ سايغون", "org", "Tân Cảng Sài Gòn"),
    ("وعبرت الشاحنات البوابة الحدودية في موك باي أمس.", "موك باي", "place", "Mộc Bài"),
    ("وعبرت الشاحنات البوابة الحدودية تاي ترانغ أمس.", "تاي ترانغ", "place", "Tây Trang"),
    # Trường is no family name; Tây Trang is a gate, Thái Trang a woman
    ("وقال السيد ترونغ هاي إن الشركة توسعت.", "ترونغ هاي", "person", "Trương Hải"),
    ("وقالت السيدة تاي ترانغ إن التجارة نمت.", "تاي ترانغ", "person", "Thái Trang"),
])
def test_listed_banks_companies_and_gates_read_as_listed_but_no_person(
        tmp_path: Path, text: str, ar: str, kind: str, vi: str) -> None:
    assert _read(tmp_path, text)[ar] == (kind, vi)

"""Vietnamese -> Arabic spelling: words without marks, punctuation, non-Vietnamese words."""

from __future__ import annotations

import re

import pytest

from glossary.errors import InputError
from toolkit.translit import Transliterator
from toolkit.translit.spell import split_words

_LATIN = re.compile("[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")


def _spell(translit: Transliterator, text: str, top: int = 5) -> list[str]:
    return [c.text for c in translit.vi_to_ar_scored(text, top=top)]


@pytest.mark.parametrize(("plain", "marked"), [
    ("Nguyen", "Nguyễn"),
    ("Nguyen Van Thanh", "Nguyễn Văn Thành"),
    ("Nguyễn Van Thanh", "Nguyễn Văn Thành"),
    ("Minh", "Minh"),
    ("Pham Minh Chinh", "Phạm Minh Chính"),
    ("Thai Nguyen", "Thái Nguyên"),
    ("Ha Tinh", "Hà Tĩnh"),
    ("HO CHI MINH", "Hồ Chí Minh"),
])
def test_words_without_marks_spell_like_the_marked_name(translit, plain, marked):
    assert _spell(translit, plain)[0] == _spell(translit, marked)[0]


@pytest.mark.parametrize(("vi", "ar"), [
    ("Hà Nội, Minh", "هانوي، مينه"),  # the established spelling, comma outside
    ("Hà Nội,", "هانوي،"),
    ("(Hà Nội)", "(هانوي)"),
    ('"Hà Nội".', '"هانوي".'),
    ("Nguyễn Văn An (Hà Nội)", "نجوين فان آن (هانوي)"),
    ("Hồ Chí Minh,", "هو تشي منه،"),  # the established spelling (exonyms.tsv)
    ("Nguyễn Văn Thành; Minh", "نجوين فان ثانه؛ مينه"),
    ("Bà Rịa-Vũng Tàu", "با ريا-فونغ تاو"),
    ("Quận 1", "كوان 1"),
])
def test_punctuation_is_kept_apart_from_the_syllables(translit, vi, ar):
    assert _spell(translit, vi)[0] == ar


@pytest.mark.parametrize("text", [
    "Hà Nội, Minh", "Hồ Chí Minh,", "Nguyen Van Thanh", "Nguyen", "Duong Duc", "Pac Bo",
])
def test_no_latin_letter_is_left_in_the_arabic(translit, text):
    assert all(not _LATIN.search(ar) for ar in _spell(translit, text, top=10))


@pytest.mark.parametrize(("text", "word"), [
    ("John Nguyen", "John"),
    ("Nguyễn Smith", "Smith"),
    ("TP. Hồ Chí Minh", "TP"),
    ("Hà Nội xyz", "xyz"),
])
def test_a_word_that_is_not_vietnamese_is_named(translit, text, word):
    with pytest.raises(InputError, match=f"'{word}' is not a Vietnamese syllable"):
        translit.vi_to_ar_scored(text)


@pytest.mark.parametrize("text", ["Hanoi", "Ha Noi", "hà nội"])
def test_established_spelling_of_a_known_place(translit, text):
    assert _spell(translit, text)[0] == "هانوي"


def test_english_name_of_a_place_gives_only_its_established_spelling(translit):
    assert _spell(translit, "Hanoi") == ["هانوي"]


@pytest.mark.parametrize("text", ["...", "  ", "12"])
def test_text_without_words_is_refused(translit, text):
    with pytest.raises(InputError, match="no Vietnamese word"):
        translit.vi_to_ar_scored(text)


@pytest.mark.parametrize(("joined", "spaced"), [
    ("Nguyễn_Văn_An", "Nguyễn Văn An"),
    ("Hà_Nội", "Hà Nội"),
])
def test_underscores_separate_words(translit, joined, spaced):
    assert _spell(translit, joined) == _spell(translit, spaced)


@pytest.mark.parametrize(("vi", "ar"), [
    ("Ê Đê", "إي دي"),
    ("Ích", "إيتش"),
    ("Ea Kar", "إيا كار"),
    ("Ia Grai", "إيا غراي"),
    ("Ý Yên", "إي ين"),
    ("Y Moan", "إي موان"),
    ("Êm", "إيم"),
    ("Yên Bái", "ين باي"),  # the glide of yê is the consonant ي
    ("Ayun Pa", "آيون با"),  # no hamza inside a word
    ("Ơn", "أون"),
    ("Ân Thi", "آن ثي"),
])
def test_a_word_initial_vowel_is_carried(translit, vi, ar):
    assert _spell(translit, vi)[0] == ar


@pytest.mark.parametrize("vi", ["Ê Đê", "Ích", "Ia Grai", "Ý"])
def test_a_front_vowel_never_starts_with_a_bare_ya(translit, vi):
    assert not any(w.startswith("\u064a") for ar in _spell(translit, vi, top=10)
                   for w in ar.split()[:1])


def test_split_words_keeps_spacing_and_punctuation():
    assert split_words("Hà Nội, Minh-Anh") == [
        (False, "Hà", True), (True, "Nội", True), (False, ",", False), (True, "Minh", True),
        (False, "-", False), (False, "Anh", True)]


@pytest.mark.parametrize(("vi", "ar"), [
    ("Đắk Lắk", "داك لاك"),
    ("Đắk Nông", "داك نونغ"),
    ("Krông Pắc", "كرونغ باك"),
    ("Krong Pac", "كرونغ باك"),
    ("Hmông", "همونغ"),
    ("Pleiku", "بليكو"),
    ("H'Mông", "همونغ"),
    ("Kông Chro", "كونغ تشرو"),
    ("Cư Jút", "كو جوت"),
    ("Chư Păh", "تشو باه"),
])
def test_minority_names_are_spelled_by_the_tables(translit, vi, ar):
    assert _spell(translit, vi)[0] == ar


def test_every_gazetteer_name_of_syllables_is_spelled(translit):
    # Every place written in words (not a number, not a Latin brand such as VNeID) is accepted.
    refused = []
    for place in translit.places:
        if place.vi.isdigit() or place.kind == "org":
            continue
        try:
            spelled = _spell(translit, place.vi, top=1)
        except InputError:
            refused.append(place.vi)
            continue
        assert not _LATIN.search(spelled[0]), place.vi
    assert refused == []


@pytest.mark.parametrize("ar", ["داك لاك", "كون توم", "باك كان"])
def test_top_reading_of_ar_to_vi_is_spelled_back(translit, ar):
    vi = translit.ar_to_vi(ar, top=1)[0].text
    assert _spell(translit, vi)[0] == ar


@pytest.mark.parametrize("word", ["London", "Berlin", "Trump", "Michael", "Paris"])
def test_foreign_words_with_syllable_like_parts_stay_errors(translit, word):
    with pytest.raises(InputError, match=f"'{word}' is not a Vietnamese syllable"):
        translit.vi_to_ar_scored(f"Nguyễn {word}")

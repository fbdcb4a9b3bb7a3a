"""Tests of glossary.normalize: the rules per language and the offset map."""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary.errors import InputError
from glossary.matcher import Matcher
from glossary.normalize import (
    Normalized,
    fold_key,
    match_key,
    nfc,
    normalize,
    normalize_ar,
    normalize_en,
    normalize_vi,
    strip_latin_marks,
)

# ------------------------------------------------------------------ Arabic rules


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("كَتَبَ", "كتب"),  # fatha
        ("وفقًا", "وفقا"),  # tanween fath
        ("محمّدٌ", "محمد"),  # shadda, tanween damm
        ("مِنْ", "من"),  # kasra, sukun
        ("رحمٰن", "رحمن"),  # superscript alef U+0670
        ("الرقمـــي", "الرقمي"),  # tatweel
        ("\u200fهانوي\u200e", "هانوي"),  # RLM / LRM
        ("\u202bنص\u202c", "نص"),  # embedding controls
        ("\u2067نص\u2069", "نص"),  # isolates
        ("\u061cنص", "نص"),  # Arabic letter mark
        ("نص\u200cنص", "نصنص"),  # ZWNJ removed
        ("نص\u200bنص", "نص نص"),  # ZWSP becomes a space
        ("أحمد", "احمد"),
        ("إسلام", "اسلام"),
        ("آمن", "امن"),
        ("ٱلله", "الله"),
        ("مؤتمر", "موتمر"),
        ("رئيس", "رييس"),
        ("على", "علي"),
        ("مدينة", "مدينه"),
        ("٢٠٢٥", "2025"),
        ("۱۴۰۳", "1403"),
        ("ایران", "ايران"),  # Persian yeh
        ("کتاب", "كتاب"),  # keheh
        ("گاز", "گاز"),  # gaf kept
        ("التحول، الرقمي؟", "التحول، الرقمي؟"),  # punctuation kept
    ],
)
def test_arabic_match_rules(text: str, expected: str) -> None:
    assert normalize_ar(text).text == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("أحمد", "أحمد"),
        ("مدينةٌ", "مدينة"),
        ("مؤتمر", "مؤتمر"),
        ("على", "على"),
        ("٢٠٢٥", "2025"),
        ("الرقمـي", "الرقمي"),
    ],
)
def test_arabic_without_match_folding_keeps_letters(text: str, expected: str) -> None:
    assert normalize_ar(text, match=False).text == expected


def test_arabic_offsets_skip_removed_marks() -> None:
    original = "وَفْقًا ـلـ"
    norm = normalize_ar(original)
    assert norm.text == "وفقا ل"
    assert [original[norm.to_original(i)] for i in range(len(norm.text))] == list(norm.text)
    assert norm.to_original(len(norm.text)) == len(original)


def test_arabic_span_includes_trailing_diacritics() -> None:
    original = "في كتابٌ جديد"
    norm = normalize_ar(original)
    start = norm.text.index("كتاب")
    span = norm.span_to_original(start, start + 4)
    assert original[span[0] : span[1]] == "كتابٌ"


def test_span_does_not_include_following_controls() -> None:
    original = "هانوي\u200f و"
    norm = normalize_ar(original)
    assert norm.span_to_original(0, 5) == (0, 5)


# ------------------------------------------------------------------ invisible characters

_INVISIBLE = "\u00ad\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e" \
    "\u2060\u2066\u2067\u2068\u2069\ufeff"
_WORDS = {"ar": "التحول الرقمي", "vi": "chuyển đổi số", "en": "digital transformation"}


@pytest.mark.parametrize(
    ("lang", "char"),
    # In Arabic a ZWSP separates words: it becomes a space (see the Arabic rules).
    [(lang, c) for lang in _WORDS for c in _INVISIBLE if (lang, c) != ("ar", "\u200b")],
    ids=lambda v: f"U+{ord(v):04X}" if len(v) == 1 else v,
)
def test_invisible_characters_are_deleted_with_offsets(lang: str, char: str) -> None:
    words = _WORDS[lang]
    text = words[:4] + char + words[4:] + char
    norm = normalize(text, lang)
    assert norm.text == normalize(words, lang).text
    assert norm.span_to_original(0, len(norm.text)) == (0, len(text) - 1)
    assert norm.span_to_original(0, 4) == (0, 4)
    assert norm.span_to_original(4, 6) == (5, 7)


@pytest.mark.parametrize("lang", list(_WORDS))
def test_matcher_finds_a_term_with_invisible_characters_inside(lang: str) -> None:
    words = _WORDS[lang]
    text = "(" + words[:4] + "\u00ad" + words[4:7] + "\u200e" + words[7:] + ")"
    matcher = Matcher(lang)
    matcher.add(words, key=1)
    assert [(m.start, m.end, m.surface) for m in matcher.find(text)] == [
        (1, len(text) - 1, text[1:-1])
    ]


def test_english_soft_hyphen_is_not_a_hyphen() -> None:
    assert normalize_en("digi\u00adtal").text == "digital"
    assert match_key("e-\u00adgovernment", "en") == "e-government"


# ------------------------------------------------------------------ Vietnamese


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hoà", "hòa"),
        ("hòa", "hòa"),
        ("Hoà Bình", "hòa bình"),
        ("thuỷ", "thủy"),
        ("thủy", "thủy"),
        ("khoẻ", "khỏe"),
        ("khỏe", "khỏe"),
        ("hoá học", "hóa học"),
        ("quý", "quý"),  # qu + y: tone stays on y
        ("hoàng", "hoàng"),  # closed syllable: unchanged
        ("toàn", "toàn"),
        ("ngoài", "ngoài"),
        ("VIỆT NAM", "việt nam"),
    ],
)
def test_vietnamese_tone_placement_and_case(text: str, expected: str) -> None:
    assert normalize_vi(text).text == expected


@pytest.mark.parametrize(("old", "new"), [("hoà", "hòa"), ("thuỷ", "thủy"), ("khoẻ", "khỏe")])
def test_vietnamese_old_and_new_placement_share_a_key(old: str, new: str) -> None:
    assert match_key(old, "vi") == match_key(new, "vi")


def test_vietnamese_decomposed_input_is_composed_with_offsets() -> None:
    original = unicodedata.normalize("NFD", "Việt Nam")
    norm = normalize_vi(original)
    assert norm.text == "việt nam"
    assert len(original) > len(norm.text)
    start, end = norm.span_to_original(0, 4)
    assert (start, end) == (0, len(original) - 4)
    assert nfc(original[start:end]) == "Việt"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Đổi mới", "doi moi"), ("Thủ tướng", "thu tuong"), ("hoà", "hoa"), ("ĐẢNG", "dang")],
)
def test_vietnamese_fold(text: str, expected: str) -> None:
    assert normalize_vi(text, fold=True).text == expected
    assert fold_key(text, "vi") == expected


def test_vietnamese_case_kept_on_request() -> None:
    assert normalize_vi("Hoà Bình", casefold=False).text == "Hòa Bình"


# ------------------------------------------------------------------ English


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ministry’s", "ministry's"),
        ("“Digital”", '"digital"'),
        ("state‐owned", "state-owned"),  # U+2010 hyphen
        ("2020–2025", "2020-2025"),  # en dash
        ("a—b", "a-b"),  # em dash
        ("Viet\u00a0Nam", "viet nam"),  # no-break space
        ("HANOI", "hanoi"),
    ],
)
def test_english_folding(text: str, expected: str) -> None:
    assert normalize_en(text).text == expected


def test_english_ellipsis_expands_with_offsets() -> None:
    original = "Wait… OK"
    norm = normalize_en(original)
    assert norm.text == "wait... ok"
    assert [norm.to_original(i) for i in range(4, 8)] == [4, 4, 4, 5]
    assert norm.span_to_original(4, 7) == (4, 5)
    assert norm.span_to_original(8, 10) == (6, 8)


# ------------------------------------------------------------------ dispatch, keys


@pytest.mark.parametrize("lang", ["ar", "vi", "en"])
def test_dispatch(lang: str) -> None:
    text = "Hoà – أحمد"
    funcs: dict[str, Callable[[str], Normalized]] = {
        "ar": normalize_ar, "vi": normalize_vi, "en": normalize_en
    }
    assert normalize(text, lang).text == funcs[lang](text).text


def test_unknown_language_lists_supported() -> None:
    with pytest.raises(InputError, match="unsupported language 'fr'") as info:
        normalize("x", "fr")
    assert info.value.hint is not None and "ar, vi, en" in info.value.hint


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("  «التحولُ   الرقميّ»، ", "ar", "التحول الرقمي"),
        ("\tHoà  Bình\n", "vi", "hòa bình"),
        (" Digital   Transformation ", "en", "digital transformation"),
    ],
)
def test_match_key(text: str, lang: str, expected: str) -> None:
    assert match_key(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [("أحمد", "ar", "احمد"), ("Café Đà", "en", "café đà"), ("Café Đà", "vi", "cafe da")],
)
def test_fold_key(text: str, lang: str, expected: str) -> None:
    assert fold_key(text, lang) == expected


def test_nfc_and_strip_latin_marks() -> None:
    assert nfc("e\u0302\u0301") == "ế"
    assert strip_latin_marks("Ế đ Ư") == "E d U"


@pytest.mark.parametrize(("i", "ok"), [(-1, False), (0, True), (3, True), (4, False)])
def test_to_original_bounds(i: int, ok: bool) -> None:
    norm = normalize_ar("كَتب")
    if ok:
        assert 0 <= norm.to_original(i) <= 4
    else:
        with pytest.raises(InputError, match="out of range"):
            norm.to_original(i)


def test_reversed_span_is_an_error() -> None:
    with pytest.raises(InputError, match="reversed"):
        normalize_en("abc").span_to_original(2, 1)


def test_spans_to_original_many_agrees_with_single() -> None:
    norm = normalize_ar("وَفْقًا لِلتَّقْرِيرِ عن الوَضْعِ")
    spans = [(0, 4), (5, 12), (13, 15), (16, 21)]
    assert norm.spans_to_original_many(spans) == [norm.span_to_original(*s) for s in spans]
    assert normalize_ar("").spans_to_original_many([(0, 0)]) == [(0, 0)]


@pytest.mark.parametrize("spans", [[(5, 7), (0, 2)], [(0, 5), (3, 8)], [(2, 1)], [(0, 99)]])
def test_spans_to_original_many_rejects_bad_spans(spans: list[tuple[int, int]]) -> None:
    with pytest.raises(InputError, match="out of order or out of range"):
        normalize_ar("وَفْقًا لِلتَّقْرِيرِ").spans_to_original_many(spans)


@settings(max_examples=60, deadline=None)
@given(text=st.text(alphabet="abَـ‏ ", max_size=30), cuts=st.lists(
    st.integers(min_value=0, max_value=30), max_size=8))
def test_spans_to_original_many_agrees_on_random_spans(text: str, cuts: list[int]) -> None:
    norm = normalize_ar(text)
    points = sorted({min(c, len(norm.text)) for c in cuts})
    spans = list(itertools.pairwise(points))
    assert norm.spans_to_original_many(spans) == [norm.span_to_original(*s) for s in spans]


# ------------------------------------------------------------------ properties

_AR_ALPHABET = (
    "ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآٱؤئىة"
    "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670\u0640"
    "\u200e\u200f\u202b\u202c\u2067\u2069\u061c\u200c\u200b"
    "٠١٢٣٤٥٦٧٨٩۱۲۳یکە، .-abcAB"
)
_VI_ALPHABET = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ"
    "áàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
    "\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b ,.-"
)
_EN_ALPHABET = "abcxyzABCXYZ019 .,-'\"’‘“”–—…\u00a0\u2010éÉ\u0301"

_TEXTS = {
    "ar": st.text(alphabet=_AR_ALPHABET, max_size=40),
    "vi": st.text(alphabet=_VI_ALPHABET, max_size=40),
    "en": st.text(alphabet=_EN_ALPHABET, max_size=40),
}


def _check_map(norm: Normalized) -> None:
    offsets = [norm.to_original(i) for i in range(len(norm.text) + 1)]
    assert offsets == sorted(offsets)
    assert all(0 <= o <= len(norm.original) for o in offsets)
    assert offsets[-1] == len(norm.original)


_OPTIONS = [("ar", {}), ("ar", {"match": False}), ("vi", {}), ("vi", {"fold": True}),
            ("en", {}), ("en", {"fold": True})]


@pytest.mark.parametrize(("lang", "kw"), _OPTIONS)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_idempotent(lang: str, kw: dict[str, bool], data: st.DataObject) -> None:
    text = data.draw(_TEXTS[lang])
    once = normalize(text, lang, **kw).text
    assert normalize(once, lang, **kw).text == once


@pytest.mark.parametrize(
    ("text", "kw"),
    [("u\u1ef7\u0303", {}), ("\u1ef9\u0300", {"fold": True})],
)
def test_vietnamese_stacked_marks_are_idempotent(text: str, kw: dict[str, bool]) -> None:
    once = normalize_vi(text, **kw).text
    assert normalize_vi(once, **kw).text == once


@pytest.mark.parametrize(("lang", "kw"), _OPTIONS)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_offset_map_is_monotone_and_in_bounds(
    lang: str, kw: dict[str, bool], data: st.DataObject
) -> None:
    _check_map(normalize(data.draw(_TEXTS[lang]), lang, **kw))


@settings(max_examples=80, deadline=None)
@given(text=_TEXTS["ar"])
def test_arabic_kept_chars_come_from_their_original_char(text: str) -> None:
    norm = normalize_ar(text)
    for i, char in enumerate(norm.text):
        assert normalize_ar(text[norm.to_original(i)]).text == char


@settings(max_examples=80, deadline=None)
@given(text=_TEXTS["en"])
def test_english_kept_chars_come_from_their_original_char(text: str) -> None:
    norm = normalize_en(text)
    for i, char in enumerate(norm.text):
        if unicodedata.combining(char):  # a mark NFC left alone
            continue
        source = text[norm.to_original(i)]
        assert strip_latin_marks(char) in normalize_en(source, fold=True).text


@settings(max_examples=80, deadline=None)
@given(text=_TEXTS["vi"].map(lambda t: unicodedata.normalize("NFD", t)))
def test_vietnamese_kept_chars_come_from_their_original_cluster(text: str) -> None:
    norm = normalize_vi(text)
    for i, char in enumerate(norm.text):
        if unicodedata.combining(char):  # a stacked mark left over by NFC
            continue
        start = norm.to_original(i)
        source = strip_latin_marks(nfc(text[start:]))[:1].lower()
        assert strip_latin_marks(char) == source


@settings(max_examples=60, deadline=None)
@given(text=_TEXTS["ar"])
def test_span_to_original_covers_the_normalized_span(text: str) -> None:
    norm = normalize_ar(text)
    n = len(norm.text)
    for start, end in [(0, n), (0, n // 2), (n // 2, n)]:
        o_start, o_end = norm.span_to_original(start, end)
        assert normalize_ar(text[o_start:o_end]).text == norm.text[start:end]


def test_a_one_for_one_rewrite_keeps_the_offset_map() -> None:
    norm = normalize_ar("التَّحَوُّل")
    upper = norm.replaced(norm.text.replace("ل", "ک"))
    assert upper.original == norm.original
    assert upper.span_to_original(0, len(upper.text)) == (0, len(norm.original))
    with pytest.raises(InputError, match="rewrite one character for one"):
        norm.replaced(norm.text + "x")

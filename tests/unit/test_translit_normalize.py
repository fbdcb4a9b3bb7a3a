"""The transliteration reads Arabic through glossary's one normalizer (plus two letter folds)."""

from __future__ import annotations

import pytest

from glossary.normalize import normalize_ar
from toolkit.translit.rules import arabic_tokens, normalize_arabic


@pytest.mark.parametrize(
    "text",
    [
        "نُجُوين",  # harakat
        "أحمد إبراهيم آمنة ٱلله",  # alef forms
        "مؤتمر رئيس مستشفى مدينة",  # hamza carriers, alef maqsura, ta marbuta
        "ا\u0654 ي\u0654 و\u0654",  # decomposed hamza above (not NFC)
        "نجــوين",  # tatweel
        "\u200fفام\u200e \u2067مينه\u2069",  # format controls
        "یوسف کمال",  # Persian yeh and keheh
        "نجوين\u0610 \u06dd١٢٣",  # a Quranic honorific sign, end of ayah, Arabic-Indic digits
    ],
)
def test_normalize_arabic_is_glossarys_normalizer(text: str) -> None:
    assert normalize_arabic(text) == normalize_ar(text).text


@pytest.mark.parametrize(
    ("text", "expected"),
    [("ۋان", "فان"), ("ڨيانغ", "قيانغ"), ("ۋُو ڨِي", "فو قي")],
)
def test_translit_letters_are_read_as_plain_letters(text: str, expected: str) -> None:
    assert normalize_arabic(text) == expected


def test_arabic_tokens_splits_on_non_letters() -> None:
    assert arabic_tokens("السيد نُجُوين، (فام) 749/QD-TTg ڤو") == ["السيد", "نجوين", "فام", "ڤو"]

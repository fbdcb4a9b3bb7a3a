"""Tokens, Arabic folding, clitic stripping and code regexes of toolkit.extract."""

from __future__ import annotations

import pytest

from toolkit.extract.codes import ascii_digits, find_codes, latin_gloss, url_spans
from toolkit.extract.contexts import snippet
from toolkit.extract.tokenize import (
    chunks,
    clitic_splits,
    fold_ar,
    split_clitic,
    strip_article,
    tokenize,
    word_key,
)

LEXICON = {"تطوير", "بيانات", "لجنه", "وزاره", "قطاع"}


def known(word: str) -> bool:
    return strip_article(word) in LEXICON or word in LEXICON


def test_offsets_point_into_the_original_text() -> None:
    text = "قال الوزيـــر: بالتَّحَوُّل الرقمي"
    tokens = tokenize(text)
    assert [t.text for t in tokens] == ["قال", "الوزيـــر", ":", "بالتَّحَوُّل", "الرقمي"]
    for tok in tokens:
        assert text[tok.start:tok.end] == tok.text
    assert tokens[1].norm == "الوزير"
    assert tokens[3].norm == "بالتحول"


def test_chunks_break_at_punctuation_numbers_and_latin() -> None:
    text = "البنية التحتية، المشروع 06 ومنصة VNeID الوطنية"
    runs = [[t.text for t in run] for run in chunks(tokenize(text))]
    assert runs == [["البنية", "التحتية"], ["المشروع"], ["ومنصة"], ["الوطنية"]]


@pytest.mark.parametrize(("word", "folded"), [
    ("أُسرة", "اسره"), ("إدارة", "اداره"), ("مستشفى", "مستشفي"), ("آن", "ان"),
])
def test_fold_ar(word: str, folded: str) -> None:
    assert fold_ar(word) == folded


@pytest.mark.parametrize(("word", "expected"), [
    ("بالتحول", ("ب", "التحول")),
    ("والاتصالات", ("و", "الاتصالات")),
    ("للتحول", ("ل", "التحول")),          # ل + ال: the alef of the article is elided
    ("وللتحول", ("ول", "التحول")),
    ("للجنة", ("ل", "لجنه")),             # ل + لجنة when لجنة is a known word
    ("وتطوير", ("و", "تطوير")),           # bare clitic: the rest is a known word
    ("وزارة", ("", "وزاره")),             # و is part of the word
    ("قطاع", ("", "قطاع")),
])
def test_split_clitic(word: str, expected: tuple[str, str]) -> None:
    assert split_clitic(fold_ar(word), known) == expected


@pytest.mark.parametrize(("word", "expected"), [
    ("وكالة", ("", "وكاله")),            # a word of the lexicon: no و + ك + الة
    ("وكالات", ("", "وكالات")),
    ("وكالمدينة", ("وك", "المدينه")),     # و + ك + the article
    ("وبالتعاون", ("وب", "التعاون")),
])
def test_a_word_of_the_lexicon_keeps_an_article_like_al(word: str,
                                                        expected: tuple[str, str]) -> None:
    lexical = {"وكاله", "وكالات"}.__contains__
    assert split_clitic(fold_ar(word), known, lexical) == expected


def test_clitic_splits_keep_a_name_starting_with_lam() -> None:
    splits = clitic_splits(fold_ar("للاو"))
    assert ("ل", "لاو") in splits
    assert splits[0] == ("", "للاو")


@pytest.mark.parametrize(("word", "key"), [
    ("بالتحول", "تحول"), ("التحول", "تحول"), ("تحول", "تحول"), ("للتحوّل", "تحول"),
])
def test_word_key_handles_definiteness_and_clitics(word: str, key: str) -> None:
    assert word_key(word, known) == key


@pytest.mark.parametrize(("text", "code", "kind"), [
    ("القرار رقم 05-NQ/TU بتاريخ", "05-NQ/TU", "code"),
    ("نص القرار رقم 749/QD-TTg بشأن", "749/QD-TTg", "code"),
    ("القرار 52-NQ/TW الصادر", "52-NQ/TW", "code"),
    ("المشروع 08-DA/TU لتطوير", "08-DA/TU", "code"),
    ("المرسوم 13/2023/NĐ-CP بشأن", "13/2023/NĐ-CP", "code"),
    ("تطبيق VNeID الوطني", "VNeID", "acronym"),
    ("مثل VNeID وiHanoi", "iHanoi", "acronym"),
    ("منصة (LGSP) 29 تطبيقًا", "LGSP", "acronym"),
    ("محطة BTS (3G و4G)", "4G", "acronym"),
    ("تطبيق Thai Nguyen ID الجديد", "Thai Nguyen ID", "acronym"),
    ("مع وViettel وFPT", "Viettel", "acronym"),
])
def test_codes_and_acronyms(text: str, code: str, kind: str) -> None:
    found = {(c.text, c.kind) for c in find_codes(text)}
    assert (code, kind) in found
    for c in find_codes(text):
        assert text[c.start:c.end] == c.text


@pytest.mark.parametrize(("text", "codes"), [
    # Vietnamese and ordinary capitalised words in Latin letters: no acronym.
    ("أعلن فام مينه تشينه (Phạm Minh Chính) في لاو كاي (Lào Cai).", []),
    ("زار الوفد Ho Chi Minh City أمس", []),
    ("السيدة Hà والسيد Nguyễn Văn An", []),
    ("وفد (Pha\u0323m Minh Chi\u0301nh) يزور", []),  # decomposed (NFD) Vietnamese
    # ...but an acronym word keeps its group, and one ASCII capitalised word is a brand.
    ("تطبيق Thái Nguyên ID الجديد", [("Thái Nguyên ID", "acronym")]),
    ("مع Viettel وĐHQG", [("Viettel", "acronym"), ("ĐHQG", "acronym")]),
    # Arabic-Indic digits: the code as written.
    ("صدر المرسوم ١٢/٢٠٢٤/NĐ-CP.", [("١٢/٢٠٢٤/NĐ-CP", "code")]),
    ("القرار ۷۴۹/QD-TTg", [("۷۴۹/QD-TTg", "code")]),
])
def test_latin_words_with_diacritics_are_whole_words(
        text: str, codes: list[tuple[str, str]]) -> None:
    assert [(c.text, c.kind) for c in find_codes(text)] == codes


@pytest.mark.parametrize(("written", "ascii"), [
    ("١٢/٢٠٢٤/NĐ-CP", "12/2024/NĐ-CP"),
    ("۷۴۹/QD-TTg", "749/QD-TTg"),
    ("749/QD-TTg", "749/QD-TTg"),
])
def test_ascii_digits(written: str, ascii: str) -> None:
    assert ascii_digits(written) == ascii


@pytest.mark.parametrize("text", [
    "الفترة 2020-2025 حتى عام 2030",
    "المصدر: https://example.gov.vn/chuyen-doi-so-NQ-TU-2024.htm",
    "راسلونا على info@example.com أو www.Example.VN/ABC",
    "في الساعة 8:15:22:2024:11:40",
])
def test_no_code_in_numbers_or_urls(text: str) -> None:
    assert find_codes(text) == []


def test_url_spans_cover_the_whole_url() -> None:
    text = "المصدر: https://mic.gov.vn/a-b-197.htm تعليق"
    (start, end), = url_spans(text)
    assert text[start:end] == "https://mic.gov.vn/a-b-197.htm"


def test_snippet_cuts_at_words_and_lines() -> None:
    text = "سطر أول\n" + "كلمة " * 30 + "الهدف " + "كلمة " * 30 + "\nسطر أخير"
    start = text.index("الهدف")
    snip = snippet(text, start, start + 5, width=20)
    assert "الهدف" in snip
    assert "\n" not in snip and "سطر" not in snip
    assert snip.startswith("…") and snip.endswith("…")


@pytest.mark.parametrize(("text", "name", "gloss"), [
    ("فام مينه تشينه (Phạm Minh Chính) في", "فام مينه تشينه", "Phạm Minh Chính"),
    ("لاو كاي ( Lao Cai ).", "لاو كاي", "Lao Cai"),
    ("في إن بي تي (VNPT) في", "في إن بي تي", None),  # an acronym: a code, not a gloss
    ("لاو كاي (lao cai)", "لاو كاي", None),           # not capitalised words
    ("لاو كاي، (Lao Cai)", "لاو كاي", None),          # not right after the name
    ("لاو كاي في", "لاو كاي", None),
])
def test_a_latin_gloss_after_a_name(text: str, name: str, gloss: str | None) -> None:
    assert latin_gloss(text, text.index(name) + len(name)) == gloss

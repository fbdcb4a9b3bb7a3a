"""Arabic presentation forms (text copied from PDFs) read as the letters they stand for.

The shaped texts are made here by :func:`_shape`, from the contextual forms that
Unicode's decomposition data lists (Forms-B, with the lam-alef ligatures), so
that NFKC gives the plain text back. The sentences are written for these tests.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary import Matcher, match_key
from glossary.model import Entry, Forms
from glossary.normalize import normalize_ar, read_presentation_forms
from toolkit.extract.tokenize import tokenize
from toolkit.translit import ar_to_vi
from toolkit.translit.rules import arabic_tokens

_POSITIONS = ("isolated", "final", "initial", "medial")


def _contextual_forms() -> dict[str, dict[str, str]]:
    """Letters (or lam + alef) -> their presentation form per position."""
    forms: dict[str, dict[str, str]] = {}
    for code in range(0xFE80, 0xFEFD):
        tag, *hexes = unicodedata.decomposition(chr(code)).split()
        base = "".join(chr(int(h, 16)) for h in hexes)
        forms.setdefault(base, {})[tag.strip("<>")] = chr(code)
    return forms


_FORMS = _contextual_forms()
_LAM_ALEF = re.compile("\u0644[\u0627\u0623\u0625\u0622]|.", re.S)


def _shape(text: str) -> str:
    """Writes ``text`` in contextual presentation forms, lam + alef as one ligature."""
    units = _LAM_ALEF.findall(text)
    out = []
    for i, unit in enumerate(units):
        forms = _FORMS.get(unit)
        if forms is None:
            out.append(unit)
            continue
        before = units[i - 1] if i else ""
        after = units[i + 1] if i + 1 < len(units) else ""
        # Joined to the letter before if it joins on (has a medial form) and this one
        # can end a join (has a final form); to the next one likewise.
        joined_before = "medial" in _FORMS.get(before, {}) and "final" in forms
        joins_after = "medial" in forms and "final" in _FORMS.get(after, {})
        position = _POSITIONS[joined_before + 2 * joins_after]
        out.append(forms.get(position) or forms["final" if joined_before else "isolated"])
    return "".join(out)


_SENTENCES = (
    "أعلنت وزارة الإعلام والاتصالات خطة التحول الرقمي في هانوي.",
    "قال السيد نجوين مانه هونغ إن الحكومة الإلكترونية أولوية لا تقبل التأجيل.",
    "للاتصالات الآمنة دور في حماية البيانات الوطنية، والله الموفق.",
    "وصلت نسبة الاستخدام إلى ٩٥٪ في ٢٠٢٥ عبر منصة VNeID للهوية الرقمية.",
)


@pytest.mark.parametrize("plain", _SENTENCES)
def test_the_shaper_writes_presentation_forms_that_nfkc_reads_back(plain: str) -> None:
    shaped = _shape(plain)
    assert unicodedata.normalize("NFKC", shaped) == plain
    assert sum("\ufe70" <= c <= "\ufefe" for c in shaped) > len(plain) // 2
    assert len(shaped) < len(plain)  # lam-alef ligatures: one character for two


# ------------------------------------------------------------------ the rules


@pytest.mark.parametrize(
    ("text", "match", "expected"),
    [
        ("ﻧﺠﻮﻳﻦ", True, "نجوين"),  # initial, medial, final forms
        ("ﻻ", False, "لا"),  # lam-alef isolated: two letters from one character
        ("ﻼ", False, "لا"),  # lam-alef final
        ("ﻷ ﻹ ﻵ", False, "لأ لإ لآ"),  # lam with hamza/madda alef
        ("ﻷ ﻹ ﻵ", True, "لا لا لا"),  # ... folded for match keys
        ("ﷲ", True, "الله"),  # Forms-A word ligature
        ("ﺓ ﻯ", True, "ه ي"),  # ta marbuta and alef maqsura fold as letters do
        ("ﺓ ﻯ", False, "ة ى"),
        ("ﯼ ﮎ", True, "ي ك"),  # Persian yeh, keheh: then the Persian folds
        ("ﻛﺘﺎﺏﹲ", True, "كتاب"),  # isolated dammatan form: a mark of the word
        ("ﻛﹶﺘﺎﺏ", False, "كتاب"),  # isolated fatha form inside a word
        ("ﻛﹷﺘﺎﺏ", False, "كتاب"),  # tatweel with fatha
        ("ﻣﺤﻤﺪﱞ", True, "محمد"),  # shadda with dammatan ligature
        ("\ufeffﻧﺺ", True, "نص"),  # the BOM is deleted, not read
    ],
)
def test_presentation_forms_read_as_letters(text: str, match: bool, expected: str) -> None:
    assert normalize_ar(text, match=match).text == expected


@pytest.mark.parametrize(
    "block", [range(0xFB50, 0xFE00), range(0xFE70, 0xFEFF)], ids=["forms-A", "forms-B"]
)
@pytest.mark.parametrize("match", [True, False])
def test_every_presentation_form_reads_as_its_nfkc_letters(block: range, match: bool) -> None:
    def expected(char: str) -> str:
        letters = unicodedata.normalize("NFKC", char)
        if letters[0] == " " and len(letters) > 1:  # a spacing harakat form: the marks
            letters = letters[1:]
        return normalize_ar(letters, match=match).text

    chars = [chr(code) for code in block if unicodedata.normalize("NFKC", chr(code)) != chr(code)]
    assert len(chars) > 100
    assert [normalize_ar(c, match=match).text for c in chars] == [expected(c) for c in chars]


@pytest.mark.parametrize(
    "char",
    ["\ufb01", "\u2460", "\uff21", "\u00b2", "\uff76", "\ufe50", "\ufe35", "\u00a0",
     "\ufdfd", "\ufd3e", "\u2026"],
    ids=["fi", "circled-1", "fullwidth-A", "superscript-2", "halfwidth-ka", "small-comma",
         "vertical-paren", "nbsp", "bismillah", "ornate-paren", "ellipsis"],
)
@pytest.mark.parametrize("match", [True, False])
def test_other_compatibility_characters_are_kept(char: str, match: bool) -> None:
    text = f"ن{char}ن"
    norm = normalize_ar(text, match=match)
    assert norm.text == text
    assert read_presentation_forms(text).text == text


def test_read_presentation_forms_keeps_diacritics_and_order() -> None:
    norm = read_presentation_forms("ﻣُﺤَﻤَّﺪ ﻻ abc")
    assert norm.text == "مُحَمَّد لا abc"
    assert norm.original == "ﻣُﺤَﻤَّﺪ ﻻ abc"


# ------------------------------------------------------------------ offsets

_BILAD = "ﺑﻼﺩ"  # بلاد: ba, lam-alef ligature, dal (three characters for four letters)


@pytest.mark.parametrize(
    ("span", "expected"),
    [
        ((0, 4), (0, 3)),
        ((0, 1), (0, 1)),
        ((1, 2), (1, 2)),  # the lam of the ligature: the whole ligature
        ((2, 3), (1, 2)),  # its alef: the whole ligature too
        ((0, 2), (0, 2)),
        ((2, 4), (1, 3)),
        ((3, 4), (2, 3)),
        ((2, 2), (1, 1)),
    ],
)
@pytest.mark.parametrize("match", [True, False])
def test_a_span_inside_a_ligature_maps_to_the_whole_character(
    span: tuple[int, int], expected: tuple[int, int], match: bool
) -> None:
    norm = normalize_ar(_BILAD, match=match)
    assert norm.text == "بلاد"
    assert norm.span_to_original(*span) == expected
    assert norm.spans_to_original_many([span]) == [expected]


@pytest.mark.parametrize(("shaped", "plain"), [
    ("\ufedb\ufe98\ufe8e\ufe8f\ufe72 \u062c\u062f\u064a\u062f",
     "\u0643\u062a\u0627\u0628\u064c \u062c\u062f\u064a\u062f"),  # كتابٌ, ٌ isolated
    ("\ufedb\ufe98\ufe8e\ufe8f\ufc5e \u062c\u062f\u064a\u062f",
     "\u0643\u062a\u0627\u0628\u0651\u064c \u062c\u062f\u064a\u062f"),  # shadda ligature
])
@pytest.mark.parametrize("match", [True, False])
def test_a_word_span_covers_its_trailing_isolated_harakat(shaped: str, plain: str,
                                                         match: bool) -> None:
    for text in (shaped, plain):  # as the combining marks of plain text are covered
        norm = normalize_ar(text, match=match)
        assert norm.text.split()[0] == "\u0643\u062a\u0627\u0628"
        assert norm.span_to_original(0, 4) == (0, text.index(" "))
        assert norm.spans_to_original_many([(0, 4)]) == [(0, text.index(" "))]


@pytest.mark.parametrize("plain", _SENTENCES)
@pytest.mark.parametrize("match", [True, False])
def test_words_of_a_shaped_sentence_map_back_to_the_shaped_words(plain: str, match: bool) -> None:
    shaped = _shape(plain)
    norm = normalize_ar(shaped, match=match)
    assert norm.text == normalize_ar(plain, match=match).text
    words = [m.span() for m in re.finditer(r"\S+", norm.text)]
    mapped = [shaped[a:b] for a, b in norm.spans_to_original_many(words)]
    assert mapped == [_shape(word) for word in plain.split()]


_AR_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآؤئىة"


@settings(max_examples=80, deadline=None)
@given(text=st.text(alphabet=_AR_LETTERS + "لالالا ،.\u064e\u0651", max_size=40))
def test_shaped_text_normalizes_like_plain_text_with_a_monotone_map(text: str) -> None:
    shaped = _shape(text)
    norm = normalize_ar(shaped)
    assert norm.text == normalize_ar(text).text
    offsets = [norm.to_original(i) for i in range(len(norm.text) + 1)]
    assert offsets == sorted(offsets) and offsets[-1] == len(shaped)
    n = len(norm.text)
    for start, end in [(0, n), (0, n // 2), (n // 2, n)]:
        o_start, o_end = norm.span_to_original(start, end)
        assert norm.text[start:end] in normalize_ar(shaped[o_start:o_end]).text


_MIXED = "بلا ،" + "ﻻﻼﻷﷲﷺﹲﹱﹶﱞﳲﺑﻨﺔﻯ\ufdfd" + "\u064e\u0651\u0640\u200f\ufeff"


@pytest.mark.parametrize("match", [True, False])
@settings(max_examples=80, deadline=None)
@given(text=st.text(alphabet=_MIXED, max_size=30))
def test_the_one_pass_map_is_reading_then_normalizing(match: bool, text: str) -> None:
    read = read_presentation_forms(text)
    norm = normalize_ar(text, match=match)
    then = normalize_ar(read.text, match=match)
    assert norm.text == then.text
    assert ([norm.to_original(i) for i in range(len(norm.text) + 1)]
            == [read.to_original(then.to_original(i)) for i in range(len(norm.text) + 1)])


# ------------------------------------------------------------------ what reads Arabic


@pytest.mark.parametrize("plain", _SENTENCES)
def test_the_extract_tokenizer_reads_a_shaped_sentence_as_the_plain_one(plain: str) -> None:
    shaped = _shape(plain)
    plain_tokens, shaped_tokens = tokenize(plain), tokenize(shaped)
    assert ([(t.text, t.type, t.norm, t.light) for t in shaped_tokens]
            == [(t.text, t.type, t.norm, t.light) for t in plain_tokens])
    assert ([shaped[t.start:t.end] for t in shaped_tokens]
            == [_shape(t.text) for t in plain_tokens])


@pytest.mark.parametrize("name", ["نجوين مانه هونغ", "فام مينه تشينه", "هاي فونغ", "لاو كاي"])
def test_transliteration_reads_a_shaped_name(name: str) -> None:
    shaped = _shape(name)
    assert shaped != name
    assert arabic_tokens(shaped) == arabic_tokens(name)
    assert [c.text for c in ar_to_vi(shaped)] == [c.text for c in ar_to_vi(name)]


@pytest.mark.parametrize(("shaped", "plain"), [
    ("\ufbdf\ufe8e\ufee6", "\u06cb\u0627\u0646"),  # ۋان in its final form: ve + an
    ("\ufbde\ufe8e\ufee6", "\u0641\u0627\u0646"),  # isolated ve reads as ف
])
def test_transliteration_reads_a_shaped_ve_as_its_letter(shaped: str, plain: str) -> None:
    assert arabic_tokens(shaped) == arabic_tokens(plain) == ["\u0641\u0627\u0646"]


def _glossary_matcher(*forms: str) -> Matcher:
    entries = [Entry(id=i, status="approved", forms={"ar": Forms(form)})
               for i, form in enumerate(forms)]
    return Matcher.from_entries(entries, "ar")


@pytest.mark.parametrize("form", ["التحول الرقمي", "الحكومة الإلكترونية", "نجوين مانه هونغ",
                                  "وزارة الإعلام والاتصالات"])
def test_the_matcher_finds_a_plain_form_in_shaped_text(form: str) -> None:
    plain = next(s for s in _SENTENCES if form in s)
    shaped = _shape(plain)
    (match,) = _glossary_matcher(form).find(shaped)
    assert match.form == form
    assert match.surface == shaped[match.start:match.end] == _shape(form)


@pytest.mark.parametrize(
    ("form", "plain", "word"),
    [
        # ل + الاتصالات: the article's alef elided, the term starts inside the ligature ﻼ.
        ("الاتصالات", "دعم للاتصالات", "ﻟﻼﺗﺼﺎﻻﺕ"),
        # ل + اتفاقية: the clitic and the term's alef are one character ﻻ.
        ("اتفاقية", "دعم لاتفاقية", "ﻻﺗﻔﺎﻗﻴﺔ"),
        # A term ending in a ligature, and one starting with one.
        ("بلاد", "زرت بلاد", "ﺑﻼﺩ"),
        ("لا مركزية", "نحو لا مركزية", "ﻻ ﻣﺮﻛﺰﻳﺔ"),
    ],
)
def test_match_offsets_with_a_lam_alef_ligature_at_its_boundary(
    form: str, plain: str, word: str
) -> None:
    shaped = _shape(plain)
    (match,) = _glossary_matcher(form).find(shaped)
    # The span covers whole characters of the shaped text, the ligature included.
    at = shaped.index(word)
    assert at <= match.prefix_start <= match.start < match.end == at + len(word)
    assert match.surface == shaped[match.start:match.end]
    assert normalize_ar(match.surface).text in normalize_ar(word).text
    assert normalize_ar(form).text in normalize_ar(match.standalone).text
    assert match_key(shaped[match.prefix_start:match.end], "ar") == match_key(word, "ar")


# ------------------------------------------------------------------ a document


_DOCUMENT = (
    "أعلن رئيس الوزراء فام مينه تشينه خطة التحول الرقمي للحكومة الإلكترونية.\n"
    "وقال نائب رئيس الوزراء تران هونغ ها إن التحول الرقمي أولوية لا تحتمل التأجيل، "
    "وإن الخدمة العامة عبر الإنترنت تصل إلى المواطنين في هاي فونغ وباك نينه.\n"
    "وأكد السيد نجوين مانه هونغ أن الخدمة العامة والاتصالات الآمنة في قلب الخطة.\n"
)


def _extracted(path: Path) -> list[tuple[str, dict[str, str]]]:
    from toolkit.batch.jobs import ExtractSpec
    from toolkit.extract.results import extract_paths

    result = extract_paths([path], ExtractSpec().extractor())
    return [(c.entry.kind, {lang: f.preferred for lang, f in c.entry.forms.items()})
            for c in result.candidates]


def test_extracting_a_shaped_document_finds_what_the_plain_one_has(tmp_path: Path) -> None:
    plain, shaped = tmp_path / "plain.txt", tmp_path / "shaped.txt"
    plain.write_text(_DOCUMENT, encoding="utf-8")
    shaped.write_text(_shape(_DOCUMENT), encoding="utf-8")
    found = _extracted(plain)
    kinds = {kind for kind, _ in found}
    assert {"person", "place", "term"} <= kinds
    assert _extracted(shaped) == found

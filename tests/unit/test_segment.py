"""Segmentation keeps the document byte for byte and cuts only at sentence ends."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from glossary.errors import FormatError, InputError
from toolkit.segment import (
    HOLDS,
    _parse_abbreviations,
    load_abbreviations,
    reassemble,
    segment,
    translatable,
)


def sentences(text: str, lang: str = "ar") -> list[str]:
    return [s.text for s in translatable(segment(text, lang))]


@given(st.text(alphabet=st.sampled_from(list("ab .؟!\n|#-1:/٫،\r\tهـ\f\v\x85\u2028\u2029")),
               max_size=200),
       st.sampled_from(["ar", "vi", "en"]))
def test_pieces_concatenate_to_the_document(text: str, lang: str) -> None:
    segs = segment(text, lang)
    assert "".join(s.text for s in segs) == text
    assert all(text[s.start:s.end] == s.text for s in segs)
    # Line numbers count only \r\n, \n and \r, as editors and grep -n do.
    assert all(s.line == len(re.findall(r"\r\n|\n|\r", text[:s.start])) for s in segs)


@pytest.mark.parametrize("soft", ["\f", "\v", "\x85", "\u2028", "\u2029", "\x1c"])
def test_a_soft_break_is_layout_within_its_line(soft: str) -> None:
    text = f"Trang một.{soft}Trang hai\nDòng ba.\n"
    segs = segment(text, "vi")
    assert [(s.text, s.line) for s in segs if s.translatable] == [
        ("Trang một.", 0), ("Trang hai", 0), ("Dòng ba.", 1)]
    assert [(s.text, s.line) for s in segs if not s.translatable] == [
        (soft, 0), ("\n", 0), ("\n", 1)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قال الوزير. ثم أضاف؟ نعم!", ["قال الوزير.", "ثم أضاف؟", "نعم!"]),
        ("بلغ 45.79% و 1.3 مليار. انتهى", ["بلغ 45.79% و 1.3 مليار.", "انتهى"]),
        ("القرار 749/QD-TTg. التالي", ["القرار 749/QD-TTg.", "التالي"]),
        ("المصدر: https://a.vn/b-1.html تعليق. ثم", ["المصدر: https://a.vn/b-1.html تعليق.", "ثم"]),
        ("Ông Nguyễn nói: \"Tốt.\" Sau đó", ["Ông Nguyễn nói: \"Tốt.\"", "Sau đó"]),
        ("# عنوان المقال", ["عنوان المقال"]),
        ("- بند أول. بند ثان", ["بند أول.", "بند ثان"]),
        ("| خلية أولى | خلية ثانية |", ["خلية أولى", "خلية ثانية"]),
        ("![]() |", []),
        ("https://example.vn/only-a-link", []),
        ("2020-2025", []),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_line_structure_survives_translation() -> None:
    text = "# عنوان\n\nجملة أولى. جملة ثانية\r\n| خلية |\n"
    segs = segment(text)
    out = reassemble(segs, {i: f"<{s.text}>" for i, s in enumerate(segs) if s.translatable})
    assert out == "# <عنوان>\n\n<جملة أولى.> <جملة ثانية>\r\n| <خلية> |\n"


def test_line_numbers() -> None:
    segs = translatable(segment("Một.\nHai. Ba.\n"))
    assert [(s.text, s.line) for s in segs] == [("Một.", 0), ("Hai.", 1), ("Ba.", 1)]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # always
        ("Mr. Nguyen Van A. said so. Next", "en", ["Mr. Nguyen Van A. said so.", "Next"]),
        ("Ask Mrs. lee. Then go.", "en", ["Ask Mrs. lee.", "Then go."]),
        ("Cities, e.g. Hanoi. Next", "en", ["Cities, e.g. Hanoi.", "Next"]),
        ("Viet Nam vs. Thailand. Next", "en", ["Viet Nam vs. Thailand.", "Next"]),
        # digit
        ("He said no. The minister left.", "en", ["He said no.", "The minister left."]),
        ("See Decree No. 13 on data. Next", "en", ["See Decree No. 13 on data.", "Next"]),
        ("Under Art. 5 it is. Next", "en", ["Under Art. 5 it is.", "Next"]),
        ("It is a work of art. Next", "en", ["It is a work of art.", "Next"]),
        ("Signed on Jan. 15 in Hanoi. Next", "en", ["Signed on Jan. 15 in Hanoi.", "Next"]),
        ("Xem tr. 12 của báo cáo. Tiếp", "vi", ["Xem tr. 12 của báo cáo.", "Tiếp"]),
        ("راسلونا على ص.ب. 12 في دبي. ثم", "ar", ["راسلونا على ص.ب. 12 في دبي.", "ثم"]),
        # capital
        ("Dr. Tran spoke. Next", "en", ["Dr. Tran spoke.", "Next"]),
        ("TS. Nguyễn Bình phát biểu. Sau đó", "vi", ["TS. Nguyễn Bình phát biểu.", "Sau đó"]),
        ("ThS. “Lê Thị Hoa” đến. Sau đó", "vi", ["ThS. “Lê Thị Hoa” đến.", "Sau đó"]),
        ("PGS.TS. Trần Minh nói. Sau đó", "vi", ["PGS.TS. Trần Minh nói.", "Sau đó"]),
        ("Tại TP. Hồ Chí Minh có mưa. Sau đó", "vi", ["Tại TP. Hồ Chí Minh có mưa.", "Sau đó"]),
        ("Anh ấy là TS. sau đó thì khác", "vi", ["Anh ấy là TS.", "sau đó thì khác"]),
        # Vietnamese ông and bà are words, not abbreviations
        ("Tôi đã gặp bà. Bà ấy nói.", "vi", ["Tôi đã gặp bà.", "Bà ấy nói."]),
        ("Cảm ơn ông. Hẹn gặp lại.", "vi", ["Cảm ơn ông.", "Hẹn gặp lại."]),
        ("Họ mời ông. Nguyễn đến sau.", "vi", ["Họ mời ông.", "Nguyễn đến sau."]),
        # lower
        ("Apples, pears, etc. and more. Next", "en", ["Apples, pears, etc. and more.", "Next"]),
        ("Apples, pears, etc. The rest", "en", ["Apples, pears, etc.", "The rest"]),
        ("At 9 a.m. on Monday. Next", "en", ["At 9 a.m. on Monday.", "Next"]),
        ("Viettel Co. said so. Next", "en", ["Viettel Co. said so.", "Next"]),
        ("Táo, lê, v.v. và nhiều thứ. Tiếp", "vi", ["Táo, lê, v.v. và nhiều thứ.", "Tiếp"]),
        ("Táo, lê, v.v. Sau đó", "vi", ["Táo, lê, v.v.", "Sau đó"]),
        # abbreviations belong to their language
        ("He said no. 5 came.", "en", ["He said no. 5 came."]),
        ("Tôi nói no. 5 người đến.", "vi", ["Tôi nói no.", "5 người đến."]),
        # one-letter initials, in every script
        ("Ông Nguyễn Văn A. cho biết. Sau đó", "vi", ["Ông Nguyễn Văn A. cho biết.", "Sau đó"]),
        ("قال د. أحمد ذلك. ثم", "ar", ["قال د. أحمد ذلك.", "ثم"]),
        ("قال أ.د. محمد ذلك. ثم", "ar", ["قال أ.د. محمد ذلك.", "ثم"]),
    ],
)
def test_abbreviation_rules(text: str, lang: str, expected: list[str]) -> None:
    assert sentences(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قال الوزير. ثم غادر", ["قال الوزير.", "ثم غادر"]),
        ("هل بدأ التحول؟ نعم", ["هل بدأ التحول؟", "نعم"]),
        ("يا له من إنجاز! ثم", ["يا له من إنجاز!", "ثم"]),
        ("قال «تم ذلك.» ثم", ["قال «تم ذلك.»", "ثم"]),
        ("انتهى الاجتماع… ثم", ["انتهى الاجتماع…", "ثم"]),
        ("جملة۔ أخرى", ["جملة۔", "أخرى"]),
        ("بلغ 1.3 مليار. ثم", ["بلغ 1.3 مليار.", "ثم"]),
        ("قال الوزير no. ثم", ["قال الوزير no.", "ثم"]),  # English list not used for ar
    ],
)
def test_arabic_sentence_ends(text: str, expected: list[str]) -> None:
    assert sentences(text, "ar") == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Xem tại https://a.gov.vn. Bộ trưởng nói rằng…", "vi",
         ["Xem tại https://a.gov.vn.", "Bộ trưởng nói rằng…"]),
        ("راسلوا info@mic.gov.vn. قال الوزير", "ar", ["راسلوا info@mic.gov.vn.", "قال الوزير"]),
        ("زوروا www.mic.gov.vn. قال الوزير", "ar", ["زوروا www.mic.gov.vn.", "قال الوزير"]),
        ("هل زرت https://a.gov.vn؟ قال الوزير", "ar", ["هل زرت https://a.gov.vn؟", "قال الوزير"]),
        ("Visit mic.gov.vn! Then go.", "en", ["Visit mic.gov.vn!", "Then go."]),
        ("(see https://x.vn/p.aspx). Done.", "en", ["(see https://x.vn/p.aspx).", "Done."]),
        # Inner dots, paths and queries stay whole.
        ("See https://mic.gov.vn/a/b.html?x=1.2 now. Next.", "en",
         ["See https://mic.gov.vn/a/b.html?x=1.2 now.", "Next."]),
        ("Mail a.b@mic.gov.vn or www.mic.gov.vn/x.y now.", "en",
         ["Mail a.b@mic.gov.vn or www.mic.gov.vn/x.y now."]),
    ],
)
def test_sentence_ends_after_a_url(text: str, lang: str, expected: list[str]) -> None:
    assert sentences(text, lang) == expected


def test_packaged_abbreviations_load() -> None:
    table = load_abbreviations()
    assert set(table) == {"ar", "vi", "en"}
    assert table["en"]["no"] == "digit" and table["vi"]["ts"] == "capital"
    assert "ông" not in table["vi"] and "bà" not in table["vi"]
    assert all(holds in HOLDS for rows in table.values() for holds in rows.values())


_HEADER = "# comment\nlang\tabbreviation\tholds\texpansion\n"


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("lang\tabbr\n", "unexpected header", 1),
        (_HEADER + "en\tNo\tdigit\n", "row has 3 cells, expected 4", 3),
        (_HEADER + "fr\tNo\tdigit\tx\n", "bad row 'fr'", 3),
        (_HEADER + "en\tNo\tsometimes\tx\n", "bad row", 3),
        (_HEADER + "en\tN o\tdigit\tx\n", "bad row", 3),
        (_HEADER + "en\tNo\tdigit\tx\nen\tno\talways\tx\n", "listed twice", 4),
    ],
)
def test_malformed_abbreviation_table(text: str, message: str, line: int) -> None:
    with pytest.raises(FormatError, match=message) as info:
        _parse_abbreviations(text, "abbreviations.tsv")
    assert info.value.line == line and info.value.path == "abbreviations.tsv"
    assert info.value.hint


def test_unsupported_language_is_an_input_error() -> None:
    with pytest.raises(InputError, match="unsupported language 'fr'"):
        segment("Bonjour. Salut", "fr")

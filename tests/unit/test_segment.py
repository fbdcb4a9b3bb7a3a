"""Segmentation keeps the document byte for byte and cuts only at sentence ends."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from toolkit.segment import reassemble, segment, translatable


def sentences(text: str) -> list[str]:
    return [s.text for s in translatable(segment(text))]


@given(st.text(alphabet=st.sampled_from(list("ab .؟!\n|#-1:/٫،\r\tهـ")), max_size=200))
def test_pieces_concatenate_to_the_document(text: str) -> None:
    segs = segment(text)
    assert "".join(s.text for s in segs) == text
    assert all(text[s.start:s.end] == s.text for s in segs)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قال الوزير. ثم أضاف؟ نعم!", ["قال الوزير.", "ثم أضاف؟", "نعم!"]),
        ("بلغ 45.79% و 1.3 مليار. انتهى", ["بلغ 45.79% و 1.3 مليار.", "انتهى"]),
        ("القرار 749/QD-TTg. التالي", ["القرار 749/QD-TTg.", "التالي"]),
        ("المصدر: https://a.vn/b-1.html تعليق. ثم", ["المصدر: https://a.vn/b-1.html تعليق.", "ثم"]),
        ("Mr. Nguyen Van A. said so. Next", ["Mr. Nguyen Van A. said so.", "Next"]),
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

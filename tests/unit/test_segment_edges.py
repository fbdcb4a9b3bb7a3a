"""Whitespace around a sentence is layout: it stays when the engine drops it."""

from __future__ import annotations

import pytest

from toolkit.segment import reassemble, segment


@pytest.mark.parametrize(("text", "lang", "sentences"), [
    ("![صورة](a.png) نص بعد الصورة.", "ar", ["نص بعد الصورة."]),
    ("نص قبل ![a](b.png) نص بعد.", "ar", ["نص قبل", "نص بعد."]),
    ("نص  \tمع فراغات.  ", "ar", ["نص  \tمع فراغات."]),
    ("النص\u00a0بفراغ.\u00a0 التالي.", "ar", ["النص\u00a0بفراغ.", "التالي."]),
    ("Hello there.\u3000Next one.", "en", ["Hello there.", "Next one."]),
    ("| Hà Nội |  thủ đô | 12 |", "vi", ["Hà Nội", "thủ đô"]),
    ("- \u00a0Mục một.", "vi", ["Mục một."]),
])
def test_sentences_carry_no_edge_whitespace_and_offsets_hold(
        text: str, lang: str, sentences: list[str]) -> None:
    pieces = segment(text, lang)
    assert "".join(p.text for p in pieces) == text
    assert all(text[p.start:p.end] == p.text for p in pieces)
    assert [p.text for p in pieces if p.translatable] == sentences


@pytest.mark.parametrize(("text", "expected"), [
    ("![صورة](a.png) نص بعد الصورة.", "![صورة](a.png) T0"),
    ("نص قبل ![a](b.png) نص بعد.", "T0 ![a](b.png) T1"),
    ("جملة أولى.  جملة ثانية.\n", "T0  T1\n"),
])
def test_translations_keep_the_spaces_around_them(text: str, expected: str) -> None:
    pieces = segment(text, "ar")
    indexes = [i for i, p in enumerate(pieces) if p.translatable]
    # An engine returns sentences stripped of the spaces it was given.
    assert reassemble(pieces, {i: f"T{n}" for n, i in enumerate(indexes)}) == expected

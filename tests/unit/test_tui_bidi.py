"""Display reordering of right-to-left text (tui.bidi)."""

from __future__ import annotations

import pytest

pytest.importorskip("rich")

from rich.text import Text

from tui import bidi


@pytest.mark.parametrize(("logical", "visual"), [
    ("Hồ Chí Minh", "Hồ Chí Minh"),                     # no right-to-left letter: unchanged
    ("هانوي", "يوناه"),                                   # one Arabic word, reversed
    ("التحول الرقمي", "يمقرلا لوحتلا"),                  # words reversed too
    ("مؤتمر 2024", "2024 رمتؤم"),                         # digits keep their order
    ("قانون رقم 15/2023", "15/2023 مقر نوناق"),           # a number with a separator stays whole
    ("وزارة (الإعلام)", "(مالعإلا) ةرازو"),                # brackets mirrored
    ("مدينة Ho Chi Minh", "Ho Chi Minh ةنيدم"),           # Latin run in order, on the left
    ("abc مرحبا def", "abc ابحرم def"),                  # left-to-right paragraph
    ("", ""),
])
def test_reorder(logical: str, visual: str) -> None:
    assert bidi.reorder(logical) == visual


def test_combining_marks_stay_after_their_letter() -> None:
    # مُحَمَّد: each harakah must follow its base letter on screen.
    assert bidi.reorder("مُحَمَّد") == "د" + "مَّ" + "حَ" + "مُ"


@pytest.mark.parametrize(("text", "level"), [("هانوي Hanoi", 1), ("Hanoi هانوي", 0),
                                              ("123 هانوي", 1), ("...", 0)])
def test_paragraph_level_follows_the_first_strong_letter(text: str, level: int) -> None:
    assert bidi.paragraph_level(text) == level


def test_visual_order_is_a_permutation() -> None:
    text = "قال فام مينه تشينه (Pham Minh Chinh) في 2024"
    order = bidi.visual_order(text)
    assert sorted(order) == list(range(len(text)))


@pytest.mark.parametrize(("width", "expected"), [(20, "وزارة الإعلام"), (8, "وزارة ا…"),
                                                 (6, "وزارة…"), (1, "…"), (0, "")])
def test_truncate_keeps_the_start(width: int, expected: str) -> None:
    assert bidi.truncate("وزارة الإعلام", width) == expected


def test_display_truncates_before_reordering_so_the_start_is_kept_on_the_right() -> None:
    shown = bidi.display("وزارة الإعلام والاتصالات", 8, "visual")
    assert shown.endswith("ةرازو")           # the first word, on the right end
    assert shown.startswith(bidi.ELLIPSIS)   # the cut, on the left
    assert bidi.display("وزارة الإعلام", 8, "logical") == "وزارة ا…"


def test_reorder_text_moves_styles_with_characters() -> None:
    text = Text("في ")
    text.append("هانوي", style="bold")
    result = bidi.reorder_text(text)
    assert result.plain == "يوناه يف"
    bold = [result.plain[s.start:s.end] for s in result.spans if str(s.style) == "bold"]
    assert "".join(bold) == "يوناه"

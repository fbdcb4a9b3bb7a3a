"""Arabic spelling of a replaced term after a proclitic (toolkit/edits.py)."""

from __future__ import annotations

import pytest

from toolkit.edits import ar_replacement


@pytest.mark.parametrize(("surface", "clitic", "preferred", "expected"), [
    ("بالحكومة", "ب", "الحكومة الرقمية", "بالحكومة الرقمية"),
    ("للحكومة", "ل", "الحكومة الرقمية", "للحكومة الرقمية"),  # ل + ال: the alef goes
    ("للهيئة", "ل", "اللجنة الشعبية", "للجنة الشعبية"),  # ل + الل: one lam goes too
    ("وللهيئة", "ول", "اللجنة الشعبية", "وللجنة الشعبية"),
    ("لهيئة", "ل", "لجنة الحزب", "للجنة الحزب"),  # no article: ل + لجنة
    ("هيئة", "", "اللجنة الشعبية", "اللجنة الشعبية"),
])
def test_replacement_follows_arabic_spelling(surface: str, clitic: str, preferred: str,
                                             expected: str) -> None:
    assert ar_replacement(surface, clitic, preferred) == expected

"""An established Arabic spelling comes before every word-by-word spelling of a name."""

from __future__ import annotations

import pytest

from toolkit.translit import Transliterator


@pytest.mark.parametrize(("name", "established"), [
    ("Vietnam", "فيتنام"),
    ("Việt Nam", "فيتنام"),
    ("Ho Chi Minh City", "مدينة هو تشي منه"),
    ("Thái Nguyên", "تاي نجوين"),
])
def test_the_established_spelling_is_clearly_first(name: str, established: str) -> None:
    candidates = Transliterator.default().vi_to_ar_scored(name, top=5)
    assert candidates[0].text == established
    assert all(c.score < candidates[0].score for c in candidates[1:])

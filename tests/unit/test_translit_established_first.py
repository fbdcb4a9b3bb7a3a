"""An established Arabic spelling comes before every word-by-word spelling of a name; one
marked ``cue`` is read only where a place cue makes the name a place."""

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


def test_a_spelling_read_only_after_a_cue(translit: Transliterator) -> None:
    assert translit.ar_to_vi("هيو", kind="place")[0].text == "Huế"
    assert "Huế" not in [c.text for c in translit.ar_to_vi("هيو", kind="person", top=10)]
    assert "هيو" not in [c.text for c in translit.vi_to_ar_scored("Huế", top=10)]


"""Term candidates across a coordination: a coordinated noun with its nisba adjective
(الزراعة والتنمية الريفية) goes on, other words after it end the candidate. Toy
sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.unit.counting import count_terms


@pytest.mark.parametrize(("text", "key"), [
    ("أعلنت وزارة الزراعة والتنمية الريفية خطة جديدة.",
     ("وزاره", "زراعه", "تنميه", "ريفيه")),
    ("تحمي الشرطة النظام العام والسلامة الاجتماعية في المدن.",
     ("نظام", "عام", "سلامه", "اجتماعيه")),
])
def test_a_coordinated_noun_keeps_its_adjective(text: str, key: tuple[str, ...]) -> None:
    assert key in count_terms([text]).terms


@pytest.mark.parametrize(("text", "cut"), [
    # a noun after the coordinated noun is no adjective of it
    ("أعلنت وزارة الزراعة والتنمية خطة جديدة.", ("زراعه", "تنميه", "خطه")),
    # an adjective of another definiteness qualifies nothing in the candidate
    ("تدعم المقاطعة الزراعة والتنمية ريفية كانت أو حضرية.", ("زراعه", "تنميه", "ريفيه")),
])
def test_other_words_after_a_coordinated_noun_end_the_candidate(
        text: str, cut: tuple[str, ...]) -> None:
    terms = count_terms([text]).terms
    assert cut[:2] in terms
    assert cut not in terms

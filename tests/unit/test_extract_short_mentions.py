"""A title and a given name alone (السيدة آنه) is the person named in full in the same
document, never an entry of its own; sentences written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.names_helpers import extracted_names
from toolkit.extract.mentions import ShortMentions
from toolkit.extract.namespans import NameSpan


def _span(surface: str, start: int, kind: str | None = "person",
          shape: str | None = None) -> NameSpan:
    size = len(surface.split())
    span = NameSpan(start, start + size - 1, start * 10, start * 10 + len(surface), surface)
    if kind is not None:
        span.vote(kind, 2.0)
    if shape is not None:
        span.shape[shape] = 1.0
    return span


@pytest.mark.parametrize(("text", "full", "count"), [
    # the full name first, then the title and the given name
    ("وقالت السيدة لي ثي بيتش نغوك، مديرة المدرسة، إن عدد الطلاب ارتفع. "
     "وأضافت السيدة نغوك أن المدرسة افتتحت مكتبة رقمية.", "لي ثي بيتش نغوك", 2),
    # the short mention first (الوزير هونغ), the full name later in the document
    ("وأوضح الوزير هونغ أن الخطة أقرت. وفي الختام، دعا الوزير دو مانه هونغ "
     "المحليات إلى تسريع العمل.", "دو مانه هونغ", 2),
    # another spelling of the given name (a doubled vowel letter) is the same word
    ("وقال السيد لي فان كووك إن المشروع اكتمل. وأكد السيد كوك أن الطريق افتتح.",
     "لي فان كووك", 2),
])
def test_a_given_name_after_a_title_counts_as_the_full_name(
        tmp_path: Path, text: str, full: str, count: int) -> None:
    found = extracted_names(tmp_path, text)
    assert list(found) == [full]
    assert found[full].entry.kind == "person"
    assert found[full].entry.frequency == count
    assert len(found[full].entry.contexts) == count


def test_a_given_name_that_no_full_name_ends_with_stays_an_entry(tmp_path: Path) -> None:
    found = extracted_names(
        tmp_path, "وقال السيد فام فان دونغ إن المشروع اكتمل. وأكد السيد هوانغ أن الطريق افتتح.")
    assert set(found) == {"فام فان دونغ", "هوانغ"}
    assert found["فام فان دونغ"].entry.frequency == 1


def test_the_nearest_person_before_the_mention_wins() -> None:
    mentions = ShortMentions()
    first, second = _span("نغوين فان هونغ", 0), _span("تران ثي هونغ", 10)
    short = _span("هونغ", 20)
    assert [mentions.add(s) for s in (first, second, short)] == [False, False, True]
    (counted,) = mentions.resolve()
    assert counted.surface == "تران ثي هونغ"
    assert (counted.start, counted.end, counted.first) == (short.start, short.end, short.first)
    assert counted.votes == {"person": 2.0}


def test_a_place_is_no_full_name_and_a_place_word_is_no_mention() -> None:
    mentions = ShortMentions()
    place = _span("باك نينه", 0, kind="place")
    town = _span("نينه", 5, kind="place")
    short = _span("نينه", 10)
    assert [mentions.add(s) for s in (place, town, short)] == [False, False, True]
    assert mentions.resolve() == [short]


def test_a_person_shaped_name_without_votes_is_a_full_name() -> None:
    mentions = ShortMentions()
    full = _span("فام فان نام", 0, kind=None, shape="person")
    short = _span("نام", 10)
    mentions.add(full)
    mentions.add(short)
    assert [s.surface for s in mentions.resolve()] == ["فام فان نام"]
    assert mentions.resolve() == []

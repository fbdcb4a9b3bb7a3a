"""The review app's core: rows, fold-key filter, sorting and concordance (tui.index)."""

from __future__ import annotations

import pytest

from glossary.model import Candidate, Context, Entry, Forms
from tui.index import Query, RowIndex, best_vi, kwic, make_row


def _entry(entry_id: int, ar: str, vi: str = "", en: str = "", *, status: str = "candidate",
           kind: str = "term", frequency: int = 1, score: float = 0.0,
           candidates: tuple[tuple[str, float], ...] = ()) -> Entry:
    return Entry(id=entry_id, kind=kind, status=status, frequency=frequency, score=score,
                 forms={"ar": Forms(preferred=ar),
                        "vi": Forms(preferred=vi,
                                    candidates=[Candidate(t, s) for t, s in candidates]),
                        "en": Forms(preferred=en)})


ENTRIES = [
    _entry(1, "أمن المعلومات", "an toàn thông tin", "information security", frequency=5,
           score=0.6),
    _entry(2, "قَانُون", "luật", "law", frequency=9, score=0.2, status="approved"),
    _entry(3, "هو تشي منه", en="Ho Chi Minh", kind="person", frequency=9, score=0.9,
           candidates=(("Hô Chi Minh", 0.4), ("Hồ Chí Minh", 0.9))),
    _entry(4, "هانوي", "Hà Nội", "Hanoi", kind="place", frequency=1, score=0.5,
           status="rejected"),
]


@pytest.fixture
def index() -> RowIndex:
    return RowIndex([make_row(e) for e in ENTRIES])


def test_best_vi_prefers_the_preferred_form_then_the_top_candidate() -> None:
    assert best_vi(ENTRIES[0]) == ("an toàn thông tin", False)
    assert best_vi(ENTRIES[2]) == ("Hồ Chí Minh", True)
    assert best_vi(_entry(9, "س")) == ("", False)


def test_row_counts_variants_over_every_language() -> None:
    entry = _entry(5, "هوشي منه")
    entry.forms["ar"].variants = ["هو شي منه"]
    entry.forms["en"].variants = ["HCM"]
    assert make_row(entry).variants == 2


@pytest.mark.parametrize(("text", "expected"), [
    ("امن", [1]),               # hamza form ignored
    ("قانون", [2]),             # diacritics ignored
    ("chi minh", [3]),          # tones ignored, candidates searched
    ("HANOI", [4]),
    ("ha noi", [4]),
    ("", [2, 3, 1, 4]),
    ("zzz", []),
])
def test_filter_by_folded_text(index: RowIndex, text: str, expected: list[int]) -> None:
    assert [r.id for r in index.filter(Query.build(text))] == expected


@pytest.mark.parametrize(("status", "kind", "expected"), [
    ("approved", None, [2]), (None, "place", [4]), ("candidate", "person", [3]),
])
def test_filter_by_status_and_kind(index: RowIndex, status: str | None, kind: str | None,
                                   expected: list[int]) -> None:
    assert [r.id for r in index.filter(Query.build("", status, kind))] == expected


@pytest.mark.parametrize(("old", "new", "narrows"), [
    ("ha", "han", True), ("", "ha", True), ("han", "ha", False), ("ha", "xha", True),
])
def test_query_narrows_only_when_every_key_extends(old: str, new: str, narrows: bool) -> None:
    assert Query.build(new).narrows(Query.build(old)) is narrows


def test_incremental_filter_matches_a_fresh_filter(index: RowIndex) -> None:
    for prefix in ("h", "ha", "han", "hano"):
        index.filter(Query.build(prefix))
    assert [r.id for r in index.view] == [r.id for r in RowIndex(
        [make_row(e) for e in ENTRIES]).filter(Query.build("hano"))]


@pytest.mark.parametrize(("key", "reverse", "expected"), [
    ("frequency", False, [2, 3, 1, 4]),   # highest first, ties by id
    ("score", False, [3, 1, 4, 2]),
    ("score", True, [2, 4, 1, 3]),
    ("id", False, [1, 2, 3, 4]),
    ("status", False, [2, 1, 3, 4]),
])
def test_sort(index: RowIndex, key: str, reverse: bool, expected: list[int]) -> None:
    index.sort_by(key, reverse)
    assert [r.id for r in index.view] == expected


def test_sort_same_column_twice_flips(index: RowIndex) -> None:
    index.sort_by("id")
    index.sort_by("id")
    assert [r.id for r in index.view] == [4, 3, 2, 1]


def test_apply_updates_rows_and_keeps_the_filter(index: RowIndex) -> None:
    index.filter(Query.build("", "candidate"))
    changed = _entry(4, "هانوي", "Hà Nội", status="candidate", frequency=1)
    index.apply([make_row(changed)], removed=[1])
    assert [r.id for r in index.view] == [3, 4]
    assert index.to_review() == 1 + 1


def test_kwic_finds_the_form_ignoring_diacritics() -> None:
    entry = _entry(1, "محمد")
    entry.contexts = [Context("a.txt", 0, 0, "قال مُحَمَّد إن الخطة جاهزة", form=""),
                      Context("b.txt", 0, 0, "لا ذكر هنا", form="")]
    first, second = kwic(entry, width=6)
    assert (first.left, first.term, first.right) == ("قال ", "مُحَمَّد", " إن ال")
    assert (second.term, second.left) == ("", "لا ذكر")  # no term: the start


def test_filter_cache_is_dropped_when_rows_change(index: RowIndex) -> None:
    assert [r.id for r in index.filter(Query.build("h"))] == [3, 1, 4]
    index.filter(Query.build("han"))
    index.apply([], removed=[4])
    assert [r.id for r in index.filter(Query.build("h"))] == [3, 1]

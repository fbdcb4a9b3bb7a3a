"""Tests of glossary.offsets: one span mapping, whether spans come one by one or many."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary.normalize import normalize

# Clusters: a letter (Latin, precomposed Vietnamese, Arabic), then combining marks
# (Latin and Arabic), invisible characters that every language deletes, an ellipsis
# that expands, or a space, in any order.
_BASES = "axoyđ\u00e0\u1ea1\u1ec7كتب\u2026 "
_MARKS = "\u0300\u0301\u0323\u0302\u031b\u064b\u064e\u0651\u0640"
_INVISIBLE = "\u00ad\u200b\u200d\u200e\u2060\ufeff\u202b\u2067\u2069"
_CLUSTER = st.tuples(st.sampled_from(_BASES),
                     st.text(alphabet=_MARKS + _INVISIBLE, max_size=3)).map("".join)
_TEXT = st.lists(_CLUSTER, max_size=12).map("".join)

_OPTIONS = [("ar", {}), ("ar", {"match": False}), ("vi", {}), ("vi", {"fold": True}),
            ("en", {}), ("en", {"fold": True})]


@pytest.mark.parametrize(("lang", "kw"), _OPTIONS)
@settings(max_examples=50, deadline=None)
@given(text=_TEXT,
       cuts=st.lists(st.integers(min_value=0, max_value=40), max_size=8))
def test_many_spans_map_like_single_spans(lang: str, kw: dict[str, bool], text: str,
                                          cuts: list[int]) -> None:
    norm = normalize(text, lang, **kw)
    points = sorted({min(c, len(norm.text)) for c in cuts} | {len(norm.text)})
    spans = list(itertools.pairwise(points))
    assert norm.spans_to_original_many(spans) == [norm.span_to_original(*s) for s in spans]


@pytest.mark.parametrize(
    ("text", "lang", "kw", "span", "expected"),
    [
        # marks folded away at the very end of the text belong to the last letter
        ("xa\u0300\u0323", "vi", {"fold": True}, (0, 2), (0, 4)),
        ("xa\u0300\u0323 y", "vi", {"fold": True}, (0, 2), (0, 4)),
        ("كتابٌ", "ar", {}, (0, 4), (0, 5)),
        ("cafe\u0301", "en", {"fold": True}, (0, 4), (0, 5)),
        # an invisible character after the span is not part of it
        ("ab\u200e", "en", {}, (0, 2), (0, 2)),
    ],
)
def test_trailing_marks_at_the_end_of_the_text(text: str, lang: str, kw: dict[str, bool],
                                               span: tuple[int, int],
                                               expected: tuple[int, int]) -> None:
    norm = normalize(text, lang, **kw)
    assert norm.span_to_original(*span) == expected
    assert norm.spans_to_original_many([span]) == [expected]

"""The shadow text that :class:`~glossary.matcher.Matcher` searches: words and codes only.

A shadow has the length of its text, so offsets carry over: every character
that is not a word character becomes a space, except joiners, which keep a code
one word. Word characters are Unicode letters, digits, ``_`` and combining
marks. Joiners are ``.`` between ASCII letters or digits (``U.S``, ``1.5``) and
``-`` or ``/`` between the parts of a code-like run (:func:`is_code`:
``05-NQ/TU``, ``749/QD-TTg``, ``COVID-19``); between words (``Vietnam-Laos``,
``Hanoi/Vientiane``, ``e-commerce``), and before a lower-case word that follows a
code (``5G-ready``, ``COVID-19-related``), ``-`` and ``/`` become spaces like other
punctuation.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence

from glossary.normalize import Normalized

__all__ = ["Cased", "is_code", "lower_1to1", "original_slicer", "shadow_text", "slicer"]

# Word characters: \w (letters, digits, _) plus combining marks.
_MARKS = "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670" \
    "\u06d6-\u06ed\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_WORD_CLASS = "\\w" + _MARKS
# Pass 1: every non-word character except space and the joiners -> space.
_SHADOW_RE = re.compile(f"[^{_WORD_CLASS} ./-]")
# Pass 2: joiners that do not join two word characters -> space.
_JOINER_RE = re.compile("[-/.]")
_NOT_WORD = frozenset(" -/.")
_ASCII_ALNUM = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_DIGIT_RE = re.compile(r"\d")

#: ``cased(start, end)``: the text of a shadow span with its original case.
Cased = Callable[[int, int], str]


def _fix_joiners(text: str, cased: Cased | None = None) -> str:
    """Turns into spaces the joiners of a pass-1 shadow that do not make one code.

    A ``.`` joins two ASCII letters or digits (``U.S``, ``1.5``). A ``-`` or ``/``
    joins two word characters only inside a code-like run (:func:`is_code`:
    ``05-NQ/TU``, ``749/QD-TTg``, ``COVID-19``); elsewhere it separates words
    (``Vietnam-Laos``, ``Hanoi/Vientiane``, ``e-commerce``).

    Args:
        text: The pass-1 shadow (lower-cased).
        cased: Gives the original-case text of a span of ``text``, for the
            all-caps test; without it no run is all-caps.
    """
    if "-" not in text and "/" not in text and "." not in text:
        return text
    last = len(text) - 1
    cut: list[int] = []
    joins: list[int] = []  # the - and / that join two word characters
    for m in _JOINER_RE.finditer(text):
        i = m.start()
        before = text[i - 1] if i else " "
        after = text[i + 1] if i < last else " "
        if text[i] == ".":
            if before not in _ASCII_ALNUM or after not in _ASCII_ALNUM:
                cut.append(i)
        elif before in _NOT_WORD or after in _NOT_WORD:
            cut.append(i)
        else:
            joins.append(i)
    joined = _spaces_at(text, cut)
    split: list[int] = []
    k = 0
    while k < len(joins):
        # One run: the joins of one space-delimited token of ``joined``.
        start = joined.rfind(" ", 0, joins[k]) + 1
        end = joined.find(" ", joins[k])
        end = len(joined) if end < 0 else end
        group: list[int] = []
        while k < len(joins) and joins[k] < end:
            group.append(joins[k])
            k += 1
        parts = [(a + 1, b) for a, b in itertools.pairwise([start - 1, *group, end])]
        # A word after a code (5G-ready, COVID-19-related) is no part of it: the run
        # is judged in pieces, cut before each such word.
        first = 0
        for j, joiner in enumerate(group):
            if _word_after_code(joined, parts[j], parts[j + 1], cased):
                split.append(joiner)
                if j > first and not is_code(joined, parts[first:j + 1], cased):
                    split.extend(group[first:j])
                first = j + 1
        if first < len(group) and not is_code(joined, parts[first:], cased):
            split.extend(group[first:])
    return _spaces_at(joined, sorted(split))


def _word_after_code(text: str, before: tuple[int, int], after: tuple[int, int],
                     cased: Cased | None) -> bool:
    """Whether ``after`` is a lower-case word of three letters or more written after a
    part with a digit (``ready`` in ``5G-ready``, ``driven`` in ``4.0-driven``)."""
    if cased is None or not _DIGIT_RE.search(text, before[0], before[1]):
        return False
    word = cased(*after)
    return len(word) >= 3 and word.isalpha() and word.islower()


def _spaces_at(text: str, positions: list[int]) -> str:
    """Returns ``text`` with a space at each of the sorted ``positions``."""
    if not positions:
        return text
    pieces = []
    prev = 0
    for i in positions:
        pieces.append(text[prev:i])
        prev = i + 1
    pieces.append(text[prev:])
    return " ".join(pieces)


def is_code(text: str, parts: Sequence[tuple[int, int]], cased: Cased | None) -> bool:
    """Tells whether the parts of a run joined by ``-`` or ``/`` make one code.

    A run is a code when a part holds a digit (``COVID-19``, ``05-NQ/TU``), or
    when a part is all capitals (two or more letters: ``QD-TTg``, ``NQ/TW``) and
    no part is a plain word: lower case, capitalized or uncased (``Vietnam-US``
    and ``ASEAN-Vietnam`` are two words each).
    """
    if _DIGIT_RE.search(text, parts[0][0], parts[-1][1]):  # joiners are no digits
        return True
    if cased is None:
        return False
    caps = False
    for start, end in parts:
        letters = "".join(c for c in cased(start, end) if c.isalpha())
        if letters.isupper() and len(letters) >= 2:
            caps = True
        elif letters.islower() or letters.istitle() or letters == letters.upper():
            return False  # a plain word (or uncased letters: Arabic)
    return caps


def lower_1to1(text: str) -> str:
    """Returns ``text`` lower-cased one character for one (a character whose lower
    case is longer stays)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def slicer(text: str) -> Cased:
    """``cased`` for :func:`shadow_text` over a text that keeps its case."""
    return lambda start, end: text[start:end]


def original_slicer(norm: Normalized) -> Cased:
    """``cased`` for :func:`shadow_text` over a normalized text: the original span."""
    def cased(start: int, end: int) -> str:
        o_start, o_end = norm.span_to_original(start, end)
        return norm.original[o_start:o_end]
    return cased


def shadow_text(text: str, cased: Cased | None = None, *, lower: bool = False) -> str:
    """Returns the shadow of ``text`` (see the module docstring).

    Args:
        text: A normalized text (lower-cased, unless ``lower``).
        cased: Gives the original-case text of a span of ``text``, which tells
            an all-capitals code (``QD-TTg``) from words; without it only a
            digit makes a code.
        lower: Lower-case ``text`` first (Latin letters in Arabic text).

    Returns:
        The shadow, as long as ``text``.
    """
    if lower:
        text = lower_1to1(text)
    return _fix_joiners(_SHADOW_RE.sub(" ", text), cased)

"""Normalized text with a compact map back to the offsets of the original.

A :class:`Normalized` holds sorted breakpoints, looked up with :mod:`bisect`;
:func:`delete_matches` and :func:`rewrite_matches` build one from a regex pass,
:func:`compose` chains two. :mod:`glossary.normalize` builds its per-language
rules on them.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from glossary.errors import InputError

__all__ = ["Normalized", "build", "compose", "delete_matches", "rewrite_matches"]


@dataclass(frozen=True)
class Normalized:
    """A normalized text and the map back to the text it came from.

    Attributes:
        text: The normalized text.
        original: The text it was made from.
    """

    text: str
    original: str = field(repr=False)
    # Breakpoints: normalized offset nb[k] maps to original offset ob[k]; offsets
    # between breakpoints advance together.
    _nb: tuple[int, ...] = field(default=(), repr=False, compare=False)
    _ob: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def replaced(self, text: str) -> Normalized:
        """Returns ``text``, a one-for-one rewrite of :attr:`text` (same length), with
        this map back to :attr:`original`.

        Args:
            text: The rewritten text, as long as :attr:`text`.

        Returns:
            A new map from ``text`` to the same original.

        Raises:
            InputError: If ``text`` is not as long as :attr:`text`.
        """
        if len(text) != len(self.text):
            raise InputError(f"a rewrite of {len(self.text)} characters has {len(text)}",
                             hint="rewrite one character for one")
        return Normalized(text, self.original, self._nb, self._ob)

    def to_original(self, i: int) -> int:
        """Maps an offset in :attr:`text` to the offset in :attr:`original`.

        Args:
            i: 0 <= i <= len(text); ``len(text)`` maps to ``len(original)``.

        Returns:
            The offset of the original character that normalized character ``i``
            came from.

        Raises:
            InputError: If ``i`` is out of range.
        """
        if i < 0 or i > len(self.text):
            raise InputError(
                f"offset {i} out of range", hint=f"use 0..{len(self.text)} for this text"
            )
        if i == len(self.text):
            return len(self.original)
        k = bisect_right(self._nb, i) - 1
        if k < 0:
            return i
        return self._ob[k] + (i - self._nb[k])

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Maps a span of :attr:`text` to the smallest covering span of :attr:`original`.

        Combining marks removed right after the span's last character (an Arabic
        tanween, a decomposed tone mark) belong to it and are included.

        Args:
            start: Start offset in :attr:`text`.
            end: End offset (exclusive), ``start <= end``.

        Returns:
            ``(start, end)`` in :attr:`original`.

        Raises:
            InputError: If the span is out of range or reversed.
        """
        if end < start:
            raise InputError(f"span ({start}, {end}) is reversed", hint="give start <= end")
        o_start = self.to_original(start)
        if end == start:
            return o_start, o_start
        return o_start, self._cover_marks(self.to_original(end - 1) + 1, self.to_original(end))

    def _cover_marks(self, o_end: int, limit: int) -> int:
        """Extends a mapped span end over the combining marks removed after its last
        character, up to ``limit`` (where the next kept character comes from).

        The one rule of :meth:`span_to_original` and :meth:`spans_to_original_many`.
        """
        original = self.original
        while o_end < limit and _is_mark(original[o_end]):
            o_end += 1
        return o_end

    def spans_to_original_many(
        self, spans: Iterable[tuple[int, int]]
    ) -> list[tuple[int, int]]:
        """Maps many spans like :meth:`span_to_original`, in one pass.

        Args:
            spans: Non-overlapping spans sorted by start.

        Returns:
            The spans in :attr:`original`, in the same order.

        Raises:
            InputError: If a span is reversed, out of range or overlaps the one before.
        """
        nb, ob = self._nb, self._ob
        count = len(nb)
        size = len(self.text)
        full = len(self.original)
        k, shift = -1, 0  # last breakpoint at or before the position, and its shift
        last_end = 0
        out: list[tuple[int, int]] = []
        append = out.append
        for start, end in spans:
            if start < last_end or end < start or end > size:
                raise InputError(
                    f"span ({start}, {end}) is out of order or out of range",
                    hint="sort the spans by start, keep them from overlapping and inside the text",
                )
            last_end = end
            while k + 1 < count and nb[k + 1] <= start:
                k += 1
                shift = ob[k] - nb[k]
            o_start = start + shift
            if end == start:
                append((o_start, o_start))
                continue
            # The span's last character, end - 1, and where character ``end`` comes
            # from: the same two lookups as span_to_original, with a moving cursor.
            while k + 1 < count and nb[k + 1] < end:
                k += 1
                shift = ob[k] - nb[k]
            o_end = end + shift
            if end == size:
                limit = full
            else:
                while k + 1 < count and nb[k + 1] <= end:
                    k += 1
                    shift = ob[k] - nb[k]
                limit = end + shift
            if o_end < limit:
                o_end = self._cover_marks(o_end, limit)
            append((o_start, o_end))
        return out


def _is_mark(char: str) -> bool:
    """A combining mark, or the isolated or medial form of an Arabic haraka (U+FE70–U+FE7F,
    U+FC5E–U+FC63: letters by category, but marks once read, as text copied from a PDF
    writes them)."""
    code = ord(char)
    return (unicodedata.category(char).startswith("M") or 0xFE70 <= code <= 0xFE7F
            or 0xFC5E <= code <= 0xFC63)


def build(text: str, original: str, nb: list[int], ob: list[int]) -> Normalized:
    """Returns ``text`` with the breakpoints ``nb`` (in ``text``) → ``ob`` (in ``original``)."""
    return Normalized(text, original, tuple(nb), tuple(ob))


def compose(inner: Normalized, outer: Normalized) -> Normalized:
    """``outer`` was made from ``inner.text``; returns its map to ``inner.original``."""
    if not outer._nb:
        return Normalized(outer.text, inner.original, inner._nb, inner._ob)
    if not inner._nb:
        return Normalized(outer.text, inner.original, outer._nb, outer._ob)
    nb: list[int] = []
    ob: list[int] = []
    expect = 0
    for i in range(len(outer.text)):
        o = inner.to_original(outer.to_original(i))
        if o != expect:
            nb.append(i)
            ob.append(o)
        expect = o + 1
    return build(outer.text, inner.original, nb, ob)


def delete_matches(text: str, pattern: re.Pattern[str]) -> Normalized:
    """Deletes every match of ``pattern``; the map stores one breakpoint per run."""
    pieces: list[str] = []
    nb: list[int] = []
    ob: list[int] = []
    last = 0
    removed = 0
    for m in pattern.finditer(text):
        start, end = m.span()
        pieces.append(text[last:start])
        removed += end - start
        nb.append(end - removed)
        ob.append(end)
        last = end
    if not pieces:
        return Normalized(text, text)
    pieces.append(text[last:])
    return build("".join(pieces), text, nb, ob)


def rewrite_matches(text: str, pattern: re.Pattern[str], repl: Callable[[str], str]) -> Normalized:
    """Replaces each match by ``repl(match)``; output char j maps to input char
    ``min(j, len(match) - 1)`` of the match."""
    pieces: list[str] = []
    nb: list[int] = []
    ob: list[int] = []
    last = 0
    out_len = 0
    for m in pattern.finditer(text):
        start, end = m.span()
        new = repl(m.group())
        pieces.append(text[last:start])
        out_len += start - last
        width = end - start
        if len(new) != width:
            for j in range(len(new)):
                nb.append(out_len + j)
                ob.append(start + min(j, width - 1))
            nb.append(out_len + len(new))
            ob.append(end)
        pieces.append(new)
        out_len += len(new)
        last = end
    if not pieces:
        return Normalized(text, text)
    pieces.append(text[last:])
    return build("".join(pieces), text, nb, ob)

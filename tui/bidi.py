"""Display order for Arabic in terminals that do not reorder right-to-left text.

Text is stored and edited in logical (memory) order everywhere in avet. A
terminal paints cells left to right; only a few (mlterm, Konsole with bidi on,
VTE with its experimental bidi) reorder right-to-left runs themselves. Most —
xterm, GNOME Terminal and other VTE terminals by default, tmux, Windows
Terminal, the VS Code terminal, iTerm2 — do not, so logical Arabic shows
backwards there. The review app therefore defaults to ``visual``: each line is
reordered for display with the small bidi algorithm below. Users of a terminal
that reorders by itself choose ``logical`` (``avet review --bidi logical``, or
the ``b`` key), otherwise it would be reversed twice.

The algorithm is a compact form of the Unicode Bidirectional Algorithm (UAX #9)
for one line without explicit embeddings: it resolves weak types (W1–W7) and
neutrals (N1–N2), assigns levels (I1–I2), resets trailing whitespace (L1),
reverses runs (L2), keeps combining marks after their base letter and mirrors
brackets at odd levels (L4). Letter shaping remains the terminal's job.

Truncation happens in logical order first, then reordering, so that a cut
Arabic term keeps its start (its right end on screen).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text

__all__ = [
    "ELLIPSIS",
    "display",
    "has_rtl",
    "paragraph_level",
    "reorder",
    "reorder_text",
    "truncate",
    "visual_order",
]

ELLIPSIS = "…"

_STRONG_R = frozenset({"R", "AL"})
_NUMBERS = frozenset({"EN", "AN"})
#: Pairs swapped at odd (right-to-left) levels; unicodedata only says *whether* a char mirrors.
_MIRROR_PAIRS = "()[]{}<>«»‹›⁅⁆⁽⁾₍₎"
_MIRROR = {a: b for a, b in zip(_MIRROR_PAIRS[::2], _MIRROR_PAIRS[1::2], strict=True)}
_MIRROR.update({b: a for a, b in _MIRROR.items()})


def _bidi_class(char: str) -> str:
    return unicodedata.bidirectional(char) or "L"


def has_rtl(text: str) -> bool:
    """Returns whether ``text`` holds a right-to-left letter (Arabic, Hebrew, …)."""
    return any(_bidi_class(ch) in _STRONG_R for ch in text)


def paragraph_level(text: str) -> int:
    """Returns 1 if the first strong character of ``text`` is right-to-left, else 0 (P2–P3)."""
    for ch in text:
        cls = _bidi_class(ch)
        if cls == "L":
            return 0
        if cls in _STRONG_R:
            return 1
    return 0


def _resolve_types(text: str, base: int) -> list[str]:
    sor = "R" if base else "L"
    types = [_bidi_class(ch) for ch in text]
    # W1: a non-spacing mark takes the type of the character before it.
    for i, cls in enumerate(types):
        if cls == "NSM":
            types[i] = types[i - 1] if i else sor
    # W2, W3: European numbers after Arabic letters become Arabic numbers; AL becomes R.
    last_strong = sor
    for i, cls in enumerate(types):
        if cls in ("L", "R", "AL"):
            last_strong = cls
        elif cls == "EN" and last_strong == "AL":
            types[i] = "AN"
    types = ["R" if cls == "AL" else cls for cls in types]
    # W4: one separator between two numbers of the same type joins them.
    for i in range(1, len(types) - 1):
        prev, cls, nxt = types[i - 1], types[i], types[i + 1]
        joins_en = cls == "ES" and prev == nxt == "EN"
        if joins_en or (cls == "CS" and prev == nxt and prev in _NUMBERS):
            types[i] = prev
    # W5: terminators (%, $, …) next to European numbers become numbers.
    for i, cls in enumerate(types):
        if cls == "ET":
            j = i
            while j < len(types) and types[j] == "ET":
                j += 1
            if (i and types[i - 1] == "EN") or (j < len(types) and types[j] == "EN"):
                for k in range(i, j):
                    types[k] = "EN"
    # W6: remaining separators and terminators are neutral.
    types = ["ON" if cls in ("ES", "ET", "CS") else cls for cls in types]
    # W7: European numbers in a left-to-right context are left-to-right.
    last_strong = sor
    for i, cls in enumerate(types):
        if cls in ("L", "R"):
            last_strong = cls
        elif cls == "EN" and last_strong == "L":
            types[i] = "L"
    # N1, N2: neutrals take the direction of equal strong neighbours (numbers count as R),
    # else the paragraph direction.
    def strength(cls: str) -> str | None:
        if cls == "L":
            return "L"
        if cls == "R" or cls in _NUMBERS:
            return "R"
        return None

    i = 0
    while i < len(types):
        if strength(types[i]) is not None:
            i += 1
            continue
        j = i
        while j < len(types) and strength(types[j]) is None:
            j += 1
        before = strength(types[i - 1]) if i else sor
        after = strength(types[j]) if j < len(types) else sor
        resolved = before if before == after else sor
        for k in range(i, j):
            types[k] = resolved or sor
        i = j
    return types


def _levels(text: str, base: int) -> list[int]:
    levels = []
    for cls in _resolve_types(text, base):
        if base == 0:
            levels.append(1 if cls == "R" else 2 if cls in _NUMBERS else 0)
        else:
            levels.append(2 if cls in ("L", "EN", "AN") else 1)
    # L1: trailing whitespace goes back to the paragraph level.
    for i in range(len(text) - 1, -1, -1):
        if not text[i].isspace():
            break
        levels[i] = base
    return levels


def visual_order(text: str, base: int | None = None) -> list[int]:
    """Returns the logical index of each character in display order (left to right).

    Combining marks stay right after their base character, so a terminal
    still draws them on the right letter.

    Args:
        text: One line in logical order.
        base: Paragraph level, 0 (left to right) or 1 (right to left);
            ``None`` takes it from the first strong character.
    """
    if not text:
        return []
    level_of = _levels(text, paragraph_level(text) if base is None else base)
    # Group each base character with the combining marks that follow it.
    clusters: list[list[int]] = []
    for i, ch in enumerate(text):
        if clusters and unicodedata.combining(ch):
            clusters[-1].append(i)
        else:
            clusters.append([i])
    levels = [level_of[c[0]] for c in clusters]
    order = list(range(len(clusters)))
    top = max(levels)
    lowest_odd = min((lv for lv in levels if lv % 2), default=top + 1)
    # L2: from the highest level down to the lowest odd one, reverse every run at or above it.
    for level in range(top, lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] >= level:
                j = i
                while j < len(order) and levels[order[j]] >= level:
                    j += 1
                order[i:j] = order[i:j][::-1]
                i = j
            else:
                i += 1
    return [index for cluster in order for index in clusters[cluster]]


def _mirrored(text: str, index: int, levels: Sequence[int]) -> str:
    ch = text[index]
    if levels[index] % 2 and ch in _MIRROR:
        return _MIRROR[ch]
    return ch


def reorder(text: str, base: int | None = None) -> str:
    """Returns ``text`` (one line, logical order) in display order, brackets mirrored.

    Lines without right-to-left letters come back unchanged.
    """
    if not has_rtl(text):
        return text
    base = paragraph_level(text) if base is None else base
    levels = _levels(text, base)
    return "".join(_mirrored(text, i, levels) for i in visual_order(text, base))


def reorder_text(text: Text, base: int | None = None) -> Text:
    """Like :func:`reorder` for a styled rich :class:`~rich.text.Text`: styles follow characters."""
    plain = text.plain
    if not has_rtl(plain):
        return text
    base = paragraph_level(plain) if base is None else base
    levels = _levels(plain, base)
    styles: list[list[object]] = [[] for _ in plain]
    for span in text.spans:
        for i in range(span.start, min(span.end, len(plain))):
            styles[i].append(span.style)
    result = Text(style=text.style, justify=text.justify, no_wrap=text.no_wrap,
                  overflow=text.overflow, end=text.end)
    for i in visual_order(plain, base):
        style = styles[i][-1] if styles[i] else ""
        result.append(_mirrored(plain, i, levels), style=style)  # type: ignore[arg-type]
    return result


def truncate(text: str, width: int) -> str:
    """Cuts ``text`` (logical order) to at most ``width`` cells, keeping its start.

    A cut text ends with an ellipsis.
    """
    if cell_len(text) <= width:
        return text
    if width <= 0:
        return ""
    kept, used = [], 0
    for ch in text:
        w = cell_len(ch)
        if used + w > width - 1:
            break
        kept.append(ch)
        used += w
    # Carry the combining marks of the last kept letter along.
    rest = text[len(kept):]
    while rest and unicodedata.combining(rest[0]):
        kept.append(rest[0])
        rest = rest[1:]
    return "".join(kept).rstrip() + ELLIPSIS


def display(text: str, width: int | None = None, mode: str = "visual") -> str:
    """Prepares one line for a terminal cell: truncates, then reorders if ``mode`` is visual.

    Args:
        text: The line in logical order (newlines become spaces).
        width: At most this many cells; ``None`` keeps it whole.
        mode: ``visual`` (reorder right-to-left runs) or ``logical`` (as is).
    """
    line = text.replace("\n", " ")
    if width is not None:
        line = truncate(line, width)
    return reorder(line) if mode == "visual" else line

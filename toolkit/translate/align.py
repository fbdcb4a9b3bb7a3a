"""From subword alignments to character spans.

Engines return alignments as pairs of subword indices. To repair a term we
need where, in characters, the model rendered it: the source term's span
becomes source pieces, the pieces become target pieces through the
alignment, and the target pieces become a character span of the output,
widened to whole words.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["aligned_target_span", "piece_offsets"]

_SPECIAL_PREFIXES = ("▁", "Ġ", "##")


def _surface(piece: str) -> str:
    for prefix in _SPECIAL_PREFIXES:
        if piece.startswith(prefix):
            return piece[len(prefix):]
    return piece


def piece_offsets(text: str, pieces: Sequence[str]) -> list[tuple[int, int] | None]:
    """Locates each subword piece in ``text``.

    Pieces are matched left to right; a piece that cannot be found (an unknown
    token, a special token) gets ``None`` and does not move the cursor.

    Args:
        text: The string the pieces were made from.
        pieces: Sentencepiece/BPE pieces, with ``▁`` marking a word start.

    Returns:
        ``(start, end)`` character offsets per piece, or ``None``.
    """
    offsets: list[tuple[int, int] | None] = []
    cursor = 0
    for piece in pieces:
        surface = _surface(piece)
        if not surface:
            offsets.append(None)
            continue
        found = text.find(surface, cursor)
        if found < 0 or text[cursor:found].strip():
            offsets.append(None)
            continue
        offsets.append((found, found + len(surface)))
        cursor = found + len(surface)
    return offsets


def _widen_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace() and text[end].isalnum():
        end += 1
    return start, end


def aligned_target_span(
    source: str,
    source_pieces: Sequence[str],
    target: str,
    target_pieces: Sequence[str],
    alignment: Sequence[tuple[int, int]],
    span: tuple[int, int],
) -> tuple[int, int] | None:
    """Finds the characters of ``target`` that render ``source[span]``.

    Args:
        source: The source segment.
        source_pieces: Its subword pieces.
        target: The translation.
        target_pieces: Its subword pieces.
        alignment: ``(source_piece, target_piece)`` index pairs.
        span: Character span of the term in ``source``.

    Returns:
        A character span of ``target`` covering whole words, or ``None`` when
        the alignment says nothing about the term.
    """
    src_offsets = piece_offsets(source, source_pieces)
    tgt_offsets = piece_offsets(target, target_pieces)
    wanted = {
        i for i, off in enumerate(src_offsets)
        if off is not None and off[0] < span[1] and off[1] > span[0]
    }
    chars = [
        tgt_offsets[j] for i, j in alignment
        if i in wanted and 0 <= j < len(tgt_offsets) and tgt_offsets[j] is not None
    ]
    if not chars:
        return None
    start = min(c[0] for c in chars if c is not None)
    end = max(c[1] for c in chars if c is not None)
    return _widen_to_words(target, start, end)

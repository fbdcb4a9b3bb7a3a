"""From subword alignments to character spans.

Engines return alignments as pairs of subword indices. To repair a term we
need where, in characters, the model rendered it: the source term's span
becomes source pieces, the pieces become target pieces through the
alignment, and the target pieces become a character span of the output,
widened to whole words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from toolkit.edits import adapt_case

__all__ = ["aligned_target_span", "aligned_target_spans", "piece_offsets", "replace_aligned",
           "target_form"]

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
    skipped = False  # an unplaced piece (``<unk>``, byte piece) left text behind the cursor
    for piece in pieces:
        surface = _surface(piece)
        if not surface:
            offsets.append(None)
            continue
        found = text.find(surface, cursor)
        if found < 0 or (text[cursor:found].strip() and not skipped):
            offsets.append(None)
            skipped = True
            continue
        offsets.append((found, found + len(surface)))
        cursor = found + len(surface)
        skipped = False
    return offsets


def _widen_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Trims punctuation and spaces off a span, then widens it to whole words."""
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    if start == end:
        return start, end
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return start, end


def _target_words(text: str, offsets: Sequence[tuple[int, int] | None]) -> list[list[int]]:
    """Groups placed target pieces into words: a word starts after white space."""
    words: list[list[int]] = []
    last_end = -1
    for j, off in enumerate(offsets):
        if off is None:
            continue
        if not words or off[0] < last_end or text[last_end:off[0]] != "":
            words.append([j])
        else:
            words[-1].append(j)
        last_end = off[1]
    return words


def aligned_target_span(
    source: str,
    source_pieces: Sequence[str],
    target: str,
    target_pieces: Sequence[str],
    alignment: Sequence[tuple[int, int]],
    span: tuple[int, int],
) -> tuple[int, int] | None:
    """Finds the characters of ``target`` that render ``source[span]``.

    Alignments read from attention are reliable for the first piece of a word
    and noisy for the pieces that continue it (while predicting ``it`` of
    ``d|ig|it|al`` the model already looks at the next source word), so a
    target word belongs to the term when its first aligned piece points into
    the term's source pieces; the span runs from the first such word to the
    last, without the punctuation around it.

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
    return aligned_target_spans(source, source_pieces, target, target_pieces, alignment,
                                [span])[0]


def aligned_target_spans(
    source: str,
    source_pieces: Sequence[str],
    target: str,
    target_pieces: Sequence[str],
    alignment: Sequence[tuple[int, int]],
    spans: Sequence[tuple[int, int]],
) -> list[tuple[int, int] | None]:
    """Like :func:`aligned_target_span` for several source spans, placing pieces once."""
    src_offsets = piece_offsets(source, source_pieces)
    tgt_offsets = piece_offsets(target, target_pieces)
    leads: dict[int, set[int]] = {}  # first piece of a target word -> its source pieces
    for i, j in alignment:
        leads.setdefault(j, set()).add(i)
    words = []
    for word in _target_words(target, tgt_offsets):
        lead = next((j for j in word if j in leads), None)
        if lead is not None:
            placed = [off for j in word if (off := tgt_offsets[j]) is not None]
            words.append((leads[lead], min(o[0] for o in placed), max(o[1] for o in placed)))
    found: list[tuple[int, int] | None] = []
    for span in spans:
        wanted = {i for i, off in enumerate(src_offsets)
                  if off is not None and off[0] < span[1] and off[1] > span[0]}
        chars = [(a, b) for sources, a, b in words if sources & wanted]
        if not chars:
            found.append(None)
            continue
        start, end = _widen_to_words(target, min(c[0] for c in chars), max(c[1] for c in chars))
        found.append((start, end) if start < end else None)
    return found


def target_form(text: str, tgt: str) -> str:
    """Puts engine text in the target's normal form: Vietnamese is NFC throughout avet."""
    return unicodedata.normalize("NFC", text) if tgt == "vi" else text


def replace_aligned(engine_text: str, found: tuple[int, int] | None, output: str,
                    expected: str, source_words: int, keep: Sequence[tuple[int, int]],
                    tgt: str) -> str | None:
    """Replaces the model's own rendering of a term, located by the alignment.

    ``found`` is where the alignment puts the term in ``engine_text``. When
    verbatim restoration, normalization or post-editing has changed that text
    since, the rendering is looked up again in ``output`` (once, unambiguously)
    rather than trusting offsets. A span that would cover text to keep (protected
    forms, other terms, URLs), or that is far longer than a rendering of the
    term can be (a diffuse alignment), is refused. The replacement keeps the
    case of the text it replaces (a sentence's capital), as post-editing does.

    Args:
        engine_text: The engine's output, which ``found`` refers to.
        found: The aligned span, or ``None``.
        output: The current output.
        expected: The term's preferred form.
        source_words: Words of the source term.
        keep: Spans of ``output`` not to touch.
        tgt: The target language.

    Returns:
        ``output`` with the rendering replaced by ``expected``, or ``None``.
    """
    if found is None:
        return None
    start, end = found
    rendering = engine_text[start:end]
    if not rendering.strip():
        return None
    if output != engine_text:
        rendering = target_form(rendering, tgt)
        hits = [m.start() for m in re.finditer(re.escape(rendering), output)]
        if len(hits) != 1:
            return None
        start, end = hits[0], hits[0] + len(rendering)
    if any(start < b and a < end for a, b in keep):
        return None
    if len(rendering.split()) > source_words + len(expected.split()) + 1:
        return None
    return output[:start] + adapt_case(output[start:end], expected, expected) + output[end:]

"""Sentences longer than a model's position table: split, translate, join.

A Transformer encodes at most as many tokens as it has position embeddings
(OPUS-MT 512, M2M100/NLLB 1024). Both engines treat a longer segment alike:
:func:`fit_pieces` cuts it into pieces that fit, at the last punctuation mark
before the limit (in tokens) when one lies in the second half of the piece, else
at the last space; :func:`translate_in_pieces` translates the pieces and
:func:`join_translations` joins their translations. No source text is dropped.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence

from models.base import TermConstraint, Translation
from models.errors import ModelError

__all__ = ["fit_pieces", "join_translations", "translate_in_pieces"]

#: Counts a piece's tokens as the engine feeds them (language tokens, EOS included).
Measure = Callable[[str], int]
#: Translates a flat list of segments (one call of the engine's own decoding).
Translate = Callable[[list[str], list[list[str | TermConstraint]] | None, list[str] | None],
                     list[Translation]]

_WORD = re.compile(r"\S+\s*")


def _ends_clause(word: str) -> bool:
    """Whether a word ends with punctuation (``,`` ``;`` ``،`` ``؛`` ``.``...)."""
    word = word.rstrip()
    return bool(word) and unicodedata.category(word[-1]).startswith("P")


def _split_word(word: str, measure: Measure, limit: int) -> list[str]:
    """Halves a single word that alone exceeds ``limit`` until each half fits."""
    if measure(word) <= limit:
        return [word]
    if len(word) < 2:
        raise ModelError(f"one character takes more than the model's {limit} positions",
                         hint="use another model")
    mid = len(word) // 2
    return _split_word(word[:mid], measure, limit) + _split_word(word[mid:], measure, limit)


def fit_pieces(text: str, measure: Measure, limit: int) -> list[str]:
    """Cuts a segment into pieces of at most ``limit`` tokens each.

    A piece ends at the last word ending with punctuation before the limit when
    that keeps at least half of what fits, else at the last space before the
    limit. A single word longer than the limit (no space to cut at) is cut
    inside the word.

    Args:
        text: The segment.
        measure: The number of tokens the engine feeds for a piece, special tokens
            included (``measure("")`` is their count alone).
        limit: The model's positions.

    Returns:
        ``[text]`` if it fits, else the pieces, stripped, in order; joined with
        spaces they give back ``text``'s words.

    Raises:
        ModelError: If the special tokens alone leave no room.
    """
    if measure(text) <= limit:
        return [text]
    if measure("") >= limit:
        raise ModelError(f"the model's {limit} positions leave no room for text",
                         hint="use another model")
    words = [w.strip() for w in _WORD.findall(text)]
    pieces: list[str] = []
    start = 0
    while start < len(words):
        # The most words from ``start`` on that fit (token counts grow with words).
        end, high = start, len(words)
        while end < high:
            mid = (end + high + 1) // 2
            if measure(" ".join(words[start:mid])) <= limit:
                end = mid
            else:
                high = mid - 1
        if end == start:  # one word longer than the limit
            pieces += _split_word(words[start], measure, limit)
            start += 1
            continue
        if end < len(words):
            clause = [k + 1 for k in range(start, end) if _ends_clause(words[k])]
            if clause and clause[-1] - start >= (end - start) / 2:
                end = clause[-1]
        pieces.append(" ".join(words[start:end]))
        start = end
    return pieces


def join_translations(parts: Sequence[Translation]) -> Translation:
    """Joins the translations of a segment's pieces into one.

    Texts are joined with a space, tokens concatenated, alignments shifted to
    index the joined tokens, and the score is the token-weighted mean.

    Args:
        parts: The pieces' translations, in order.

    Returns:
        The segment's translation.
    """
    if len(parts) == 1:
        return parts[0]
    text = " ".join(p.text.strip() for p in parts if p.text.strip())
    tokens = [t for p in parts for t in p.tokens]
    score = None
    if all(p.score is not None for p in parts):
        weights = [max(1, len(p.tokens)) for p in parts]
        score = sum(float(p.score or 0.0) * w for p, w in zip(parts, weights, strict=True)
                    ) / sum(weights)
    alignment: list[tuple[int, int]] | None = None
    source_tokens: list[str] | None = None
    if all(p.alignment is not None and p.source_tokens is not None for p in parts):
        alignment, source_tokens = [], []
        target_offset = 0
        for p in parts:
            offset = len(source_tokens)
            alignment += [(s + offset, t + target_offset) for s, t in p.alignment or []]
            source_tokens += p.source_tokens or []
            target_offset += len(p.tokens)
    return Translation(text=text, tokens=tokens, score=score, alignment=alignment,
                       source_tokens=source_tokens)


def _piece_for(constraint: str | TermConstraint, pieces: list[str]) -> int:
    """The piece a constraint belongs to: the one holding its source phrase, else the first."""
    if isinstance(constraint, TermConstraint) and constraint.source:
        for k, piece in enumerate(pieces):
            if constraint.source in piece:
                return k
    return 0


def translate_in_pieces(
    segments: Sequence[str],
    constraints: Sequence[Sequence[str | TermConstraint]] | None,
    prefixes: Sequence[str] | None,
    split: Callable[[str], list[str]],
    translate: Translate,
) -> list[Translation]:
    """Translates segments, each cut into pieces that fit the model, and joins them.

    A target prefix goes with a segment's first piece. A constraint goes with the
    piece that holds its source phrase (:class:`models.base.TermConstraint`), else
    with the first piece.

    Args:
        segments: The segments.
        constraints: Per segment, its constraints, or ``None``.
        prefixes: Per segment, its target prefix, or ``None``.
        split: Cuts one segment into pieces (``[segment]`` when it fits).
        translate: Translates a flat list of pieces with their constraints and prefixes.

    Returns:
        One translation per segment, in order.
    """
    cut = [split(s) for s in segments]
    if all(len(p) == 1 for p in cut):
        return translate(list(segments), [list(c) for c in constraints]
                         if constraints is not None else None,
                         list(prefixes) if prefixes is not None else None)
    flat: list[str] = []
    flat_constraints: list[list[str | TermConstraint]] = []
    flat_prefixes: list[str] = []
    for i, pieces in enumerate(cut):
        per_piece: list[list[str | TermConstraint]] = [[] for _ in pieces]
        for c in (constraints[i] if constraints is not None else ()):
            per_piece[_piece_for(c, pieces)].append(c)
        flat += pieces
        flat_constraints += per_piece
        flat_prefixes += [prefixes[i] if prefixes is not None else ""] + [""] * (len(pieces) - 1)
    out = translate(flat, flat_constraints if constraints is not None else None,
                    flat_prefixes if prefixes is not None else None)
    joined: list[Translation] = []
    at = 0
    for pieces in cut:
        joined.append(join_translations(out[at:at + len(pieces)]))
        at += len(pieces)
    return joined

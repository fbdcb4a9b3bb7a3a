"""Pivot translation: X → en → Y with two engines.

OPUS-MT has no Arabic–Vietnamese model, so ``ar → vi`` runs ``ar → en`` then
``en → vi``. Constraints and prefixes apply to the final leg (they are target
phrases). Alignments are composed through the English words: a source token is
aligned with a target token when both align with the same English word (the two
legs may split English into different subwords, hence words, not subwords).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from models.base import Engine, TermConstraint, Translation, check_counts
from models.errors import UnsupportedDirectionError
from models.langcodes import normalize_lang

__all__ = ["PivotEngine"]


def _word_index(tokens: Sequence[str]) -> list[int]:
    """Maps each SentencePiece token to the index of the word it belongs to."""
    out, word = [], -1
    for i, token in enumerate(tokens):
        if token.startswith("▁") or i == 0:
            word += 1
        out.append(max(word, 0))
    return out


def _compose(first: Translation, second: Translation) -> list[tuple[int, int]] | None:
    if first.alignment is None or second.alignment is None or second.source_tokens is None:
        return None
    words_first, words_second = _word_index(first.tokens), _word_index(second.source_tokens)
    by_word: dict[int, set[int]] = {}
    for s, e in first.alignment:
        if e < len(words_first):
            by_word.setdefault(words_first[e], set()).add(s)
    pairs = {(s, t) for e, t in second.alignment if e < len(words_second)
             for s in by_word.get(words_second[e], ())}
    return sorted(pairs, key=lambda p: (p[1], p[0]))


class PivotEngine:
    """Chains two engines through a pivot language.

    Args:
        first: Translates from the source languages into ``pivot``.
        second: Translates from ``pivot`` into the target languages.
        pivot: The pivot language (``en``).
    """

    name = "pivot"

    def __init__(self, first: Engine, second: Engine, pivot: str = "en") -> None:
        self.first, self.second, self.pivot = first, second, normalize_lang(pivot)
        self.model_id = f"{first.model_id}+{second.model_id}"

    def directions(self) -> set[tuple[str, str]]:
        """Returns the pairs reachable through the pivot."""
        return {(s, t) for s, p in self.first.directions() if p == self.pivot
                for p2, t in self.second.directions() if p2 == self.pivot and s != t}

    def signature(self) -> dict[str, Any]:
        """Returns both legs' signatures."""
        return {"model": self.model_id, "engine": self.name, "pivot": self.pivot,
                "legs": [self.first.signature(), self.second.signature()]}

    def translate(
        self,
        segments: Sequence[str],
        src: str,
        tgt: str,
        *,
        constraints: Sequence[Sequence[str | TermConstraint]] | None = None,
        prefixes: Sequence[str] | None = None,
        beam_size: int = 4,
        max_length: int = 256,
        return_alignment: bool = False,
    ) -> list[Translation]:
        """Translates ``src`` → pivot → ``tgt``; see :meth:`models.base.Engine.translate`.

        Args:
            segments: Source segments.
            src: Source language.
            tgt: Target language.
            constraints: Per segment, target phrases for the second leg.
            prefixes: Per segment, a target prefix for the second leg.
            beam_size: Beam width of both legs.
            max_length: Maximum number of target tokens of both legs.
            return_alignment: Whether to compose the legs' alignments.

        Returns:
            One :class:`~models.base.Translation` per segment, in order.

        Raises:
            UnsupportedDirectionError: If the pivot cannot reach ``tgt`` from ``src``.
            ModelError: If ``beam_size`` or ``max_length`` is below 1.
        """
        check_counts(beam_size=beam_size, max_length=max_length)
        src, tgt = normalize_lang(src), normalize_lang(tgt)
        if (src, tgt) not in self.directions():
            raise UnsupportedDirectionError(
                f"pivot {self.model_id} does not translate {src}→{tgt}",
                hint=f"it covers {', '.join(sorted(f'{s}→{t}' for s, t in self.directions()))}")
        middle = self.first.translate(segments, src, self.pivot, beam_size=beam_size,
                                      max_length=max_length, return_alignment=return_alignment)
        final = self.second.translate(
            [m.text for m in middle], self.pivot, tgt,
            constraints=constraints,
            prefixes=prefixes, beam_size=beam_size, max_length=max_length,
            return_alignment=return_alignment)
        out = []
        for m, f in zip(middle, final, strict=True):
            alignment = _compose(m, f) if return_alignment else None
            out.append(Translation(text=f.text, tokens=f.tokens, score=f.score,
                                   alignment=alignment,
                                   source_tokens=m.source_tokens if return_alignment else None))
        return out

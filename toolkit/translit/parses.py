"""A reading of one Arabic token as untoned Vietnamese syllables (used by decode)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from toolkit.translit.syllables import Syllable, title_syllable

__all__ = ["MAX_FUSED", "Parse", "parse_weight", "title_name"]

#: Most syllables one Arabic token may spell (هوشيمينه would be 4: not read).
MAX_FUSED = 3


@dataclass(frozen=True)
class Parse:
    """Untoned syllables read from Arabic: spelling probability and beam weight.

    ``weight`` is ``prob`` times how usable the syllables are as names (see ``_usable``):
    pruning by spelling alone would drop readings such as Văn Sơn (فان سون) behind many
    spellings of syllables no name uses; the final score still uses the role priors.
    ``rare`` says whether a syllable is read from a rare spelling (:data:`RARE_SPELLING`).
    """

    syllables: tuple[Syllable, ...]
    prob: float
    weight: float
    rare: bool = False


def parse_weight(parse: Parse) -> float:
    """The beam weight of a parse (a sort key)."""
    return parse.weight


def title_name(syllables: Sequence[str]) -> str:
    """Joins syllables into a name, each in title case."""
    return " ".join(title_syllable(s) for s in syllables)

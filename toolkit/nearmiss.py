"""Near-miss spelling tests used by terminology post-editing.

Edit distance with transpositions, word-wise comparison of a form with a
window of text under the glossary's match and fold keys, and the looser test
for mangled codes. Pure functions; :mod:`toolkit.postedit` uses them to find
misspelt names, terms and codes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "NEAR_MISS_RATIO",
    "WORD_RE",
    "WordKeys",
    "fold_of",
    "is_near_miss",
    "key_of",
    "near_miss_words",
    "osa_distance",
    "same_code",
]

#: Largest share of the preferred form's length that a near miss may differ by.
NEAR_MISS_RATIO = 0.25

_MARKS = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"

#: A word: letters, digits and the combining marks of Latin and Arabic.
WORD_RE = re.compile(rf"(?:\w|[{_MARKS}])+")


def osa_distance(a: str, b: str) -> int:
    """Returns the optimal-string-alignment (Damerau-Levenshtein) distance."""
    if a == b:
        return 0
    if not a or not b:
        return len(a) or len(b)
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


def key_of(text: str, lang: str) -> str:
    """Returns the glossary match key of ``text`` in ``lang``."""
    from glossary.normalize import match_key

    return str(match_key(text, lang))


def fold_of(text: str, lang: str) -> str:
    """Returns the glossary fold key (diacritics folded) of ``text`` in ``lang``."""
    from glossary.normalize import fold_key

    return str(fold_key(text, lang))


@dataclass(frozen=True)
class WordKeys:
    """Match keys and folded keys of the words of a form or a window.

    Attributes:
        keys: The match key of each word.
        folds: The fold key of each word.
    """

    keys: tuple[str, ...]
    folds: tuple[str, ...]

    @classmethod
    def of(cls, words: Sequence[str], lang: str) -> WordKeys:
        """Returns the keys of ``words`` in ``lang``."""
        return cls(tuple(key_of(w, lang) for w in words), tuple(fold_of(w, lang) for w in words))


def near_miss_words(a: WordKeys, b: WordKeys) -> bool:
    """Tells whether the words ``a`` are a near miss of the preferred words ``b``.

    See :func:`is_near_miss` for the rule.
    """
    if len(a.keys) != len(b.keys) or not b.keys or a.keys == b.keys:
        return False
    if a.folds == b.folds:
        return True
    length = sum(map(len, b.keys)) + len(b.keys) - 1
    budget = NEAR_MISS_RATIO * length
    if abs(sum(map(len, a.keys)) - sum(map(len, b.keys))) > budget:
        return False
    total = 0
    for x, y in zip(a.keys, b.keys, strict=True):
        d = osa_distance(x, y)
        if d > max(1, len(y) // 3):
            return False
        total += d
    return total <= budget


def is_near_miss(candidate: str, preferred: str, lang: str) -> bool:
    """Tells whether ``candidate`` is a misspelling of ``preferred``.

    Both must have the same number of words; they are a near miss when they
    are equal once diacritics are folded, or when each word differs by at most
    a third of its length (at least one edit) and the whole by at most
    :data:`NEAR_MISS_RATIO` of the preferred form's length (edit distance with
    transpositions, after normalization). Identical forms are not a near miss.
    """
    return near_miss_words(WordKeys.of(candidate.split(), lang),
                           WordKeys.of(preferred.split(), lang))


def same_code(candidate: str, expected: str) -> bool:
    """Tells whether ``candidate`` is a mangled writing of the code ``expected``.

    The digits must be the same, in order; the letters and digits may differ
    in case, diacritics and separators, and by at most :data:`NEAR_MISS_RATIO`
    of the code's length in edits.
    """
    digits = [c for c in candidate if c.isdigit()]
    if digits != [c for c in expected if c.isdigit()]:
        return False
    a = "".join(c for c in candidate if c.isalnum()).casefold()
    b = "".join(c for c in expected if c.isalnum()).casefold()
    if a == b:
        return True
    a = unicodedata.normalize("NFKD", a)
    b = unicodedata.normalize("NFKD", b)
    a = "".join(c for c in a if not unicodedata.combining(c)).replace("đ", "d")
    b = "".join(c for c in b if not unicodedata.combining(c)).replace("đ", "d")
    return osa_distance(a, b) <= NEAR_MISS_RATIO * max(len(b), 1)

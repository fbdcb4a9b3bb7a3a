"""The words of a chunk as the term counter reads them, and the grammar tests on them.

:class:`Word` is one token analysed once (clitics, article, stopword, verb shape,
nisba gender); :class:`Agreement` follows the gender agreement of a candidate's
adjectives; the functions tell where a construct (idafa) or an adjective goes on past
a candidate's end. :mod:`toolkit.extract.terms` counts the candidates with them.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from toolkit.extract.fragments import looks_plural
from toolkit.extract.termhood import nisba_shaped

__all__ = [
    "Agreement",
    "Word",
    "adjective_follows",
    "construct_head",
    "coordinated_adjective",
    "feminine_adjective",
    "noun_of_left_noun",
]


@dataclass
class Word:
    """One token of a chunk as the term counter reads it (cached per spelling)."""

    surface: str
    first_surface: str
    first_offset: int  # where the clitic-free first word starts, from the token start
    first_key: str
    key: str
    stop: bool
    connector: bool
    preposition: bool  # a bare preposition clitic on an indefinite word (بقوة)
    coordinated: bool  # starts with the conjunction و or ف
    definite: bool
    attached: bool  # carries a preposition clitic (للتحول، بالبيانات): not a term end
    verb_like: bool  # looks like a verb: ي + three letters, or a past form in ت
    suffixed: bool  # ends with a pronoun suffix (ها، هم، هما، كم، نا)
    nisba: str  # "m" (الرقمي) or "f" (الرقمية) for a definite nisba adjective, else ""
    feminine: bool  # ends with ة or the plural ات: takes feminine adjectives
    restored: bool  # لل + X: the article's alef, fused with ل, is given back (للمدينة)
    fused: bool  # لل + لX, read as ل + لX (للجنة): maybe ل + اللX, the article fused too
    past_verb: bool  # a past verb of a derived form (استقبل، ارتفع): ends a phrase


class Agreement:
    """Gender agreement of the nisba adjectives of a candidate, word by word.

    A masculine nisba adjective (الإقليمي) needs a noun before it in the
    candidate that is not marked feminine (ة, ات): in البيانات الإقليمي it
    belongs to a noun further left (مركز تكامل البيانات الإقليمي), so the
    candidate is not a phrase. A feminine one right after a masculine one
    (التحول الرقمي المجتمعية) cannot qualify the masculine one's noun, so it
    needs a noun before that. Broken plurals (البرامج الضارة) and feminine nouns
    without ة take feminine adjectives too, so a feminine adjective alone is
    never a mismatch.
    """

    def __init__(self, first: Word) -> None:
        # positions of the nouns not marked feminine (the first word is a noun)
        self.masculine = [] if first.feminine else [0]
        self.head = -1  # the noun the last masculine adjective qualifies
        self.previous = first
        self.position = 0

    def add(self, word: Word) -> bool:
        """Takes the next word; ``False`` if it breaks agreement."""
        self.position += 1
        ok = True
        if word.nisba == "m":
            ok = bool(self.masculine)
            self.head = self.masculine[-1] if ok else -1
        elif word.nisba == "f":
            # a noun before the masculine adjective's head (the first word, position 0)
            ok = self.previous.nisba != "m" or self.head > 0
        else:
            if not word.feminine:
                self.masculine.append(self.position)
        self.previous = word
        return ok


def coordinated_adjective(noun: Word, word: Word) -> bool:
    """Whether ``word`` is a nisba adjective of ``noun``, a coordinated noun (والتنمية
    الريفية): the same definiteness, no clitic. A candidate goes on with it past the
    coordination (الزراعة والتنمية الريفية), as with the noun alone."""
    return (noun.coordinated and not noun.stop and not noun.suffixed and bool(word.nisba)
            and word.definite == noun.definite and not word.attached
            and not word.coordinated and not word.stop)


def construct_head(words: Sequence[Word], i: int, skipped: Collection[int]) -> bool:
    """Whether the word at ``i``, indefinite, is a noun in the construct state: a definite
    word with no clitic follows, its genitive (مديرة تعاونية | البن، ممثل إدارة | التعليم).
    A candidate that ends with it is cut from the construct."""
    word = words[i]
    if (i + 1 >= len(words) or word.definite or word.suffixed
            or (skipped and i + 1 in skipped)):
        return False
    nxt = words[i + 1]
    return nxt.definite and not nxt.attached and not nxt.coordinated and not nxt.stop


def noun_of_left_noun(left: Word, word: Word) -> bool:
    """Whether ``word`` is a definite noun that is not marked feminine nor plural and
    follows a noun in the construct state that is (قاعدة بيانات السكان، لجنة الحزب).

    A feminine adjective after ``word`` then qualifies the noun on the left (قاعدة
    بيانات السكان الوطنية: الوطنية is قاعدة's), so a candidate that starts with
    ``word`` and goes on with a definite word in ـة (السكان الوطنية) is cut out
    of a longer phrase (counted in its ``cuts``). Broken plurals of the shapes
    :func:`looks_plural` knows (الموارد البشرية) take feminine adjectives themselves
    and are left alone.
    """
    return (left.feminine and not left.definite and not left.stop and not left.attached
            and not left.connector and not left.suffixed and word.definite
            and not word.feminine and not word.nisba and not word.attached
            and not looks_plural(word.key))


def feminine_adjective(word: Word) -> bool:
    """A definite word in ـة with no clitic (الوطنية، المطبقة): after a definite noun,
    an adjective in the feminine singular."""
    return word.nisba == "f" or (word.definite and word.surface.endswith("\u0629")
                                 and not word.attached and not word.coordinated)


def adjective_follows(words: Sequence[Word], j: int, skipped: Collection[int]) -> bool:
    """Whether the word after ``j`` is a nisba adjective that can qualify it (same
    definiteness, no clitic): والمجتمع الرقمي goes on past the candidate's end."""
    if j + 1 >= len(words) or j + 1 in skipped:
        return False
    word, nxt = words[j], words[j + 1]
    return (nisba_shaped(nxt.key) and len(nxt.key) >= 4 and not nxt.stop
            and not nxt.coordinated and not nxt.attached and nxt.definite == word.definite)

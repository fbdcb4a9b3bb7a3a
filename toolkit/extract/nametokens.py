"""Name-likeness of one token: an Arabic word, or how much it reads as a name syllable.

:class:`TokenClassifier` gives each distinct token a :class:`NameToken` once per
document set (memoised): whether it is an Arabic word (never part of a name), its
likelihood as transliterated Vietnamese, a proclitic that a likelier name stem sits
behind (وها تينه), whether it may bridge two name tokens as a syllable (هو = Hồ), and
whether it is a long word spelling several syllables. :class:`~toolkit.extract.names.
NameDetector` builds names from these.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from toolkit.extract.data import cue_forms, prepositions
from toolkit.extract.namebridge import BRIDGE_LEN, BRIDGE_MIN, FUSED_LEN, HAMZA_FORMS, STRONG
from toolkit.extract.namespans import memo, stem_surface
from toolkit.extract.tokenize import ARTICLE, Token, clitic_splits, split_clitic

__all__ = ["CLITIC_GAIN", "FUSED_MIN", "MEDIUM", "ListedNames", "NameToken", "TokenClassifier"]

#: Token likelihood above which a token joins a name beside a strong token.
MEDIUM = 0.07
#: Likelihood of a single token that is a name without any cue (fused known names).
FUSED_MIN = 0.9
#: How much likelier the stem must be for a proclitic to be split off a name token.
CLITIC_GAIN = 0.1
#: Prefixes of the imperfect (ت، ن), the consonants after which a Vietnamese onset
#: may be spelled (تر Tr, تش Ch, ته Th, نغ Ng, نه Nh) or a vowel letter, and the
#: endings of the dual and plural (ـان، ـون).
_IMPERFECT = "\u062a\u0646"
_CLUSTER_SECOND = frozenset("\u0627\u0648\u064a\u0631\u0634\u0647\u063a")
_VERB_ENDINGS = ("\u0627\u0646", "\u0648\u0646")
#: Letters and marks of Arabic words that transliterations of Vietnamese never use.
_ARABIC_ONLY = frozenset("\u0629\u064b\u064c\u064d\u0624\u0626\u0621")
#: The long vowels (folded): a name word without one and without a one-syllable reading
#: is a cluster of consonants, an Arabic word.
_VOWEL_LETTERS = frozenset("\u0627\u0648\u064a")
#: Letters that follow an initial ي in a transliterated syllable: a vowel letter, or the
#: ن of ين (Yên); after any other letter ي is the prefix of an imperfect verb.
_Y_SECOND = frozenset("\u0627\u0648\u064a\u0646")
_WAW = "\u0648"
_PRONOUN_SUFFIXES = ("\u0647\u0627", "\u0647\u0645", "\u0647\u0645\u0627")  # ها هم هما


@dataclass
class NameToken:
    """What one token is to a name (see the module docstring)."""

    lexical: bool
    lik: float
    clitic: str = ""
    clitic_lik: float = 0.0
    bridge: bool = False
    fused_word: bool = False  # FUSED_LEN letters or more, read as several syllables only
    spelled: bool = True  # one syllable, or a vowel letter (checked only below STRONG)

    @property
    def strong(self) -> bool:
        """Name-like on its own (likelihood ≥ :data:`~toolkit.extract.namebridge.STRONG`)."""
        return not self.lexical and self.lik >= STRONG

    @property
    def medium(self) -> bool:
        """Name-like beside a strong token (likelihood ≥ :data:`MEDIUM`; below STRONG, also
        one syllable or a word with a vowel letter: لنسج, read Lan Sĩ Gia, is the Arabic
        "for weaving", فقد "has lost"; مغار is M'gar)."""
        return not self.lexical and self.lik >= MEDIUM and self.spelled


@dataclass(frozen=True)
class ListedNames:
    """Names a table lists in Arabic as a name followed by Arabic words (فيتين بنك:
    VietinBank, اغري بنك: Agribank), which token by token end at the Arabic word.

    Attributes:
        first: The folded first words of the listed names (a cheap first test).
        kind: The kind of the listed name that these words (as written) spell, or
            ``None``.
        longest: The most words a listed name has.
    """

    first: frozenset[str]
    kind: Callable[[Sequence[str]], str | None]
    longest: int


class TokenClassifier:
    """Classifies tokens for the name detector, each distinct token once.

    Args:
        lexical: Tells whether a word (as written) is an ordinary Arabic word.
        likelihood: Name likelihood of a sequence of Arabic tokens.
        reading: Probability that one Arabic token spells one Vietnamese syllable.
        fused: Whether one Arabic word spells several syllables; ``None``: no word is.
    """

    def __init__(self, lexical: Callable[[str], bool],
                 likelihood: Callable[[Sequence[str]], float],
                 reading: Callable[[str], float],
                 fused: Callable[[str], bool] | None) -> None:
        self.lexical = lexical
        self.likelihood = likelihood
        self.reading = reading
        self.fused = fused
        self._cue_words = cue_forms()
        self._cache: dict[str, NameToken] = {}

    def is_lexical(self, word: str, folded: str) -> bool:
        """Whether a token is an Arabic word, never part of a transliterated name.

        True for the article, letters that transliterations do not use (ة,
        tanween, final ى, hamza on و/ي or alone), cue words, words of the
        lexicon (also with the accusative alef, كبيرا), long words with a
        possessive suffix (نهجها) or the imperfect prefix ي (يتقدم), and a
        lexicon word behind a proclitic (بتطوير، للوزير) or a cue word behind
        one, however short (لحي).

        Args:
            word: The token as written.
            folded: Its folded form.

        Returns:
            Whether it is an Arabic word.
        """
        if len(folded) < 2 or folded.startswith(ARTICLE) or self.lexical(word):
            return True
        if any(ch in _ARABIC_ONLY for ch in word) or word.endswith("\u0649"):
            return True
        if folded in self._cue_words:
            return True
        if len(folded) >= 5 and folded.startswith("\u064a"):
            return True  # يتقدم: an imperfect verb (Vietnamese y- syllables are short)
        if len(folded) >= 3 and folded[0] == "\u064a" and folded[1] not in _Y_SECOND:
            return True  # يخدم، يضم: ي then a consonant spells no syllable (يين، ين، يانغ)
        if (len(folded) >= 5 and folded[0] in _IMPERFECT and folded[1] not in _CLUSTER_SECOND
                and folded.endswith(_VERB_ENDINGS)):
            return True  # تبنيان: a dual or plural imperfect verb (Vietnamese has no تب-)
        if len(folded) >= 5 and folded.endswith(_PRONOUN_SUFFIXES):
            return True  # نهجها، وحلولهم: a noun with a possessive pronoun
        if folded.endswith("\u0627") and len(folded) >= 4 and self.lexical(word[:-1]):
            return True  # كبيرا: the accusative alef of an Arabic word
        _, stem = split_clitic(folded)
        if stem.startswith(ARTICLE) and stem != folded and self.lexical(stem):
            return True  # للوزير = ل + الوزير
        for prefix, rest in clitic_splits(folded)[1:]:
            if rest in self._cue_words:
                return True  # لحي = ل + حي: a cue word, however short
            if len(rest) >= 3 and self.lexical(stem_surface(word, prefix)[0]):
                return True
        return False

    def classify(self, tok: Token) -> NameToken:
        """What one Arabic token is to a name (memoised by its text).

        Args:
            tok: The token.

        Returns:
            Its :class:`NameToken`.
        """
        return memo(self._cache, tok.text, lambda: self._new(tok))

    def _new(self, tok: Token) -> NameToken:
        folded = tok.norm
        lexical = self.is_lexical(tok.text, folded)
        # An Arabic word is never name-like: its likelihood is not needed (the costly part).
        info = NameToken(lexical, 0.0 if lexical else self.likelihood([tok.text]))
        if not info.lexical:
            for prefix, stem in clitic_splits(folded)[1:]:
                rest = stem_surface(tok.text, prefix)[0]
                if self.is_lexical(rest, stem):
                    continue
                lik = self.likelihood([rest])
                if lik >= STRONG and lik > info.clitic_lik and lik > info.lik + CLITIC_GAIN:
                    info.clitic, info.clitic_lik = prefix, lik
        if (not info.strong and len(folded) <= BRIDGE_LEN and not folded.startswith(_WAW)
                and not any(h in tok.text for h in HAMZA_FORMS) and folded not in prepositions()):
            # و then a word is "and": its glide reading (وانه: Oanh) joins no name here
            info.bridge = self.reading(tok.text) >= BRIDGE_MIN
        if not info.lexical and MEDIUM <= info.lik < STRONG:
            info.spelled = (any(ch in _VOWEL_LETTERS for ch in folded)
                            or self.reading(tok.text) > 0.0)
        word, lik = (stem_surface(tok.text, info.clitic)[0], info.clitic_lik) if info.clitic \
            else (tok.text, info.lik)
        if (self.fused is not None and STRONG <= lik < FUSED_MIN
                and len(folded) - len(info.clitic) >= FUSED_LEN):
            info.fused_word = self.fused(word)
        return info

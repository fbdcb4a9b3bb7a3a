"""How much Arabic tokens look like a transliterated Vietnamese name (name detection).

Used by :class:`~toolkit.translit.decode.Transliterator`, which owns one
:class:`NameLikelihood` over its model and its token parser.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from toolkit.translit.model import Model
from toolkit.translit.parses import MAX_FUSED, Parse
from toolkit.translit.priors import NamePriors
from toolkit.translit.rules import madda_tokens
from toolkit.translit.syllables import fold

__all__ = ["ARABIC_READING_WEIGHT", "FUSED_WORD_LEN", "FUSED_WORD_LIKELIHOOD",
           "ONE_WORD_PLACE_WEIGHT", "NameLikelihood"]

#: Likelihood of a token that spells Vietnamese only as :data:`MAX_FUSED` syllables and is
#: no known spelling nor place (below the name detector's medium threshold).
FUSED_WORD_LIKELIHOOD = 0.05
#: Shortest token (letters) to which :data:`FUSED_WORD_LIKELIHOOD` applies.
FUSED_WORD_LEN = 5
#: Least weight of a listed place (:mod:`toolkit.translit.gazetteer_adapter`: a district
#: 0.35, a landmark or commune 0.15) that vouches for a name written as one word: دالات
#: is Đà Lạt, but ننهي ("we finish") is no Nhơn Hội nor فينمك (Vinmec) Vịnh Mốc.
ONE_WORD_PLACE_WEIGHT = 0.3
#: Weight of a reading in which a word's initial و is a bare glide vowel (وانه: Oanh), and
#: of a word with the Arabic article: such a word is far more often "and" + a word (وأي
#: "and any", وان), so it never makes a name on its own; a cue places it (the name
#: detector's ``_ends_name``).
ARABIC_READING_WEIGHT = 0.1
_WAW = "\u0648"


class NameLikelihood:
    """Scores of Arabic tokens as parts of a Vietnamese name, with their own memo table.

    Args:
        model: The compiled model (tables, gazetteer, spelling index).
        parse_token: Untoned syllable readings of one normalised token, most probable
            first (:meth:`Transliterator.parse_token`).
        priors: The syllable priors (to tell a family name).
    """

    def __init__(self, model: Model, parse_token: Callable[[str], tuple[Parse, ...]],
                 priors: NamePriors) -> None:
        self.model = model
        self._parse = parse_token
        self._priors = priors
        self._surnames = model.role_weights.get("surname", ({}, 1.0))[0]
        self._cache: dict[str, float] = {}

    def token(self, token: str, madda: bool = False) -> float:
        """How much one normalised Arabic token looks like transliterated Vietnamese.

        Args:
            token: The normalised token.
            madda: Whether the word was written with an initial alef madda (آنه: Ánh),
                so that a common Arabic word it normalises to (انه) does not count where
                it spells one syllable.

        Returns:
            A likelihood in 0..1.
        """
        key = "\u0622" + token if madda and token in self.model.common else token
        cached = self._cache.get(key)
        if cached is None:
            cached = self._cache[key] = self._token(token, key != token)
        return cached

    def _token(self, token: str, madda: bool) -> float:
        model = self.model
        # With madda a common word's spelling is a syllable where it spells one (آنه, not آمن).
        if not token or (token in model.common and not (
                madda and any(len(p.syllables) == 1 for p in self._parse(token)))):
            return 0.02
        if token in model.exonyms or token in model.ar_index or token in model.spelled:
            return 0.95
        parses = self._parse(token)
        if not parses:
            return 0.0
        if (len(token) >= FUSED_WORD_LEN and all(len(p.syllables) >= MAX_FUSED for p in parses)
                and not self._confirmed([token])):
            # Three syllables in one word of five letters or more and no known spelling nor
            # place: an Arabic word (تمتلك، بتركيب، إمكانات), not a name, whose syllables are
            # written one word each (a short one may be a minority name: كو مغار = Cư M'gar);
            # a place the gazetteer knows may be written fused (بوونماتوت: Buôn Ma Thuột).
            return FUSED_WORD_LIKELIHOOD
        best = 0.0
        for parse in parses[:10]:
            n = len(parse.syllables)
            # Spelling probability relative to each syllable's best spelling (نجوين = 1),
            # softened (square root) so that a common variant (لونج) still scores well.
            best_spelling = math.prod(model.best_spelling[s.text] for s in parse.syllables)
            per_syllable = (parse.prob / best_spelling) ** (0.5 / n)
            known = sum(1 for s in parse.syllables if s.text in model.known_bases) / n
            score = per_syllable * (0.5 + 0.5 * known)
            if token.startswith(_WAW) and not parse.syllables[0].onset:
                score *= ARABIC_READING_WEIGHT  # وانه: "and" + انه before Oanh
            best = max(best, score)
        if token.startswith("ال") and len(token) > 3:
            best *= ARABIC_READING_WEIGHT  # the Arabic article
        return min(1.0, best)

    def name(self, ar_tokens: Sequence[str]) -> float:
        """How likely a sequence of Arabic tokens is a transliterated Vietnamese name.

        Args:
            ar_tokens: Arabic tokens in text order.

        Returns:
            0..1: the root of (weakest token score x geometric mean of token scores),
            raised when the whole sequence is a known place or starts with a known surname,
            lowered for a single token.
        """
        written = [t for tok in ar_tokens for t in madda_tokens(tok)]
        tokens = [t for t, _ in written]
        if not tokens:
            return 0.0
        # آنه (Ánh) is no Arabic word, though normalised it is أنه's انه.
        scores = [self.token(t, madda) for t, madda in written]
        if min(scores) <= 0.0:
            return 0.0
        # Every token of a name must look Vietnamese: the weakest token weighs as much as
        # the geometric mean of all.
        geo = math.exp(sum(math.log(s) for s in scores) / len(scores))
        score = math.sqrt(min(scores) * geo)
        joined = " ".join(tokens)
        model = self.model
        if joined in model.exonyms or joined in model.ar_index or joined in model.spelled:
            return max(score, 0.95)
        first = self._parse(tokens[0])
        if first and len(tokens) > 1 and any(
                t in self._surnames for s in first[0].syllables[:1]
                for t, _ in self._priors.tones(s, None)):
            score = min(1.0, score * 1.3)
        if min(scores) > 0.1 and self._confirmed(tokens):
            score = max(score, 0.9)
        if len(tokens) == 1:
            score *= 0.8
        return round(score, 6)

    def _confirmed(self, tokens: Sequence[str]) -> bool:
        """Whether the gazetteer lists a reading of the tokens; a single word only as a
        place of :data:`ONE_WORD_PLACE_WEIGHT` or more."""
        readings = self.gazetteer_readings(tokens)
        if len(tokens) > 1:
            return bool(readings)
        return any(place.weight >= ONE_WORD_PLACE_WEIGHT
                   for _, key in readings for place in self.model.place_index[key])

    def gazetteer_readings(self, tokens: Sequence[str]) -> list[tuple[float, tuple[str, ...]]]:
        """Readings of ``tokens`` that spell a known place/organisation.

        Only partial readings that are a prefix of a known name are kept, so the search is
        exhaustive over the token parses yet small.

        Args:
            tokens: Normalised Arabic tokens; a mark (the en dash of
                :func:`~toolkit.translit.rules.literal_key`, digits) stands for itself.

        Returns:
            (spelling probability, folded syllables) of each reading the gazetteer lists.
        """
        beam: dict[tuple[str, ...], float] = {(): 1.0}
        for token in tokens:
            nxt: dict[tuple[str, ...], float] = {}
            tails = [(tuple(fold(s.text) for s in parse.syllables), parse.prob)
                     for parse in self._parse(token)] if token[:1].isalpha() else [((token,), 1.0)]
            for tail, prob in tails:
                for key, p in beam.items():
                    full = key + tail
                    if full in self.model.place_prefixes:
                        nxt[full] = max(nxt.get(full, 0.0), p * prob)
            if not nxt:
                return []
            beam = nxt
        return [(p, key) for key, p in beam.items() if key in self.model.place_index]

"""Decoding Arabic-script names into Vietnamese, and spelling Vietnamese in Arabic.

The model is a noisy channel: P(toned syllables | Arabic) is proportional to
P(Arabic spelling | untoned syllable), from the correspondence tables, times the prior of
the toned syllable for its role (surname, middle, given name, place; mixed as
role_mix.tsv says) and for the gender the middle name gives (Thị, Văn), from the syllable
priors and the gazetteer. Each Arabic token is split by dynamic programming into one or
more syllables (fused spellings such as هانوي); a beam, ordered by spelling probability
times how usable the syllables are as names, combines tokens; whole names that the
gazetteer knows get a strong boost, weighted by how much the place is named, and its
spelling (tones included).
"""

from __future__ import annotations

import heapq
import math
import unicodedata
from collections.abc import Sequence

from glossary.errors import InputError
from glossary.model import Candidate
from toolkit.translit.gazetteer_adapter import OTHER_PLACE_WEIGHT
from toolkit.translit.likelihood import NameLikelihood
from toolkit.translit.model import Model, compile_model, default_model
from toolkit.translit.parses import MAX_FUSED, Parse, parse_weight, title_name
from toolkit.translit.priors import GROUP_BOOST, NAME_ROLES, NamePriors
from toolkit.translit.rules import (
    arabic_tokens,
    literal_key,
    literal_tokens,
    mark_groups,
    syllable_key,
)
from toolkit.translit.spell import plain_index, spell_vi
from toolkit.translit.syllables import (
    Syllable,
    parse_syllable,
    split_tone,
)
from toolkit.translit.tables import Lexicon, Place, Tables

__all__ = ["KINDS", "Transliterator", "default_model"]

#: Kinds of name ``ar_to_vi`` accepts (``None`` = unknown).
KINDS = ("person", "place", "org")

FUSION_PENALTY = 0.05  # per extra syllable written fused into one Arabic token
#: Prior per syllable of a reading that is a known place/organisation, by requested kind
#: (compare: a common given-name syllable has a prior of about 0.005).
GAZETTEER_PRIOR = {"place": 0.2, "org": 0.2, None: 0.05, "person": 0.005}
#: Kind unknown, a name of two syllables or more is read both ways and the likelihoods are
#: mixed by these shares (P(reading | Arabic) = sum over kinds of share x likelihood), so that
#: a place whose syllables fit places better than names (Tân Sơn Nhất, Phú Mỹ Hưng) is read
#: as a place; a single syllable keeps the mixed role ``*`` of role_mix.tsv.
KIND_SHARE = {"person": 0.85, "place": 0.15}
TOKEN_BEAM = 40
NAME_BEAM = 80
#: Readings kept per part of a name written with digits or dashes (كوان 13, ... – ...).
MARK_BEAM = 20
#: Beam weight of a syllable no prior knows (a rare known name syllable has about 5e-4).
USABLE_FLOOR = 1e-4
#: A syllable spelling below this share of the syllable's best spelling is rare (ت for tr,
#: تش for tr: the spellings vi -> ar does not propose, spell.VARIANT_MIN).
RARE_SPELLING = 0.12
#: Most score of a reading with a rare spelling, relative to the best reading without one:
#: a syllable's prior does not override its spelling (تان is Thân or Tân, not Trần).
RARE_CAP = 0.5
#: ... unless it is this many times likelier than the best regular reading: the regular
#: readings are then syllables no name list knows (نغوين فان فين: Nguyễn Văn Vinh, 20 times
#: likelier than Phin; لي مين كوانغ: Lê Minh Quang, 19 times Lê Mến Quang; ين for inh is
#: rare). تان stays Thân or Tân: Trần is 9 times likelier than Thân, no more.
RARE_OVERRIDE = 12.0


class Transliterator:
    """Arabic <-> Vietnamese name transliteration from data tables.

    Args:
        tables: The correspondence tables (:func:`toolkit.translit.tables.load_tables`).
        lexicon: Known places/organisations and extra syllable priors, e.g. from the
            gazetteer; merged with the priors shipped in ``tables``.
        model: An already compiled model of ``tables`` and ``lexicon`` (shared,
            immutable); compiled here when ``None``.
    """

    def __init__(
        self, tables: Tables, lexicon: Lexicon | None = None, *, model: Model | None = None
    ) -> None:
        model = model if model is not None else compile_model(tables, lexicon)
        self.model = model
        self.tables = model.tables
        self.places = model.places
        self._inventory = model.inventory
        self._index = model.index
        self._best_spelling = model.best_spelling
        self._maxlen = model.maxlen
        self._place_index = model.place_index
        self._ar_index = model.ar_index
        self._exonym_index = model.exonyms
        self.priors = NamePriors(model)
        # Untoned syllable -> its largest prior weight in any role (orders beams).
        # A syllable of a minority naming tradition counts as lifted (Páo after Giàng A).
        usable: dict[str, float] = {}
        for role, (weights, norm) in model.role_weights.items():
            for toned, weight in weights.items():
                base = split_tone(toned)[0]
                lift = GROUP_BOOST.get(model.groups.get((role, toned), ""), 1.0)
                usable[base] = max(usable.get(base, 0.0), weight * lift / (norm or 1.0))
        self._usable = usable
        # Memo tables of pure functions, owned by this instance (not shared, not global).
        self._token_cache: dict[str, tuple[Parse, ...]] = {}
        self._start_only_keys: dict[tuple[str, ...], bool] = {}
        self._likelihood = NameLikelihood(model, self.parse_token, self.priors)
        self._plain: dict[str, tuple[Syllable, ...]] | None = None  # built on first vi -> ar

    @classmethod
    def from_model(cls, model: Model) -> Transliterator:
        """A transliterator over an already compiled (shared, immutable) model.

        Args:
            model: The model (:func:`default_model` or
                :func:`toolkit.translit.model.compile_model`).

        Returns:
            The transliterator; its memo tables are its own.
        """
        return cls(model.tables, model=model)

    @classmethod
    def default(cls) -> Transliterator:
        """Builds a transliterator from the shipped tables and, if present, the gazetteer.

        Returns:
            A transliterator over :func:`default_model`.
        """
        return cls.from_model(default_model())

    # ---------------------------------------------------------------- Arabic -> Vietnamese
    def parse_token(self, token: str) -> tuple[Parse, ...]:
        """Untoned syllable readings of one normalised Arabic token, most probable first.

        Args:
            token: The token, normalised as :func:`toolkit.translit.rules.arabic_tokens`
                gives it.

        Returns:
            Up to ``TOKEN_BEAM`` readings (one or more syllables each, a fused token giving
            several), each with its spelling probability.
        """
        cached = self._token_cache.get(token)
        if cached is not None:
            return cached
        n = len(token)
        initial = self.tables.initial_onsets
        beams: list[list[Parse]] = [[] for _ in range(n + 1)]
        beams[0] = [Parse((), 1.0, 1.0)]
        for i in range(n):
            if not beams[i]:
                continue
            # Every reading ending at i is known now: keep the best before extending.
            current = heapq.nlargest(TOKEN_BEAM, beams[i], key=parse_weight)
            current = [b for b in current if len(b.syllables) < MAX_FUSED]
            for j in range(i + 1, min(n, i + self._maxlen) + 1):
                entries = self._index.get(token[i:j])
                if not entries:
                    continue
                for prev in current:
                    penalty = FUSION_PENALTY if prev.syllables else 1.0
                    for syl, p in entries:
                        if i > 0 and (not syl.onset or syl.onset in initial):
                            # A vowel-initial syllable inside a word needs its alef; a
                            # cluster (كر) starts a word.
                            continue
                        q = p * penalty
                        rare = prev.rare or p < RARE_SPELLING * self._best_spelling[syl.text]
                        beams[j].append(Parse(
                            (*prev.syllables, syl), prev.prob * q,
                            prev.weight * q * (self._usable.get(syl.text, 0.0) + USABLE_FLOOR),
                            rare))
        result = tuple(heapq.nlargest(TOKEN_BEAM, beams[n], key=parse_weight))
        self._token_cache[token] = result
        return result

    def ar_to_vi(self, text: str, *, top: int = 5, kind: str | None = None) -> list[Candidate]:
        """Ranked Vietnamese readings of an Arabic-script name.

        Args:
            text: The name in Arabic script (one or more tokens).
            top: How many candidates to return.
            kind: ``person``, ``place``, ``org`` or ``None`` (unknown).

        Returns:
            Candidates with full Vietnamese diacritics (NFC), best first; scores are
            probabilities over the decoded readings, so they sum to at most 1. Empty if
            some token spells no Vietnamese syllable and no gazetteer rendering matches.

        Raises:
            InputError: If ``text`` has no Arabic letters, ``top`` < 1 or ``kind`` is unknown.
        """
        if kind is not None and kind not in KINDS:
            raise InputError(f"unknown name kind {kind!r}", hint=f"use one of: {', '.join(KINDS)}")
        if top < 1:
            raise InputError("top must be at least 1", hint="pass --top 1 or more")
        tokens = arabic_tokens(text)
        if not tokens:
            raise InputError("no Arabic letters to transliterate",
                             hint="give a name in Arabic script, e.g. نجوين مانه هونغ")
        literals = literal_tokens(text)
        groups = mark_groups(literals)
        scores = self._read(tokens, kind) if len(groups) == 1 else self._read_marks(groups, kind)
        # A place the syllables cannot spell (Krông Pắc, Pleiku, Quận 3), written as vi -> ar
        # writes it, is read as that place unless a person is named.
        spelled = self.model.spelled.get(literal_key(literals), ()) if kind != "person" else ()
        names = list(dict.fromkeys(place.vi for place in spelled))
        best = max(scores.values(), default=0.1)
        for vi in names:
            vi = unicodedata.normalize("NFC", vi)
            scores[vi] = scores.get(vi, 0.0) + best * 10.0 / len(names)
        return self._finish(scores, top)

    def _read_marks(self, groups: Sequence[list[str] | str], kind: str | None
                    ) -> dict[str, float]:
        """Readings of a name with digits or dashes (:func:`rules.mark_groups`), kept in place:
        كوان 13 -> Quận 13; each run of letters is read on its own."""
        combined: dict[str, float] = {"": 1.0}
        for group in groups:
            options = {group: 1.0} if isinstance(group, str) else self._read(group, kind)
            total = sum(options.values()) or 1.0
            combined = dict(heapq.nlargest(
                MARK_BEAM,
                ((f"{name} {o}".strip(), p * q / total) for name, p in combined.items()
                 for o, q in heapq.nlargest(MARK_BEAM, options.items(), key=lambda kv: kv[1])),
                key=lambda kv: kv[1]))
        return combined

    def _read(self, tokens: Sequence[str], kind: str | None) -> dict[str, float]:
        """Reading -> unnormalised score of normalised Arabic-letter tokens (see ar_to_vi)."""
        # Full readings: beam over tokens of untoned syllable sequences.
        beam = [Parse((), 1.0, 1.0)]
        for token in tokens:
            parses = self.parse_token(token)
            if not parses:
                beam = []  # a token that no Vietnamese syllable spells: no reading
                break
            beam = heapq.nlargest(
                NAME_BEAM,
                (Parse(b.syllables + q.syllables, b.prob * q.prob, b.weight * q.weight,
                        b.rare or q.rare)
                 for b in beam for q in parses),
                key=parse_weight,
            )
        if kind is not None:
            scores, rare_scores = self._decode(tokens, beam, kind, GAZETTEER_PRIOR[kind])
        else:
            scores, rare_scores = {}, {}
            for reading_kind, share in KIND_SHARE.items():
                # Read as a person, a single syllable keeps the role of an unknown kind.
                as_kind = None if reading_kind == "person" else reading_kind
                found = self._decode(tokens, beam, as_kind, GAZETTEER_PRIOR[reading_kind],
                                     multi_only=reading_kind != "person")
                for mixed, part in zip((scores, rare_scores), found, strict=True):
                    for name, score in part.items():
                        mixed[name] = mixed.get(name, 0.0) + share * score

        def add(name: str, score: float) -> None:
            name = unicodedata.normalize("NFC", name)
            scores[name] = scores.get(name, 0.0) + score

        # Readings with a rare spelling are scaled together (they keep their order among
        # themselves) to at most RARE_CAP of the best regular reading, unless they are
        # RARE_OVERRIDE times likelier than it.
        regular_top = max(scores.values(), default=math.inf)
        rare_top = max(rare_scores.values(), default=0.0)
        scale = 1.0  # all 0: no prior; or far likelier than any regular reading
        if 0.0 < rare_top < RARE_OVERRIDE * regular_top:
            scale = min(1.0, RARE_CAP * regular_top / rare_top)
        for name, score in rare_scores.items():
            add(name, score * scale)
        # An Arabic rendering the gazetteer lists (فيناسا = VINASA) outweighs any reading, as
        # does an established spelling of a place (سايغون = Sài Gòn) unless a person is named.
        joined = " ".join(tokens)
        known = [place.vi for place in self._ar_index.get(joined, ())
                 if kind != "person" or _may_name_person(place)]
        if (kind != "person" and len(tokens) > 1 and known
                and all(place.kind == "org" for place in self._ar_index[joined])):
            scores.clear()  # فيتين بنك: VietinBank, not syllables (Vị Tiên Bến Kè)
        if kind != "person" and joined in self._exonym_index:
            known.append(self._exonym_index[joined])
        elif kind == "place" and joined in self.tables.cued_exonyms:
            known.append(self.tables.cued_exonyms[joined])  # مدينة هيو: Huế
        best = max(scores.values(), default=0.1)
        for vi in known:
            add(vi, best * 10.0 / len(known))
        if kind != "person" and len(tokens) > 1:
            for vi, share in self._with_fused_exonym(tokens, kind).items():
                add(vi, best * 10.0 * share)
        return scores

    def _with_fused_exonym(self, tokens: Sequence[str], kind: str | None) -> dict[str, float]:
        """Readings of a longer name with an established one-word spelling of several
        syllables inside (بيا سايغون: Bia Sài Gòn), as shares summing to 1;
        empty if it has none. The other tokens are read as the name's kind."""
        for i, token in enumerate(tokens):
            vi = self._exonym_index.get(token)
            if vi is None or " " not in vi:
                continue
            sides = [self._read(part, kind) if part else {"": 1.0}
                     for part in (tokens[:i], tokens[i + 1:])]
            if not all(sides):
                return {}
            left, right = (heapq.nlargest(MARK_BEAM, side.items(), key=lambda kv: kv[1])
                           for side in sides)
            total = sum(p for _, p in left) * sum(q for _, q in right)
            return {" ".join(x for x in (name, vi, after) if x): p * q / total
                    for name, p in left for after, q in right}
        return {}

    def _decode(
        self, tokens: Sequence[str], beam: Sequence[Parse], kind: str | None,
        per_syllable: float, *, multi_only: bool = False,
    ) -> tuple[dict[str, float], dict[str, float]]:
        """Likelihoods of the toned readings of ``beam`` for one kind of name.

        Args:
            tokens: The normalised Arabic tokens.
            beam: Untoned readings of the tokens.
            kind: ``person``, ``place``, ``org`` or ``None`` (roles of :meth:`_role`).
            per_syllable: Prior per syllable of a reading the gazetteer knows.
            multi_only: Only readings of two syllables or more.

        Returns:
            Reading -> score for readings with regular spellings, and for readings with a
            rare spelling (kept apart: see :data:`RARE_CAP`).
        """
        scores: dict[str, float] = {}
        rare_scores: dict[str, float] = {}

        def add(name: str, score: float, rare: bool = False) -> None:
            name = unicodedata.normalize("NFC", name)
            target = rare_scores if rare else scores
            target[name] = target.get(name, 0.0) + score

        for prob, key in self._likelihood.gazetteer_readings(tokens):
            if kind == "person" and self._start_only(key):
                continue  # سا با is no person Sa Pa: p is read in places and minority names
            # Places spelled alike (Phú Yên, Phù Yên) each weigh by how much they are named
            # (a province before a district).
            weights: dict[str, float] = {}
            for place in self._place_index[key]:
                if kind == "person" and not _may_name_person(place):
                    continue
                weights[place.vi] = max(weights.get(place.vi, 0.0), place.weight)
            for vi, weight in weights.items():
                add(vi, prob * per_syllable ** len(key) * weight)
        for reading in beam:
            prob, sylls = reading.prob, reading.syllables
            if multi_only and len(sylls) < 2:
                continue
            roles = [self.priors.role(kind, i, len(sylls)) for i in range(len(sylls))]
            toned: list[tuple[float, tuple[str, ...]]] = [(prob, ())]
            for syl, role in zip(sylls, roles, strict=True):
                toned = heapq.nlargest(
                    20,
                    ((p * q * self.priors.compound(roles, names, t), (*names, t))
                     for p, names in toned
                     for t, q in self._tones(syl, role, names, roles)),
                    key=lambda x: x[0],
                )
            for p, names in toned:
                add(title_name(names), p, reading.rare)
        return scores, rare_scores

    def _start_only(self, key: tuple[str, ...]) -> bool:
        """Whether a folded place key has a syllable whose onset is read only in known names
        (p, kr: Sa Pa, Krông Pắc); memoised per key."""
        found = self._start_only_keys.get(key)
        if found is None:
            tables = self.tables
            found = self._start_only_keys[key] = any(
                syl is not None and syl.onset in tables.initial_onsets
                for syl in (parse_syllable(w, tables.vowel_info, onsets=tables.onsets)
                            for w in key))
        return found

    def _tones(self, syl: Syllable, role: str | None, names: Sequence[str],
               roles: Sequence[str | None]) -> tuple[tuple[str, float], ...]:
        """Toned forms of ``syl`` in ``role`` after the syllables ``names`` toned before it,
        which settle the name's gender and minority naming tradition."""
        if role not in NAME_ROLES:
            return self.priors.tones(syl, role)
        return self.priors.tones(syl, role, self.priors.gender(names, roles),
                                 self.priors.group(names, roles))

    @staticmethod
    def _finish(scores: dict[str, float], top: int) -> list[Candidate]:
        total = sum(scores.values())
        if total <= 0:
            return []
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
        # Rounded down, so that the returned scores never sum above 1.
        return [Candidate(text=name, score=math.floor(s / total * 1e6) / 1e6)
                for name, s in ranked]

    # ---------------------------------------------------------------- name detection
    def token_likelihood(self, token: str, madda: bool = False) -> float:
        """How much one normalised Arabic token looks like transliterated Vietnamese.

        Args:
            token: The normalised token.
            madda: Whether the word was written with an initial alef madda (آنه: Ánh).

        Returns:
            A likelihood in 0..1 (:meth:`NameLikelihood.token`).
        """
        return self._likelihood.token(token, madda)

    def name_likelihood(self, ar_tokens: Sequence[str]) -> float:
        """How likely a sequence of Arabic tokens is a transliterated Vietnamese name.

        Args:
            ar_tokens: Arabic tokens in text order.

        Returns:
            A likelihood in 0..1 (:meth:`NameLikelihood.name`).
        """
        return self._likelihood.name(ar_tokens)

    def listed_places(self, ar_text: str) -> list[Place]:
        """The places and organisations of the lexicon that ``ar_text`` can spell, digits
        and dashes as written (fast: no tones are decoded).

        Args:
            ar_text: A name in Arabic script.

        Returns:
            The listed places, in no particular order.
        """
        tokens = literal_key(literal_tokens(ar_text)).split()
        if not any(t[:1].isalpha() for t in tokens):
            return []
        return [place for _, key in self._likelihood.gazetteer_readings(tokens)
                for place in self._place_index[key]]

    def name_key(self, ar_text: str) -> str:
        """:func:`syllable_key` over every token, joined by spaces.

        Args:
            ar_text: A name in Arabic script.

        Returns:
            The key; spelling variants of one name (نجوين، نغوين) share it.
        """
        return " ".join(syllable_key(t, self.tables.key_classes) for t in arabic_tokens(ar_text))

    def syllable_key(self, ar_token: str) -> str:
        """A spelling-variant-insensitive key of one Arabic token (see rules.syllable_key).

        Args:
            ar_token: One Arabic token.

        Returns:
            The key.
        """
        return syllable_key(ar_token, self.tables.key_classes)

    # ---------------------------------------------------------------- Vietnamese -> Arabic
    def vi_to_ar_scored(self, text: str, *, top: int = 5) -> list[Candidate]:
        """Arabic spellings of a Vietnamese name with scores, canonical first.

        Args:
            text: Vietnamese, with or without marks (Nguyen = Nguyễn); punctuation is kept.
            top: How many spellings to return.

        Returns:
            Up to ``top`` candidates, the canonical spelling first.

        Raises:
            InputError: If a word of ``text`` is not a Vietnamese syllable (and the whole
                text has no established Arabic spelling), or ``top`` < 1.
        """
        if top < 1:
            raise InputError("top must be at least 1", hint="pass --top 1 or more")
        if self._plain is None:
            self._plain = plain_index(self.model)
        return spell_vi(self.model, text, top=top, plain=self._plain, usable=self._usable)


def _may_name_person(place: Place) -> bool:
    """Whether a listed name ranks the readings of a person's name: a province, city or
    district may (a man may be named Thái Bình). A historical figure may not (السيدة هوانغ
    هوا ثام is a woman of today, not Hoàng Hoa Thám), nor an organisation (السيد ترونغ هاي
    is Trương Hải, not the company Trường Hải), nor a commune, ward or landmark, named too
    rarely (السيدة تاي ترانغ is Thái Trang, not the border gate Tây Trang)."""
    return place.kind == "place" and place.weight > OTHER_PLACE_WEIGHT

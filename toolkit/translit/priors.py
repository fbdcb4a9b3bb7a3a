"""Priors of Vietnamese name syllables by role and gender, for the name decoder.

P(toned syllable | role, gender) mixes the role priors of the syllable tables and the
gazetteer (``role_mix.tsv`` says how much of each) with a flat share over the syllable
inventory; a middle name that settles the name's gender (Thị, Văn) lowers the given names
of the other gender, a family name of a minority naming tradition (Giàng, Lò) lifts that
tradition's middle and given names (A, Páo, Pánh), while in other names its given names
have no listed prior, and a given name that completes a common compound (Quốc Toản) is lifted.
:class:`toolkit.translit.decode.Transliterator` owns one :class:`NamePriors`.
"""

from __future__ import annotations

from collections.abc import Sequence

from toolkit.translit.model import Model
from toolkit.translit.syllables import (
    Syllable,
    allowed_tones,
    apply_tone,
    parse_syllable,
    split_tone,
)

__all__ = ["COMPOUND_BOOST", "GROUP_BOOST", "NAME_ROLES", "TONES_PER_SYLLABLE", "NamePriors"]

TONES_PER_SYLLABLE = 6
#: Prior mix for a role missing from role_mix.tsv: the role, all other roles, the rest flat.
FALLBACK_ROLE = 0.6
FALLBACK_ALL = 0.3
#: Roles of personal-name syllables whose gender must agree within one name.
NAME_ROLES = ("middle", "given")
#: Factor on a name syllable of the other gender than the name's (Thị ... Hùng).
GENDER_CLASH = 0.15
#: Factor by a syllable's gender when the name's is unknown (men are named more in news).
GENDER_UNKNOWN = {"m": 1.0, "f": 0.5}
#: Factor on a middle or given name of a minority tradition in a name whose family name is
#: of that tradition (Giàng A Páo, Sùng Mí Chứ; Thái families use Kinh given names more: Lò
#: Văn Thắng). In any other name such a given name has no listed prior (Nguyễn Văn Banh).
GROUP_BOOST = {"hmong": 30.0, "thai": 3.0}
#: Factor on a middle name that marks a tradition (A, Seo) after a family name that is not of
#: it (Giàng A Páo rather than Giang A Bảo).
SURNAME_OUTSIDE = 0.3
#: Factor on a given name that completes a common compound given name (given_compounds.tsv).
COMPOUND_BOOST = 3.0


class NamePriors:
    """Priors of toned syllables for their role in a name, from a compiled model.

    Args:
        model: The compiled transliteration model (:func:`toolkit.translit.model.compile_model`).
    """

    def __init__(self, model: Model) -> None:
        self.tables = model.tables
        self._role_weights = model.role_weights
        self._genders = model.genders
        self._groups = model.groups
        self._n_untoned = len(model.inventory)
        # Memo of a pure function, owned by this instance (not shared, not global).
        self._tone_cache: dict[tuple[str, str], tuple[tuple[str, float], ...]] = {}

    def mix(self, role: str | None) -> dict[str, float]:
        """Shares of the prior sources for ``role`` (``role_mix.tsv``; ``*`` = unknown role)."""
        mix = self.tables.role_mix.get(role or "*")
        if mix:
            return mix
        known = [r for r in self._role_weights if r != role]
        out = {r: FALLBACK_ALL / len(known) for r in known}
        if role is not None and role in self._role_weights:
            out[role] = FALLBACK_ROLE
        out["flat"] = 1.0 - sum(out.values())
        return out

    def prior(self, role: str | None, syllable: str, gender: str = "", group: str = "") -> float:
        """Prior P(toned syllable | role, gender of the name): a mix of the role priors and flat.

        ``gender`` is ``m`` or ``f`` when the syllables toned before settle it (Thị, Văn ...);
        a syllable of the other gender is then unlikely. ``group`` is the minority naming
        tradition the family name settles (``hmong`` after Giàng): a middle or given name of
        that tradition is then likelier, and a given name of another tradition has no
        listed prior.
        """
        total = 0.0
        flat = 0.0
        # Neighbour roles only fill the gaps of the role's own list (Văn, Thị: rare given names).
        own_list = self._role_weights.get(role or "")
        base, tone = split_tone(syllable)
        parsed = parse_syllable(base, self.tables.vowel_info, self.tables.codas,
                                onsets=self.tables.onsets)
        # Páo, Krông: only the names that have them, never the flat share, and in a person's
        # name never a neighbour role's (Pà is a given name, no family name)
        start_only = parsed is not None and parsed.onset in self.tables.initial_onsets
        listed = ((own_list is not None and syllable in own_list[0])
                  or (start_only and role in ("surname", *NAME_ROLES)))
        for source, share in self.mix(role).items():
            entry = self._role_weights.get(source)
            if entry is None:
                flat += share
                continue
            if listed and source != role:
                continue
            weights, norm = entry
            total += share * weights.get(syllable, 0.0) / (norm or 1.0)
        own = self._genders.get((role, syllable), "") if role in NAME_ROLES else ""
        if own:
            if gender and own != gender:
                total *= GENDER_CLASH
            elif not gender:
                total *= GENDER_UNKNOWN.get(own, 1.0)
        tradition = self._groups.get((role, syllable), "") if role in NAME_ROLES else ""
        if tradition == group:
            total *= GROUP_BOOST.get(tradition, 1.0)
        elif tradition and role == "given":
            total = 0.0  # outside its tradition, read like any syllable no list has
        if start_only:
            return total
        # Flat over untoned syllables; within one, the tones by their general shares.
        allowed = allowed_tones(parsed.coda) if parsed else tuple(self.tables.tones)
        shares = self.tables.tones
        tone_share = shares.get(tone, 0.0) / (sum(shares.get(t, 0.0) for t in allowed) or 1.0)
        return total + flat * tone_share / self._n_untoned

    def tones(
        self, syl: Syllable, role: str | None, gender: str = "", group: str = ""
    ) -> tuple[tuple[str, float], ...]:
        """The likeliest toned forms of an untoned syllable in a role, best first.

        Args:
            syl: The untoned syllable.
            role: Its role in the name (``surname``, ``middle``, ``given``, ``place``) or
                ``None`` when unknown.
            gender: ``m`` or ``f`` when the name's gender is settled, else ``""``.
            group: The name's minority naming tradition when settled, else ``""``.

        Returns:
            Up to :data:`TONES_PER_SYLLABLE` pairs (toned syllable, prior).
        """
        key = (syl.text, f"{role or ''}/{gender}/{group}")
        cached = self._tone_cache.get(key)
        if cached is not None:
            return cached
        # Vulgar words (never_names.tsv) are never proposed, in any role.
        options = [o for o in (apply_tone(syl, t) for t in allowed_tones(syl.coda))
                   if o not in self.tables.never]
        scored = sorted(((o, self.prior(role, o, gender, group)) for o in options),
                        key=lambda x: -x[1])
        result = tuple(scored[:TONES_PER_SYLLABLE])
        self._tone_cache[key] = result
        return result

    def gender(self, toned: Sequence[str], roles: Sequence[str | None]) -> str:
        """Gender settled by the middle syllables toned so far (first one that has one)."""
        for name, role in zip(toned, roles, strict=False):
            if role == "middle" and ("middle", name) in self._genders:
                return self._genders[("middle", name)]
        return ""

    def group(self, toned: Sequence[str], roles: Sequence[str | None]) -> str:
        """Minority naming tradition settled by the family name toned so far (Giàng, Lò);
        a middle name of a tradition after another family name settles none (Lê A Tạ)."""
        if toned and roles and roles[0] == "surname":
            return self._groups.get(("surname", toned[0]), "")
        return ""

    def compound(self, roles: Sequence[str | None], names: Sequence[str], given: str) -> float:
        """COMPOUND_BOOST if ``given`` completes a common compound given name after ``names``;
        SURNAME_OUTSIDE if ``given`` is a middle name of a tradition the family name is not of."""
        n = len(names)
        if (n >= 2 and roles[n] == "given" and roles[n - 1] == "middle"
                and (names[-1], given) in self.tables.compounds):
            return COMPOUND_BOOST
        tradition = self._groups.get(("middle", given), "") if roles[n] == "middle" else ""
        if tradition and roles[0] == "surname" and self._groups.get(
                ("surname", names[0]), "") != tradition:
            return SURNAME_OUTSIDE
        return 1.0

    @staticmethod
    def role(kind: str | None, position: int, length: int) -> str | None:
        """The role of the syllable at ``position`` in a name of ``length`` syllables.

        Args:
            kind: ``person``, ``place``, ``org`` or ``None`` (unknown: a name of two
                syllables or more is read as a person's).
            position: The syllable's index in the name.
            length: The number of syllables.

        Returns:
            ``surname``, ``middle``, ``given``, ``place``, or ``None`` for a single syllable
            of unknown kind.
        """
        if kind in ("place", "org"):
            return "place"
        if kind == "person" or (kind is None and length >= 2):
            if position == 0:
                return "surname"
            return "given" if position == length - 1 else "middle"
        return None

"""The compiled, immutable transliteration model: inventory, spelling index, priors, places."""

from __future__ import annotations

import dataclasses
import functools
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TypeVar

from toolkit.translit.rules import arabic_tokens, build_index, literal_key, literal_tokens
from toolkit.translit.syllables import (
    Syllable,
    fold,
    generate_inventory,
    parse_syllable,
    split_tone,
)
from toolkit.translit.tables import Lexicon, Place, Tables, load_tables

__all__ = ["Model", "compile_model", "default_model"]


@dataclass(frozen=True)
class Model:
    """Everything decoding needs, computed once from the tables and a lexicon (read-only).

    Attributes:
        tables: The correspondence tables.
        places: Known places and organisations (shipped + lexicon).
        inventory: Untoned syllables (generated + irregular ones of known names).
        index: Arabic spelling -> (syllable, P(spelling | syllable)), best first.
        best_spelling: Untoned syllable -> probability of its best spelling.
        maxlen: Longest Arabic spelling in ``index``.
        role_weights: Role -> (toned syllable -> weight, total weight).
        known_bases: Untoned syllables that some prior knows.
        place_index: Folded syllables of a name -> the places/organisations so named.
        place_prefixes: Every prefix of a ``place_index`` key.
        ar_index: Normalised Arabic rendering -> organisations/places written so.
        exonyms: Normalised established Arabic spelling -> Vietnamese name.
        common: Normalised common Arabic words.
        genders: (role, toned name syllable) -> ``m`` or ``f`` (mostly a man's / a woman's).
        groups: (role, toned name syllable) -> its minority naming tradition (``hmong``).
        spelled: Arabic spelling (:func:`toolkit.translit.rules.literal_key`) -> the places
            so spelled by vi -> ar, for places that the syllable reader cannot read back
            (Krông Pắc, Pleiku; digits: Quận 3; dashes: Bà Rịa – Vũng Tàu).
    """

    tables: Tables
    places: tuple[Place, ...]
    inventory: tuple[Syllable, ...]
    index: Mapping[str, tuple[tuple[Syllable, float], ...]]
    best_spelling: Mapping[str, float]
    maxlen: int
    role_weights: Mapping[str, tuple[Mapping[str, float], float]]
    known_bases: frozenset[str]
    place_index: Mapping[tuple[str, ...], tuple[Place, ...]]
    place_prefixes: frozenset[tuple[str, ...]]
    ar_index: Mapping[str, tuple[Place, ...]]
    exonyms: Mapping[str, str]
    common: frozenset[str]
    genders: Mapping[tuple[str, str], str] = field(default_factory=lambda: MappingProxyType({}))
    groups: Mapping[tuple[str, str], str] = field(default_factory=lambda: MappingProxyType({}))
    spelled: Mapping[str, tuple[Place, ...]] = field(default_factory=lambda: MappingProxyType({}))


#: Share of the priors shipped with the tables where another lexicon (the gazetteer) has the
#: same role: the shipped tables separate middle from given names and carry genders.
SHIPPED_SHARE = 0.7
#: Letters a place's spelling needs to be read also written as one word (سابا: Sa Pa).
FUSED_SPELLED_LEN = 4
#: How many vi -> ar spellings (canonical + common variants) of a place :attr:`Model.spelled`
#: lists.
SPELLED_VARIANTS = 4


def _merge_priors(sources: list[Lexicon]) -> dict[str, dict[str, float]]:
    """Per role, each source normalised to 1; the first (shipped) one weighs :data:`SHIPPED_SHARE`.

    Role ``both`` counts for middle and given alike.
    """
    per_role: dict[str, list[tuple[float, dict[str, float]]]] = {}
    for i, source in enumerate(sources):
        share = SHIPPED_SHARE if i == 0 else (1.0 - SHIPPED_SHARE) / max(len(sources) - 1, 1)
        expanded: dict[str, dict[str, float]] = {}
        for role, weights in source.priors.items():
            for target_role in ("middle", "given") if role == "both" else (role,):
                target = expanded.setdefault(target_role, {})
                for name, w in weights.items():
                    key = unicodedata.normalize("NFC", name.lower())
                    target[key] = target.get(key, 0.0) + w
        for role, weights in expanded.items():
            norm = sum(weights.values()) or 1.0
            per_role.setdefault(role, []).append(
                (share, {k: w / norm for k, w in weights.items()}))
    priors: dict[str, dict[str, float]] = {}
    for role, parts in per_role.items():
        total = sum(share for share, _ in parts) or 1.0
        target = priors.setdefault(role, {})
        for share, weights in parts:
            for key, w in weights.items():
                target[key] = target.get(key, 0.0) + w * share / total
    return priors


K = TypeVar("K", str, tuple[str, ...])


def _group(pairs: Sequence[tuple[K, Place]]) -> dict[K, tuple[Place, ...]]:
    out: dict[K, list[Place]] = {}
    for key, place in pairs:
        out.setdefault(key, []).append(place)
    return {k: tuple(v) for k, v in out.items()}


def compile_model(tables: Tables, lexicon: Lexicon | None = None) -> Model:
    """Builds the immutable :class:`Model` (about 0.2 s).

    Args:
        tables: The correspondence tables.
        lexicon: Extra places/organisations and syllable priors (e.g. the gazetteer).

    Returns:
        The compiled model, shared safely by many transliterators.
    """
    sources = [tables.lexicon] if lexicon is None else [tables.lexicon, lexicon]
    priors = _merge_priors(sources)
    places = tuple(p for source in sources for p in source.places)
    # Clusters of minority names (read = start) are read only in syllables of known names
    # (Krông, Plông, Grai): generated, they would make Arabic words (برلمان) look Vietnamese.
    read = [o for o in tables.onsets
            if o not in tables.unread_onsets and o not in tables.initial_onsets]
    inventory = list(generate_inventory(["", *read], tables.vowel_info))
    # Names may be spelled outside the rules (Bắc Kạn, Kon Tum, Đắk Lắk): every syllable of
    # a known name or prior joins the inventory.
    known = {s.text for s in inventory}
    all_codas = tuple(c for c in tables.codas if c not in tables.unread_codas)
    words = [w for place in places for w in place.vi.split()]
    words += [w for weights in priors.values() for w in weights]
    for word in words:
        syl = parse_syllable(split_tone(word)[0], tables.vowel_info, all_codas,
                             onsets=tables.onsets)
        if syl is not None and syl.text not in known and syl.onset not in tables.unread_onsets:
            known.add(syl.text)
            inventory.append(syl)
    index = build_index(tables, inventory)
    best: dict[str, float] = {}
    for entries in index.values():
        for syl, p in entries:
            best[syl.text] = max(best.get(syl.text, 0.0), p)
    place_keys = [(tuple(fold(s) for s in p.vi.split()), p) for p in places]
    # Bà Rịa – Vũng Tàu is also written without its dash (با ريا فونغ تاو)
    place_keys += [(tuple(s for s in key if s != "\u2013"), p)
                   for key, p in place_keys if "\u2013" in key]
    exonyms: dict[str, str] = {}
    for vi, ars in tables.exonyms.items():
        for ar in ars:
            exonyms.setdefault(" ".join(arabic_tokens(ar)), vi)
    model = Model(
        tables=tables,
        places=places,
        inventory=tuple(inventory),
        index=MappingProxyType(index),
        best_spelling=MappingProxyType(best),
        maxlen=max(len(k) for k in index),
        role_weights=MappingProxyType({
            r: (MappingProxyType(w), sum(w.values())) for r, w in priors.items() if w
        }),
        known_bases=frozenset(split_tone(t)[0] for w in priors.values() for t in w),
        place_index=MappingProxyType(_group(place_keys)),
        place_prefixes=frozenset(k[:i] for k, _ in place_keys for i in range(1, len(k) + 1)),
        ar_index=MappingProxyType(_group(
            [(" ".join(arabic_tokens(ar)), p) for p in places for ar in p.ar]
        )),
        exonyms=MappingProxyType(exonyms),
        common=frozenset(t for w in tables.common_ar for t in arabic_tokens(w)),
        genders=MappingProxyType({
            (role, unicodedata.normalize("NFC", name.lower())): g
            for source in sources for (role, name), g in source.genders.items()
        }),
        groups=MappingProxyType({
            (role, unicodedata.normalize("NFC", name.lower())): g
            for source in sources for (role, name), g in source.groups.items()
        }),
    )
    return dataclasses.replace(model, spelled=MappingProxyType(_spelled_places(model)))


def _readable(model: Model, name: str, syllables: frozenset[str],
              seen: dict[str, bool]) -> bool:
    """Whether every word of ``name`` is a syllable the ar -> vi reader knows anywhere in a
    word (``seen``: memo of words already judged): not one whose onset is read only at the
    start of a word (Pa of Sa Pa, written سابا)."""
    tables = model.tables
    for word in name.lower().split():
        known = seen.get(word)
        if known is None:
            syl = (parse_syllable(split_tone(word)[0], tables.vowel_info, onsets=tables.onsets)
                   if word.isalpha() else None)
            known = seen[word] = (syl is not None and syl.text in syllables
                                  and syl.onset not in tables.initial_onsets)
        if not known:
            return False
    return True


def _spelled_places(model: Model) -> dict[str, tuple[Place, ...]]:
    """Arabic spellings (vi -> ar) of the places the syllable reader cannot read back.

    A name with a word outside the ar -> vi inventory (Krông, Pleiku, Pa, Jút) or with a
    digit or dash is spelled as ``vi_to_ar`` writes it, canonical and common variants.
    """
    from glossary.errors import InputError
    from toolkit.translit.spell import plain_index, spell_vi

    syllables = frozenset(s.text for s in model.inventory)
    seen: dict[str, bool] = {}
    todo = [p for p in model.places if p.kind == "place" and any(c.isalpha() for c in p.vi)
            and not _readable(model, p.vi, syllables, seen)]
    if not todo:
        return {}
    plain = plain_index(model)
    pairs: list[tuple[str, Place]] = []
    for place in todo:
        try:
            spellings = spell_vi(model, place.vi, top=SPELLED_VARIANTS, plain=plain, usable={})
        except InputError:
            continue  # a name vi -> ar cannot spell either
        keys = [literal_key(literal_tokens(c.text)) for c in spellings]
        pairs.extend((key, place) for key in keys)
        # The canonical spelling also written as one word (سابا, داكلاك), as Arabic news
        # often does; not one that starts with alef, as Arabic words do (إيابا: Ia Pa).
        fused = keys[0].replace(" ", "") if keys else ""
        if (fused != keys[0] and fused.isalpha() and len(fused) >= FUSED_SPELLED_LEN
                and not fused.startswith("\u0627")):
            pairs.append((fused, place))
    return _group(pairs)


def _gazetteer_lexicon() -> Lexicon:
    """The gazetteer's places and name priors as a :class:`Lexicon`."""
    from toolkit.gazetteer import load_gazetteer
    from toolkit.translit.gazetteer_adapter import lexicon_from_gazetteer

    return lexicon_from_gazetteer(load_gazetteer())


@functools.cache
def default_model() -> Model:
    """The model of the shipped tables and the gazetteer, compiled once (immutable).

    Returns:
        The compiled model, shared by every caller.
    """
    return compile_model(load_tables(), _gazetteer_lexicon())

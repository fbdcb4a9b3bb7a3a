"""The gazetteer (toolkit.gazetteer) seen as a transliteration :class:`Lexicon`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from toolkit.translit.tables import NAMESAKE, Lexicon, Place

if TYPE_CHECKING:
    from toolkit.gazetteer import Gazetteer

__all__ = ["ADMIN_PREFIXES", "ORG_PREFIXES", "lexicon_from_gazetteer"]

#: Administrative words before a place name; the bare name is known too (Thành phố Huế -> Huế).
ADMIN_PREFIXES = ("thành phố ", "tỉnh ", "quận ", "huyện ", "thị xã ", "xã ", "phường ")
#: Words before the name of a newspaper, broadcaster or hospital, often translated (Báo Nhân
#: Dân -> صحيفة نهان دان, Bệnh viện Chợ Rẫy -> مستشفى تشو راي): the bare name is known too.
ORG_PREFIXES = ("báo ", "đài ", "bệnh viện ")
#: Weight of a place's syllables in the place prior, by level (a province is named more often).
LEVEL_WEIGHT = {"province": 3.0, "city": 3.0, "district": 1.0}
#: How often a place is named, by level, relative to a province (Phú Yên before Phù Yên;
#: a region as often: Trung Bộ).
#: A city with a parent province is a provincial city (Phổ Yên): PROVINCIAL_CITY_WEIGHT.
PLACE_WEIGHT = {"province": 1.0, "city": 1.0, "region": 1.0, "district": 0.35}
PROVINCIAL_CITY_WEIGHT = 0.5
OTHER_PLACE_WEIGHT = 0.15


def lexicon_from_gazetteer(gazetteer: Gazetteer | None = None) -> Lexicon:
    """Converts the gazetteer into places, organisations and syllable priors by role.

    Args:
        gazetteer: A loaded gazetteer; ``None`` loads the packaged one.

    Returns:
        Places (with the bare name of ``Thành phố X`` as well), organisations with their
        Arabic renderings, and priors for roles ``surname``, ``middle``, ``given``, ``place``.
    """
    if gazetteer is None:
        from toolkit.gazetteer import load_gazetteer

        gazetteer = load_gazetteer()
    places: list[Place] = []
    place_prior: dict[str, float] = {}
    for place in gazetteer.places:
        weight = PLACE_WEIGHT.get(place.level, OTHER_PLACE_WEIGHT)
        if place.level == "city" and place.parent:
            weight = PROVINCIAL_CITY_WEIGHT
        # A figure whom streets and schools are named after (Lê Quý Đôn) is read like a
        # place but confirms none: the cue says what the name is (مدرسة: a school).
        kind = NAMESAKE if place.level == NAMESAKE else "place"
        places.append(Place(place.vi, place.en, kind, weight=weight))
        lowered = place.vi.lower()
        for prefix in ADMIN_PREFIXES:
            if lowered.startswith(prefix) and len(place.vi) > len(prefix):
                places.append(Place(place.vi[len(prefix):], "", "place", weight=weight))
        if kind == NAMESAKE:
            continue  # a person's syllables: no weight in the place prior (Xuân, Diệu)
        for word in place.vi.split():
            key = word.lower()
            place_prior[key] = place_prior.get(key, 0.0) + LEVEL_WEIGHT.get(place.level, 0.5)
    for org in gazetteer.organisations:
        places.append(Place(org.name, org.en, "org", org.ar))
        lowered = org.name.lower()
        for prefix in ORG_PREFIXES:
            if lowered.startswith(prefix) and len(org.name) > len(prefix):
                places.append(Place(org.name[len(prefix):], "", "org"))
    priors: dict[str, dict[str, float]] = {"place": place_prior, "surname": {}, "middle": {},
                                           "given": {}}
    for surname in gazetteer.surnames.values():
        priors["surname"][surname.vi.lower()] = surname.prior
    for name in gazetteer.given_names.values():
        roles = ("middle", "given") if name.role == "both" else (name.role,)
        for role in roles:
            priors[role][name.vi.lower()] = name.prior
    return Lexicon(places=tuple(places), priors=priors)

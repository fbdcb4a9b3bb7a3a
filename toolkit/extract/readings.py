"""The Vietnamese readings of a detected name: ranked over all its spellings
(:func:`rank_readings`) and confirmed by the text's own gloss (:func:`prefer_gloss`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from glossary.model import Candidate
from toolkit.extract.data import surnames
from toolkit.extract.tokenize import fold_ar

__all__ = ["prefer_gloss", "rank_readings"]


def _ranked(translit: Any, forms: Mapping[str, int], kind: str | None
            ) -> list[tuple[str, float]]:
    """The five best readings of a name as ``kind``, each spelling's weighted by its
    share of the occurrences."""
    total = sum(forms.values())
    scores: dict[str, float] = {}
    for form, n in forms.items():
        for cand in translit.ar_to_vi(form, top=5, kind=kind):
            scores[cand.text] = scores.get(cand.text, 0.0) + cand.score * n / total
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:5]


def prefer_gloss(readings: Sequence[Candidate], glosses: Mapping[str, int]
                 ) -> list[Candidate]:
    """Puts first the reading that the text's own gloss of the name confirms.

    The commonest gloss (فام مينه تشينه (Phạm Minh Chính)) is compared with the
    readings without diacritics: a gloss with diacritics that folds to a reading
    comes first as it is written (the text wrote the tones); a gloss without any
    (Lao Cai) moves the first reading that folds to it first. A gloss that folds to no
    reading is not the name's (another name, a translation): ignored.

    Args:
        readings: The name's readings, best first.
        glosses: Gloss → occurrences.

    Returns:
        The readings, the confirmed one first with the best score.
    """
    if not glosses or not readings:
        return list(readings)
    from glossary.normalize import fold_key

    gloss = min(glosses.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    key = fold_key(gloss, "vi")
    match = next((c for c in readings if fold_key(c.text, "vi") == key), None)
    if match is None:
        return list(readings)
    text = gloss if not gloss.isascii() else match.text
    first = Candidate(text, max(c.score for c in readings))
    return [first, *[c for c in readings if c.text != text]][:len(readings)]


def rank_readings(translit: Any, forms: Mapping[str, int], kind: str, ar: str
                  ) -> list[Candidate]:
    """The five best Vietnamese readings of a name, over all its spellings.

    Each spelling's readings are weighted by its share of the occurrences. A
    place of three syllables or more that starts with a family name may be named
    after a person (phường Phan Đình Phùng): the kind of reading is uncertain, so
    both are scored and the kind of the likelier reading is kept, the kinds compared
    on the likelihoods of the readings of a name of unknown kind (a reading the
    gazetteer confirms wins as a place), not on each kind's own normalised scores,
    which favour the kind whose readings differ less among themselves (Thân against
    Tân, Tân Sơn Nhật against Tân Sơn Nhất); the runner-up readings of both follow.

    Args:
        translit: A :class:`toolkit.translit.Transliterator`.
        forms: Arabic spelling → occurrences.
        kind: ``person``, ``place`` or ``org``.
        ar: The canonical spelling.

    Returns:
        The readings, best first.
    """
    readings = [kind]
    if kind in ("place", "org") and len(ar.split()) >= 3 and fold_ar(ar.split()[0]) in surnames():
        readings = [kind, "person"]
    by_reading = [_ranked(translit, forms, reading) for reading in readings]
    if len(by_reading) > 1:
        mixed = _ranked(translit, forms, None)
        if mixed:
            # The kind whose readings hold the likeliest one comes first (the cue's on a tie).
            by_reading.sort(key=lambda ranked: all(t != mixed[0][0] for t, _ in ranked))
    best_first = by_reading[0][:1]
    rest: dict[str, float] = {}
    for ranked in by_reading:
        for text, score in ranked:
            if text not in rest and all(text != t for t, _ in best_first):
                rest[text] = score
    best_first += sorted(rest.items(), key=lambda kv: (-kv[1], kv[0]))[:4]
    return [Candidate(t, round(sc, 4)) for t, sc in best_first]

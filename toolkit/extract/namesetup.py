"""The name detector that extraction uses, over one transliterator and the gazetteer.

:func:`name_detector` wires :class:`~toolkit.extract.names.NameDetector` to the
transliterator's likelihoods and readings: which words are Arabic, which places the
gazetteer confirms (several words, or one word for a province, city or district), which
names it lists with an Arabic word (فيتين بنك) or with a dash (Bà Rịa – Vũng Tàu).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

from toolkit.extract.data import written_words
from toolkit.extract.namebridge import syllable_share
from toolkit.extract.names import NameDetector
from toolkit.extract.namespans import memo as _memo
from toolkit.extract.nametokens import ListedNames
from toolkit.extract.tokenize import light_ar, strip_article
from toolkit.translit.likelihood import ONE_WORD_PLACE_WEIGHT
from toolkit.translit.tables import NAMESAKE

__all__ = ["name_detector", "reads_middle_named"]

_MIDDLE_ONLY = "middle"  # gazetteer role of Văn, Thị, Hữu: never a name's first syllable


def reads_middle_named(translit: Any, name: str) -> bool:
    """Whether ``name``, read as a person's name, has a syllable between its first and
    last that the gazetteer lists as a middle name only (Văn, Thị, Hữu).

    Args:
        translit: The transliterator that reads the name.
        name: The name in Arabic script.
    """
    from toolkit.gazetteer import load_gazetteer, name_key

    top = translit.ar_to_vi(name, top=1, kind="person")
    middle = top[0].text.split()[1:-1] if top else []
    given = load_gazetteer().given_names
    return any((found := given.get(name_key(s))) is not None and found.role == _MIDDLE_ONLY
               for s in middle)


def name_detector(translit: Any) -> NameDetector:
    """The name detector that extraction uses, over one transliterator (whose memo
    tables make repeated names cheap): a word is an Arabic word when the stopword or
    reference lists hold it as written (أن and آن stay apart), article dropped, and
    the gazetteer does not list it as a place's Arabic spelling (فيتنام).

    Args:
        translit: A :class:`toolkit.translit.Transliterator`.
    """
    # A place's Arabic spelling that the gazetteer lists (فيتنام) is a name, though
    # Arabic uses it as a word too.
    model = translit.model
    listed = {strip_article(light_ar(form)) for form in (*model.ar_index, *model.exonyms)
              if " " not in form.strip()}
    words = written_words() - listed

    def lexical(word: str) -> bool:
        light = light_ar(word)  # التي is a word as written; السيد one without its article
        return light in words or strip_article(light) in words

    def reading(token: str) -> float:
        return syllable_share(translit, token)

    known_places = {unicodedata.normalize("NFC", p.vi) for p in model.places
                    if p.kind != NAMESAKE}
    # A namesake (Lê Quý Đôn) reads like a place but confirms none: the cue tells.
    namesakes = {unicodedata.normalize("NFC", p.vi) for p in model.places
                 if p.kind == NAMESAKE}
    # A place written as one word (دالات: Đà Lạt) is a province, city or district: a word
    # that reads as a landmark or commune (ننهي: Nhơn Hội) is an Arabic word (we finish).
    fused_places = {unicodedata.normalize("NFC", p.vi) for p in model.places
                    if p.weight >= ONE_WORD_PLACE_WEIGHT}

    def place_reading(name: str) -> float:
        # Two places spelled alike (تشاو دوك: Châu Đốc, Châu Đức) confirm a place together.
        found = translit.ar_to_vi(name, top=5, kind="place")
        if " " not in name.strip():
            return sum(c.score for c in found if c.text in fused_places)
        listed = sum(c.score for c in found if c.text in known_places)
        return max(found[0].score if found and found[0].text not in namesakes else 0.0, listed)

    fused_memo: dict[str, bool] = {}
    middle_memo: dict[str, bool] = {}

    def middle_named(name: str) -> bool:
        # Asked wherever a family name that is an Arabic word (هو، لو) starts a run:
        # decode each spelling once.
        return _memo(middle_memo, name, lambda: reads_middle_named(translit, name))

    def fused(token: str) -> bool:
        # Asked for every known name's every occurrence (continues_person): read each
        # spelling once, so that a long document costs no decoding per occurrence.
        def read() -> bool:
            top = translit.ar_to_vi(token, top=1)
            return bool(top) and " " in top[0].text

        return _memo(fused_memo, token, read)

    dashed_memo: dict[str, bool] = {}

    def dashed(name: str) -> bool:
        def read() -> bool:
            return any("\u2013" in place.vi for place in translit.listed_places(name))

        return _memo(dashed_memo, name, read)

    return NameDetector(lexical, translit.name_likelihood, reading, place_reading, fused,
                        middle_named, _listed_names(translit.model, lexical), dashed)


def _listed_names(model: Any, lexical: Callable[[str], bool]) -> ListedNames:
    """The gazetteer's names written as a name and then Arabic words (فيتين بنك)."""
    from toolkit.translit.rules import arabic_tokens

    kinds: dict[str, str] = {}
    for key, places in model.ar_index.items():
        words = key.split()
        if len(words) >= 2 and not lexical(words[0]) and any(lexical(w) for w in words[1:]):
            kinds[key] = places[0].kind

    def kind(words: Sequence[str]) -> str | None:
        return kinds.get(" ".join(arabic_tokens(" ".join(words))))

    first = frozenset(k.split()[0] for k in kinds)
    return ListedNames(first, kind, max((len(k.split()) for k in kinds), default=0))

"""English spellings of Vietnamese names."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping

from toolkit.translit.tables import Place

__all__ = ["strip_diacritics", "to_english"]


def strip_diacritics(vi: str) -> str:
    """Removes Vietnamese tone and quality marks, keeping case (đ -> d, Đ -> D).

    Args:
        vi: Vietnamese text.

    Returns:
        The text in NFC, without marks.
    """
    text = unicodedata.normalize("NFD", vi.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(c for c in text if not unicodedata.combining(c)))


def to_english(vi: str, places: Iterable[Place] = (),
               exonyms: Mapping[str, str] | None = None) -> str:
    """The usual English spelling of a Vietnamese name.

    Args:
        vi: A Vietnamese name (NFC or not).
        places: Known places/organisations; one whose ``vi`` matches (case-insensitive)
            and has an ``en`` spelling gives it (Hà Nội -> Hanoi).
        exonyms: Vietnamese name -> established English form, for names that are no
            place of ``places`` (Mê Kông -> Mekong).

    Returns:
        The known English form, else the name without diacritics.
    """
    text = unicodedata.normalize("NFC", " ".join(vi.split()))
    folded = text.casefold()
    for place in places:
        if place.en and unicodedata.normalize("NFC", place.vi).casefold() == folded:
            return place.en
    for name, en in (exonyms or {}).items():
        if unicodedata.normalize("NFC", name).casefold() == folded:
            return en
    return strip_diacritics(text)

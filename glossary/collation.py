"""Alphabetical sort keys for Arabic, Vietnamese and English forms.

SQLite and Python compare code points, which puts ``Bí thư`` before ``Bắc Kạn``,
capitals before lower case and ``Ủy ban`` after ``đổi mới``. :func:`sort_key`
orders by each language's alphabet instead, in three levels as dictionaries do:
the letters first (case and tone ignored), then the tones or diacritics, then
the case; the text itself breaks the last ties.

* ``vi``: the Vietnamese alphabet (:data:`VI_ALPHABET`: a ă â b c d đ e ê … o ô
  ơ … u ư …), each tone after its base letter in the order of :data:`VI_TONES`
  (none, grave, hook, tilde, acute, dot below, as Unicode's CLDR).
* ``ar``: the Arabic alphabet (:data:`AR_ALPHABET`); harakat and tatweel are
  ignored, and the hamza forms of alef (أ إ آ ٱ) sort as alef, ة as ه, ى and ئ
  as ي, ؤ as و; those differences only break ties.
* ``en``: case-folded, accents ignored then breaking ties.
"""

from __future__ import annotations

import unicodedata

__all__ = ["AR_ALPHABET", "VI_ALPHABET", "VI_TONES", "sort_key"]

#: The Vietnamese alphabet, in order; f, j, w, z (in loanwords) where Latin has them.
VI_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
#: Combining marks that make a Vietnamese letter (breve, circumflex, horn).
_VI_LETTER_MARKS = "\u0306\u0302\u031b"
#: The Vietnamese tone marks in sort order (no mark sorts first): grave, hook above,
#: tilde, acute, dot below.
VI_TONES = "\u0300\u0309\u0303\u0301\u0323"
#: The Arabic alphabet, in order (hamza alone first).
AR_ALPHABET = "ءابتثجحخدذرزسشصضطظعغفقكلمنهوي"
#: Arabic letters that sort as another one (the difference breaks ties only).
_AR_AS = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ئ": "ي", "ؤ": "و"}
#: Harakat, Quranic marks, superscript alef and tatweel: ignored when sorting.
_AR_IGNORED = frozenset(
    [chr(c) for c in range(0x064B, 0x0660)] + ["\u0670", "\u0640"]
    + [chr(c) for c in range(0x06D6, 0x06EE)])

_VI_INDEX = {letter: i for i, letter in enumerate(VI_ALPHABET)}
_AR_INDEX = {letter: i for i, letter in enumerate(AR_ALPHABET)}

#: One level of a key: (group, rank) per character; group 0 = not a letter
#: (spaces, digits, punctuation: before letters), 1 = a letter of the alphabet,
#: 2 = another character (by code point).
_Level = tuple[tuple[int, int], ...]
SortKey = tuple[_Level, tuple[int, ...], tuple[int, ...], str]


def _other(ch: str) -> tuple[int, int]:
    """The rank of a character outside the alphabet: other letters after it, the rest
    (spaces, digits, punctuation) before its letters."""
    return (2 if ch.isalpha() else 0, ord(ch))


def _vi_key(text: str) -> SortKey:
    letters: list[tuple[int, int]] = []
    tones: list[int] = []
    cases: list[int] = []
    decomposed = unicodedata.normalize("NFD", text)
    i = 0
    while i < len(decomposed):
        base = decomposed[i]
        i += 1
        marks = ""
        tone = 0
        while i < len(decomposed) and unicodedata.combining(decomposed[i]):
            mark = decomposed[i]
            i += 1
            if mark in _VI_LETTER_MARKS:
                marks += mark
            elif mark in VI_TONES:
                tone = VI_TONES.index(mark) + 1
            else:
                tone = len(VI_TONES) + 1 + ord(mark)  # a foreign mark: after the tones
        letter = unicodedata.normalize("NFC", base + marks)
        lower = letter.lower()
        rank = _VI_INDEX.get(lower)
        letters.append((1, rank) if rank is not None else _other(lower))
        tones.append(tone)
        cases.append(0 if letter == lower else 1)
    return tuple(letters), tuple(tones), tuple(cases), text


def _ar_key(text: str) -> SortKey:
    letters: list[tuple[int, int]] = []
    variants: list[int] = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in _AR_IGNORED:
            continue
        base = _AR_AS.get(ch, ch)
        rank = _AR_INDEX.get(base)
        letters.append((1, rank) if rank is not None else _other(ch.casefold()))
        variants.append(ord(ch) if base != ch else 0)
    return tuple(letters), tuple(variants), (), text


def _en_key(text: str) -> SortKey:
    letters: list[tuple[int, int]] = []
    accents: list[int] = []
    cases: list[int] = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch):
            if accents:
                accents[-1] = ord(ch)
            continue
        lower = ch.casefold()
        letters.append((1, ord(lower[0])) if ch.isalpha() and lower.isascii() else _other(lower))
        accents.append(0)
        cases.append(0 if ch == lower else 1)
    return tuple(letters), tuple(accents), tuple(cases), text


_KEYS = {"vi": _vi_key, "ar": _ar_key, "en": _en_key}


def sort_key(text: str, lang: str) -> SortKey:
    """Returns a key that sorts ``text`` in the alphabetical order of ``lang``.

    Args:
        text: A form.
        lang: ``ar``, ``vi`` or ``en`` (another code sorts as ``en``).

    Returns:
        A tuple to compare: letters, then tones/diacritics, then case, then the text.
    """
    return _KEYS.get(lang, _en_key)(text)

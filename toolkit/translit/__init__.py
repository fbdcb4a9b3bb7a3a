"""Transliteration between Arabic script and Vietnamese (name recovery).

Rules and data only: Vietnamese syllables are generated from tables of onsets, vowels and
codas; Arabic spellings come from weighted correspondence tables; tones come from syllable
priors and the gazetteer. See toolkit/data/translit/README.md.

Example::

    from toolkit.translit import ar_to_vi
    ar_to_vi("نجوين مانه هونغ")[0].text   # 'Nguyễn Mạnh Hùng'
"""

from __future__ import annotations

from collections.abc import Sequence

from glossary.model import Candidate
from toolkit.translit.decode import KINDS, Transliterator, default_model
from toolkit.translit.english import strip_diacritics
from toolkit.translit.english import to_english as _to_english
from toolkit.translit.model import Model, compile_model
from toolkit.translit.tables import Lexicon, Place, Tables, load_tables

__all__ = [
    "KINDS",
    "Candidate",
    "Lexicon",
    "Model",
    "Place",
    "Tables",
    "Transliterator",
    "ar_to_vi",
    "compile_model",
    "default_model",
    "default_transliterator",
    "load_tables",
    "name_key",
    "name_likelihood",
    "strip_diacritics",
    "syllable_key",
    "to_english",
    "vi_to_ar",
]


def default_transliterator() -> Transliterator:
    """A new transliterator over the shared, immutable default model.

    The model (tables, gazetteer, spelling index) is compiled once; the transliterator's
    per-token memo tables are its own, so keep one instance for many calls (extraction).

    Returns:
        A new :class:`Transliterator`.
    """
    return Transliterator.from_model(default_model())


def ar_to_vi(text: str, *, top: int = 5, kind: str | None = None) -> list[Candidate]:
    """Ranked Vietnamese readings of an Arabic-script name (see :meth:`Transliterator.ar_to_vi`).

    Args:
        text: The name in Arabic script (one or more tokens).
        top: How many candidates to return.
        kind: ``person``, ``place``, ``org`` or ``None`` (unknown).

    Returns:
        Candidates with full Vietnamese diacritics (NFC), best first.

    Raises:
        InputError: If ``text`` has no Arabic letters, ``top`` < 1 or ``kind`` is unknown.
    """
    return default_transliterator().ar_to_vi(text, top=top, kind=kind)


def vi_to_ar(text: str, *, top: int = 5) -> list[str]:
    """Arabic spellings of a Vietnamese name, canonical first, then common variants.

    Words may be written without marks (Nguyen Van Thanh); punctuation is kept.

    Args:
        text: A Vietnamese name, with or without marks.
        top: How many spellings to return.

    Returns:
        Arabic spellings, canonical first.

    Raises:
        InputError: If a word of ``text`` is not a Vietnamese syllable (and the whole text
            has no established Arabic spelling), or ``top`` < 1.
    """
    return [c.text for c in default_transliterator().vi_to_ar_scored(text, top=top)]


def name_likelihood(ar_tokens: Sequence[str]) -> float:
    """0..1: how likely a sequence of Arabic tokens is a transliterated Vietnamese name.

    Args:
        ar_tokens: Arabic tokens in text order.

    Returns:
        A score between 0 and 1.
    """
    return default_transliterator().name_likelihood(ar_tokens)


def syllable_key(ar_token: str) -> str:
    """A spelling-variant-insensitive key of one Arabic token (نجوين and نغوين alike).

    Args:
        ar_token: One Arabic word.

    Returns:
        The key; spelling variants of one syllable sequence share it.
    """
    return default_transliterator().syllable_key(ar_token)


def name_key(ar_text: str) -> str:
    """:func:`syllable_key` of every token of ``ar_text``, joined by spaces.

    Args:
        ar_text: A name in Arabic script.

    Returns:
        The keys of its tokens, joined by spaces.
    """
    return default_transliterator().name_key(ar_text)


def to_english(vi: str) -> str:
    """The English news spelling of a known place (Hà Nội -> Hanoi), else ``vi`` without marks.

    Args:
        vi: A Vietnamese name.

    Returns:
        Its English spelling.
    """
    translit = default_transliterator()
    return _to_english(vi, translit.places, translit.tables.exonym_en)

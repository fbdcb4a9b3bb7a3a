"""Language codes per model family.

avet speaks of languages by ISO 639-1 code (``ar``, ``vi``, ``en``). Each model
family spells them its own way:

* **Marian / OPUS-MT** (``Helsinki-NLP/opus-mt-ar-en``): the model name carries the
  ISO 639-1 codes and a bilingual model needs no language token. Multi-target
  models (``opus-mt-en-mul``, ``opus-mt-tc-big-en-...``) need a target token at the
  start of the *source* text, ``>>vie<<`` / ``>>ara<<`` (ISO 639-3; older models
  ``>>vi<<``), whichever the vocabulary holds.
* **NLLB-200** (``facebook/nllb-200-distilled-600M``): FLORES-200 codes
  ``arb_Arab``, ``vie_Latn``, ``eng_Latn``; the source code is set on the tokenizer
  and the target code is forced as the first generated token.
* **M2M100** (``facebook/m2m100_418M``): ``__ar__``, ``__vi__``, ``__en__`` tokens,
  used the same way as NLLB's.
"""

from __future__ import annotations

from collections.abc import Collection

from models.errors import ModelError

__all__ = [
    "FAMILIES",
    "LANGUAGES",
    "lang_token",
    "marian_target_token",
    "normalize_lang",
]

#: The languages avet translates between.
LANGUAGES: tuple[str, ...] = ("ar", "vi", "en")

#: The model families avet can run.
FAMILIES: tuple[str, ...] = ("marian", "nllb", "m2m100")

_ALIASES: dict[str, str] = {
    "ar": "ar", "ara": "ar", "arb": "ar", "arb_arab": "ar", "__ar__": "ar", "arabic": "ar",
    "vi": "vi", "vie": "vi", "vie_latn": "vi", "__vi__": "vi", "vietnamese": "vi",
    "en": "en", "eng": "en", "eng_latn": "en", "__en__": "en", "english": "en",
}

_TOKENS: dict[str, dict[str, str]] = {
    "nllb": {"ar": "arb_Arab", "vi": "vie_Latn", "en": "eng_Latn"},
    "m2m100": {"ar": "__ar__", "vi": "__vi__", "en": "__en__"},
}

_MARIAN_TARGET_TOKENS: dict[str, tuple[str, ...]] = {
    "ar": (">>ara<<", ">>arb<<", ">>ar<<"),
    "vi": (">>vie<<", ">>vi<<"),
    "en": (">>eng<<", ">>en<<"),
}


def normalize_lang(lang: str) -> str:
    """Returns the ISO 639-1 code of a language given in any supported spelling.

    Args:
        lang: ``ar``, ``ara``, ``arb_Arab``, ``__ar__``, ``Arabic``... (likewise vi, en).

    Returns:
        ``ar``, ``vi`` or ``en``.

    Raises:
        ModelError: If the language is not one avet translates.
    """
    code = _ALIASES.get(lang.strip().lower())
    if code is None:
        raise ModelError(f"unknown language {lang!r}",
                         hint=f"supported languages: {', '.join(LANGUAGES)}")
    return code


def lang_token(family: str, lang: str) -> str:
    """Returns the language token a multilingual family uses for ``lang``.

    Args:
        family: ``nllb`` or ``m2m100``.
        lang: A language in any spelling :func:`normalize_lang` accepts.

    Returns:
        The token, e.g. ``vie_Latn`` (NLLB) or ``__vi__`` (M2M100).

    Raises:
        ModelError: If the family uses no language tokens or the language is unknown.
    """
    table = _TOKENS.get(family)
    if table is None:
        raise ModelError(f"model family {family!r} has no language tokens",
                         hint=f"families with language tokens: {', '.join(sorted(_TOKENS))}")
    return table[normalize_lang(lang)]


def marian_target_token(lang: str, vocabulary: Collection[str]) -> str | None:
    """Returns the ``>>xxx<<`` token a multi-target Marian model needs, if any.

    Args:
        lang: The target language.
        vocabulary: The model's source vocabulary.

    Returns:
        The first of ``>>vie<<``-style spellings present in the vocabulary, or ``None``
        for a bilingual model (which needs no token).
    """
    for token in _MARIAN_TARGET_TOKENS[normalize_lang(lang)]:
        if token in vocabulary:
            return token
    return None

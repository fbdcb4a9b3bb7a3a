"""Text normalization for matching, per language, with a map back to the original.

Every function is pure and returns a :class:`Normalized`: the normalized text
plus a compact offset map (sorted breakpoints, looked up with :mod:`bisect`),
so that a span found in the normalized text can be reported in the original.

Rules:

* Arabic (:func:`normalize_ar`): removes harakat and tanween (U+064B–U+065F),
  the superscript alef U+0670, Quranic annotation marks (U+06D6–U+06ED), tatweel
  U+0640 and invisible format controls (LRM/RLM, ALM U+061C, embeddings and
  isolates U+202A–U+202E and U+2066–U+2069, ZWNJ/ZWJ, word joiner, BOM, soft
  hyphen); ZWSP becomes a space. Arabic-Indic and Persian digits become ASCII
  digits and the Persian letters ی ے → ي, ک → ك, ە ہ ۀ → ه. With ``match=True``
  (match keys) it also folds the alef forms أ إ آ ٱ → ا, the hamza carriers ؤ → و
  and ئ → ي, alef maqsura ى → ي and ta marbuta ة → ه. گ, پ, چ are kept: they are
  distinct letters in transliterated names. Punctuation is kept. Arabic text is
  not NFC-normalized (decomposed hamza marks are removed as diacritics instead).
  Presentation forms (text copied from PDFs: Forms-A U+FB50–U+FDFF, Forms-B
  U+FE70–U+FEFE) are read first as the letters they stand for, by the NFKC
  decomposition of those characters only (ﻧ → ن, the lam-alef ﻻ → لا, ﷲ → الله);
  the isolated forms of harakat (ﹰ ﹶ ﱠ...) become the marks without NFKC's
  leading space, so they stay inside their word. Other compatibility
  characters are not folded, and nothing is reordered.
* Vietnamese (:func:`normalize_vi`): deletes the invisible characters of
  :data:`LATIN_DELETE_RE` (soft hyphen, ZWSP, ZWNJ/ZWJ, LRM/RLM/ALM, bidi
  embeddings, overrides and isolates, word joiner, BOM), then NFC, lower case,
  and one tone placement for the open syllables oa, oe, uy: the traditional
  one, on the first vowel (hòa, khỏe, thủy; so hoà → hòa, khoẻ → khỏe, thuỷ →
  thủy). ``qu`` + y keeps the tone on y (quý). With ``fold=True`` tones and
  vowel marks are stripped (also combining marks left over by NFC) and đ
  becomes d.
* English (:func:`normalize_en`): deletes the same invisible characters as
  Vietnamese, then NFC, lower case; curly quotes, primes, dashes, hyphen
  variants and space variants become ASCII; the ellipsis … becomes ``...``
  (the one rule that changes the length).

The fast paths use ``str.replace``/``str.translate`` and :mod:`re` scans; only
deleted or expanded positions are stored in the offset map.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from glossary.cleaning import clean_form
from glossary.errors import InputError
from glossary.offsets import Normalized, build, compose, delete_matches, rewrite_matches

__all__ = [
    "AR_DELETE_RE",
    "LATIN_DELETE_RE",
    "SUPPORTED_LANGS",
    "Normalized",
    "clean_form",
    "fold_key",
    "match_key",
    "nfc",
    "nfc_mapped",
    "normalize",
    "normalize_ar",
    "normalize_en",
    "normalize_vi",
    "read_presentation_forms",
    "strip_latin_marks",
]

SUPPORTED_LANGS: tuple[str, ...] = ("ar", "vi", "en")

# ---------------------------------------------------------------- data tables

_AR_DELETE_CHARS = (
    "\u064b-\u065f"  # tanween, harakat, shadda, sukun, maddah/hamza marks, others
    "\u0670"  # superscript (dagger) alef
    "\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"  # Quranic annotation marks
    "\u0640"  # tatweel
    "\u061c\u200c-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\u00ad"  # format controls
)
#: Characters that :func:`normalize_ar` deletes (diacritics, tatweel, controls).
AR_DELETE_RE = re.compile("[" + _AR_DELETE_CHARS + "]+")


def _presentation_forms() -> dict[int, str]:
    """Arabic presentation form -> the letters it stands for (NFKC of that character).

    The isolated forms of harakat, which NFKC writes as a space and the mark(s),
    read as the mark(s) alone.
    """
    table: dict[int, str] = {}
    for code in [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFEFF)]:
        char = chr(code)
        letters = unicodedata.normalize("NFKC", char)
        if letters == char:  # unassigned, noncharacter or ornate parenthesis
            continue
        if letters[0] == " " and all(unicodedata.category(c) == "Mn" for c in letters[1:]):
            letters = letters[1:]
        table[code] = letters
    return table


_AR_PRESENTATION: Mapping[int, str] = MappingProxyType(_presentation_forms())
#: Presentation forms, for a fast scan (the BOM U+FEFF is not one).
_AR_PRESENTATION_RE = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]")
#: One-for-one presentation forms (``str.translate`` table) and the expanding
#: ones (ligatures: ﻻ → لا, ﷲ → الله, ﷺ → four words).
_AR_PRESENTATION_SINGLE: Mapping[int, str] = MappingProxyType(
    {code: letters for code, letters in _AR_PRESENTATION.items() if len(letters) == 1}
)
_AR_PRESENTATION_MULTI: Mapping[str, str] = MappingProxyType(
    {chr(code): letters for code, letters in _AR_PRESENTATION.items() if len(letters) > 1}
)
_AR_PRESENTATION_MULTI_RE = re.compile(
    "[" + "".join(sorted(_AR_PRESENTATION_MULTI)) + "]"
)
#: What :func:`normalize_ar` makes of each presentation form: its letters less
#: what :data:`AR_DELETE_RE` deletes. One letter: a ``str.translate`` table;
#: none (harakat forms): deleted with the marks; more: expanded (ligatures).
_AR_SHAPED_READ: Mapping[int, str] = MappingProxyType(
    {code: AR_DELETE_RE.sub("", letters) for code, letters in _AR_PRESENTATION.items()}
)
_AR_SHAPED_SINGLE: Mapping[int, str] = MappingProxyType(
    {code: letters for code, letters in _AR_SHAPED_READ.items() if len(letters) == 1}
)
_AR_SHAPED_EXPAND: Mapping[str, str] = MappingProxyType(
    {chr(code): letters for code, letters in _AR_SHAPED_READ.items() if len(letters) > 1}
)
_AR_SHAPED_RE = re.compile(
    "(?P<delete>[" + _AR_DELETE_CHARS
    + "".join(chr(code) for code, letters in _AR_SHAPED_READ.items() if not letters)
    + "]+)|(?P<expand>[" + "".join(sorted(_AR_SHAPED_EXPAND)) + "])"
)

#: Invisible characters that :func:`normalize_vi` and :func:`normalize_en` delete:
#: soft hyphen, ALM, ZWSP, ZWNJ, ZWJ, LRM, RLM, bidi embeddings and overrides,
#: word joiner, bidi isolates, BOM. Listed one by one for ``in`` tests (fast
#: scans), so that a text without any skips the slower regex pass.
_LATIN_INVISIBLE: tuple[str, ...] = (
    "\u00ad", "\u061c", *map(chr, range(0x200B, 0x2010)), *map(chr, range(0x202A, 0x202F)),
    "\u2060", *map(chr, range(0x2066, 0x206A)), "\ufeff",
)
LATIN_DELETE_RE = re.compile("[" + "".join(_LATIN_INVISIBLE) + "]+")

#: 1:1 replacements in every Arabic mode: digits, Persian letter forms, ZWSP.
_AR_BASE_PAIRS: tuple[tuple[str, str], ...] = (
    *((chr(0x0660 + d), str(d)) for d in range(10)),
    *((chr(0x06F0 + d), str(d)) for d in range(10)),
    ("\u06cc", "\u064a"),  # ی Farsi yeh -> ي
    ("\u06d2", "\u064a"),  # ے yeh barree -> ي
    ("\u06a9", "\u0643"),  # ک keheh -> ك
    ("\u06d5", "\u0647"),  # ە ae -> ه
    ("\u06c1", "\u0647"),  # ہ heh goal -> ه
    ("\u06c0", "\u0647"),  # ۀ heh with yeh above -> ه
    ("\u200b", " "),  # zero width space separates words
)

#: 1:1 replacements added for match keys (``match=True``).
_AR_MATCH_PAIRS: tuple[tuple[str, str], ...] = (
    ("\u0623", "\u0627"),  # أ -> ا
    ("\u0625", "\u0627"),  # إ -> ا
    ("\u0622", "\u0627"),  # آ -> ا
    ("\u0671", "\u0627"),  # ٱ -> ا
    ("\u0624", "\u0648"),  # ؤ -> و
    ("\u0626", "\u064a"),  # ئ -> ي
    ("\u0649", "\u064a"),  # ى -> ي
    ("\u0629", "\u0647"),  # ة -> ه
)

#: 1:1 replacements of :func:`normalize_en` (and the Latin side of the others).
_EN_PAIRS: tuple[tuple[str, str], ...] = (
    ("\u2018", "'"), ("\u2019", "'"), ("\u201a", "'"), ("\u201b", "'"), ("\u2032", "'"),
    ("\u201c", '"'), ("\u201d", '"'), ("\u201e", '"'), ("\u201f", '"'), ("\u2033", '"'),
    ("\u00ab", '"'), ("\u00bb", '"'),
    ("\u2010", "-"), ("\u2011", "-"), ("\u2012", "-"), ("\u2013", "-"), ("\u2014", "-"),
    ("\u2015", "-"), ("\u2212", "-"),
    ("\u00a0", " "), ("\u2007", " "), ("\u2009", " "), ("\u200a", " "), ("\u202f", " "),
    ("\u2002", " "), ("\u2003", " "), ("\u3000", " "),
)

_SHORT = 2048
_TABLES: Mapping[tuple[tuple[str, str], ...], Mapping[int, str]] = MappingProxyType(
    {
        pairs: MappingProxyType({ord(a): b for a, b in pairs})
        for pairs in (_AR_BASE_PAIRS, _AR_MATCH_PAIRS, _EN_PAIRS)
    }
)

#: Multi-character expansions of :func:`normalize_en`.
_EN_EXPAND: Mapping[str, str] = MappingProxyType({"\u2026": "..."})
_EN_EXPAND_RE = re.compile("[" + "".join(_EN_EXPAND) + "]")

_TONES = ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # huyền sắc hỏi ngã nặng


def _tone_moves() -> dict[str, str]:
    moves: dict[str, str] = {}
    for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
        for tone in _TONES:
            new_style = first + unicodedata.normalize("NFC", second + tone)
            moves[new_style] = unicodedata.normalize("NFC", first + tone) + second
    return moves


#: New-style tone placement (hoà) -> traditional (hòa), for open syllables.
_VI_TONE_MOVES: Mapping[str, str] = MappingProxyType(_tone_moves())
_VI_TONE_RE = re.compile(
    "(?<!q)(?:" + "|".join(sorted(_VI_TONE_MOVES)) + ")(?![\\w\u0300-\u036f])"
)


def _latin_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in [*range(0x00C0, 0x0250), *range(0x1E00, 0x1F00)]:
        char = chr(code)
        base = unicodedata.normalize("NFD", char)[0]
        if base != char and base.isascii() and len(char.lower()) == 1:
            table[code] = base
    table.update({0x0110: "D", 0x0111: "d"})  # Đ đ have no decomposition
    return table


#: Latin letter -> base letter without tone or vowel mark (length-preserving).
_LATIN_FOLD: Mapping[int, str] = MappingProxyType(_latin_fold_table())

_COMBINING_RE = re.compile("[^\u0300-\u036f][\u0300-\u036f]+")
_LATIN_MARKS_RE = re.compile("[\u0300-\u036f]+")
_SPACE_RE = re.compile(r"\s+")
_WHOLE_RE = re.compile(r"(?s).+")
_AR_EDGE_PUNCT = "".join(
    sorted(set(".,;:!?()[]{}\"'«»-–—/\\|*#،؛؟٪…“”‘’"))
)


def _replace_pairs(text: str, pairs: tuple[tuple[str, str], ...]) -> str:
    """Applies 1:1 replacements: ``str.translate`` on short texts, a chain of
    ``str.replace`` (each a fast scan) on long ones."""
    if len(text) < _SHORT:
        return text.translate(_TABLES[pairs])
    for old, new in pairs:
        if old in text:
            text = text.replace(old, new)
    return text


def _lower(text: str) -> str:
    """Lower case, one character for one (characters whose lower case is longer stay)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


# ---------------------------------------------------------------- public API


def nfc(text: str) -> str:
    """Returns ``text`` in Unicode NFC (the form avet keeps Vietnamese in).

    Args:
        text: Any text.
    """
    return unicodedata.normalize("NFC", text)


def normalize_ar(text: str, *, match: bool = True) -> Normalized:
    """Normalizes Arabic text (see the module docstring for the rules).

    Args:
        text: Arabic text, in logical order.
        match: Also fold alef forms, hamza carriers, alef maqsura and ta marbuta
            (for match keys). ``False`` keeps the letters as written.

    Returns:
        The normalized text with its offset map.
    """
    if _AR_PRESENTATION_RE.search(text):
        deleted = _read_shaped(text)
    else:
        deleted = delete_matches(text, AR_DELETE_RE)
    folded = _replace_pairs(deleted.text, _AR_BASE_PAIRS)
    if match:
        folded = _replace_pairs(folded, _AR_MATCH_PAIRS)
    return deleted.replaced(folded)


def _read_shaped(text: str) -> Normalized:
    """Reads the presentation forms of ``text`` and deletes :data:`AR_DELETE_RE`, in one
    pass (a map made of breakpoints at each deleted run and expanded ligature, as
    :func:`~glossary.offsets.delete_matches` and :func:`~glossary.offsets.rewrite_matches`
    make them, without composing two maps character by character)."""
    single = text.translate(_AR_SHAPED_SINGLE)
    pieces: list[str] = []
    nb: list[int] = []
    ob: list[int] = []
    last = out_len = 0
    for m in _AR_SHAPED_RE.finditer(single):
        start, end = m.span()
        pieces.append(single[last:start])
        out_len += start - last
        letters = _AR_SHAPED_EXPAND[m.group()] if m.lastgroup == "expand" else ""
        for j in range(len(letters)):  # each letter of a ligature comes from all of it
            nb.append(out_len + j)
            ob.append(start)
        pieces.append(letters)
        out_len += len(letters)
        nb.append(out_len)
        ob.append(end)
        last = end
    pieces.append(single[last:])
    return build("".join(pieces), text, nb, ob)


def read_presentation_forms(text: str) -> Normalized:
    """Reads Arabic presentation forms (text copied from PDFs) as the letters they stand for.

    What :func:`normalize_ar` reads first (before deleting diacritics): the NFKC
    decomposition of the characters of U+FB50–U+FDFF and U+FE70–U+FEFE only
    (ﻧﺠﻮﻳﻦ → نجوين, ﻻ → لا, ﷲ → الله), the isolated harakat forms without NFKC's
    leading space. Diacritics, other compatibility characters and the order of the
    text are kept.

    Args:
        text: Any text.

    Returns:
        The text read, with its offset map: a ligature's letters all map back to
        the ligature, so a span covering part of it maps to the whole character.
    """
    if not _AR_PRESENTATION_RE.search(text):
        return Normalized(text, text)
    single = Normalized(text.translate(_AR_PRESENTATION_SINGLE), text)
    if not _AR_PRESENTATION_MULTI_RE.search(single.text):
        return single
    return compose(single, rewrite_matches(single.text, _AR_PRESENTATION_MULTI_RE,
                                           _AR_PRESENTATION_MULTI.__getitem__))


def nfc_mapped(text: str) -> Normalized:
    """Returns ``text`` in NFC with the map back to its offsets."""
    if unicodedata.is_normalized("NFC", text):
        return Normalized(text, text)
    composed = rewrite_matches(text, _COMBINING_RE, nfc)
    if unicodedata.is_normalized("NFC", composed.text):
        return composed
    # Rare (marks outside U+0300-U+036F, Hangul jamo...): one span for the whole
    # text, output character j mapping to input character min(j, len - 1).
    return rewrite_matches(text, _WHOLE_RE, nfc)


def _visible_nfc(text: str) -> Normalized:
    """Deletes the invisible characters of :data:`LATIN_DELETE_RE`, then composes to NFC.

    The deletion comes first, so that a mark separated from its letter by a soft
    hyphen or a joiner still composes with it.
    """
    if not any(char in text for char in _LATIN_INVISIBLE):
        return nfc_mapped(text)
    visible = delete_matches(text, LATIN_DELETE_RE)
    return compose(visible, nfc_mapped(visible.text))


def strip_latin_marks(text: str) -> str:
    """Strips tones and vowel marks from precomposed Latin letters; đ → d."""
    return text.translate(_LATIN_FOLD)


def normalize_vi(text: str, *, fold: bool = False, casefold: bool = True) -> Normalized:
    """Normalizes Vietnamese text (see the module docstring for the rules).

    Args:
        text: Vietnamese text, NFC or not.
        fold: Strip all tones and vowel marks (đ → d) for a diacritic-blind key.
        casefold: Lower-case the text (``False`` keeps the case, for checks of
            case-sensitive forms).

    Returns:
        The normalized text with its offset map.
    """
    composed = _visible_nfc(text)
    out = _lower(composed.text) if casefold else composed.text
    if fold:
        # Marks NFC could not compose (stacked tones) go too.
        return compose(composed, delete_matches(strip_latin_marks(out), _LATIN_MARKS_RE))
    out = _VI_TONE_RE.sub(_move_tone, out) if casefold else _tone_canonical_keep_case(out)
    return composed.replaced(out)


def _move_tone(m: re.Match[str]) -> str:
    return _VI_TONE_MOVES[m.group()]


def _tone_canonical_keep_case(text: str) -> str:
    """Moves tones like :data:`_VI_TONE_MOVES` but keeps each character's case."""
    lowered = _lower(text)
    if not _VI_TONE_RE.search(lowered):
        return text
    chars = list(text)
    for m in _VI_TONE_RE.finditer(lowered):
        start = m.start()
        moved = _VI_TONE_MOVES[m.group()]
        for j, char in enumerate(moved):
            chars[start + j] = char.upper() if text[start + j].isupper() else char
    return "".join(chars)


def normalize_en(text: str, *, casefold: bool = True, fold: bool = False) -> Normalized:
    """Normalizes English text (see the module docstring for the rules).

    Args:
        text: English text.
        casefold: Lower-case the text.
        fold: Also strip diacritics from Latin letters (café → cafe), and
            combining marks.

    Returns:
        The normalized text with its offset map.
    """
    composed = _visible_nfc(text)
    out = _replace_pairs(composed.text, _EN_PAIRS)
    if casefold:
        out = _lower(out)
    if fold:
        out = strip_latin_marks(out)
    result = Normalized(out, composed.text)
    if _EN_EXPAND_RE.search(out):
        result = rewrite_matches(out, _EN_EXPAND_RE, _EN_EXPAND.__getitem__)
    if fold:  # marks NFC could not compose
        result = compose(result, delete_matches(result.text, _LATIN_MARKS_RE))
    return compose(composed, result)


_DISPATCH: Mapping[str, Callable[..., Normalized]] = MappingProxyType(
    {"ar": normalize_ar, "vi": normalize_vi, "en": normalize_en}
)


def normalize(text: str, lang: str, **kw: Any) -> Normalized:
    """Normalizes ``text`` with the rules of ``lang``.

    Args:
        text: The text.
        lang: ``"ar"``, ``"vi"`` or ``"en"``.
        **kw: Options of the language's function (``match``, ``fold``, ``casefold``).

    Returns:
        The normalized text with its offset map.

    Raises:
        InputError: If ``lang`` is not supported.
    """
    func = _DISPATCH.get(lang)
    if func is None:
        raise InputError(
            f"unsupported language {lang!r}",
            hint=f"supported languages: {', '.join(SUPPORTED_LANGS)}",
        )
    return func(text, **kw)


def match_key(text: str, lang: str) -> str:
    """Returns the identity key of a term, for deduplication.

    The normalized text with whitespace collapsed and stripped; for Arabic also
    without leading or trailing punctuation.

    Args:
        text: A term.
        lang: Its language (``ar``, ``vi`` or ``en``).

    Raises:
        InputError: If ``lang`` is not supported.
    """
    key = " ".join(_SPACE_RE.split(normalize(text, lang).text)).strip()
    if lang == "ar":
        key = key.strip(_AR_EDGE_PUNCT).strip()
    return key


def fold_key(text: str, lang: str) -> str:
    """Returns the loosest key: Vietnamese without diacritics, else :func:`match_key`.

    Args:
        text: A term.
        lang: Its language (``ar``, ``vi`` or ``en``).

    Raises:
        InputError: If ``lang`` is not supported.
    """
    if lang == "vi":
        return " ".join(normalize_vi(text, fold=True).text.split())
    return match_key(text, lang)

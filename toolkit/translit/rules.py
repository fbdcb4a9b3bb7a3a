"""Arabic side of the correspondence: normalisation, syllable spellings and variant keys."""

from __future__ import annotations

import re
from collections.abc import Iterator

from glossary.normalize import normalize_ar, read_presentation_forms
from toolkit.translit.syllables import Syllable
from toolkit.translit.tables import Tables

__all__ = [
    "arabic_tokens",
    "build_index",
    "literal_key",
    "literal_tokens",
    "madda_tokens",
    "mark_groups",
    "normalize_arabic",
    "render_syllable",
    "syllable_key",
]

#: Minimum probability of a spelling kept in the index.
MIN_SPELLING_PROB = 0.002

#: Letters the transliteration reads as plain Arabic letters before
#: :func:`glossary.normalize.normalize_ar` (which keeps them): the Maghrebi/Central Asian
#: ۋ (ve) is read as ف and the Maghrebi ڨ (gaf) as ق, as the syllable tables spell them.
_TRANSLIT_LETTERS = str.maketrans({"\u06cb": "\u0641", "\u06a8": "\u0642"})
_ARABIC_LETTER = re.compile("[\u0621-\u064a\u066e-\u06d3\u06a4]+")


def normalize_arabic(text: str) -> str:
    """Normalises Arabic for transliteration.

    :func:`glossary.normalize.normalize_ar` with match folding (no diacritics, tatweel or
    format controls; bare alef for hamza/madda forms, ى -> ي, ة -> ه, Persian letter
    forms), after reading presentation forms as letters
    (:func:`glossary.normalize.read_presentation_forms`) and ۋ as ف and ڨ as ق.

    Args:
        text: Arabic text in logical order.

    Returns:
        The normalised text.
    """
    return normalize_ar(read_presentation_forms(text).text.translate(_TRANSLIT_LETTERS)).text


def arabic_tokens(text: str) -> list[str]:
    """Splits text into normalised Arabic-letter tokens (other characters separate them)."""
    return _ARABIC_LETTER.findall(normalize_arabic(text))


def madda_tokens(text: str) -> list[tuple[str, bool]]:
    """:func:`arabic_tokens` of ``text``, each with whether its word is written with an
    initial alef madda: آنه (Ánh) and آن (An) are not the Arabic أنه and أن that
    normalisation makes of them."""
    out: list[tuple[str, bool]] = []
    for word in text.split():
        madda = word.lstrip("\"'(\u00ab[").startswith("\u0622")
        out.extend((token, madda and k == 0) for k, token in enumerate(arabic_tokens(word)))
    return out


#: Arabic letter runs, digit runs and the dashes that join names (Bà Rịa – Vũng Tàu).
_LITERAL_TOKEN = re.compile("[\u0621-\u064a\u066e-\u06d3\u06a4]+|[0-9]+|[-\u2010-\u2015]")
#: Arabic-Indic and Persian digits read as ASCII digits (كوان ٣ = Quận 3).
_DIGITS = str.maketrans("\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669"
                        "\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9",
                        "01234567890123456789")
#: Dashes that join the parts of one name, all read as the en dash of the gazetteer.
_DASHES = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015")


def literal_tokens(text: str) -> list[str]:
    """Normalised Arabic tokens as :func:`arabic_tokens`, with digit runs and dashes kept.

    Digits are ASCII (٣ -> 3); dashes are kept as written (see :func:`literal_key`).

    Args:
        text: Arabic text in logical order.

    Returns:
        The tokens in order.
    """
    return _LITERAL_TOKEN.findall(normalize_arabic(text.translate(_DIGITS)))


def literal_key(tokens: list[str]) -> str:
    """The tokens of :func:`literal_tokens` joined by spaces, every dash read as the en dash.

    ``كوان 3`` and ``با ريا - فونغ تاو`` are then the keys of the names the gazetteer
    writes Quận 3 and Bà Rịa – Vũng Tàu.

    Args:
        tokens: Tokens of :func:`literal_tokens`.

    Returns:
        The key.
    """
    return " ".join("\u2013" if t in _DASHES else t for t in tokens)


#: Marks that join the words of one name as a space does (نغوين-فان); other dashes (–) and
#: digits are kept in a reading.
HYPHENS = frozenset("-\u2010\u2011")


def mark_groups(tokens: list[str]) -> list[list[str] | str]:
    """Groups :func:`literal_tokens` into runs of Arabic tokens and the marks between them.

    Hyphens are dropped (they join words as a space does); digit runs and other dashes
    are groups of their own, kept in the reading.

    Args:
        tokens: Tokens of :func:`literal_tokens`.

    Returns:
        Lists of Arabic tokens and mark strings, in order.
    """
    groups: list[list[str] | str] = []
    for token in tokens:
        if token in HYPHENS:
            continue
        if not token[0].isalpha():
            groups.append(token)
        elif groups and isinstance(groups[-1], list):
            groups[-1].append(token)
        else:
            groups.append([token])
    return groups


def _merge(items: Iterator[tuple[str, float]]) -> dict[str, float]:
    out: dict[str, float] = {}
    for text, p in items:
        out[text] = out.get(text, 0.0) + p
    return out


def _rhyme_spellings(tables: Tables, vowel: str, coda: str, *, written: bool = False
                     ) -> dict[str, float]:
    rhyme = vowel + coda
    if rhyme in tables.rhymes:
        # An unwritten rhyme ("-" row: فو for Võ) is read, never proposed.
        return _merge((r, p) for r, p in tables.rhymes[rhyme] if r or not written)
    return _merge(
        (v + c, pv * pc)
        for v, pv in tables.vowels.get(vowel, ())
        if v or not written
        for c, pc in tables.codas.get(coda, ())
    )


def render_syllable(tables: Tables, syl: Syllable, *, initial: bool = True,
                    written: bool = False) -> list[tuple[str, float]]:
    """Arabic spellings of one untoned syllable with their probabilities, best first.

    A vowel with no onset is carried as ``carriers.tsv`` says for its nucleus: at the start
    of a word with إ before a front vowel (إيتش = Ích), with madda on alef (آن = An) or
    أ before و (أون = Ơn); inside a word (``initial`` false: the un of Ayun) with nothing.

    Args:
        tables: The correspondence tables.
        syl: The syllable.
        initial: Whether the syllable starts its word.
        written: Only spellings that write the vowel (for vi -> ar): the ``-`` rows of
            ``vowels.tsv`` (ترن for Trần) are read, never proposed.

    Returns:
        (spelling, probability) pairs, best first.
    """
    rhymes = _rhyme_spellings(tables, syl.vowel, syl.coda, written=written)
    pairs: list[tuple[str, float]] = []
    if syl.onset:
        for o, po in tables.onsets.get(syl.onset, ()):
            pairs.extend((o + r, po * pr) for r, pr in rhymes.items())
    else:
        for r, pr in rhymes.items():
            if not r:
                continue
            for carrier, pc, vowels, at_start in tables.carriers.get(r[0], ()):
                if at_start != initial or (vowels and syl.vowel not in vowels):
                    continue
                if carrier == "=":
                    pairs.append(("آ" + r[1:], pc * pr))
                else:
                    pairs.append((carrier + r, pc * pr))
    merged = _merge(p for p in pairs if p[0])
    return sorted(
        ((t, p) for t, p in merged.items() if p >= MIN_SPELLING_PROB),
        key=lambda tp: (-tp[1], tp[0]),
    )


def build_index(
    tables: Tables, inventory: list[Syllable]
) -> dict[str, tuple[tuple[Syllable, float], ...]]:
    """Maps every Arabic spelling to the syllables it can stand for, with P(spelling | syllable)."""
    index: dict[str, dict[Syllable, float]] = {}
    for syl in inventory:
        for ar, p in render_syllable(tables, syl):
            # Keys are normalised like decoded input (أ إ آ -> ا).
            entry = index.setdefault(normalize_arabic(ar), {})
            entry[syl] = entry.get(syl, 0.0) + p
    return {k: tuple(sorted(v.items(), key=lambda sp: -sp[1])) for k, v in index.items()}


def syllable_key(ar_token: str, classes: tuple[tuple[str, str], ...]) -> str:
    """A key that is the same for spelling variants of one Arabic-written name token.

    نجوين and نغوين, تاي and ثاي, كوانغ and كوانج, تيان and تين, اينه and انه share a key.

    Args:
        ar_token: One Arabic token (normalised here).
        classes: (Arabic spelling, class letter) pairs, longest first (``key_classes.tsv``).

    Returns:
        A string of class letters (ASCII); empty for a token without Arabic letters.
    """
    text = "".join(arabic_tokens(ar_token))
    # Spelling choices that carry no information: a word-initial alef before ي, the ي of اينه,
    # the ا of يا (iê written يا).
    text = re.sub("^ا(?=ي)", "", text)
    text = text.replace("اينه", "انه").replace("يا", "ي")
    out: list[str] = []
    i = 0
    while i < len(text):
        for ar, cls in classes:
            if text.startswith(ar, i):
                out.append(cls)
                i += len(ar)
                break
        else:
            i += 1
    key = re.sub(r"(.)\1+", r"\1", "".join(out))
    return key

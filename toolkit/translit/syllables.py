"""Vietnamese syllable orthography: tones, parsing and the generated inventory.

A syllable is written onset + vowel nucleus + coda, with one of six tones marked on
the nucleus. The inventory is generated from the data tables (onsets x vowels x codas)
under the phonotactic rules below, never listed by hand:

* stop codas (p, t, c, ch) take only the sắc and nặng tones;
* k, gh and ngh stand before i, y, e, ê (and iê); c, g and ng elsewhere;
* qu is not followed by a nucleus starting with u, ư or o (except ô: quốc);
* gi is not followed by a nucleus starting with i or y;
* a vowel's ``onsets`` column restricts it: ``*`` any onset, ``0`` the empty onset, ``C`` any
  consonant, or onsets by name (yê only word-initially or after qu, iê after a consonant).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

__all__ = [
    "STOP_CODAS",
    "TONES",
    "Syllable",
    "apply_tone",
    "base_form",
    "fold",
    "generate_inventory",
    "parse_syllable",
    "split_tone",
    "title_syllable",
]

#: Tone names and their combining marks (ngang has none).
TONES: dict[str, str] = {
    "ngang": "",
    "huyen": "\u0300",
    "sac": "\u0301",
    "hoi": "\u0309",
    "nga": "\u0303",
    "nang": "\u0323",
}
_MARK_TO_TONE = {mark: name for name, mark in TONES.items() if mark}
STOP_CODAS = frozenset({"p", "t", "c", "ch", "k"})
_QUALITY = "ăâêôơư"
_FRONT = ("i", "y", "e", "ê")


@dataclass(frozen=True)
class Syllable:
    """An untoned Vietnamese syllable split into its parts (all lower case)."""

    onset: str
    vowel: str
    coda: str

    @property
    def text(self) -> str:
        """The untoned syllable as written: onset, vowel and coda."""
        return self.onset + self.vowel + self.coda


def split_tone(syllable: str) -> tuple[str, str]:
    """Splits a written syllable into its untoned lower-case form and its tone name.

    Args:
        syllable: One Vietnamese syllable, any case, NFC or NFD.

    Returns:
        ``(untoned, tone)``, e.g. ``("nguyên", "nga")`` for ``Nguyễn``.
    """
    tone = "ngang"
    kept: list[str] = []
    for ch in unicodedata.normalize("NFD", syllable.lower()):
        if ch in _MARK_TO_TONE:
            tone = _MARK_TO_TONE[ch]
        else:
            kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept)), tone


def base_form(syllable: str) -> str:
    """Returns the syllable without its tone, lower case (quality marks kept)."""
    return split_tone(syllable)[0]


def fold(text: str) -> str:
    """Removes every diacritic (đ -> d) and lower-cases: the ASCII skeleton of a form."""
    out = []
    for ch in unicodedata.normalize("NFD", text.lower().replace("đ", "d")):
        if not unicodedata.combining(ch):
            out.append(ch)
    return "".join(out)


def _tone_index(vowel: str, coda: str) -> int:
    """Index in ``vowel`` of the letter that carries the tone (traditional placement)."""
    marked = [i for i, ch in enumerate(vowel) if ch in _QUALITY]
    if marked:
        return marked[-1]
    if len(vowel) == 1:
        return 0
    if len(vowel) >= 3:
        return 1
    return 1 if coda else 0


def apply_tone(syl: Syllable, tone: str) -> str:
    """Writes ``syl`` with ``tone`` marked on the right vowel (hòa, thủy, hoàng: old style).

    Raises:
        KeyError: If ``tone`` is not one of :data:`TONES`.
    """
    mark = TONES[tone]
    if not mark:
        return syl.text
    i = _tone_index(syl.vowel, syl.coda)
    vowel = syl.vowel[:i] + syl.vowel[i] + mark + syl.vowel[i + 1 :]
    return unicodedata.normalize("NFC", syl.onset + vowel + syl.coda)


def allowed_tones(coda: str) -> tuple[str, ...]:
    """The tones a rhyme with ``coda`` can carry."""
    if coda in STOP_CODAS:
        return ("sac", "nang")
    return tuple(TONES)


def title_syllable(syllable: str) -> str:
    """Upper-cases the first letter of a syllable (đ -> Đ), NFC."""
    s = unicodedata.normalize("NFC", syllable)
    return s[:1].upper() + s[1:]


def parse_syllable(
    untoned: str,
    vowel_info: dict[str, tuple[tuple[str, ...], str]],
    extra_codas: Iterable[str] = (),
    *,
    onsets: Iterable[str],
) -> Syllable | None:
    """Splits an untoned lower-case syllable into onset, vowel and coda.

    The longest onset that leaves a vowel and coda of the tables wins (ngh before ng).

    Args:
        untoned: E.g. ``"nguyên"``.
        vowel_info: Vowel -> (allowed codas, onset rule), from the vowel table.
        extra_codas: Codas accepted after any vowel, for irregular spellings of names
            (Đắk Lắk, Kon Tum); parsing is then also lenient about the onset rules.
        onsets: The onsets of the onset table (``Tables.onsets``; the empty onset is
            always tried last).

    Returns:
        The parts, or ``None`` if the text is not a Vietnamese syllable.
    """
    found = sorted((o for o in onsets if o and untoned.startswith(o)), key=len, reverse=True)
    for onset in (*found, ""):
        rest = untoned[len(onset) :]
        for vowel, (codas, _rule) in vowel_info.items():
            if not rest.startswith(vowel):
                continue
            coda = rest[len(vowel) :]
            if coda in codas or coda in extra_codas:
                return Syllable(onset, vowel, coda)
    return None


def onset_fits(onset: str, vowel: str, rule: str) -> bool:
    """Whether ``onset`` may precede ``vowel`` (spelling and phonotactic rules)."""
    allowed = rule.split()
    if not ("*" in allowed or onset in allowed or (onset and "C" in allowed)
            or (not onset and "0" in allowed)):
        return False
    front = vowel.startswith(_FRONT)
    if onset in ("k", "gh", "ngh"):
        return front
    if onset == "c":
        # c + medial o/u is written qu (qua, quy, quân).
        return not front and not (len(vowel) > 1 and vowel[0] in "ou" and vowel[1] in "aăâeêy")
    if onset in ("g", "ng"):
        return not front
    if onset == "qu":
        return not vowel.startswith(("u", "ư", "o"))
    if onset == "gi":
        return not vowel.startswith(("i", "y"))
    return True


def generate_inventory(
    onsets: Iterable[str], vowels: dict[str, tuple[tuple[str, ...], str]]
) -> Iterator[Syllable]:
    """Yields every untoned syllable the tables allow.

    Args:
        onsets: Onset spellings ("" for none).
        vowels: Vowel -> (allowed codas, onset rule) from the vowel table.
    """
    for vowel, (codas, rule) in vowels.items():
        for onset in onsets:
            if not onset_fits(onset, vowel, rule):
                continue
            for coda in codas:
                if vowel == "y" and coda and onset != "qu":
                    continue  # ynh/ych only in quynh, quych
                yield Syllable(onset, vowel, coda)

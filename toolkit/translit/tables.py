"""The data tables of transliteration, read from toolkit/data/translit/ by one function."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from glossary.errors import FormatError, NotFoundError

__all__ = ["DATA_DIR", "NAMESAKE", "Carrier", "Lexicon", "Place", "Tables", "load_tables"]

#: Where the shipped tables live.
DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "translit"

Weighted = tuple[tuple[str, float], ...]
#: Values of the gender column of syllable_priors.tsv ("" = either).
GENDERS = ("", "m", "f")
#: Values of the group column of syllable_priors.tsv: the naming tradition of an
#: ethnic-minority name syllable ("" = Kinh or any).
GROUPS = ("", "hmong", "thai")
#: Values of the ``at`` column of carriers.tsv.
CARRIER_PLACES = ("start", "inside")


class Carrier(NamedTuple):
    """How a vowel with no onset is carried (one row of ``carriers.tsv``).

    ``ar`` is put before the rhyme ("" = nothing, "=" = the rhyme's alef written with
    madda); ``vowels`` are the nuclei it is for (empty = any); ``initial`` says whether it
    is for the first syllable of a word (else for a later one).
    """

    ar: str
    weight: float
    vowels: frozenset[str]
    initial: bool


#: :attr:`Place.kind` of a historical figure whom streets, wards and schools are named after
#: (Lê Quý Đôn): read like a place, but confirming none and not a person of today.
NAMESAKE = "namesake"


@dataclass(frozen=True)
class Place:
    """A named place or organisation known to the lexicon."""

    vi: str
    en: str = ""
    kind: str = "place"
    ar: tuple[str, ...] = ()
    #: How often the name is used relative to others (a province 1.0, a district less).
    weight: float = 1.0


@dataclass(frozen=True)
class Lexicon:
    """Known names: places/organisations and toned syllable priors by role.

    ``priors[role][syllable]`` is a relative weight; roles are ``surname``, ``middle``,
    ``given`` (``both`` = middle and given) and ``place``. ``genders[(role, syllable)]`` is
    ``m`` or ``f`` for a name syllable that in that role is mostly a man's or a woman's;
    ``groups[(role, syllable)]`` names the minority naming tradition (``hmong``, ``thai``)
    of a syllable that marks it (Giàng, Lò, the middle name A) or is a given name of it.
    """

    places: tuple[Place, ...] = ()
    priors: dict[str, dict[str, float]] = field(default_factory=dict)
    genders: dict[tuple[str, str], str] = field(default_factory=dict)
    groups: dict[tuple[str, str], str] = field(default_factory=dict)


@dataclass(frozen=True)
class Tables:
    """Correspondence tables between Vietnamese spelling units and Arabic spellings.

    Attributes:
        onsets: Onset -> weighted Arabic spellings.
        carriers: First Arabic letter of a rhyme -> how a vowel with no onset is carried,
            by vowel nucleus and place in the word (``carriers.tsv``).
        vowels: Vowel nucleus -> weighted Arabic spellings ("" = not written).
        vowel_info: Vowel nucleus -> (allowed codas, onset rule).
        codas: Coda -> weighted Arabic spellings.
        rhymes: Rhyme -> weighted Arabic spellings replacing vowel x coda.
        exonyms: Vietnamese name -> established Arabic spellings, canonical first.
        cued_exonyms: Established Arabic spelling -> Vietnamese name, for spellings that
            are the name only after a place cue (مدينة هيو: Huế; هيو جاكمان is Hugh).
        exonym_names: Established English form, lower-case (vietnam, saigon) -> the
            Vietnamese name of ``exonyms`` it stands for.
        exonym_en: Vietnamese name of ``exonyms`` -> its first established English form
            (Việt Nam -> Vietnam, Mê Kông -> Mekong).
        common_ar: Common Arabic words (normalised) that are not names.
        key_classes: Arabic spelling -> variant class letter, longest spelling first.
        tones: Tone name -> share among syllables (orders the tones of unknown syllables).
        lexicon: Priors and places shipped with the tables.
        role_mix: Role of a syllable in a name -> prior source (a role or ``flat``) -> share.
        compounds: Common two-syllable given names (last middle syllable, given name),
            lower-case NFC (``given_compounds.tsv``).
        unread_onsets: Onsets written for vi -> ar but left out of the ar -> vi
            inventory (``read`` = ``no`` in ``onsets.tsv``: p, written ب like b).
        initial_onsets: Onsets read only at the start of an Arabic word (``read`` =
            ``start`` in ``onsets.tsv``: the clusters of minority names, كرونغ = Krông).
        never: Toned syllables never proposed in a name, lower-case NFC (vulgar words,
            ``never_names.tsv``).
        unread_codas: Codas of ethnic-minority names written for vi -> ar but left out of
            the ar -> vi inventory (``read`` = ``no`` in ``codas.tsv``: h, r, l).
    """

    onsets: dict[str, Weighted]
    carriers: dict[str, tuple[Carrier, ...]]
    vowels: dict[str, Weighted]
    vowel_info: dict[str, tuple[tuple[str, ...], str]]
    codas: dict[str, Weighted]
    rhymes: dict[str, Weighted]
    exonyms: dict[str, tuple[str, ...]]
    common_ar: frozenset[str]
    key_classes: tuple[tuple[str, str], ...]
    tones: dict[str, float]
    lexicon: Lexicon
    role_mix: dict[str, dict[str, float]] = field(default_factory=dict)
    compounds: frozenset[tuple[str, str]] = frozenset()
    unread_onsets: frozenset[str] = frozenset()
    initial_onsets: frozenset[str] = frozenset()
    unread_codas: frozenset[str] = frozenset()
    never: frozenset[str] = frozenset()
    exonym_names: dict[str, str] = field(default_factory=dict)
    cued_exonyms: dict[str, str] = field(default_factory=dict)
    exonym_en: dict[str, str] = field(default_factory=dict)


def _rows(path: Path, ncols: int) -> list[tuple[int, list[str]]]:
    """Reads a TSV with '#' comments and a header row; returns (line number, cells)."""
    if not path.is_file():
        raise NotFoundError("transliteration table missing", path=path,
                            hint="reinstall avet or restore toolkit/data/translit")
    rows: list[tuple[int, list[str]]] = []
    header_seen = False
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        cells = [unicodedata.normalize("NFC", c.strip()) for c in raw.split("\t")]
        if len(cells) < ncols:
            raise FormatError(f"expected {ncols} tab-separated columns, got {len(cells)}",
                              path=path, line=number, hint="separate columns with one tab")
        rows.append((number, cells))
    return rows


def _weight(text: str, path: Path, line: int) -> float:
    try:
        value = float(text)
    except ValueError:
        raise FormatError(f"weight {text!r} is not a number", path=path, line=line) from None
    if value < 0:
        raise FormatError("weight must not be negative", path=path, line=line)
    return value


def _unit(text: str) -> str:
    return "" if text == "-" else text


def load_tables(directory: str | Path | None = None) -> Tables:
    """Reads every transliteration table.

    Args:
        directory: Folder with the TSV files; ``None`` reads the shipped ones.

    Returns:
        The immutable tables.

    Raises:
        NotFoundError: If a table file is missing.
        FormatError: If a row is malformed (file and line named).
    """
    base = Path(directory) if directory is not None else DATA_DIR

    def weighted(name: str) -> dict[str, Weighted]:
        path = base / name
        out: dict[str, list[tuple[str, float]]] = {}
        for line, cells in _rows(path, 3):
            ar = "=" if cells[1] == "=" else _unit(cells[1])
            out.setdefault(_unit(cells[0]), []).append((ar, _weight(cells[2], path, line)))
        return {k: tuple(v) for k, v in out.items()}

    carrier_path = base / "carriers.tsv"
    carriers: dict[str, list[Carrier]] = {}
    for line, cells in _rows(carrier_path, 5):
        if cells[4] not in CARRIER_PLACES:
            raise FormatError(f"at {cells[4]!r} is not one of {', '.join(CARRIER_PLACES)}",
                              path=carrier_path, line=line,
                              hint="write start (first syllable) or inside (a later one)")
        vowels = frozenset(v for v in cells[3].split() if v != "*")
        ar = "=" if cells[1] == "=" else _unit(cells[1])
        carriers.setdefault(cells[0], []).append(
            Carrier(ar, _weight(cells[2], carrier_path, line), vowels, cells[4] == "start"))

    vowel_path = base / "vowels.tsv"
    vowel_info: dict[str, tuple[tuple[str, ...], str]] = {}
    for line, cells in _rows(vowel_path, 3):
        if len(cells) >= 5 and cells[3]:
            codas = tuple(_unit(c) for c in cells[3].split())
            vowel_info[cells[0]] = (codas, cells[4] or "*")
        elif cells[0] not in vowel_info:
            raise FormatError(f"vowel {cells[0]!r} has no codas column on its first row",
                              path=vowel_path, line=line, hint="give codas and onsets once")

    priors: dict[str, dict[str, float]] = {}
    genders: dict[tuple[str, str], str] = {}
    groups: dict[tuple[str, str], str] = {}
    prior_path = base / "syllable_priors.tsv"
    for line, cells in _rows(prior_path, 3):
        role = priors.setdefault(cells[1], {})
        syl = cells[0].lower()
        role[syl] = role.get(syl, 0.0) + _weight(cells[2], prior_path, line)
        gender = cells[3] if len(cells) > 3 else ""
        if gender not in GENDERS:
            raise FormatError(f"gender {gender!r} is not one of m, f or empty",
                              path=prior_path, line=line, hint="write m, f or leave it empty")
        group = cells[4] if len(cells) > 4 else ""
        if group not in GROUPS:
            raise FormatError(f"group {group!r} is not one of {', '.join(GROUPS[1:])} or empty",
                              path=prior_path, line=line,
                              hint="write a listed group or leave it empty")
        for target in ("middle", "given") if cells[1] == "both" else (cells[1],):
            if gender:
                genders[(target, syl)] = gender
            if group:
                groups[(target, syl)] = group

    mix_path = base / "role_mix.tsv"
    role_mix: dict[str, dict[str, float]] = {}
    for line, cells in _rows(mix_path, 3):
        role_mix.setdefault(cells[0], {})[cells[1]] = _weight(cells[2], mix_path, line)
    for mixed, shares in role_mix.items():
        total = sum(shares.values()) or 1.0
        role_mix[mixed] = {source: w / total for source, w in shares.items()}

    compounds = frozenset(
        (cells[0].lower(), cells[1].lower())
        for _line, cells in _rows(base / "given_compounds.tsv", 2)
    )

    exonyms: dict[str, list[str]] = {}
    exonym_names: dict[str, str] = {}
    exonym_en: dict[str, str] = {}
    cued_exonyms: dict[str, str] = {}
    exonym_path = base / "exonyms.tsv"
    for line, cells in _rows(exonym_path, 2):
        if len(cells) > 3 and cells[3]:
            if cells[3] != "cue":
                raise FormatError(f"column after is {cells[3]!r}, not cue or empty",
                                  path=exonym_path, line=line,
                                  hint="write cue (read only after a place cue) or leave it empty")
            cued_exonyms.setdefault(cells[1], cells[0])
            continue
        exonyms.setdefault(cells[0], []).append(cells[1])
        for en in (cells[2].split("|") if len(cells) > 2 else ()):
            if en.strip():
                exonym_names.setdefault(en.strip().lower(), cells[0])
                exonym_en.setdefault(cells[0], en.strip())

    common_path = base / "ar_common_words.txt"
    if not common_path.is_file():
        raise NotFoundError("transliteration table missing", path=common_path)
    common = frozenset(
        word
        for raw in common_path.read_text(encoding="utf-8").splitlines()
        if not raw.startswith("#")
        for word in raw.split()
    )

    return Tables(
        onsets=weighted("onsets.tsv"),
        unread_onsets=frozenset(_unit(c[0]) for _line, c in _rows(base / "onsets.tsv", 3)
                                if len(c) > 3 and c[3] == "no"),
        initial_onsets=frozenset(_unit(c[0]) for _line, c in _rows(base / "onsets.tsv", 3)
                                 if len(c) > 3 and c[3] == "start"),
        unread_codas=frozenset(_unit(c[0]) for _line, c in _rows(base / "codas.tsv", 3)
                               if len(c) > 3 and c[3] == "no"),
        carriers={k: tuple(v) for k, v in carriers.items()},
        vowels=weighted("vowels.tsv"),
        vowel_info=vowel_info,
        codas=weighted("codas.tsv"),
        rhymes=weighted("rhyme_overrides.tsv"),
        exonyms={k: tuple(v) for k, v in exonyms.items()},
        cued_exonyms=cued_exonyms,
        common_ar=common,
        key_classes=tuple(sorted(
            ((c[0], c[1]) for _line, c in _rows(base / "key_classes.tsv", 2)),
            key=lambda pair: -len(pair[0]),
        )),
        tones={c[0]: _weight(c[1], base / "tone_priors.tsv", line)
               for line, c in _rows(base / "tone_priors.tsv", 2)},
        lexicon=Lexicon(priors=priors, genders=genders, groups=groups),
        role_mix=role_mix,
        compounds=compounds,
        never=frozenset(c[0].lower() for _line, c in _rows(base / "never_names.tsv", 1)),
        exonym_names=exonym_names,
        exonym_en=exonym_en,
    )

"""The Vietnamese gazetteer that ships with avet, for name recovery.

``toolkit/data/gazetteer/`` holds four TSV files: places (provinces of 2008 and
2025, pre-2025 districts, a few communes), surnames with population priors and
Arabic renderings, middle/given name syllables with priors, and well-known
organisations with their Arabic-script renderings. :func:`load_gazetteer` is
the one function that reads them; the README beside the files names the
sources.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType

from glossary.errors import FormatError, InputError
from glossary.normalize import normalize_vi

__all__ = [
    "LEVELS",
    "NAME_ROLES",
    "Gazetteer",
    "GivenName",
    "Organisation",
    "Place",
    "Surname",
    "load_gazetteer",
    "name_key",
]

#: Place levels in places.tsv.
LEVELS: tuple[str, ...] = ("province", "city", "district", "commune", "ward", "village",
                           "landmark", "region", "namesake")
#: Roles of given_names.tsv.
NAME_ROLES: tuple[str, ...] = ("middle", "given", "both")

_PACKAGE_DIR = "data/gazetteer"
_COLUMNS: dict[str, tuple[str, ...]] = {
    "places.tsv": ("vi", "en", "kind", "level", "parent", "tags"),
    "surnames.tsv": ("vi", "prior", "ar_variants"),
    "given_names.tsv": ("vi", "role", "prior"),
    "organisations.tsv": ("vi_or_latin", "en", "ar_variants", "kind"),
}


@dataclass(frozen=True)
class Place:
    """A place name: ``vi`` and ``en`` forms, ``level``, ``parent`` (vi name) and tags."""

    vi: str
    en: str
    kind: str
    level: str
    parent: str
    tags: tuple[str, ...]


@dataclass(frozen=True)
class Surname:
    """A surname with its population share and usual Arabic renderings."""

    vi: str
    prior: float
    ar: tuple[str, ...]


@dataclass(frozen=True)
class GivenName:
    """A middle or given name syllable with its role and prior."""

    vi: str
    role: str
    prior: float


@dataclass(frozen=True)
class Organisation:
    """An organisation or brand: its usual name, English name, Arabic renderings, kind."""

    name: str
    en: str
    ar: tuple[str, ...]
    kind: str


def name_key(text: str) -> str:
    """Returns the lookup key of a Vietnamese name syllable or name.

    :func:`glossary.normalize.normalize_vi` (NFC, lower case, one tone placement,
    so ``Hoà`` and ``hòa`` meet) with whitespace collapsed.

    Args:
        text: A syllable or a name.

    Returns:
        The key; ``""`` for blank input.
    """
    return " ".join(normalize_vi(text).text.split())


@dataclass(frozen=True)
class Gazetteer:
    """The packaged gazetteer.

    Attributes:
        places: All places in file order.
        surnames: Surnames keyed by :func:`name_key`.
        given_names: Middle/given syllables keyed by :func:`name_key`.
        organisations: Organisations in file order.
        place_index: Places keyed by :func:`name_key` of their ``vi`` and ``en`` names.
    """

    places: tuple[Place, ...]
    surnames: Mapping[str, Surname]
    given_names: Mapping[str, GivenName]
    organisations: tuple[Organisation, ...]
    place_index: Mapping[str, tuple[Place, ...]]

    def is_surname(self, text: str) -> bool:
        """Returns whether ``text`` (any case, either tone style) is a known surname."""
        return name_key(text) in self.surnames

    def prior(self, syllable: str, role: str = "surname") -> float:
        """Returns the prior of ``syllable`` in ``role``, 0.0 if unknown.

        Args:
            syllable: One syllable, e.g. ``"Nguyễn"`` or ``"Văn"``.
            role: ``surname``, ``middle`` or ``given``; a ``both`` syllable
                counts for middle and given.

        Raises:
            InputError: If ``role`` is not supported.
        """
        key = name_key(syllable)
        if role == "surname":
            found = self.surnames.get(key)
            return found.prior if found else 0.0
        if role not in ("middle", "given"):
            raise InputError(
                f"unknown name role {role!r}", hint="use one of: surname, middle, given"
            )
        name = self.given_names.get(key)
        if name is None or name.role not in (role, "both"):
            return 0.0
        return name.prior

    def find_places(self, name: str) -> tuple[Place, ...]:
        """Returns the places whose Vietnamese or English name matches ``name``."""
        return self.place_index.get(name_key(name), ())

    def provinces(self, year: int = 2025) -> tuple[Place, ...]:
        """Returns the provinces and centrally run cities of ``year``'s map.

        Args:
            year: 2008 (the 63 units of 2008-2025) or 2025 (the 34 units).

        Raises:
            InputError: For another year.
        """
        if year not in (2008, 2025):
            raise InputError(f"no province list for {year}", hint="use 2008 or 2025")
        wanted = {f"province-{year}", f"city-{year}"}
        return tuple(p for p in self.places if wanted & set(p.tags))


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def _prior(cell: str, where: str, line: int) -> float:
    try:
        value = float(cell)
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 1.0:
        raise FormatError(
            f"prior {cell!r} is not a number between 0 and 1",
            path=where,
            line=line,
            hint="write a decimal share such as 0.012",
        )
    return value


def _rows(name: str) -> list[tuple[int, dict[str, str]]]:
    text = resources.files("toolkit").joinpath(_PACKAGE_DIR, name).read_text(encoding="utf-8")
    return _parse_table(text, name)


def _parse_table(text: str, name: str) -> list[tuple[int, dict[str, str]]]:
    """Splits one gazetteer file into (line number, row dict) pairs; checks header and cells."""
    where = f"toolkit/{_PACKAGE_DIR}/{name}"
    columns = _COLUMNS[name]
    header_seen = False
    out: list[tuple[int, dict[str, str]]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = raw.split("\t")
        if not header_seen:
            if tuple(cells) != columns:
                raise FormatError(
                    "unexpected header", path=where, line=number, hint=f"use: {' '.join(columns)}"
                )
            header_seen = True
            continue
        if len(cells) != len(columns):
            raise FormatError(
                f"row has {len(cells)} cells, expected {len(columns)}",
                path=where,
                line=number,
                hint="separate the columns with exactly one tab each",
            )
        if any(unicodedata.normalize("NFC", c) != c for c in cells) or not cells[0]:
            raise FormatError(
                "empty first cell or text not in Unicode NFC",
                path=where,
                line=number,
                hint="normalize to NFC",
            )
        out.append((number, dict(zip(columns, cells, strict=True))))
    return out


@functools.cache
def load_gazetteer() -> Gazetteer:
    """Reads the packaged gazetteer (cached; the result is immutable).

    Returns:
        The :class:`Gazetteer`.

    Raises:
        FormatError: If a packaged file is malformed (names the file and line).
    """
    where = f"toolkit/{_PACKAGE_DIR}"
    places = []
    for line, row in _rows("places.tsv"):
        if row["level"] not in LEVELS:
            raise FormatError(
                f"unknown level {row['level']!r}",
                path=f"{where}/places.tsv",
                line=line,
                hint=f"use one of: {', '.join(LEVELS)}",
            )
        places.append(
            Place(
                row["vi"], row["en"], row["kind"], row["level"], row["parent"], _split(row["tags"])
            )
        )
    grouped: dict[str, list[Place]] = {}
    for place in places:
        for key in dict.fromkeys((name_key(place.vi), name_key(place.en))):
            grouped.setdefault(key, []).append(place)
    index = {key: tuple(found) for key, found in grouped.items()}
    surnames = {
        name_key(row["vi"]): Surname(
            row["vi"],
            _prior(row["prior"], f"{where}/surnames.tsv", line),
            _split(row["ar_variants"]),
        )
        for line, row in _rows("surnames.tsv")
    }
    given: dict[str, GivenName] = {}
    for line, row in _rows("given_names.tsv"):
        if row["role"] not in NAME_ROLES:
            raise FormatError(
                f"unknown role {row['role']!r}",
                path=f"{where}/given_names.tsv",
                line=line,
                hint=f"use one of: {', '.join(NAME_ROLES)}",
            )
        given[name_key(row["vi"])] = GivenName(
            row["vi"], row["role"], _prior(row["prior"], f"{where}/given_names.tsv", line)
        )
    organisations = tuple(
        Organisation(row["vi_or_latin"], row["en"], _split(row["ar_variants"]), row["kind"])
        for _, row in _rows("organisations.tsv")
    )
    return Gazetteer(
        places=tuple(places),
        surnames=MappingProxyType(surnames),
        given_names=MappingProxyType(given),
        organisations=organisations,
        place_index=MappingProxyType(index),
    )

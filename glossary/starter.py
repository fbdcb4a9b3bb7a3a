"""The starter termbase that ships with avet.

``glossary/data/starter_termbase.tsv`` holds approved Arabic-Vietnamese-English
entries: Vietnamese provinces (the 63 of 2008-2025 and the 34 of 1 July 2025),
ministries, state and Party bodies and titles, digital-transformation
vocabulary, codes and acronyms. :func:`load_starter_rows` is the one function
that reads it; :func:`load_starter_termbase` returns just the entries.
glossary/data/README.md documents the columns and sources.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable

from glossary.errors import FormatError
from glossary.model import KINDS, Entry, Forms

__all__ = [
    "STARTER_COLUMNS",
    "STARTER_SOURCE_PREFIX",
    "StarterRow",
    "load_starter_rows",
    "load_starter_termbase",
    "parse_starter",
    "starter_path",
]

#: The columns of the starter TSV, in order.
STARTER_COLUMNS: tuple[str, ...] = (
    "id",
    "kind",
    "ar",
    "vi",
    "en",
    "variants_ar",
    "variants_vi",
    "variants_en",
    "forbidden_ar",
    "forbidden_en",
    "tags",
    "note",
    "source",
)
#: Prefix of :attr:`Entry.source` for starter entries; the row's own source follows it.
STARTER_SOURCE_PREFIX = "starter termbase: "

_FILE_NAME = "starter_termbase.tsv"
_DNT_KINDS = frozenset({"code", "acronym"})
_REQUIRED = ("id", "kind", "ar", "vi", "en", "source")


@dataclass(frozen=True)
class StarterRow:
    """One row of the starter termbase.

    Attributes:
        id: Stable row id (``pl-thai-nguyen``, ``t-digital-transformation``).
        tags: Tags of the row (``province-2008``, ``city-2025``, ``dnt``, ...).
        entry: The approved glossary entry built from the row.
    """

    id: str
    tags: tuple[str, ...]
    entry: Entry


def starter_path() -> Traversable:
    """Returns the packaged starter termbase file (a resource, not necessarily on disk)."""
    return resources.files("glossary").joinpath("data", _FILE_NAME)


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def _row(cells: dict[str, str], where: str, line: int) -> StarterRow:
    for column in _REQUIRED:
        if not cells[column]:
            raise FormatError(
                f"empty {column!r} cell",
                path=where,
                line=line,
                hint=f"every row needs {', '.join(_REQUIRED)}",
            )
    kind = cells["kind"]
    if kind not in KINDS:
        raise FormatError(
            f"unknown kind {kind!r}", path=where, line=line, hint=f"use one of: {', '.join(KINDS)}"
        )
    for column, value in cells.items():
        if value != value.strip():
            raise FormatError(
                f"{column!r} cell has leading or trailing spaces",
                path=where,
                line=line,
                hint="strip the cell",
            )
        if column in ("vi", "variants_vi") and unicodedata.normalize("NFC", value) != value:
            raise FormatError(
                f"{column!r} cell is not in Unicode NFC",
                path=where,
                line=line,
                hint="normalize Vietnamese text to NFC (precomposed letters)",
            )
    dnt = kind in _DNT_KINDS
    if dnt and not cells["ar"] == cells["vi"] == cells["en"]:
        raise FormatError(
            f"{kind} row must have the same ar, vi and en form",
            path=where,
            line=line,
            hint="codes and acronyms are kept verbatim; put translations in variants_*",
        )
    forms = {
        lang: Forms(
            preferred=cells[lang],
            variants=[v for v in _split(cells[f"variants_{lang}"]) if v != cells[lang]],
            forbidden=_split(cells.get(f"forbidden_{lang}", "")),
        )
        for lang in ("ar", "vi", "en")
    }
    entry = Entry(
        kind=kind,
        forms=forms,
        status="approved",
        dnt=dnt,
        case_sensitive=dnt,
        confidence=1.0,
        note=cells["note"],
        source=STARTER_SOURCE_PREFIX + cells["source"],
        updated_by="starter",
    )
    try:
        entry.validate()
    except FormatError as exc:
        raise FormatError(exc.message, path=where, line=line, hint=exc.hint) from exc
    return StarterRow(id=cells["id"], tags=tuple(_split(cells["tags"])), entry=entry)


def parse_starter(text: str, where: str = _FILE_NAME) -> list[StarterRow]:
    """Parses starter-termbase TSV text.

    Lines starting with ``#`` and blank lines are skipped; the first other line
    must be the header :data:`STARTER_COLUMNS`.

    Args:
        text: The whole TSV file.
        where: File name used in error messages.

    Returns:
        The rows in file order.

    Raises:
        FormatError: On a wrong header, a row with the wrong number of cells, an
            empty required cell, an unknown kind, non-NFC Vietnamese, a code row
            whose forms differ, or a repeated id; the error names the line.
    """
    rows: list[StarterRow] = []
    header: list[str] | None = None
    seen: set[str] = set()
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = raw.split("\t")
        if header is None:
            header = cells
            if tuple(cells) != STARTER_COLUMNS:
                raise FormatError(
                    "unexpected header",
                    path=where,
                    line=number,
                    hint=f"the header must be: {' '.join(STARTER_COLUMNS)} (tab-separated)",
                )
            continue
        if len(cells) != len(STARTER_COLUMNS):
            raise FormatError(
                f"row has {len(cells)} cells, expected {len(STARTER_COLUMNS)}",
                path=where,
                line=number,
                hint="separate the columns with exactly one tab each",
            )
        row = _row(dict(zip(STARTER_COLUMNS, cells, strict=True)), where, number)
        if row.id in seen:
            raise FormatError(
                f"duplicate id {row.id!r}", path=where, line=number, hint="give each row its own id"
            )
        seen.add(row.id)
        rows.append(row)
    if header is None:
        raise FormatError("no header line", path=where, hint="start with the column header")
    return rows


def load_starter_rows() -> list[StarterRow]:
    """Reads the packaged starter termbase with its row ids and tags.

    Returns:
        The rows in file order; each entry is approved and unsaved (``id`` is ``None``).

    Raises:
        FormatError: If the packaged file is malformed (names the line).
    """
    resource = starter_path()
    return parse_starter(resource.read_text(encoding="utf-8"), where=f"glossary/data/{_FILE_NAME}")


def load_starter_termbase() -> list[Entry]:
    """Returns the approved entries of the packaged starter termbase.

    Codes and acronyms are do-not-translate and case-sensitive; every entry's
    ``source`` is ``"starter termbase: "`` followed by the row's source.

    Returns:
        The entries, in file order.

    Raises:
        FormatError: If the packaged file is malformed (names the line).
    """
    return [row.entry for row in load_starter_rows()]

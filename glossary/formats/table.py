"""The multilingual table layout that CSV, TSV and XLSX share.

The header names the columns: language codes (``ar``, ``vi``, ``en``, at least
one; a region like ``en-US`` is accepted), and optionally ``kind``, ``status``,
``note``, ``dnt``, ``case_sensitive`` and ``variants_<lang>`` / ``forbidden_<lang>`` whose cells
hold several forms separated by ``|``. Exports write all of them (:data:`COLUMNS`),
so a file round-trips; the services' own layouts are written by
:mod:`glossary.formats.services`. Reading also takes those: a header of
language codes only (Amazon Translate), plus ``pos`` (ignored) and
``description`` (the note) for Google's equivalent term sets. Column names are
case-insensitive; a column with an empty name is ignored as long as its cells
are empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from glossary.checks import SEPARATOR
from glossary.errors import FormatError
from glossary.formats._common import (
    IMPORT_STATUS,
    OPTIONAL_FIELDS,
    FileEntry,
    check_entry,
    clean,
    lang_of,
    parse_bool,
)
from glossary.model import LANGS, Entry

__all__ = [
    "COLUMNS",
    "SEPARATOR",
    "Column",
    "entry_to_row",
    "parse_header",
    "row_to_entry",
]

#: The columns that exports write, in order.
COLUMNS: tuple[str, ...] = (
    *LANGS,
    "kind",
    "status",
    "dnt",
    "case_sensitive",
    "note",
    *(f"variants_{lang}" for lang in LANGS),
    *(f"forbidden_{lang}" for lang in LANGS),
)

_PLAIN = ("kind", "status", "note", "dnt", "case_sensitive")
_LISTS = ("variants", "forbidden")
#: Google's optional columns: ``pos`` is read and ignored, ``description`` is the note.
_SERVICE_COLUMNS = {"pos": "pos", "description": "note"}
_LANG_LIKE = re.compile(r"^[a-z]{2,3}([-_][a-z0-9]{2,8})*$", re.IGNORECASE)
_SUPPORTED = (
    f"supported columns: {', '.join(LANGS)}, {', '.join(_PLAIN)}, "
    f"variants_<lang>, forbidden_<lang> with <lang> one of {', '.join(LANGS)}; pos, description"
)


@dataclass(frozen=True)
class Column:
    """One header column: ``field`` is ``term``, ``variants``, ``forbidden``,
    one of kind/status/note/dnt/case_sensitive, ``pos`` or ``""`` (both ignored);
    ``lang`` for form columns."""

    field: str
    lang: str | None = None
    name: str = ""


def _column(cell: str, *, path: Path, line: int, where: str) -> Column:
    name = cell.strip()
    low = name.lower()
    if not name:
        return Column("", None, name)
    if low in _PLAIN:
        return Column(low, None, name)
    if low in _SERVICE_COLUMNS:
        return Column(_SERVICE_COLUMNS[low], None, name)
    for field in _LISTS:
        if low.startswith(field + "_"):
            code = name[len(field) + 1 :]
            lang = lang_of(code)
            if lang is None:
                raise FormatError(
                    f"{where}unknown language code {code!r} in column {name!r}",
                    path=path,
                    line=line,
                    hint=f"supported languages: {', '.join(LANGS)}",
                )
            return Column(field, lang, name)
    lang = lang_of(name)
    if lang is not None:
        return Column("term", lang, name)
    if _LANG_LIKE.match(name):
        raise FormatError(
            f"{where}unknown language code {name!r} in the header",
            path=path,
            line=line,
            hint=f"supported languages: {', '.join(LANGS)}; {_SUPPORTED}",
        )
    raise FormatError(
        f"{where}unknown column {name!r} in the header", path=path, line=line, hint=_SUPPORTED
    )


def parse_header(cells: list[str], *, path: Path, line: int, where: str = "") -> list[Column]:
    """Parses the header row.

    Args:
        cells: The header cells.
        path: The file, for errors.
        line: The header's line or row number, for errors.
        where: A prefix for messages, e.g. ``"sheet 'glossary' row 1: "``.

    Returns:
        One :class:`Column` per cell.

    Raises:
        FormatError: On an unknown column or language, a repeated column, or no language column.
    """
    columns = [_column(cell, path=path, line=line, where=where) for cell in cells]
    seen: dict[tuple[str, str | None], str] = {}
    for col in columns:
        if not col.field:
            continue
        key = (col.field, col.lang)
        if key in seen:
            raise FormatError(
                f"{where}columns {seen[key]!r} and {col.name!r} say the same thing",
                path=path,
                line=line,
                hint="keep one of them",
            )
        seen[key] = col.name
    if not any(col.field == "term" for col in columns):
        raise FormatError(
            f"{where}the header has no language column",
            path=path,
            line=line,
            hint=f"the first row must name the columns, with at least one of: {', '.join(LANGS)}",
        )
    return columns


def row_to_entry(
    cells: list[str], columns: list[Column], *, path: Path, line: int, where: str = ""
) -> Entry:
    """Builds an entry from one data row (as many cells as columns).

    Raises:
        FormatError: On a bad dnt value, a value under an unnamed column, or an
            entry that :func:`glossary.checks.check_terms` refuses (no term,
            variants without a term, a form containing :data:`SEPARATOR`, a bad
            kind or status).
    """
    entry = FileEntry(status=IMPORT_STATUS)
    entry.given = frozenset(col.field for col in columns if col.field in OPTIONAL_FIELDS)
    for col, cell in zip(columns, cells, strict=True):
        value = clean(cell)
        if not col.field:
            if value:
                raise FormatError(
                    f"{where}value {value!r} is in a column with no header",
                    path=path,
                    line=line,
                    hint="name the column in the header or remove the value",
                )
        elif col.field == "term" and col.lang:
            entry.forms[col.lang].preferred = value
        elif col.field in _LISTS and col.lang:
            forms = entry.forms[col.lang]
            # check_entry cleans each form and drops empty and repeated ones.
            if col.field == "variants":
                forms.variants = cell.split(SEPARATOR)
            else:
                forms.forbidden = cell.split(SEPARATOR)
        elif col.field == "kind":
            entry.kind = value.lower() or "term"
        elif col.field == "status":
            entry.status = value.lower() or IMPORT_STATUS
        elif col.field == "note":
            entry.note = value
        elif col.field == "dnt":
            entry.dnt = parse_bool(value, path=path, line=line, column=col.name)
        elif col.field == "case_sensitive":
            entry.case_sensitive = parse_bool(value, path=path, line=line, column=col.name)
    for forms in entry.forms.values():
        forms.variants = [v for v in forms.variants if v != forms.preferred]
    check_entry(entry, path=path, line=line, where=where.rstrip(": "))
    return entry


def _join(forms: list[str], *, path: Path, column: str) -> str:
    for text in forms:
        if SEPARATOR in text:
            raise FormatError(
                f"form {text!r} in column {column!r} contains {SEPARATOR!r}",
                path=path,
                hint="the table formats cannot hold it; export to JSON or TBX instead",
            )
    return SEPARATOR.join(forms)


def entry_to_row(entry: Entry, *, path: Path) -> list[str]:
    """Returns the cells of :data:`COLUMNS` for one entry.

    Raises:
        FormatError: If a variant or forbidden form contains the separator.
    """
    row: list[str] = [entry.forms[lang].preferred for lang in LANGS]
    row += [entry.kind, entry.status, "yes" if entry.dnt else "no",
            "yes" if entry.case_sensitive else "no", entry.note]
    row += [
        _join(entry.forms[lang].variants, path=path, column=f"variants_{lang}") for lang in LANGS
    ]
    row += [
        _join(entry.forms[lang].forbidden, path=path, column=f"forbidden_{lang}")
        for lang in LANGS
    ]
    return row

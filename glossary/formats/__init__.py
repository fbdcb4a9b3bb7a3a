"""Glossary import and export: TBX, CSV/TSV, DeepL TSV, Google and Amazon CSV, XLSX and JSON.

:func:`read_glossary` reads and validates a whole file before it returns, so a
caller can import all-or-nothing; every problem is a
:class:`~glossary.errors.FormatError` naming the file and line.
:func:`write_glossary` writes atomically. See each module for its layout:
:mod:`~glossary.formats.tbx`, :mod:`~glossary.formats.table` (CSV, TSV, XLSX
columns), :mod:`~glossary.formats.deepl`, :mod:`~glossary.formats.services`
(Google, Amazon), :mod:`~glossary.formats.jsonfmt`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from glossary.errors import FormatError
from glossary.formats._common import (
    IMPORT_STATUS,
    OPTIONAL_FIELDS,
    Written,
    given_fields,
    lang_of,
    resolve_duplicates,
)
from glossary.formats.registry import (
    EXTENSIONS,
    REGISTRY,
    check_directions,
    get_format,
    guess_format,
)
from glossary.formats.table import COLUMNS
from glossary.model import LANGS, STATUSES, Entry

__all__ = [
    "COLUMNS",
    "EXTENSIONS",
    "FORMATS",
    "IMPORT_STATUS",
    "OPTIONAL_FIELDS",
    "Written",
    "check_directions",
    "export_glossary",
    "given_fields",
    "guess_format",
    "read_glossary",
    "read_glossary_lines",
    "write_glossary",
]

#: The supported format names.
FORMATS: tuple[str, ...] = tuple(REGISTRY)


def _lang_arg(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    lang = lang_of(value)
    if lang is None:
        raise FormatError(
            f"{name} {value!r} is not supported", hint=f"use one of: {', '.join(LANGS)}"
        )
    return lang


def read_glossary(
    path: str | Path,
    *,
    format: str | None = None,
    source_lang: str | None = None,
    target_lang: str | None = None,
) -> list[Entry]:
    """Reads a glossary file completely and validates it.

    Entries that share the preferred form of ``source_lang`` (by default of
    their first language among ar, vi, en) are merged; with different
    preferred forms in another language they are a conflict. The rows of a
    two-language file (DeepL, a Google or Amazon pair) that share a target are
    one entry, and a row whose source is its target makes it a
    do-not-translate code (:func:`~glossary.formats._common.fold_pairs`).

    Args:
        path: The file.
        format: One of :data:`FORMATS`; guessed from the extension when ``None``
            (``.tbx``/``.xml``, ``.csv``, ``.tsv`` (``deepl`` when it has two
            columns and no header), ``.xlsx``, ``.json``/``.jsonl``).
        source_lang: Source language; required for ``deepl``.
        target_lang: Target language; required for ``deepl``.

    Returns:
        The entries, in file order. Imported entries without a status are
        ``approved`` (:data:`IMPORT_STATUS`).

    Raises:
        FormatError: Naming the file and line of the first problem; nothing is returned then.
        NotFoundError: If the file does not exist.
    """
    return [entry for _, entry in read_glossary_lines(
        path, format=format, source_lang=source_lang, target_lang=target_lang)]


def read_glossary_lines(
    path: str | Path,
    *,
    format: str | None = None,
    source_lang: str | None = None,
    target_lang: str | None = None,
) -> list[tuple[int, Entry]]:
    """As :func:`read_glossary`, with the line (or sheet row) each entry starts on,
    so that an importer can name it in its own errors.

    Args:
        path: The file.
        format: One of :data:`FORMATS`; guessed from the extension when ``None``.
        source_lang: Source language; required for ``deepl``.
        target_lang: Target language; required for ``deepl``.

    Returns:
        ``(line, entry)`` pairs in file order.

    Raises:
        FormatError: Naming the file and line of the first problem, or for an
            unsupported language.
        NotFoundError: If the file does not exist.
    """
    file = Path(path)
    src = _lang_arg(source_lang, "source_lang")
    tgt = _lang_arg(target_lang, "target_lang")
    name = format or guess_format(file, reading=True)
    located = list(get_format(name).read(file, src, tgt))
    line_of = {id(entry): line for line, entry in located}
    return [(line_of[id(e)], e) for e in resolve_duplicates(located, path=file, key_lang=src)]


def export_glossary(
    entries: Iterable[Entry],
    path: str | Path,
    *,
    format: str | None = None,
    source_lang: str | None = None,
    target_lang: str | None = None,
    statuses: Iterable[str] | None = None,
    langs: Sequence[str] | None = None,
) -> Written:
    """Writes entries to a glossary file atomically (all or nothing).

    Args:
        entries: The entries to write.
        path: The output file; an existing one is replaced only on success.
        format: One of :data:`FORMATS`; guessed from the extension when ``None``
            (``.tsv`` with both languages given is ``deepl``).
        source_lang: Source language; required for ``deepl``; the document
            language of TBX; the first column of ``google`` and ``amazon``.
        target_lang: Target language; required for ``deepl``; with
            ``source_lang``, the two columns of ``google`` and ``amazon``.
        statuses: Write only entries with these statuses; by default all
            (``deepl``, ``google``, ``amazon``: only ``approved``).
        langs: The languages and their column order (``google`` and ``amazon``
            only); by default all three.

    Returns:
        The entries and rows written and the entries left out, per reason.

    Raises:
        InputError: If the format does not take a language given, or needs
            both (see :func:`check_directions`).
        FormatError: On an unknown format, status or language, a form the
            format cannot hold, ``langs`` for a format without a choice of
            languages, no entry with the statuses wanted (every format), or
            nothing a service format could write.
        ConflictError: For ``deepl`` and ``amazon``, if one source form would
            map to two targets.
    """
    file = Path(path)
    src = _lang_arg(source_lang, "source_lang")
    tgt = _lang_arg(target_lang, "target_lang")
    fmt = get_format(
        format or guess_format(file, reading=False, source_lang=src, target_lang=tgt)
    )
    check_directions(fmt.name, src, tgt, path=file)
    if langs is not None and not fmt.langs:
        raise FormatError(
            f"the {fmt.name} format has no choice of languages",
            hint="choose languages for the formats "
            + ", ".join(name for name, f in REGISTRY.items() if f.langs),
        )
    wanted = tuple(statuses) if statuses is not None else fmt.statuses
    if wanted is not None:
        unknown = sorted(set(wanted) - set(STATUSES))
        if unknown:
            raise FormatError(
                f"unknown status {unknown[0]!r}", hint=f"use one of: {', '.join(STATUSES)}"
            )
    given = list(entries)
    chosen = [e for e in given if wanted is None or e.status in wanted]
    if not chosen:
        raise _nothing_to_export(file, wanted, len(given))
    return fmt.write(chosen, file, src, tgt, langs)


def _nothing_to_export(path: Path, wanted: Sequence[str] | None, given: int) -> FormatError:
    """The error for an export with no entry to write (every format refuses it: an
    empty TBX body is invalid, an empty glossary is rejected by the services, and an
    empty file is a mistake rather than a glossary)."""
    if wanted is None or set(STATUSES) <= set(wanted):
        return FormatError("no entries to export: the glossary is empty", path=path,
                           hint="import a glossary or run 'avet extract' first")
    if not wanted:
        return FormatError("no status chosen: nothing to export", path=path,
                           hint=f"name one or more of: {', '.join(STATUSES)}")
    which = " or ".join(wanted)
    what = f"no {which} entries to export"
    if given:
        what += f" (none of the {given} entries given is {which})"
    hint = ("approve entries first with 'avet glossary approve ID…' or the 'a' key of "
            "'avet review', or export other statuses with --status candidate, rejected or all"
            if tuple(wanted) == ("approved",) else
            "export other statuses with --status candidate, approved, rejected or all")
    return FormatError(what, path=path, hint=hint)


def write_glossary(
    entries: Iterable[Entry],
    path: str | Path,
    *,
    format: str | None = None,
    source_lang: str | None = None,
    target_lang: str | None = None,
    statuses: Iterable[str] | None = None,
    langs: Sequence[str] | None = None,
) -> int:
    """Writes entries to a glossary file atomically; :func:`export_glossary` with a count.

    Args:
        entries: The entries to write.
        path: The output file, replaced atomically.
        format: One of :data:`FORMATS`; guessed from the extension when ``None``.
        source_lang: Source language; required for the two-language formats.
        target_lang: Target language; required for the two-language formats.
        statuses: The statuses to export; ``None`` for the format's default.
        langs: The languages to write, for the formats that let one choose.

    Returns:
        The number of rows written: one per entry, except ``deepl`` (one per
        source form) and the service formats, which leave out entries they
        cannot hold.

    Raises:
        FormatError: As :func:`export_glossary`.
        ConflictError: As :func:`export_glossary`.
    """
    return export_glossary(entries, path, format=format, source_lang=source_lang,
                           target_lang=target_lang, statuses=statuses, langs=langs).rows

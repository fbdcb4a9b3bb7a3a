"""Glossaries for machine-translation services: Google Cloud Translation and Amazon Translate.

The files hold approved entries with their preferred forms (no forbidden forms
or avet columns; the ``csv`` format keeps those for round trips); where the
source language is a column of its own, its variants get rows too, since the
services match source text exactly. The layouts are the services' documented ones:

* ``google`` with a source and a target language (``--from`` and ``--to``): a
  *unidirectional* (language pair) glossary of Cloud Translation Advanced: a
  two-column CSV file with no header, ``source,target`` per row, one row per
  admitted source form (the variants too, as for DeepL), all mapped to the
  target's preferred form.
* ``google`` otherwise: an *equivalent term set* glossary: a CSV file whose
  header row names one language code per column (``ar``, ``vi``, ``en``), one
  row per entry with its preferred forms. The service also accepts ``pos``
  and ``description`` columns, which it ignores and avet does not write (the
  reader takes ``description`` as the note). A cell may be empty; a row needs
  terms in at least two languages here (one term translates nothing). Either
  glossary must stay under 10 million Unicode code points.
* ``amazon``: an Amazon Translate *custom terminology*: CSV, or TSV for a
  ``.tsv`` path, whose header row holds only language codes; the first column
  is the source language of a uni-directional terminology, and each admitted
  source form (the variants too) gets a row with the entry's preferred forms
  in the other columns. Every cell must be filled, so an entry without a form
  in one of the chosen languages is left out, and so is an entry with a form
  over 200 bytes (UTF-8), the service's limit; the file must stay under 10 MB.
  A source term may map to one row only.

A do-not-translate entry fills the languages it lacks with its own form. The
languages are all three by default, in the order ``ar``, ``vi``, ``en`` with
the source language (if given) first; ``langs`` chooses them and their order.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from glossary.errors import ConflictError, FormatError
from glossary.fileio import atomic_open
from glossary.formats._common import (
    IMPORT_STATUS,
    FileEntry,
    Located,
    Written,
    check_entry,
    fold_pairs,
    lang_of,
    read_text,
)
from glossary.formats.csvfmt import read_table_header
from glossary.formats.deepl import pair_rows
from glossary.model import LANGS, Entry

__all__ = [
    "AMAZON_MAX_FILE_BYTES",
    "AMAZON_MAX_TERM_BYTES",
    "GOOGLE_MAX_CODEPOINTS",
    "read_amazon",
    "read_google_pairs",
    "service_langs",
    "write_amazon",
    "write_google",
]

#: Amazon Translate: the longest source or target term, in UTF-8 bytes.
AMAZON_MAX_TERM_BYTES = 200
#: Amazon Translate: the largest terminology file.
AMAZON_MAX_FILE_BYTES = 10 * 1024 * 1024
#: Cloud Translation: the most Unicode code points a glossary may hold.
GOOGLE_MAX_CODEPOINTS = 10_000_000


def service_langs(langs: Sequence[str] | None, source_lang: str | None = None,
                  target_lang: str | None = None) -> tuple[str, ...]:
    """Returns the language columns of a service glossary, in order.

    Args:
        langs: The languages asked for, in column order (``None``: see below).
        source_lang: Goes first; with ``target_lang`` and no ``langs``, the
            two are the columns.
        target_lang: The second column when ``langs`` is ``None``.

    Raises:
        FormatError: On an unknown or repeated language, fewer than two
            languages, or a source language not among ``langs``.
    """
    hint = f"name two or three of: {', '.join(LANGS)}"
    if langs is None:
        if source_lang and target_lang:
            chosen = [source_lang, target_lang]
        else:
            chosen = [lang for lang in LANGS if lang != source_lang]
            if source_lang:
                chosen.insert(0, source_lang)
    else:
        chosen = []
        for code in langs:
            lang = lang_of(code)
            if lang is None:
                raise FormatError(f"language {code!r} is not supported", hint=hint)
            if lang in chosen:
                raise FormatError(f"language {lang!r} is named twice", hint=hint)
            chosen.append(lang)
        if source_lang:
            if source_lang not in chosen:
                raise FormatError(f"the source language {source_lang!r} is not among the "
                                  f"languages {', '.join(chosen)}", hint="add it to them")
            chosen.remove(source_lang)
            chosen.insert(0, source_lang)
    if len(chosen) < 2:
        raise FormatError("a service glossary needs at least two languages", hint=hint)
    return tuple(chosen)


def _cells(entry: Entry, langs: Sequence[str]) -> list[str]:
    cells = [entry.forms[lang].preferred for lang in langs]
    if entry.dnt:
        own = next((entry.forms[lang].preferred for lang in LANGS if entry.forms[lang].preferred),
                   "")
        cells = [cell or own for cell in cells]
    return cells


def _check_text(cells: Sequence[str], path: Path, delimiter: str) -> None:
    for text in cells:
        if any(ch in text for ch in "\r\n") or (delimiter == "\t" and "\t" in text):
            raise FormatError(f"form {text!r} contains a tab or line break", path=path,
                              hint="the service cannot hold it; fix the entry first")


def _render(header: Sequence[str] | None, rows: Sequence[Sequence[str]],
            delimiter: str) -> str:
    buffer = io.StringIO()
    if delimiter == "\t":  # TSV: no quoting at all (a cell holds no tab, as checked)
        writer = csv.writer(buffer, delimiter="\t", quoting=csv.QUOTE_NONE, quotechar=None,
                            lineterminator="\n")
    else:
        writer = csv.writer(buffer, lineterminator="\n")
    if header is not None:
        writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def _write(path: Path, text: str) -> None:
    with atomic_open(path, "w") as handle:
        handle.write(text)


def _nothing(path: Path, left_out: Counter[str], total: int) -> FormatError:
    reasons = "; ".join(f"{n} with {why}" for why, n in left_out.items())
    what = f"no entry fits ({total} entries: {reasons})" if total else "no entries to export"
    return FormatError(what, path=path, hint="the service rejects an empty glossary; export "
                                             "entries of another status or other languages")


def write_google(entries: Sequence[Entry], path: Path, *, langs: Sequence[str] | None = None,
                 source_lang: str | None = None, target_lang: str | None = None) -> Written:
    """Writes a Cloud Translation glossary (CSV): a unidirectional one without a
    header when ``source_lang`` and ``target_lang`` are given and ``langs`` is not,
    else an equivalent term set with a header of language codes.

    Returns:
        The entries and rows written and the entries left out (fewer than two
        terms; in a unidirectional glossary, no source or target form).

    Raises:
        FormatError: On a bad language choice, a form with a line break, no
            row to write, or a glossary over :data:`GOOGLE_MAX_CODEPOINTS`.
        ConflictError: In a unidirectional glossary, if one source form would
            map to two targets.
    """
    columns = service_langs(langs, source_lang, target_lang)
    if langs is None and source_lang and target_lang:
        pairs, missing = pair_rows(entries, source_lang, target_lang, path=path)
        if not pairs:
            raise _nothing(path, missing, len(entries))
        _write_google(_render(None, [(a, b) for a, b, _ in pairs], ","), path)
        return Written(len({id(entry) for _, _, entry in pairs}), len(pairs), dict(missing))
    rows: list[list[str]] = []
    left_out: Counter[str] = Counter()
    for entry in entries:
        cells = _cells(entry, columns)
        if sum(1 for cell in cells if cell) < 2:
            left_out["fewer than two of " + ", ".join(columns)] += 1
            continue
        _check_text(cells, path, ",")
        rows.append(cells)
    if not rows:
        raise _nothing(path, left_out, len(entries))
    _write_google(_render(columns, rows, ","), path)
    return Written(len(rows), len(rows), dict(left_out))


def _write_google(text: str, path: Path) -> None:
    """Writes ``text`` to ``path``, refusing it if it is over :data:`GOOGLE_MAX_CODEPOINTS`.

    Raises:
        FormatError: If it is (nothing is written then).
    """
    if len(text) > GOOGLE_MAX_CODEPOINTS:
        raise FormatError(f"the glossary has {len(text)} code points, over Cloud Translation's "
                          f"{GOOGLE_MAX_CODEPOINTS}", path=path, hint="export fewer entries")
    _write(path, text)


def write_amazon(entries: Sequence[Entry], path: Path, *, langs: Sequence[str] | None = None,
                 source_lang: str | None = None, target_lang: str | None = None) -> Written:
    """Writes an Amazon Translate custom terminology (TSV for a ``.tsv`` path, else CSV).

    Returns:
        The entries and rows written (one per admitted source form) and the
        entries left out (an empty cell, a form over :data:`AMAZON_MAX_TERM_BYTES`).

    Raises:
        FormatError: On a bad language choice, a form with a tab or line
            break, no row to write, or a file over :data:`AMAZON_MAX_FILE_BYTES`.
        ConflictError: If one source term would get two rows.
    """
    columns = service_langs(langs, source_lang, target_lang)
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    rows: dict[str, tuple[list[str], Entry]] = {}
    left_out: Counter[str] = Counter()
    for entry in entries:
        cells = _cells(entry, columns)
        if not all(cells):
            missing = columns[cells.index("")]
            left_out[f"no {missing} form"] += 1
            continue
        sources = [cells[0], *(v for v in entry.forms[columns[0]].variants if v != cells[0])]
        if any(len(cell.encode("utf-8")) > AMAZON_MAX_TERM_BYTES
               for cell in (*sources, *cells[1:])):
            left_out[f"a term over {AMAZON_MAX_TERM_BYTES} bytes"] += 1
            continue
        _check_text([*sources, *cells[1:]], path, delimiter)
        for source in sources:
            row = [source, *cells[1:]]
            if source in rows:
                other, owner = rows[source]
                if other != row:
                    raise ConflictError(
                        f"{columns[0]} term {source!r} has two rows: {', '.join(other[1:])} "
                        f"(entry {owner.id or owner.term(columns[0])!r}) and "
                        f"{', '.join(row[1:])} (entry {entry.id or entry.term(columns[0])!r})",
                        path=path, hint="a source term maps to one row; fix one of the entries")
                continue
            rows[source] = (row, entry)
    if not rows:
        raise _nothing(path, left_out, len(entries))
    text = _render(columns, [cells for cells, _ in rows.values()], delimiter)
    size = len(text.encode("utf-8"))
    if size > AMAZON_MAX_FILE_BYTES:
        raise FormatError(f"the terminology file would have {size} bytes, over Amazon "
                          f"Translate's {AMAZON_MAX_FILE_BYTES}", path=path,
                          hint="export fewer entries")
    _write(path, text)
    return Written(len({id(entry) for _, entry in rows.values()}), len(rows), dict(left_out))


def read_google_pairs(path: Path, source_lang: str, target_lang: str) -> list[Located]:
    """Reads a Cloud Translation unidirectional glossary: ``source,target`` CSV rows,
    no header. Rows with one target are one entry, as in a DeepL file
    (:func:`~glossary.formats._common.fold_pairs`).

    Raises:
        FormatError: Naming the line of the first row without two non-empty fields.
    """
    located: list[Located] = []
    reader = csv.reader(io.StringIO(read_text(path), newline=""))
    for row in reader:
        number = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != 2 or not all(cell.strip() for cell in row):
            raise FormatError(
                f"row has {len(row)} fields; a unidirectional glossary row has 2 "
                "non-empty ones (source,target)", path=path, line=number,
                hint="fill both fields; a file with a header of language codes is an "
                     "equivalent term set: import it without --from and --to")
        entry = FileEntry(status=IMPORT_STATUS)
        entry.forms[source_lang].preferred = row[0]
        entry.forms[target_lang].preferred = row[1]
        check_entry(entry, path=path, line=number)  # cleans the forms
        located.append((number, entry))
    return fold_pairs(located, source_lang, target_lang)


def read_amazon(path: Path) -> list[Located]:
    """Reads an Amazon Translate custom terminology (TSV for a ``.tsv`` path, else CSV).

    The first column is the source language: rows whose other columns are the same
    are one entry, the first row's source preferred and the others its variants
    (as :func:`write_amazon` writes an entry's variants).

    Raises:
        FormatError: As :func:`~glossary.formats.csvfmt.read_table`.
    """
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    located, header = read_table_header(path, delimiter=delimiter)
    source = lang_of(header[0]) if header else None
    if source is None:
        return located
    folded: list[Located] = []
    by_rest: dict[tuple[object, ...], Entry] = {}
    for line, entry in located:
        rest = tuple(entry.forms[lang].preferred for lang in LANGS if lang != source)
        forms = entry.forms[source]
        if not forms.preferred or not any(rest) or any(
                entry.forms[lang].variants for lang in LANGS if lang != source):
            folded.append((line, entry))
            continue
        key = (rest, entry.status, entry.note, entry.kind, entry.dnt)
        first = by_rest.get(key)
        if first is None:
            by_rest[key] = entry
            folded.append((line, entry))
            continue
        mine = first.forms[source]
        for text in forms.all_admitted():
            if text not in mine.all_admitted():
                mine.variants.append(text)
        mine.forbidden += [t for t in forms.forbidden if t not in mine.forbidden]
    return folded

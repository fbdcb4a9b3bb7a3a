"""Glossaries for machine-translation services: Google Cloud Translation and Amazon Translate.

Both files hold one row per approved entry with its preferred forms only (no
variants, forbidden forms or avet columns; the ``csv`` format keeps those for
round trips). The layouts are the services' documented ones:

* ``google``: an *equivalent term set* glossary of Cloud Translation
  Advanced: a CSV file whose header row names one language code per column
  (``ar``, ``vi``, ``en``). The service also accepts ``pos`` and
  ``description`` columns, which it ignores and avet does not write (the
  reader takes ``description`` as the note). A cell may be empty; a row needs
  terms in at least two languages here (one term translates nothing). The
  whole glossary must stay under 10 million Unicode code points.
* ``amazon``: an Amazon Translate *custom terminology*: CSV, or TSV for a
  ``.tsv`` path, whose header row holds only language codes; the first column
  is the source language of a uni-directional terminology. Every cell must
  be filled, so an entry without a form in one of the chosen languages is
  left out, and so is an entry with a term over 200 bytes (UTF-8), the
  service's limit; the file must stay under 10 MB. A source term may map to
  one row only.

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
from glossary.formats._common import Written, lang_of
from glossary.model import LANGS, Entry

__all__ = [
    "AMAZON_MAX_FILE_BYTES",
    "AMAZON_MAX_TERM_BYTES",
    "GOOGLE_MAX_CODEPOINTS",
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


def _render(header: Sequence[str], rows: Sequence[Sequence[str]], delimiter: str) -> str:
    buffer = io.StringIO()
    if delimiter == "\t":  # TSV: no quoting at all (a cell holds no tab, as checked)
        writer = csv.writer(buffer, delimiter="\t", quoting=csv.QUOTE_NONE, quotechar=None,
                            lineterminator="\n")
    else:
        writer = csv.writer(buffer, lineterminator="\n")
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
    """Writes a Cloud Translation equivalent-term-set glossary (CSV).

    Returns:
        The entries and rows written and the entries left out (fewer than two terms).

    Raises:
        FormatError: On a bad language choice, a form with a line break, no
            row to write, or a glossary over :data:`GOOGLE_MAX_CODEPOINTS`.
    """
    columns = service_langs(langs, source_lang, target_lang)
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
    text = _render(columns, rows, ",")
    if len(text) > GOOGLE_MAX_CODEPOINTS:
        raise FormatError(f"the glossary has {len(text)} code points, over Cloud Translation's "
                          f"{GOOGLE_MAX_CODEPOINTS}", path=path, hint="export fewer entries")
    _write(path, text)
    return Written(len(rows), len(rows), dict(left_out))


def write_amazon(entries: Sequence[Entry], path: Path, *, langs: Sequence[str] | None = None,
                 source_lang: str | None = None, target_lang: str | None = None) -> Written:
    """Writes an Amazon Translate custom terminology (TSV for a ``.tsv`` path, else CSV).

    Returns:
        The entries and rows written and the entries left out (an empty cell,
        a term over :data:`AMAZON_MAX_TERM_BYTES`).

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
        if any(len(cell.encode("utf-8")) > AMAZON_MAX_TERM_BYTES for cell in cells):
            left_out[f"a term over {AMAZON_MAX_TERM_BYTES} bytes"] += 1
            continue
        _check_text(cells, path, delimiter)
        if cells[0] in rows:
            other, owner = rows[cells[0]]
            if other != cells:
                raise ConflictError(
                    f"{columns[0]} term {cells[0]!r} has two rows: {', '.join(other[1:])} "
                    f"(entry {owner.id or owner.term(columns[0])!r}) and {', '.join(cells[1:])} "
                    f"(entry {entry.id or entry.term(columns[0])!r})",
                    path=path, hint="a source term maps to one row; fix one of the entries")
            continue
        rows[cells[0]] = (cells, entry)
    if not rows:
        raise _nothing(path, left_out, len(entries))
    text = _render(columns, [cells for cells, _ in rows.values()], delimiter)
    size = len(text.encode("utf-8"))
    if size > AMAZON_MAX_FILE_BYTES:
        raise FormatError(f"the terminology file would have {size} bytes, over Amazon "
                          f"Translate's {AMAZON_MAX_FILE_BYTES}", path=path,
                          hint="export fewer entries")
    _write(path, text)
    return Written(len(rows), len(rows), dict(left_out))

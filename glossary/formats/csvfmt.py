"""Multilingual CSV and TSV glossaries (the layout of :mod:`glossary.formats.table`).

CSV is RFC 4180 (comma, double quotes around fields that need them). TSV uses
tabs and no quoting at all, so a form cannot contain a tab or a line break; in
the ``note`` column of TSV a line break, a tab and a backslash are written
``\\n``, ``\\t`` and ``\\\\``. Both are read as UTF-8 with or without BOM and
written as UTF-8 without BOM, ``\\n`` line ends.

A cell that a spreadsheet would run as a formula (first character ``=``,
``+``, ``-``, ``@``, tab or CR: ``=cmd|' /C calc'!A0``) is written with a
``'`` in front, as OWASP recommends against CSV injection, and the reader
takes that ``'`` off again (:func:`neutralise`, :func:`restore`), so avet's own
files round-trip; so does a form that starts with ``'`` itself. A spreadsheet
takes such a cell as text instead of running it. The services' files
(:mod:`glossary.formats.services`, :mod:`glossary.formats.deepl`) are written
as they are: the services take every cell as a term, where a ``'`` would
become part of it (``-based``).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from pathlib import Path

from glossary.errors import FormatError
from glossary.fileio import atomic_open
from glossary.formats._common import Located, fold_pairs, read_text
from glossary.formats.table import COLUMNS, entry_to_row, parse_header, row_to_entry
from glossary.model import Entry

__all__ = ["neutralise", "read_table", "read_table_header", "restore", "write_table"]


#: A cell that a spreadsheet would run as a formula starts with one of these (OWASP's list).
_FORMULA_START = "=+-@\t\r"
#: Cells written with a ``'`` in front: formulas, and cells that already start with ``'``
#: before one of them (so that reading takes exactly one ``'`` off and round trips).
_NEUTRALISED = re.compile("'*[" + re.escape(_FORMULA_START) + "]")


def neutralise(cell: str) -> str:
    """Prefixes ``'`` to a cell that a spreadsheet would run as a formula (``=cmd|…``,
    ``+``, ``-``, ``@``, tab, CR first), as OWASP recommends; :func:`restore` undoes it."""
    return "'" + cell if _NEUTRALISED.match(cell) else cell


def restore(cell: str) -> str:
    """Undoes :func:`neutralise`: takes the ``'`` off ``'=…``, ``'-…`` (and ``''=…``)."""
    return cell[1:] if cell.startswith("'") and _NEUTRALISED.match(cell, 1) else cell


_NOTE_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}
_NOTE_UNESCAPES = {v[1]: k for k, v in _NOTE_ESCAPES.items()}


def _escape_note(text: str) -> str:
    return "".join(_NOTE_ESCAPES.get(ch, ch) for ch in text)


def _unescape_note(text: str) -> str:
    return re.sub(r"\\([\\ntr])", lambda m: _NOTE_UNESCAPES[m.group(1)], text)


def _dialect(delimiter: str) -> dict[str, object]:
    if delimiter == "\t":
        return {"delimiter": "\t", "quoting": csv.QUOTE_NONE, "quotechar": None, "strict": True}
    return {"delimiter": delimiter, "quoting": csv.QUOTE_MINIMAL, "strict": True}


def read_table(path: Path, *, delimiter: str = ",") -> list[Located]:
    """Reads a CSV (``delimiter=","``) or TSV (``"\\t"``) glossary.

    Returns:
        ``(line, entry)`` for every data row; blank rows are skipped. In a file
        of two languages and nothing else (a Google or Amazon glossary of one
        pair), rows with the same second-column term are one entry, the first
        column its source (:func:`~glossary.formats._common.fold_pairs`).

    Raises:
        FormatError: Naming the line of the first malformed row, unknown column or value.
    """
    return read_table_header(path, delimiter=delimiter)[0]


def read_table_header(path: Path, *, delimiter: str = ",") -> tuple[list[Located], list[str]]:
    """Reads a CSV or TSV glossary as :func:`read_table` does, with its header.

    Returns:
        What :func:`read_table` returns, and the cells of the header row as written.

    Raises:
        FormatError: As :func:`read_table`.
    """
    text = read_text(path)
    reader = csv.reader(io.StringIO(text, newline=""), **_dialect(delimiter))  # type: ignore[arg-type]
    columns = None
    header: list[str] = []
    header_line = 0
    located: list[Located] = []
    previous = 0
    try:
        for cells in reader:
            line, previous = previous + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if columns is None:
                columns = parse_header(cells, path=path, line=line)
                header, header_line = cells, line
                continue
            if len(cells) != len(columns):
                raise FormatError(
                    f"row has {len(cells)} fields but the header (line {header_line}) "
                    f"has {len(columns)}",
                    path=path,
                    line=line,
                    hint="quote fields that contain the delimiter"
                    if delimiter == ","
                    else "TSV fields cannot contain tabs; check the number of tabs",
                )
            cells = [restore(cell) for cell in cells]
            if delimiter == "\t":
                cells = [
                    _unescape_note(cell) if col.field == "note" else cell
                    for col, cell in zip(columns, cells, strict=True)
                ]
            located.append((line, row_to_entry(cells, columns, path=path, line=line)))
    except csv.Error as exc:
        raise FormatError(
            f"malformed {'CSV' if delimiter == ',' else 'TSV'}: {exc}",
            path=path,
            line=reader.line_num or 1,
            hint="check the quotes on this line",
        ) from exc
    if columns is None:
        raise FormatError(
            "the file is empty",
            path=path,
            line=1,
            hint=f"start with a header such as {','.join(COLUMNS[:3])}",
        )
    langs = [col.lang for col in columns if col.field == "term" and col.lang]
    if len(langs) == 2 and all(col.field in ("term", "pos", "note", "") for col in columns):
        return fold_pairs(located, langs[0], langs[1]), header  # a Google or Amazon pair
    return located, header


def write_table(entries: Sequence[Entry], path: Path, *, delimiter: str = ",") -> int:
    """Writes entries as a CSV or TSV glossary with every column of :data:`COLUMNS`.

    Returns:
        The number of entries written.

    Raises:
        FormatError: If a form cannot be written in this layout (separator, tab, line break).
    """
    rows = [entry_to_row(entry, path=path) for entry in entries]
    if delimiter == "\t":
        note = COLUMNS.index("note")
        for row in rows:
            row[note] = _escape_note(row[note])
            for cell, name in zip(row, COLUMNS, strict=True):
                if any(ch in cell for ch in "\t\r\n"):
                    raise FormatError(
                        f"column {name!r} value {cell!r} contains a tab or line break",
                        path=path,
                        hint="TSV cannot hold it; export to CSV, JSON or TBX instead",
                    )
    with atomic_open(path, "w") as handle:
        writer = csv.writer(handle, lineterminator="\n", **_dialect(delimiter))  # type: ignore[arg-type]
        writer.writerow(COLUMNS)
        writer.writerows([neutralise(cell) for cell in row] for row in rows)
    return len(rows)

"""Excel workbooks (``.xlsx``) in the layout of :mod:`glossary.formats.table`.

The glossary is on the sheet named ``glossary`` (a workbook with a single sheet
may name it otherwise); row 1 is the header. Errors name the sheet and row.
Export writes every cell as text, so a form starting with ``=`` is never a
formula. A date or time cell is refused, naming its row and column: its text
depends on the cell's format and the locale, which avet cannot see. A boolean
cell (TRUE/FALSE) is read as yes/no in the ``dnt`` and ``case_sensitive``
columns and refused in any other: a term typed as ``true`` became a boolean whose
shown text (TRUE, VRAI, WAHR) depends on the locale, not the term typed.
openpyxl is imported only when a workbook is read or written.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from glossary.errors import FormatError
from glossary.fileio import atomic_open
from glossary.formats._common import Located, read_bytes
from glossary.formats.table import COLUMNS, Column, entry_to_row, parse_header, row_to_entry
from glossary.model import Entry

__all__ = ["SHEET", "read_xlsx", "write_xlsx"]

#: The name of the sheet that holds the glossary.
SHEET = "glossary"


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _refuse_dates(values: Sequence[Any], number: int, where: str, path: Path) -> None:
    """Refuses a date or time cell: its text depends on the cell's number format and the
    reader's locale (Excel shows 02/01/2024, 1/2/2024 or 2-Jan-24), so avet cannot know
    the text the user saw.

    Raises:
        FormatError: Naming the row and column of the first date or time cell.
    """
    from openpyxl.utils import get_column_letter

    for col, value in enumerate(values, start=1):
        if isinstance(value, datetime | date | time | timedelta):
            shown = value.date() if isinstance(value, datetime) and value.time() == time() \
                else value
            raise FormatError(
                f"{where}column {get_column_letter(col)} holds a date or time ({shown}), "
                f"not text",
                path=path,
                line=number,
                hint="format the cell as Text in the spreadsheet and type the value again",
            )


#: The columns whose cells are yes/no values, where a boolean cell is read as yes or no.
_FLAG_FIELDS = frozenset({"dnt", "case_sensitive"})


def _refuse_booleans(values: Sequence[Any], columns: Sequence[Column], number: int,
                     where: str, path: Path) -> None:
    """Refuses a boolean cell outside the yes/no columns (:data:`_FLAG_FIELDS`).

    Raises:
        FormatError: Naming the row and column of the first such cell.
    """
    from openpyxl.utils import get_column_letter

    for col, (value, column) in enumerate(zip(values, columns, strict=False), start=1):
        if isinstance(value, bool) and column.field not in _FLAG_FIELDS:
            raise FormatError(
                f"{where}column {get_column_letter(col)} ({column.name}) holds the boolean "
                f"{str(value).upper()}, not text",
                path=path,
                line=number,
                hint="format the cell as Text in the spreadsheet and type the value again; "
                     "yes/no values belong in the dnt and case_sensitive columns",
            )


def read_xlsx(path: Path) -> list[Located]:
    """Reads a glossary workbook.

    Returns:
        ``(row, entry)`` for every non-blank data row.

    Raises:
        FormatError: If the file is not a workbook, has no glossary sheet, or
            naming the sheet row of the first bad header or cell.
    """
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    data = read_bytes(path)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise FormatError(
            f"not a readable XLSX workbook ({exc})",
            path=path,
            hint="save it from your spreadsheet as Excel Workbook (.xlsx)",
        ) from exc
    try:
        names = book.sheetnames
        if SHEET in names:
            name = SHEET
        elif len(names) == 1:
            name = names[0]
        else:
            raise FormatError(
                f"no sheet named {SHEET!r} (sheets: {', '.join(names)})",
                path=path,
                hint=f"rename the sheet that holds the glossary to {SHEET!r}",
            )
        return _read_sheet(book[name].iter_rows(values_only=True), name, path)
    finally:
        book.close()


def _read_sheet(rows: Any, name: str, path: Path) -> list[Located]:
    columns = None
    located: list[Located] = []
    for number, values in enumerate(rows, start=1):
        cells = [_text(v) for v in values]
        if not any(cell.strip() for cell in cells):
            continue
        where = f"sheet {name!r} row {number}: "
        _refuse_dates(values, number, where, path)
        if columns is None:
            while cells and not cells[-1].strip():
                cells.pop()
            columns = parse_header(cells, path=path, line=number, where=where)
            continue
        extra = [c for c in cells[len(columns) :] if c.strip()]
        if extra:
            raise FormatError(
                f"{where}value {extra[0]!r} is beyond the last header column",
                path=path,
                line=number,
                hint="name the column in the header or remove the value",
            )
        _refuse_booleans(values, columns, number, where, path)
        cells = (cells + [""] * len(columns))[: len(columns)]
        located.append((number, row_to_entry(cells, columns, path=path, line=number, where=where)))
    if columns is None:
        raise FormatError(
            f"sheet {name!r} is empty",
            path=path,
            line=1,
            hint=f"start with a header row such as {', '.join(COLUMNS[:3])}",
        )
    return located


def write_xlsx(entries: Sequence[Entry], path: Path) -> int:
    """Writes a glossary workbook with every column of :data:`COLUMNS`.

    Returns:
        The number of entries written.

    Raises:
        FormatError: If a form cannot be stored in a cell.
    """
    from openpyxl import Workbook
    from openpyxl.utils.exceptions import IllegalCharacterError

    rows = [entry_to_row(entry, path=path) for entry in entries]
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook always has one sheet
    sheet.title = SHEET
    sheet.append(list(COLUMNS))
    for number, row in enumerate(rows, start=2):
        for col, value in enumerate(row, start=1):
            try:
                cell = sheet.cell(row=number, column=col, value=value)
            except IllegalCharacterError as exc:
                raise FormatError(
                    f"value {value!r} has a control character Excel cannot store",
                    path=path,
                    hint="remove the control character from the entry",
                ) from exc
            cell.data_type = "s"
    sheet.freeze_panes = "A2"
    with atomic_open(path, "wb", encoding=None) as handle:
        book.save(handle)
    return len(rows)

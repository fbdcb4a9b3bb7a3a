"""Shared output helpers for CLI commands: JSON lines and terminal tables."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from typing import Any

__all__ = ["count", "print_json", "print_table", "write_line"]


def count(n: int, word: str, plural: str | None = None) -> str:
    """Returns ``n`` and the noun in the right number: ``1 entry``, ``2 entries``.

    Args:
        n: How many.
        word: The singular noun (it may follow an adjective: ``approved entry``).
        plural: The plural when it is not ``word`` + ``s`` (nouns in consonant +
            ``y`` take ``ies`` without it).

    Returns:
        ``"<n> <noun>"``.
    """
    if n == 1:
        return f"{n} {word}"
    if plural is None:
        consonant_y = word.endswith("y") and word[-2:-1] not in ("a", "e", "i", "o", "u", "")
        plural = word[:-1] + "ies" if consonant_y else word + "s"
    return f"{n} {plural}"


def write_line(text: str = "") -> None:
    """Writes one line to standard output."""
    sys.stdout.write(text + "\n")


def print_json(obj: Any) -> None:
    """Writes ``obj`` as one line of JSON (UTF-8, non-ASCII kept) to standard output."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, sort_keys=False) + "\n")


def print_table(
    columns: Sequence[str], rows: Iterable[Sequence[Any]], title: str | None = None
) -> None:
    """Prints a table with rich. Arabic cells are kept in logical order.

    Every cell, header and the title are plain text: brackets in glossary
    forms or paths (``Decree [/i] 5``) are printed as they are, never read as
    rich markup.

    Args:
        columns: The column headers.
        rows: The rows; ``None`` cells print empty, others as ``str(value)``.
        title: A line above the table.
    """
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title=None if title is None else Text(title), show_lines=False)
    for col in columns:
        table.add_column(Text(col), overflow="fold")
    for row in rows:
        table.add_row(*(Text("" if v is None else str(v)) for v in row))
    Console(soft_wrap=False).print(table)

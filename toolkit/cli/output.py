"""Shared output helpers for CLI commands: JSON lines and terminal tables."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from typing import Any

__all__ = ["print_json", "print_table", "write_line"]


def write_line(text: str = "") -> None:
    """Writes one line to standard output."""
    sys.stdout.write(text + "\n")


def print_json(obj: Any) -> None:
    """Writes ``obj`` as one line of JSON (UTF-8, non-ASCII kept) to standard output."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, sort_keys=False) + "\n")


def print_table(
    columns: Sequence[str], rows: Iterable[Sequence[Any]], title: str | None = None
) -> None:
    """Prints a table with rich. Arabic cells are kept in logical order."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False)
    for col in columns:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    Console(soft_wrap=False).print(table)

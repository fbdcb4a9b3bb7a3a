"""The exceptions that avet's glossary layer raises.

Every error carries a one-line message for the user and, where it applies, the
file and line it concerns and a hint that names the fix. Only the CLI turns
these into messages and exit codes.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "AvetError",
    "ConflictError",
    "DatabaseFileError",
    "FormatError",
    "InputError",
    "NotFoundError",
    "StoreError",
]


class AvetError(Exception):
    """Base class of every error that avet raises on purpose.

    Args:
        message: What went wrong, in one line.
        path: The file the error concerns, if any.
        line: The 1-based line in ``path`` where it applies, if known.
        hint: What the user can do about it.
    """

    #: Exit code the CLI uses: 2 for user mistakes, 1 for internal failures.
    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.hint = hint

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = self.path if self.line is None else f"{self.path}:{self.line}"
            where += ": "
        text = f"{where}{self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text.replace("\n", " ")


class InputError(AvetError):
    """A file or argument the user gave cannot be used as it is."""


class FormatError(InputError):
    """A glossary or document file is malformed or in an unsupported format."""


class NotFoundError(InputError):
    """An entry, file or resource the user named does not exist."""


class ConflictError(InputError):
    """An operation would contradict the glossary (conflicting targets, merge of one entry)."""


class StoreError(AvetError):
    """The SQLite store cannot be opened, migrated or written (an internal failure)."""

    exit_code = 1


class DatabaseFileError(StoreError, InputError):
    """The database file the user gave cannot be used as it is.

    It is damaged, unreadable or read-only, or a newer avet made it: the user
    fixes it (another file, a backup, permissions, an upgrade), so the CLI exits
    with 2. Caught by both ``except StoreError`` and ``except InputError``.
    """

    exit_code = 2

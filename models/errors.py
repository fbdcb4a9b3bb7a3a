"""The exceptions that avet's MT layer raises.

They have the same shape as :class:`glossary.errors.AvetError` (a one-line
message, the path it concerns and a hint naming the fix) but live here because
``models`` imports no other package of avet's. Only the CLI turns them into
messages and exit codes.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "DAMAGED_HINT",
    "DamagedModelError",
    "ModelError",
    "ModelNotFoundError",
    "UnsafeModelError",
    "UnsupportedDirectionError",
]


class ModelError(Exception):
    """Base class of every error that avet's MT layer raises on purpose.

    Args:
        message: What went wrong, in one line.
        path: The model directory or file the error concerns, if any.
        hint: What the user can do about it.
    """

    #: Exit code the CLI uses: 2 for user mistakes, 1 for internal failures.
    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.hint = hint

    def __str__(self) -> str:
        text = self.message if self.path is None else f"{self.path}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text.replace("\n", " ")


class ModelNotFoundError(ModelError):
    """No usable model was found for the requested id, path or direction."""


class UnsafeModelError(ModelError):
    """A model would need pickle weights or remote code to load; avet refuses it."""


class UnsupportedDirectionError(ModelError):
    """The model cannot translate the requested language pair."""


#: What to do about damaged or missing weights.
DAMAGED_HINT = "copy/download the model again"


class DamagedModelError(ModelError):
    """A model's weight files are truncated, corrupt or missing (a broken link).

    Args:
        path: The weight file (or model directory) concerned.
        message: What is wrong; the default suits every case.
    """

    def __init__(self, path: str | Path,
                 message: str = "model weights are damaged or missing") -> None:
        super().__init__(message, path=path, hint=DAMAGED_HINT)

"""The review app's settings, validated once at the edge and passed down."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args

from glossary.errors import InputError

__all__ = ["BIDI_MODES", "BidiMode", "ReviewConfig"]

BidiMode = Literal["visual", "logical"]
BIDI_MODES: tuple[str, ...] = get_args(BidiMode)

#: Poll intervals outside this range are refused (seconds).
_POLL_RANGE = (0.1, 60.0)


@dataclass(frozen=True)
class ReviewConfig:
    """Settings of one review session.

    Attributes:
        db: The glossary database (SQLite) to review.
        bidi: How Arabic is shown: ``visual`` reorders right-to-left runs for
            terminals that do not (most of them); ``logical`` leaves text in
            memory order for terminals that reorder by themselves.
        poll_interval: Seconds between checks for changes other processes made.
        actor: Name recorded in the journal for the reviewer's changes.

    Raises:
        InputError: If a value is out of range (raised on construction).
    """

    db: Path
    bidi: BidiMode = "visual"
    poll_interval: float = 1.5
    actor: str = "tui"

    def __post_init__(self) -> None:
        object.__setattr__(self, "db", Path(self.db))
        if self.bidi not in BIDI_MODES:
            raise InputError(f"unknown bidi mode {self.bidi!r}",
                             hint=f"use one of: {', '.join(BIDI_MODES)}")
        low, high = _POLL_RANGE
        if not low <= float(self.poll_interval) <= high:
            raise InputError(f"poll interval {self.poll_interval} s is out of range",
                             hint=f"use a value from {low} to {high} seconds")
        if not self.actor.strip():
            raise InputError("the reviewer name (actor) is empty", hint="give a name, e.g. 'tui'")
        if self.db.is_dir():
            raise InputError("is a directory, not a database file", path=self.db,
                             hint="pass a file path such as avet.db")

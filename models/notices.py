"""Warnings that would repeat once per sentence, logged once per engine with a count.

A constraint the model cannot spell, or that does not fit within
``max_length``, is the same news for every sentence holding it: a batch run
would print it hundreds of times. :class:`RepeatedWarnings` logs the first
occurrence of each distinct message, counts the others, and logs the counts
when :meth:`RepeatedWarnings.flush` is called (engines call it when they are
closed or garbage-collected, and at interpreter exit).
"""

from __future__ import annotations

import logging
from collections import Counter
from typing import Any

__all__ = ["RepeatedWarnings"]


class RepeatedWarnings:
    """Logs each distinct warning once; counts the repeats.

    Args:
        logger: Where the warnings go.
    """

    def __init__(self, logger: logging.Logger) -> None:
        self._logger = logger
        self._counts: Counter[str] = Counter()

    def warn(self, message: str, *args: Any) -> None:
        """Logs ``message % args`` the first time; later times are only counted."""
        text = message % args if args else message
        self._counts[text] += 1
        if self._counts[text] == 1:
            self._logger.warning("%s (repeats counted at the end)", text)

    def counts(self) -> dict[str, int]:
        """Returns how many times each distinct warning was raised since the last flush."""
        return dict(self._counts)

    def flush(self) -> None:
        """Logs the count of every warning raised more than once, then forgets them."""
        for text, n in self._counts.items():
            if n > 1:
                self._logger.warning("%s: %d times in all", text, n)
        self._counts.clear()

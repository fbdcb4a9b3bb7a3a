"""Progress for long runs: a bar on a terminal, periodic log lines elsewhere."""

from __future__ import annotations

import math
import sys
import time
from types import TracebackType
from typing import IO, Any

__all__ = ["MIN_SHARE_FOR_ETA", "Progress", "format_rate"]

#: The ETA is shown once this share of the items is done (the first ones carry the
#: start-up: an ETA from them alone overshoots many times).
MIN_SHARE_FOR_ETA = 0.1


def format_rate(n: float, seconds: float) -> str:
    """Returns ``n`` items in ``seconds`` as a rate a reader can use: per second, or per
    minute or hour when that is below 0.1 (``35.2/s``, ``0.35/s``, ``3.0/min``).

    Args:
        n: Items done.
        seconds: Time they took (``0``: no rate yet, ``0/s``).
    """
    if n <= 0 or seconds <= 0:
        return "0/s"
    value, unit = n / seconds, "s"
    for factor, name in ((60, "min"), (3600, "h")):
        if value >= 0.1:
            break
        value, unit = n / seconds * factor, name
    return f"{value:.2f}/{unit}" if value < 10 else f"{value:.1f}/{unit}"

class Progress:
    """Counts finished items and shows rate and ETA.

    On a terminal (``stream.isatty()``) it draws a rich progress bar on
    ``stream``; otherwise it logs one plain line every ``interval`` seconds
    (``avet: 120/400 segments, 35.2/s, ETA 8s``), which suits nightly jobs
    whose output goes to a file. Slow rates are per minute or hour
    (:func:`format_rate`); the ETA is given once :data:`MIN_SHARE_FOR_ETA` of
    the items are done.

    Args:
        total: Number of items expected.
        unit: What is counted ("segments", "documents").
        stream: Where the bar goes (default standard error).
        interval: Seconds between log lines when not on a terminal.
    """

    def __init__(self, total: int, unit: str = "items", *, stream: IO[str] | None = None,
                 interval: float = 10.0) -> None:
        self.total = total
        self.unit = unit
        self.stream = stream or sys.stderr
        self.interval = interval
        self.done = 0
        self._start = 0.0
        self._last = 0.0
        self._bar: Any = None
        self._task: Any = None
        self.others: dict[str, int] = {}

    def __enter__(self) -> Progress:
        self._start = self._last = time.monotonic()
        if self.stream.isatty() and self.total > 0:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                TextColumn,
                TimeRemainingColumn,
            )
            from rich.progress import Progress as RichProgress

            self._bar = RichProgress(
                TextColumn(f"[bold]{self.unit}"), BarColumn(), MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}"), TimeRemainingColumn(),
                console=Console(file=self.stream), transient=False)
            self._bar.start()
            self._task = self._bar.add_task(self.unit, total=self.total, rate="")
        return self

    def rate(self) -> float:
        """Items per second so far."""
        elapsed = time.monotonic() - self._start
        return self.done / elapsed if elapsed > 0 else 0.0

    def advance(self, n: int = 1) -> None:
        """Records ``n`` more finished items."""
        self.done += n
        if self._bar is not None:
            self._bar.update(self._task, completed=self.done, rate=self._rates())
            return
        now = time.monotonic()
        if now - self._last >= self.interval:
            self._last = now
            self.stream.write(f"avet: {self.line()}\n")
            self.stream.flush()

    def note(self, unit: str, n: int) -> None:
        """Counts ``n`` items of a second kind (segments of documents), shown with their rate."""
        self.others[unit] = self.others.get(unit, 0) + n
        if self._bar is not None:
            self._bar.update(self._task, rate=self._rates())

    def _rates(self) -> str:
        elapsed = time.monotonic() - self._start
        parts = [f"{format_rate(self.done, elapsed)} {self.unit}"]
        parts += [f"{n} {unit} ({format_rate(n, elapsed)})" for unit, n in self.others.items()]
        return ", ".join(parts)

    def line(self) -> str:
        """Returns the plain progress line; the ETA once enough items are done."""
        elapsed = time.monotonic() - self._start
        rate = self.rate()
        extra = "".join(f", {n} {unit} ({format_rate(n, elapsed)})"
                        for unit, n in self.others.items())
        needed = max(1, math.ceil(MIN_SHARE_FOR_ETA * self.total))
        eta = f"ETA after {needed} {self.unit}"
        if rate > 0 and self.done >= needed:
            eta = f"ETA {(self.total - self.done) / rate:.0f}s"
        return (f"{self.done}/{self.total} {self.unit}, {format_rate(self.done, elapsed)}"
                f"{extra}, {eta}")

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._bar is not None:
            self._bar.stop()

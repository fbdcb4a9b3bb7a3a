"""What a batch job tells the operator: the summary table (this run and the whole job
apart), rates that read at any speed, and no ETA from the first few items."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest

from toolkit.batch.summary import SUMMARY_COLUMNS, summary_rows
from toolkit.progress import MIN_SHARE_FOR_ETA, Progress, format_rate


def _report(command: str, run_counts: dict[str, int], totals: dict[str, int],
            run_done: int, seconds: float = 100.0, **extra: Any) -> dict[str, Any]:
    return {"run": {"done": run_done, "skipped": 10 - run_done, "failed": 0, "retried": 0,
                    "removed": 0, "gone": 0, "seconds": seconds, "counts": run_counts},
            "totals": {"documents": 10, "done": 10, "failed": 0, "pending": 0, "skipped": 0,
                       "skipped_paths": 0, **totals},
            "removed": [], "gone": [], **extra}


def _rows(rows: list[list[Any]]) -> dict[str, list[Any]]:
    return {row[0]: row[1:] for row in rows}


@pytest.mark.parametrize(("command", "label", "key"), [
    ("translate", "segments", "segments"),
    ("postedit", "lines", "segments"),
    ("extract", "Arabic words read", "words"),
])
def test_summary_rows_give_this_run_and_the_whole_job_apart(command: str, label: str,
                                                            key: str) -> None:
    # A resumed job: this run did 2 of 10 documents.
    rows = _rows(summary_rows(command, _report(command, {key: 35}, {key: 302}, run_done=2)))
    assert SUMMARY_COLUMNS == ["", "this run", "whole job"]
    assert rows["documents done"] == [2, 10]
    assert rows["documents skipped (done before)"] == [8, ""]
    assert rows["documents in the job"] == ["", 10]
    assert rows[label] == [35, 302]


def test_a_run_that_did_nothing_shows_zeros_for_this_run_only() -> None:
    report = _report("postedit", {}, {"segments": 10, "missing": 4}, run_done=0)
    rows = _rows(summary_rows("postedit", report))
    assert rows["lines"] == [0, 10] and rows["terms still missing"] == [0, 4]
    assert "rate (documents)" not in rows  # no rate from nothing done


def test_slow_rates_are_per_minute_in_the_summary() -> None:
    report = _report("translate", {"segments": 466}, {"segments": 466}, run_done=10,
                     seconds=900.0)
    rows = _rows(summary_rows("translate", report))
    assert rows["rate (documents)"] == ["0.67/min", ""]
    assert rows["rate (segments)"] == ["0.52/s", ""]


@pytest.mark.parametrize(("n", "seconds", "shown"), [
    (352, 10, "35.2/s"),
    (7, 20, "0.35/s"),
    (43, 900, "2.87/min"),      # 0.05 documents/s
    (1, 36000, "0.10/h"),
    (0, 10, "0/s"),
    (5, 0, "0/s"),
])
def test_format_rate(n: int, seconds: float, shown: str) -> None:
    assert format_rate(n, seconds) == shown


@pytest.mark.parametrize(("done", "eta_shown"), [(4, False), (5, True)])
def test_progress_gives_an_eta_only_once_a_share_is_done(done: int, eta_shown: bool) -> None:
    stream = io.StringIO()
    with Progress(43, "documents", stream=stream, interval=0.0) as progress:
        progress.advance(done)
    line = stream.getvalue().strip()
    assert MIN_SHARE_FOR_ETA * 43 > 4
    assert ("ETA after 5 documents" not in line) is eta_shown
    assert (re.search(r", ETA \d+s$", line) is not None) is eta_shown

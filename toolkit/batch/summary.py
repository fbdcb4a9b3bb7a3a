"""What a batch job tells the operator: totals, ``report.json`` and ``failed.txt``."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from glossary.fileio import atomic_write_text
from toolkit.batch.manifest import DocState
from toolkit.progress import format_rate

__all__ = ["FAILED_NAME", "REMOVED_FAILED", "REMOVED_GONE", "REPORT_NAME", "SUMMARY_COLUMNS",
           "RunStats", "build_report", "dump", "escape_field", "failed_notice", "summary_rows",
           "write_failed"]

#: The report and the failed list, inside OUT_DIR.
REPORT_NAME = "report.json"
FAILED_NAME = "failed.txt"
#: Why a run removed a document's outputs (``report.json``'s ``removed`` list): its input
#: is no longer in INPUT_DIR, or it failed for good after an earlier run had done it.
REMOVED_GONE = "input gone"
REMOVED_FAILED = "failed"


@dataclass
class RunStats:
    """What this run did.

    Attributes:
        done: Documents processed successfully now.
        skipped: Documents already done with the same job key.
        failed: Documents that failed now or earlier (same key).
        retried: Failed attempts retried in this run.
        seconds: Wall time of the run.
        counts: The integer counts of the documents done now, summed.
        removed: Documents whose outputs this run removed: ``{"input", "reason",
            "files"}``, the reason ``input gone`` (no longer in INPUT_DIR, with
            ``--prune-gone``) or ``failed``.
        gone: Documents no longer in INPUT_DIR whose outputs were kept: ``{"input",
            "kept"}``.
    """

    done: int = 0
    skipped: int = 0
    failed: int = 0
    retried: int = 0
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)
    removed: list[dict[str, Any]] = field(default_factory=list)
    gone: list[dict[str, Any]] = field(default_factory=list)

    def add_counts(self, counts: Mapping[str, Any]) -> None:
        """Adds a document's integer counts to the run's totals (other values are ignored)."""
        for key, value in counts.items():
            if isinstance(value, int):
                self.counts[key] = self.counts.get(key, 0) + value


def build_report(command: str, signature: Mapping[str, Any], states: Iterable[DocState],
                 run: RunStats, extra: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Builds ``report.json``: the signature, totals over the job, this run, per document.

    Per-document details (segments and term outcomes, edits) are in
    ``OUT_DIR/reports/<input>.json``; the report names them.

    Args:
        command: ``translate``, ``postedit`` or ``extract``.
        signature: What produced the outputs (model, glossary hash, options).
        states: The manifest's rows.
        run: This run's numbers.
        extra: More top-level fields (the extracted glossary's path; ``skipped_paths``,
            the paths the walk passed over, counted in the totals; ``removed``, the
            documents whose outputs this run removed, see :class:`RunStats`).

    Returns:
        The report. A failed document has ``permanent``: true when its input must
        change (a bad input), false when a retry may pass; a ``skipped`` one (not
        Arabic, ``batch extract``) gives the reason as its ``error``.
    """
    totals: dict[str, int] = {"documents": 0, "done": 0, "failed": 0, "pending": 0,
                              "skipped": 0}
    docs = []
    for state in states:
        totals["documents"] += 1
        status = state.status if state.status in ("done", "failed", "skipped") else "pending"
        totals[status] += 1
        if status == "done":
            for key, value in state.counts.items():
                if isinstance(value, int):
                    totals[key] = totals.get(key, 0) + value
        doc = {"input": state.rel, "status": status, "output": state.output,
               "attempts": state.attempts, "error": state.error, "counts": state.counts}
        if status == "failed":
            doc["permanent"] = state.permanent
        docs.append(doc)
    totals["skipped_paths"] = len((extra or {}).get("skipped_paths", []))
    report: dict[str, Any] = {"command": command, "signature": dict(signature)}
    if command == "translate":
        from toolkit.translate import signature_string

        report["signature_string"] = signature_string(signature)
    report.update(extra or {})
    report["totals"] = totals
    report["run"] = {"done": run.done, "skipped": run.skipped, "failed": run.failed,
                     "retried": run.retried, "removed": len(run.removed),
                     "gone": len(run.gone),
                     "seconds": round(run.seconds, 3),
                     "counts": dict(sorted(run.counts.items()))}
    report["documents"] = docs
    return report


#: How ``failed.txt`` writes a backslash, tab, newline or carriage return of a field.
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def escape_field(text: str) -> str:
    """Escapes a ``failed.txt`` field: ``\\``, tab, newline and carriage return become
    ``\\\\``, ``\\t``, ``\\n`` and ``\\r``, so that each document is one line of three
    tab-separated fields whatever its file name holds.

    Args:
        text: A path or an error message.

    Returns:
        The escaped text (unchanged when it holds none of the four).
    """
    return text.translate(_ESCAPES)


def write_failed(path: Path, failed: Iterable[DocState]) -> int:
    """Writes ``failed.txt`` (``input<TAB>attempts<TAB>error`` per line, each field
    escaped by :func:`escape_field`), or removes it.

    Returns:
        The number of failed documents.
    """
    lines = [f"{escape_field(s.rel)}\t{s.attempts}\t{escape_field(s.error or '')}"
             for s in failed]
    if lines:
        atomic_write_text(path, "\n".join(lines) + "\n")
    elif path.exists():
        path.unlink()
    return len(lines)


def failed_notice(report: Mapping[str, Any], failed_path: Path) -> str:
    """The line that ends a job in which documents failed: where they are listed, and
    what helps. A bad input fails the same way until it changes (a changed document is
    redone by the next run), so only the others are offered ``--retry-failed``.

    Args:
        report: From :func:`build_report`.
        failed_path: ``failed.txt``.

    Returns:
        One line, without ``avet: `` and the newline.
    """
    failed = [d for d in report["documents"] if d["status"] == "failed"]
    bad_input = sum(1 for d in failed if d.get("permanent"))
    others = len(failed) - bad_input
    noun = "document" if len(failed) == 1 else "documents"
    line = f"{len(failed)} {noun} failed; see {failed_path}"
    if not bad_input:
        return line + "; rerun with --retry-failed to try them again"
    if not others:
        return line + ("; fix the input(s) listed there and rerun (a changed document is "
                       "redone; --retry-failed cannot help)")
    return line + (f"; fix the {bad_input} with a bad input and rerun; --retry-failed tries "
                   f"the other {others} again")


#: The columns of the summary table: what this run did, and where the whole job stands.
SUMMARY_COLUMNS = ["", "this run", "whole job"]


def summary_rows(command: str, report: Mapping[str, Any]) -> list[list[Any]]:
    """Returns the rows of the summary table printed at the end of a job.

    Each row has a label, this run's number and the whole job's (``""`` where one
    does not apply), under :data:`SUMMARY_COLUMNS`.
    """
    run = report["run"]
    totals = report["totals"]
    now = run["counts"]
    rows: list[list[Any]] = [
        ["documents done", run["done"], totals["done"]],
        ["documents skipped (done before)", run["skipped"], ""],
        ["documents failed", "", totals["failed"]],
    ]
    if totals.get("pending"):
        rows.append(["documents pending (rerun to finish)", "", totals["pending"]])
    rows.append(["documents in the job", "", totals["documents"]])
    if totals.get("skipped"):
        rows.append(["documents skipped (not Arabic)", "", totals["skipped"]])
    if totals.get("skipped_paths"):
        rows.append(["paths skipped", totals["skipped_paths"], ""])
    if report.get("gone"):
        rows.append(["documents gone from the input (outputs kept)", "", len(report["gone"])])
    removed = [r["reason"] for r in report.get("removed", [])]
    if removed.count(REMOVED_GONE):
        rows.append(["documents gone from the input (outputs removed)",
                     removed.count(REMOVED_GONE), ""])
    if removed.count(REMOVED_FAILED):
        rows.append(["failed documents whose earlier outputs were removed",
                     removed.count(REMOVED_FAILED), ""])
    if command == "translate":
        keys = [("segments", "segments"), ("terms applied", "applied"),
                ("terms repaired", "repaired"), ("terms failed", "failed_terms")]
    elif command == "postedit":
        from toolkit.postedit import ACTIONS

        keys = [("lines", "segments"),
                *((f"edits: {a.replace('_', ' ')}", a) for a in ACTIONS),
                ("terms still missing", "missing")]
    else:
        keys = [("Arabic words read", "words")]
    rows += [[label, now.get(key, 0), totals.get(key, 0)] for label, key in keys]
    if command == "extract":
        rows.append(["candidate entries", "", report.get("entries", 0)])
    if run["seconds"] > 0 and run["done"]:
        rows.append(["rate (documents)", format_rate(run["done"], run["seconds"]), ""])
        unit = "words" if command == "extract" else "segments"
        if now.get(unit):
            rows.append([f"rate ({unit})", format_rate(now[unit], run["seconds"]), ""])
    return rows


def dump(report: Mapping[str, Any], path: Path) -> None:
    """Writes ``report.json`` atomically."""
    atomic_write_text(path, json.dumps(report, ensure_ascii=False, indent=1) + "\n")

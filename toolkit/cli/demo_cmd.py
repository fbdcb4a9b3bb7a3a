"""``avet demo``: the main job on the sample documents that ship with avet."""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path
from typing import Any

from toolkit.cli.output import count, print_json, print_table, write_line
from toolkit.config import Config

__all__ = ["register"]


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Adds ``avet demo``."""
    p = sub.add_parser(
        "demo", help="run the main job on the shipped sample documents",
        description="Extract a glossary from the Arabic sample documents (the starter termbase "
                    "approves what it confirms), check and post-edit a sample English "
                    "translation against it, and export it as TBX and CSV.")
    p.add_argument("--out", default="avet-demo", help="output folder (default: ./avet-demo)")
    p.add_argument("--top", type=int, default=12, help="rows of the entry table (default: 12)")
    p.add_argument("--json", action="store_true", help="print a JSON summary")
    p.set_defaults(func=run)


def _top(rows: list[tuple[Any, str]], n: int) -> list[tuple[Any, str]]:
    """Names by frequency, terms by termhood score, then codes: about n rows in all."""
    names = sorted((r for r in rows if r[1] == "name"), key=lambda r: -r[0].frequency)
    terms = sorted((r for r in rows if r[1] == "term"), key=lambda r: -r[0].score)
    codes = sorted((r for r in rows if r[1] == "code"), key=lambda r: -r[0].frequency)
    share = max(1, n // 3)
    return names[:share] + terms[:n - 2 * share] + codes[:share]


def run(args: argparse.Namespace, config: Config) -> int:
    """Runs ``avet demo``: the main job on the samples, outputs under ``--out``."""
    from toolkit.demo import run_demo

    del config  # The demo keeps its own database inside --out.
    result = run_demo(Path(args.out))
    origins = Counter(origin for _, origin in result.entries)
    if args.json:
        print_json({"documents": result.documents, "entries": len(result.entries),
                    "approved": result.approved, "findings": len(result.findings),
                    "edits": result.edits, "by_origin": dict(origins),
                    "files": {k: str(v) for k, v in result.files.items()}})
        return 0
    best = _top(result.entries, args.top)
    print_table(("ar", "vi", "en", "kind", "status", "count"),
                [(e.term("ar"), e.forms["vi"].best(), e.term("en"), e.kind, e.status, e.frequency)
                 for e, _ in best],
                title=f"Top names, terms and codes of the {count(len(result.entries), 'entry')} "
                      f"extracted from {count(result.documents, 'sample document')}")
    write_line(f"Entries: {count(origins['name'], 'name')}, {count(origins['term'], 'term')}, "
               f"{count(origins['code'], 'code')}; {result.approved} confirmed by the starter "
               f"termbase and approved, the rest are candidates to review.")
    by_issue = Counter(f.issue for f in result.findings)
    kinds = ", ".join(f"{issue.replace('_', ' ')}: {n}" for issue, n in by_issue.items())
    write_line(f"Sample translation checked: {count(len(result.findings), 'finding')}"
               + (f" ({kinds})" if kinds else "")
               + f"; post-editing made {count(result.edits, 'edit')}.")
    write_line("Files:")
    for label, path in result.files.items():
        write_line(f"  {label:<24} {path}")
    write_line("Next: avet review --db " + str(result.files["database"]))
    return 0

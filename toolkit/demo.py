"""The main job on the sample documents that ship with avet (``avet demo``).

It runs what a terminologist's first day looks like, with the same library
functions as the single commands:

1. ``avet extract --approve-known``: a glossary draft from the Arabic samples,
   with the starter termbase approving what it confirms;
2. ``avet check`` and ``avet postedit``: a sample English translation checked
   and post-edited against the approved glossary;
3. ``avet glossary export``: the approved glossary as TBX and as the
   avet's multilingual CSV (which round-trips; ``--format google`` and
   ``--format amazon`` write the services' own layouts).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from glossary.fileio import atomic_write_text, make_folder
from glossary.formats import write_glossary
from glossary.model import Entry
from glossary.starter import load_starter_termbase
from glossary.store import Store
from toolkit.extract import Extractor, extract_paths, store_candidates
from toolkit.glossary_source import GlossaryIndex
from toolkit.postedit import postedit_lines
from toolkit.qa import Finding, check_lines, summarize

__all__ = ["DemoResult", "run_demo", "samples_dir"]

#: The sample translation the demo checks, and its source.
SAMPLE_PAIR = ("ar/quang_ninh.txt", "en/quang_ninh.txt")


def samples_dir() -> Path:
    """Returns the folder of sample documents that ships with avet."""
    return Path(str(resources.files("toolkit") / "data" / "samples"))


@dataclass
class DemoResult:
    """What the demo made and where it put it."""

    db: Path
    documents: int
    entries: list[tuple[Entry, str]]
    approved: int
    findings: list[Finding]
    edits: int
    files: dict[str, Path] = field(default_factory=dict)


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def run_demo(out: Path) -> DemoResult:
    """Runs the main job on the shipped samples.

    Args:
        out: The folder for the database, the post-edited text, the QA
            report and the exports (created if missing; re-running it is safe).

    Returns:
        The entries found, the QA findings and the files written.

    Raises:
        InputError: If ``out`` is a file or cannot be created.
    """
    samples = samples_dir()
    make_folder(out)
    db = out / "avet.db"
    with Store(db, actor="demo") as store:
        known = [*store.iter_entries(status="approved"), *load_starter_termbase()]
        extracted = extract_paths([samples / "ar"], Extractor(known, approve_known=True))
        rows = store_candidates(store, extracted.candidates, approve_known=True)
        approved = list(store.iter_entries(status="approved"))

    source_path, target_path = (samples / p for p in SAMPLE_PAIR)
    sources, targets = _lines(source_path), _lines(target_path)
    index = GlossaryIndex(approved, "ar", "en")
    findings = check_lines(sources, targets, index)
    edited = postedit_lines(sources, targets, index)

    files = {
        "database": db,
        "post-edited translation": out / "quang_ninh.postedited.en.txt",
        "QA report": out / "quang_ninh.check.json",
        "TBX": out / "glossary.tbx",
        "CSV": out / "glossary.csv",
    }
    atomic_write_text(files["post-edited translation"],
                      "".join(r.text + "\n" for r in edited))
    report: dict[str, Any] = {
        **summarize(findings, len(targets)),
        "source": str(source_path), "target": str(target_path),
        "findings": [f.to_dict() for f in findings],
    }
    atomic_write_text(files["QA report"], json.dumps(report, ensure_ascii=False, indent=1) + "\n")
    write_glossary(approved, files["TBX"])
    write_glossary(approved, files["CSV"])
    return DemoResult(db=db, documents=len(extracted.documents), entries=rows,
                      approved=len(approved), findings=findings,
                      edits=sum(len(r.edits) for r in edited), files=files)

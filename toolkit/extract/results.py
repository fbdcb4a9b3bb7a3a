"""What extraction produces, and the loop that reads documents into an extractor.

:func:`extract_paths` streams files and folders into an
:class:`~toolkit.extract.pipeline.Extractor` one document at a time; a file that
cannot be read is recorded and the others go on.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from glossary.errors import AvetError
from glossary.model import Entry
from toolkit.extract.reader import (
    arabic_share,
    iter_document_paths,
    passed_over,
    read_document,
    skip_notice,
)

if TYPE_CHECKING:
    from toolkit.extract.pipeline import Extractor

__all__ = ["ExtractResult", "Extracted", "extract_paths"]

logger = logging.getLogger("avet.extract")


@dataclass
class Extracted:
    """One candidate entry and where it came from.

    Attributes:
        entry: The trilingual entry (status ``candidate`` or ``approved``).
        origin: ``name``, ``term`` or ``code``: which detector found it.
        doc_counts: Occurrences per document.
        known: Whether an approved glossary entry confirms it.
    """

    entry: Entry
    origin: str
    doc_counts: dict[str, int] = field(default_factory=dict)
    known: bool = False


@dataclass
class ExtractResult:
    """What :func:`extract_paths` produced: candidates, documents read, failures, notices.

    ``notices`` are one-line remarks for the user (``FILE: decoded as Windows-1256``,
    ``warning: FILE: empty, nothing to extract``, ``warning: FILE: a broken link,
    skipped``); ``skipped`` lists the documents left out because hardly any of their
    letters are Arabic, as given, with that share; ``empty`` the documents left out
    because they are empty or blank, as given.
    """

    candidates: list[Extracted]
    documents: list[str]
    failures: list[AvetError]
    notices: list[str] = field(default_factory=list)
    skipped: list[tuple[str, float]] = field(default_factory=list)
    empty: list[str] = field(default_factory=list)


def extract_paths(paths: Iterable[str | Path], extractor: Extractor, *,
                  min_arabic_share: float = 0.0) -> ExtractResult:
    """Reads the documents one at a time into ``extractor``.

    A document is known by its absolute path with links resolved
    (:func:`os.path.realpath`): a file given twice (``dd dd/d1.txt``) is read once,
    and its evidence, contexts and per-document counts in the glossary store are
    keyed the same however the path was spelled, so extracting it again from
    another folder (with another extractor, in a later run) replaces its counts in
    the store instead of adding them (see
    :meth:`~toolkit.extract.pipeline.Extractor.add_document`). An extractor counts a
    document once: calling this again with the same ``extractor`` reads only the
    documents it has not counted yet, and each one already counted gets a notice
    (``FILE: already read into this extractor, not counted again``), so the
    evidence of several calls (folder by folder) adds up to that of one. A file
    that cannot be read is recorded in ``failures``; the others go on. A file decoded as
    Windows-1256 gets a notice, and so do an empty or blank file (left out, in
    ``empty``) and what a folder's walk passes over (a broken link: see
    :func:`~toolkit.extract.reader.passed_over`). All name the file as given.

    Args:
        paths: Files and folders (walked for *.txt and *.md, sorted).
        extractor: Where the evidence goes.
        min_arabic_share: A document whose letters are less Arabic than this
            (:func:`~toolkit.extract.reader.arabic_share`) is skipped, not read in.

    Returns:
        The candidates and the documents read (absolute paths) of every call with
        this ``extractor`` so far, then this call's failures, notices and documents
        skipped or empty.
    """
    failures: list[AvetError] = []
    notices: list[str] = []
    skipped: list[tuple[str, float]] = []
    empty: list[str] = []
    given = list(paths)
    for folder in given:
        for path, why in passed_over(folder):
            notices.append(f"warning: {skip_notice(path, why)}")
            logger.info("%s", notices[-1])
    counted = set(extractor.documents)  # by earlier calls: already realpaths
    seen: set[str] = set()
    for path in iter_document_paths(given):
        real = os.path.realpath(path)
        if real in seen:
            continue
        seen.add(real)
        if real in counted:
            notices.append(f"{path}: already read into this extractor, not counted again")
            logger.info("%s", notices[-1])
            continue
        try:
            doc = read_document(path)
        except AvetError as exc:
            logger.info("%s", exc)
            failures.append(exc)
            continue
        if not doc.text.strip():
            empty.append(str(path))
            notices.append(f"warning: {doc.path}: empty, nothing to extract")
            logger.info("%s", notices[-1])
            continue
        share = arabic_share(doc.text) if min_arabic_share > 0 else None
        if share is not None and share < min_arabic_share:
            skipped.append((str(path), share))
            continue
        if doc.encoding == "cp1256":
            notices.append(f"{doc.path}: decoded as Windows-1256")
            logger.info("%s", notices[-1])
        extractor.add_document(doc)
    return ExtractResult(extractor.entries(), list(extractor.documents), failures, notices,
                         skipped, empty)

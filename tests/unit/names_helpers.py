"""Helpers shared by the name-detection tests."""

from __future__ import annotations

from pathlib import Path

from toolkit.extract import Extractor, extract_paths
from toolkit.extract.names import NameDetector
from toolkit.extract.pipeline import Extracted
from toolkit.extract.tokenize import tokenize


def spans(detector: NameDetector, text: str) -> list[str]:
    """The surfaces of the names ``detector`` finds in ``text``, in text order."""
    return [s.surface for s in detector.detect(tokenize(text))]


def extracted_names(tmp_path: Path, text: str) -> dict[str, Extracted]:
    """The names ``avet extract`` (no starter termbase) finds in ``text``, by Arabic form."""
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    found = extract_paths([tmp_path / "a.txt"], Extractor([])).candidates
    return {x.entry.term("ar"): x for x in found if x.origin == "name"}


def name_readings(tmp_path: Path, text: str) -> dict[str, tuple[str, str]]:
    """Arabic form → (kind, top Vietnamese reading) of the names ``avet extract`` (no
    starter termbase) finds in ``text``."""
    return {ar: (x.entry.kind, x.entry.term("vi"))
            for ar, x in extracted_names(tmp_path, text).items()}


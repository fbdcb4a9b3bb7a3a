"""Helpers shared by the name-detection tests."""

from __future__ import annotations

from toolkit.extract.names import NameDetector
from toolkit.extract.tokenize import tokenize


def spans(detector: NameDetector, text: str) -> list[str]:
    """The surfaces of the names ``detector`` finds in ``text``, in text order."""
    return [s.surface for s in detector.detect(tokenize(text))]

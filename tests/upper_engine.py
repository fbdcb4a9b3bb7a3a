"""A fake MT engine for batch and pipeline tests: it upper-cases the source."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from models.base import Translation


class UpperEngine:
    """Upper-cases the source; raises on a sentence that contains ``BOOM``.

    Attributes:
        calls: The number of segments of each ``translate`` call.
    """

    name = "fake"
    model_id = "fake/upper"

    def __init__(self) -> None:
        self.calls: list[int] = []

    def signature(self) -> dict[str, Any]:
        return {"model": self.model_id, "engine": self.name}

    def translate(self, segments: Sequence[str], src: str, tgt: str, **_: Any
                  ) -> list[Translation]:
        self.calls.append(len(segments))
        if any("BOOM" in s for s in segments):
            raise RuntimeError("engine crashed")
        return [Translation(s.upper(), s.upper().split()) for s in segments]

"""avet's Textual review app. Imports glossary; anything else is passed in.

``ReviewConfig`` is importable without Textual; ``ReviewApp`` loads it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tui.config import BIDI_MODES, ReviewConfig

if TYPE_CHECKING:
    from tui.app import ReviewApp

__all__ = ["BIDI_MODES", "ReviewApp", "ReviewConfig"]


def __getattr__(name: str) -> Any:
    if name == "ReviewApp":
        from tui.app import ReviewApp

        return ReviewApp
    raise AttributeError(f"module 'tui' has no attribute {name!r}")

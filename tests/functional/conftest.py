"""Fixtures shared by the functional tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.functional.review_fixtures import build_review_db


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """The review app tests' database (:func:`build_review_db`); modules that test
    other commands define their own ``db``."""
    return build_review_db(tmp_path / "review.db")

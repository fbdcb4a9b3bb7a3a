"""Fixtures shared by the functional tests."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from tests.functional.bench_modules import load
from tests.functional.review_fixtures import build_review_db
from toolkit.extract.pipeline import Extracted


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """The review app tests' database (:func:`build_review_db`); modules that test
    other commands define their own ``db``."""
    return build_review_db(tmp_path / "review.db")


@pytest.fixture(scope="session")
def heldout_found() -> Callable[[str, bool], list[Extracted]]:
    """What ``avet extract`` finds in a held-out set's documents, with or without the
    starter termbase (benchmarks/eval_names_heldout.py ``run``): extracted once per
    worker for both the name and the term measures."""
    module = load("eval_names_heldout")

    @cache
    def found(held: str, use_starter: bool) -> list[Extracted]:
        return list(module.run(module.folder(held), use_starter))

    return found

"""Shared pytest fixtures.

Tiny MT models (see tests/tinymodels.py) are built once per test session.
"""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest


def pytest_configure(config: pytest.Config) -> None:
    """The suite runs offline: sockets are blocked (pytest-socket, in pyproject's addopts)
    and the Hugging Face libraries are told never to reach the Hub."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Collects the garbage once and freezes what is left, so that the full collections
    pytest runs at exit take milliseconds: a test worker (``pytest -n``) that takes more
    than 5 s to exit after its last test is interrupted by its controller. Objects
    collected here still report their errors (pytest's hook is still installed)."""
    gc.collect()
    gc.freeze()


@pytest.fixture(scope="session")
def tiny_marian(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A random Marian ar→en model in OPUS-MT layout (safetensors)."""
    from tests.tinymodels import build_tiny_marian

    return build_tiny_marian(tmp_path_factory.mktemp("models") / "opus-mt-ar-en", "ar", "en")


@pytest.fixture(scope="session")
def tiny_marian_en_vi(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A random Marian en→vi model in OPUS-MT layout (safetensors)."""
    from tests.tinymodels import build_tiny_marian

    return build_tiny_marian(tmp_path_factory.mktemp("models") / "opus-mt-en-vi", "en", "vi",
                             seed=1)


@pytest.fixture(scope="session")
def tiny_m2m100(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A random M2M100 model with ``__ar__``/``__vi__``/``__en__`` tokens."""
    from tests.tinymodels import build_tiny_m2m100

    return build_tiny_m2m100(tmp_path_factory.mktemp("models") / "m2m100-tiny")


@pytest.fixture(scope="session")
def tiny_marian_ct2(tiny_marian: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``tiny_marian`` converted to CTranslate2 (int8)."""
    from models.convert import convert_model

    out = tmp_path_factory.mktemp("ct2") / "opus-mt-ar-en-ct2"
    return convert_model(tiny_marian, out, quantization="int8").path


@pytest.fixture(scope="session")
def tiny_m2m100_ct2(tiny_m2m100: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``tiny_m2m100`` converted to CTranslate2 (int8)."""
    from models.convert import convert_model

    out = tmp_path_factory.mktemp("ct2") / "m2m100-tiny-ct2"
    return convert_model(tiny_m2m100, out, quantization="int8").path

"""Loading a model's tokenizer: offline, no noise, a clear error."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from models.errors import ModelError
from models.tokenizer import load_tokenizer


def test_a_marian_tokenizer_loads_without_the_sacremoses_advice(tiny_marian: Path) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        tokenizer = load_tokenizer(tiny_marian, hint="unused")
    assert type(tokenizer).__name__ == "MarianTokenizer"
    assert not [w for w in caught if "sacremoses" in str(w.message)]


def test_the_advice_is_only_silenced_inside_the_load(tiny_marian: Path) -> None:
    load_tokenizer(tiny_marian, hint="unused")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        warnings.warn("Recommended: pip install sacremoses.", UserWarning, stacklevel=1)
    assert len(caught) == 1


def test_a_directory_without_a_tokenizer_names_the_fix(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text('{"model_type": "marian"}', encoding="utf-8")
    with pytest.raises(ModelError, match="vocabulary file is missing") as info:
        load_tokenizer(tmp_path, hint="download the model again")
    assert info.value.hint == "download the model again"
    assert Path(info.value.path or "") == tmp_path


@pytest.mark.parametrize("enabled", [True, False])
def test_loading_a_model_draws_no_progress_bar_and_keeps_the_setting(
        tiny_marian: Path, capfd: pytest.CaptureFixture[str], enabled: bool) -> None:
    from huggingface_hub import utils as hub
    from transformers.utils import logging as hf_logging

    from models.discovery import inspect_dir
    from models.hf_backend import HFEngine

    hub_before = hub.are_progress_bars_disabled()
    (hf_logging.enable_progress_bar if enabled else hf_logging.disable_progress_bar)()
    hub_set = hub.are_progress_bars_disabled()
    try:
        HFEngine(inspect_dir(tiny_marian))
        assert "Loading weights" not in capfd.readouterr().err
        assert hf_logging.is_progress_bar_enabled() is enabled
        assert hub.are_progress_bars_disabled() is hub_set
    finally:
        hf_logging.enable_progress_bar()
        (hub.disable_progress_bars if hub_before else hub.enable_progress_bars)()

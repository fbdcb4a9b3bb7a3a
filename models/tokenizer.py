"""Loading the tokenizer saved with a model (offline, never remote code), and
keeping transformers' loading noise off the terminal while avet loads a model."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from models.errors import ModelError

__all__ = ["load_tokenizer", "quiet_loading", "quiet_tokenizer_advice"]

#: MarianTokenizer recommends sacremoses for a punctuation normalizer that
#: transformers 5 builds but never calls, so the advice is noise for avet's users.
_SACREMOSES_ADVICE = "Recommended: pip install sacremoses"


@contextmanager
def quiet_tokenizer_advice() -> Iterator[None]:
    """Drops MarianTokenizer's sacremoses advice while a tokenizer loads."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=_SACREMOSES_ADVICE, category=UserWarning)
        yield


@contextmanager
def quiet_loading() -> Iterator[None]:
    """Hides transformers' "Loading weights" progress bars while a model loads.

    transformers 5 draws them on stderr from ``from_pretrained``; its switch
    (``transformers.utils.logging.disable_progress_bar``) is process-wide, so it is
    turned off only inside this block and put back as it was afterwards (the
    Hugging Face Hub's own switch, which transformers flips with it, too).
    """
    from huggingface_hub import utils as hub
    from transformers.utils import logging as hf_logging

    was_enabled = hf_logging.is_progress_bar_enabled()
    hub_was_disabled = hub.are_progress_bars_disabled()
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        if was_enabled:
            hf_logging.enable_progress_bar()
        if hub.are_progress_bars_disabled() != hub_was_disabled:
            (hub.disable_progress_bars if hub_was_disabled else hub.enable_progress_bars)()


def load_tokenizer(path: Path, hint: str) -> Any:
    """Loads the Hugging Face tokenizer in a model directory.

    Args:
        path: The model directory.
        hint: What to do when it cannot be loaded (goes into the error).

    Returns:
        The tokenizer (``transformers.PreTrainedTokenizerBase``).

    Raises:
        ModelError: The directory holds no tokenizer transformers can load.
    """
    from transformers import AutoTokenizer

    with quiet_tokenizer_advice():
        try:
            return AutoTokenizer.from_pretrained(path, local_files_only=True,
                                                 trust_remote_code=False)
        except (OSError, ValueError) as exc:
            raise ModelError(f"cannot load the tokenizer saved with the model: {exc}",
                             path=path, hint=hint) from None
        except TypeError:  # transformers passes None on as the path of a missing file
            raise ModelError("cannot load the tokenizer saved with the model: a vocabulary "
                             "file is missing", path=path, hint=hint) from None

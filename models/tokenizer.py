"""Loading the tokenizer saved with a model: offline, never remote code."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from models.errors import ModelError

__all__ = ["load_tokenizer", "quiet_tokenizer_advice"]

#: MarianTokenizer recommends sacremoses for a punctuation normalizer that
#: transformers 5 builds but never calls, so the advice is noise for avet's users.
_SACREMOSES_ADVICE = "Recommended: pip install sacremoses"


@contextmanager
def quiet_tokenizer_advice() -> Iterator[None]:
    """Drops MarianTokenizer's sacremoses advice while a tokenizer loads."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=_SACREMOSES_ADVICE, category=UserWarning)
        yield


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

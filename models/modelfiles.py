"""Checks of the files in a model directory, before anything is loaded from it.

:func:`models.discovery.inspect_dir` runs them: a model avet would refuse to load
(remote code, weights that are broken links, missing tokenizer files) is listed
as refused, with the reason, and never picked by a search.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from models.errors import DamagedModelError, ModelError, UnsafeModelError

__all__ = ["PICKLE_WEIGHTS", "check_no_remote_code", "check_tokenizer_files",
           "check_weights_present", "read_json"]

#: Weight files that only pickle (or TensorFlow/Flax) can read; avet loads safetensors.
PICKLE_WEIGHTS = ("pytorch_model.bin", "pytorch_model.bin.index.json", "model.pt",
                  "model.ckpt", "tf_model.h5", "flax_model.msgpack")

#: Tokenizer files each family loads: every group needs one of its files present.
_TOKENIZER_FILES: dict[str, tuple[tuple[str, ...], ...]] = {
    "marian": (("source.spm",), ("target.spm",), ("vocab.json",)),
    "m2m100": (("sentencepiece.bpe.model",), ("vocab.json",)),
    "nllb": (("tokenizer.json", "sentencepiece.bpe.model"),),
}


def read_json(path: Path) -> dict[str, Any]:
    """Reads a JSON object of a model directory.

    Returns:
        The object; ``{}`` if the file does not exist.

    Raises:
        ModelError: If it is not valid JSON or not an object.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ModelError(f"not valid JSON: {exc}", path=path,
                         hint="re-download or re-convert the model") from None
    if not isinstance(data, dict):
        raise ModelError("expected a JSON object", path=path, hint="re-download the model")
    return data


def check_no_remote_code(path: Path, name: str) -> dict[str, Any]:
    """Reads ``path/name`` (a config) and refuses one that asks for remote code.

    Returns:
        The config (``{}`` if the file does not exist).

    Raises:
        UnsafeModelError: If it has ``auto_map`` or ``trust_remote_code``.
        ModelError: If it is not a JSON object.
    """
    data = read_json(path / name)
    if "auto_map" in data or data.get("trust_remote_code"):
        raise UnsafeModelError(
            f"{name} asks for remote code (auto_map); avet never runs code shipped with a model",
            path=path,
            hint="use a standard Marian, NLLB or M2M100 checkpoint")
    return data


def check_tokenizer_files(path: Path, family: str, fmt: str,
                          tok_config: Mapping[str, Any]) -> None:
    """Refuses a model whose tokenizer files are missing (it could not tokenize).

    Args:
        path: The model directory.
        family: ``marian``, ``nllb`` or ``m2m100``.
        fmt: ``transformers`` or ``ctranslate2`` (names the fix).
        tok_config: Its tokenizer_config.json.

    Raises:
        ModelError: Naming the missing files.
    """
    groups = _TOKENIZER_FILES[family]
    if family == "marian" and tok_config.get("separate_vocabs"):
        groups += (("target_vocab.json",),)
    missing = [" or ".join(group) for group in groups
               if not any((path / name).is_file() for name in group)]
    if missing:
        raise ModelError(
            f"tokenizer files missing: {', '.join(missing)}", path=path,
            hint=("re-convert the model with `avet models convert`, which copies them"
                  if fmt == "ctranslate2" else
                  "copy them from the model's download, where they sit beside config.json, "
                  "or download the model again"))


def check_weights_present(path: Path) -> None:
    """Refuses weight files that are broken links (an incomplete Hugging Face cache).

    Raises:
        DamagedModelError: If ``model.bin`` or a ``*.safetensors`` file is a link to
            nothing.
    """
    for weights in [path / "model.bin", *sorted(path.glob("*.safetensors"))]:
        if weights.is_symlink() and not weights.exists():
            raise DamagedModelError(weights)

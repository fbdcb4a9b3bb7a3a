"""Converting a transformers model directory to CTranslate2.

``convert_model`` runs CTranslate2's ``TransformersConverter`` on a local,
safetensors-only directory (it refuses what :func:`models.discovery.inspect_dir`
refuses), copies the tokenizer files beside the converted weights so the
CTranslate2 engine can tokenize, and writes atomically: it converts into a
temporary directory next to the output and renames it into place.
"""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
from pathlib import Path
from typing import Any

from models.discovery import ModelInfo, inspect_dir
from models.errors import ModelError
from models.tokenizer import quiet_tokenizer_advice

log = logging.getLogger("avet.models")

__all__ = ["QUANTIZATIONS", "TOKENIZER_FILES", "convert_model"]

#: Quantizations CTranslate2 accepts for the saved weights.
QUANTIZATIONS = ("int8", "int8_float32", "int8_float16", "int16", "float16", "bfloat16",
                 "float32")

#: Tokenizer files copied next to the converted model when present.
TOKENIZER_FILES = ("source.spm", "target.spm", "vocab.json", "target_vocab.json",
                   "tokenizer_config.json", "special_tokens_map.json", "tokenizer.json",
                   "sentencepiece.bpe.model", "spm.model", "generation_config.json")


class _TokenizerView:
    """A tokenizer whose ``get_vocab`` includes M2M100's language tokens.

    transformers 5's ``M2M100Tokenizer`` keeps its ``__xx__`` tokens outside
    ``get_vocab()``, so CTranslate2's converter would build a vocabulary without them.
    """

    def __init__(self, tokenizer: Any) -> None:
        self._tokenizer = tokenizer

    def __getattr__(self, name: str) -> Any:
        return getattr(self._tokenizer, name)

    def get_vocab(self) -> dict[str, int]:
        vocab = dict(self._tokenizer.get_vocab())
        vocab.update(getattr(self._tokenizer, "lang_token_to_id", {}) or {})
        return vocab


def _converter(source: Path) -> Any:
    from ctranslate2.converters import TransformersConverter

    class _SafeConverter(TransformersConverter):
        def load_model(self, model_class: Any, model_name_or_path: str, **kwargs: Any) -> Any:
            kwargs.update(use_safetensors=True, local_files_only=True, trust_remote_code=False)
            return model_class.from_pretrained(model_name_or_path, **kwargs)

        def load_tokenizer(self, tokenizer_class: Any, model_name_or_path: str,
                           **kwargs: Any) -> Any:
            kwargs.update(local_files_only=True, trust_remote_code=False)
            with quiet_tokenizer_advice():
                return _TokenizerView(tokenizer_class.from_pretrained(model_name_or_path,
                                                                      **kwargs))

    return _SafeConverter(str(source), load_as_float16=False, trust_remote_code=False)


def convert_model(source: str | Path, output: str | Path, quantization: str = "int8",
                  force: bool = False) -> ModelInfo:
    """Converts a transformers model directory to a CTranslate2 one.

    Args:
        source: The transformers model directory (safetensors weights).
        output: The directory to create.
        quantization: Weight type of the saved model, one of :data:`QUANTIZATIONS`.
        force: Replace ``output`` if it exists.

    Returns:
        The converted model, as :func:`models.discovery.inspect_dir` sees it.

    Raises:
        ModelError: If the source is unusable, the output exists (without ``force``),
            the quantization is unknown or the conversion fails.
    """
    source, output = Path(source).expanduser(), Path(output).expanduser()
    info = inspect_dir(source)
    if info.format != "transformers":
        raise ModelError("already a CTranslate2 model", path=source,
                         hint="pass a transformers model directory")
    if quantization not in QUANTIZATIONS:
        raise ModelError(f"unknown quantization {quantization!r}",
                         hint=f"use one of: {', '.join(QUANTIZATIONS)}")
    if output.exists() and not force:
        raise ModelError("output directory already exists", path=output,
                         hint="choose another OUT_DIR or pass --force")
    if info.family == "marian":
        _warn_nonzero_start_embedding(source)
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{output.name}.", dir=output.parent))
    try:
        try:
            _converter(source).convert(str(tmp), quantization=quantization, force=True)
        except (ValueError, NotImplementedError, OSError) as exc:
            raise ModelError(f"conversion failed: {exc}", path=source,
                             hint="only Marian, M2M100 and NLLB checkpoints are supported"
                             ) from exc
        for name in TOKENIZER_FILES:
            if (source / name).is_file() and not (tmp / name).exists():
                shutil.copy2(source / name, tmp / name)
        if output.exists():
            shutil.rmtree(output)
        tmp.rename(output)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)
    return inspect_dir(output, model_id=f"{info.model_id}-ct2")


def _warn_nonzero_start_embedding(source: Path) -> None:
    """Warns when a Marian model's decoder-start (pad) embedding is not zero.

    CTranslate2 assumes Marian's start token embeds to zeros, as OPUS-MT's do; a
    model fine-tuned with tied embeddings can break that, and its conversion
    then decodes differently from transformers.
    """
    from safetensors import safe_open

    config = json.loads((source / "config.json").read_text(encoding="utf-8"))
    start = config.get("decoder_start_token_id", config.get("pad_token_id"))
    for weights in sorted(source.glob("*.safetensors")):
        with safe_open(str(weights), framework="pt") as handle:
            names = [n for n in handle.keys() if n.endswith("shared.weight")  # noqa: SIM118
                     or n.endswith("decoder.embed_tokens.weight")]
            if names and start is not None:
                row = handle.get_slice(names[0])[int(start):int(start) + 1]
                if float(abs(row).max()) > 0:
                    log.warning("%s: the decoder-start (pad) embedding is not zero; CTranslate2 "
                                "assumes it is, so the converted model may translate "
                                "differently (zero that row before converting)", source)
                return

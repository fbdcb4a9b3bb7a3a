"""Converting a transformers model directory to CTranslate2.

``convert_model`` runs CTranslate2's ``TransformersConverter`` on a local,
safetensors-only directory (it refuses what :func:`models.discovery.inspect_dir`
refuses), copies the tokenizer files beside the converted weights so the
CTranslate2 engine can tokenize, and writes atomically: it converts into a
temporary directory next to the output and renames it into place, so a failed
conversion leaves an existing output as it was. It never writes into or over the
source, and ``force`` replaces only a previous conversion or an empty directory.
"""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
from pathlib import Path
from typing import Any

from models.discovery import ModelInfo, find_named, inspect_dir, model_id_for
from models.errors import ModelError
from models.tokenizer import quiet_loading, quiet_tokenizer_advice

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
            with quiet_loading():
                return model_class.from_pretrained(model_name_or_path, **kwargs)

        def load_tokenizer(self, tokenizer_class: Any, model_name_or_path: str,
                           **kwargs: Any) -> Any:
            kwargs.update(local_files_only=True, trust_remote_code=False)
            with quiet_tokenizer_advice():
                return _TokenizerView(tokenizer_class.from_pretrained(model_name_or_path,
                                                                      **kwargs))

    return _SafeConverter(str(source), load_as_float16=False, trust_remote_code=False)


def _check_output(source: Path, output: Path, force: bool) -> None:
    """Refuses an output that overlaps the source or is not ours to replace.

    Args:
        source: The source directory, symlinks resolved.
        output: The output directory, symlinks resolved.
        force: Whether an existing output may be replaced.

    Raises:
        ModelError: If ``output`` is ``source``, lies inside it or contains it; is not a
            directory; exists without ``force``; or holds something other than a
            CTranslate2 model.
    """
    if output == source or output.is_relative_to(source) or source.is_relative_to(output):
        where = ("is the source directory" if output == source else
                 f"lies inside the source directory {source}" if output.is_relative_to(source)
                 else f"contains the source directory {source}")
        raise ModelError(f"OUT_DIR {where}", path=output,
                         hint="choose an OUT_DIR outside the source model, e.g. NAME-ct2 "
                              "beside it")
    if output.exists() and not output.is_dir():
        raise ModelError("OUT_DIR exists and is not a directory", path=output,
                         hint="choose another OUT_DIR")
    if output.parent.exists() and not output.parent.is_dir():
        raise ModelError(f"{output.parent} is not a directory", path=output,
                         hint="choose another OUT_DIR")
    if not output.exists():
        return
    if not force:
        raise ModelError("output directory already exists", path=output,
                         hint="choose another OUT_DIR or pass --force")
    held = sorted(p.name for p in output.iterdir())
    if held and not (output / "model.bin").is_file():
        shown = ", ".join(held[:5]) + (f" and {len(held) - 5} more" if len(held) > 5 else "")
        raise ModelError(f"OUT_DIR is not a CTranslate2 model directory (it holds {shown}); "
                         "--force replaces only a previous conversion or an empty directory",
                         path=output, hint="choose another OUT_DIR, or empty it yourself")


def _replace(tmp: Path, output: Path) -> None:
    """Renames ``tmp`` to ``output``, moving an existing ``output`` aside until done."""
    if not output.exists():
        tmp.rename(output)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{output.name}.old.", dir=output.parent))
    old.rmdir()
    output.rename(old)
    try:
        tmp.rename(output)
    except OSError:
        old.rename(output)
        raise
    shutil.rmtree(old)


def convert_model(source: str | Path, output: str | Path, quantization: str = "int8",
                  force: bool = False) -> ModelInfo:
    """Converts a transformers model directory to a CTranslate2 one.

    Args:
        source: The transformers model directory (safetensors weights), or its id
            as ``avet models list`` prints it (see :func:`models.discovery.lookup`).
        output: The directory to create.
        quantization: Weight type of the saved model, one of :data:`QUANTIZATIONS`.
        force: Replace ``output`` if it exists and holds a CTranslate2 model (or
            nothing).

    Returns:
        The converted model, as :func:`models.discovery.inspect_dir` sees it.

    Raises:
        ModelNotFoundError: If the source is neither a directory nor a local model's id.
        ModelError: If the source is unusable, the output exists (without ``force``),
            overlaps the source or holds something else than a CTranslate2 model,
            the quantization is unknown or the conversion fails.
    """
    info = find_named(str(source), prefer="transformers")
    source, output = info.path, Path(output).expanduser()
    # A symlinked OUT_DIR is written where it points (the link stays).
    _check_output(source.resolve(), output.resolve(), force)
    output = output.resolve()
    if info.format != "transformers":
        raise ModelError("already a CTranslate2 model", path=source,
                         hint="pass a transformers model directory")
    if quantization not in QUANTIZATIONS:
        raise ModelError(f"unknown quantization {quantization!r}",
                         hint=f"use one of: {', '.join(QUANTIZATIONS)}")
    if info.family == "marian":
        _warn_nonzero_start_embedding(source)
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{output.name}.", dir=output.parent))
    except OSError as exc:
        raise ModelError(f"cannot create the output directory: {exc.strerror}", path=output,
                         hint="choose an OUT_DIR in a folder you can write to") from exc
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
        _replace(tmp, output)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)
    return inspect_dir(output, model_id=model_id_for(output))


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

"""Finding MT models on this machine, offline.

Where avet looks, in order:

1. a directory given by path (``--model PATH``);
2. ``AVET_MODELS_DIR`` (several directories joined by ``os.pathsep``), else
   ``~/.cache/avet/models``: each sub-directory holding a ``config.json`` is a model
   (``NAME/`` or ``ORG/NAME/``);
3. the Hugging Face cache: ``HF_HUB_CACHE``, else ``HF_HOME/hub``, else
   ``~/.cache/huggingface/hub``, laid out as ``models--ORG--NAME/snapshots/REV/``.

Nothing here touches the network. A directory is identified from its files: a
Transformers model has ``config.json`` (``model_type`` ``marian`` or ``m2m_100``;
NLLB is ``m2m_100`` with an NLLB tokenizer) and safetensors weights; a CTranslate2
model has ``model.bin`` beside its ``config.json`` and tokenizer files. A directory
that avet could not load (remote code, broken links, missing tokenizer files: see
:mod:`models.modelfiles`) is listed as refused, never picked by a search.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from models.errors import (
    ModelError,
    ModelNotFoundError,
    UnsafeModelError,
    UnsupportedDirectionError,
)
from models.langcodes import LANGUAGES, marian_target_token, normalize_lang
from models.modelfiles import (
    PICKLE_WEIGHTS,
    check_no_remote_code,
    check_tokenizer_files,
    check_weights_present,
    read_json,
)

__all__ = [
    "OBTAIN_HINT",
    "ModelInfo",
    "direction_notice",
    "find_models",
    "find_named",
    "hf_cache_dir",
    "inspect_dir",
    "lookup",
    "model_id_for",
    "resolve",
    "search_dirs",
]

#: How to get a model onto an offline machine.
OBTAIN_HINT = (
    "get one of Helsinki-NLP/opus-mt-ar-en (ar→en), Helsinki-NLP/opus-mt-en-ar (en→ar, needs "
    ">>ara<<), Helsinki-NLP/opus-mt-en-vi (en→vi), Helsinki-NLP/opus-mt-vi-en (vi→en), "
    "facebook/nllb-200-distilled-600M (all directions) or facebook/m2m100_418M (all directions): "
    "on a connected machine run `hf download ID` (or `huggingface-cli download ID`) and copy "
    "~/.cache/huggingface/hub/models--ORG--NAME into this machine's Hugging Face cache, or pass "
    "--model PATH; `avet models convert DIR OUT` makes a faster CTranslate2 copy"
)

_HF_FAMILIES = {"marian": "marian", "m2m_100": "m2m100", "nllb": "nllb", "nllb-moe": "nllb"}
_OPUS_NAME = re.compile(r"opus-mt-(?:tc-(?:big|base)-)?([a-zA-Z]+)-([a-zA-Z]+)")


@dataclass(frozen=True)
class ModelInfo:
    """A model found on disk.

    Attributes:
        model_id: ``ORG/NAME`` for the Hugging Face cache, else the directory name.
        path: The directory holding the model files.
        family: ``marian``, ``nllb`` or ``m2m100``.
        format: ``transformers`` or ``ctranslate2``.
        directions: The ``(src, tgt)`` pairs it translates (empty if unknown).
        revision: The Hugging Face snapshot hash, if from the cache.
        target_tokens: For multi-target Marian models, the ``>>xxx<<`` token per target.
    """

    model_id: str
    path: Path
    family: str
    format: str
    directions: frozenset[tuple[str, str]]
    revision: str | None = None
    target_tokens: Mapping[str, str] = field(default_factory=dict)

    def covers(self, src: str, tgt: str) -> bool:
        """Returns whether the model translates ``src`` to ``tgt``.

        Args:
            src: Source language code.
            tgt: Target language code.

        Returns:
            ``True`` if ``(src, tgt)`` is one of :attr:`directions`.
        """
        return (src, tgt) in self.directions

    def as_dict(self) -> dict[str, Any]:
        """Returns a JSON-ready view.

        Returns:
            The id, family, format, path, directions (``"src-tgt"``) and revision.
        """
        return {
            "id": self.model_id,
            "family": self.family,
            "format": self.format,
            "path": str(self.path),
            "directions": sorted(f"{s}-{t}" for s, t in self.directions),
            "revision": self.revision,
        }


def _all_pairs() -> frozenset[tuple[str, str]]:
    return frozenset((s, t) for s in LANGUAGES for t in LANGUAGES if s != t)


def _marian_directions(path: Path, model_id: str, tok_config: Mapping[str, Any]
                       ) -> tuple[frozenset[tuple[str, str]], dict[str, str]]:
    pair: tuple[str | None, str | None] = (None, None)
    src_raw, tgt_raw = tok_config.get("source_lang"), tok_config.get("target_lang")
    match = _OPUS_NAME.search(model_id) or _OPUS_NAME.search(str(path))
    if not (src_raw and tgt_raw) and match:
        src_raw, tgt_raw = match.group(1), match.group(2)
    if src_raw and tgt_raw:
        pair = (_try_lang(str(src_raw)), _try_lang(str(tgt_raw)))
    src, tgt = pair
    if src is None:
        return frozenset(), {}
    vocab = read_json(path / "vocab.json") or read_json(path / "shared_vocabulary.json")
    tokens = {lang: tok for lang in LANGUAGES
              if lang != src and (tok := marian_target_token(lang, vocab)) is not None}
    if tokens:
        return frozenset((src, t) for t in tokens), tokens
    if tgt is None:
        return frozenset(), {}
    return frozenset({(src, tgt)}), {}


def _try_lang(code: str) -> str | None:
    try:
        return normalize_lang(code)
    except ModelError:
        return None


def _family_from_tokenizer(path: Path, tok_config: Mapping[str, Any]) -> str | None:
    tok_class = str(tok_config.get("tokenizer_class", ""))
    if tok_class.startswith("Marian") or (path / "source.spm").is_file():
        return "marian"
    if tok_class.startswith("Nllb"):
        return "nllb"
    if tok_class.startswith("M2M100"):
        return "m2m100"
    return None


def inspect_dir(path: str | Path, model_id: str | None = None,
                revision: str | None = None) -> ModelInfo:
    """Identifies the model in a directory and checks it is safe to load.

    Args:
        path: The model directory.
        model_id: The id to report; defaults to the directory name.
        revision: The snapshot hash, if known.

    Returns:
        What the directory holds.

    Raises:
        ModelNotFoundError: If it is not a directory or has no config or weights.
        UnsafeModelError: If the weights are pickle-only or the config asks for remote code.
        DamagedModelError: If a weight file is a broken link.
        ModelError: If the model type is not one avet runs, or its tokenizer files
            are missing.
    """
    path = Path(path).expanduser()
    model_id = model_id or path.name
    if not path.is_dir():
        raise ModelNotFoundError("model directory not found", path=path, hint=OBTAIN_HINT)
    if not (path / "config.json").is_file():
        raise ModelNotFoundError("no config.json: not a model directory", path=path,
                                 hint=OBTAIN_HINT)
    config = check_no_remote_code(path, "config.json")
    tok_config = check_no_remote_code(path, "tokenizer_config.json")
    check_weights_present(path)
    if (path / "model.bin").is_file():
        fmt = "ctranslate2"
        family = _family_from_tokenizer(path, tok_config)
        if family is None:
            lowered = model_id.lower()
            family = "nllb" if "nllb" in lowered else "m2m100" if "m2m" in lowered else None
        if family is None:
            raise ModelError("cannot tell the model family of this CTranslate2 model", path=path,
                             hint="convert it with `avet models convert`, which keeps the "
                                  "tokenizer files")
    else:
        fmt = "transformers"
        if not any(path.glob("*.safetensors")):
            pickles = [name for name in PICKLE_WEIGHTS if (path / name).exists()]
            if pickles:
                raise UnsafeModelError(
                    f"only pickle weights ({', '.join(pickles)}); avet loads safetensors only",
                    path=path,
                    hint="convert it to safetensors on a trusted machine "
                         "(model.save_pretrained(DIR, safe_serialization=True)) or download "
                         "a revision that has model.safetensors")
            raise ModelNotFoundError("no model weights (model.safetensors) in the directory",
                                     path=path, hint=OBTAIN_HINT)
        model_type = str(config.get("model_type", ""))
        family = _HF_FAMILIES.get(model_type)
        if family is None:
            raise ModelError(f"unsupported model type {model_type!r}", path=path,
                             hint="supported: marian (OPUS-MT), m2m_100 (M2M100, NLLB)")
        if family == "m2m100" and (_family_from_tokenizer(path, tok_config) == "nllb"
                                   or "nllb" in model_id.lower()):
            family = "nllb"
    check_tokenizer_files(path, family, fmt, tok_config)
    if family == "marian":
        directions, tokens = _marian_directions(path, model_id, tok_config)
    else:
        directions, tokens = _all_pairs(), {}
    return ModelInfo(model_id=model_id, path=path, family=family, format=fmt,
                     directions=directions, revision=revision, target_tokens=tokens)


def search_dirs(env: Mapping[str, str] | None = None) -> list[Path]:
    """Returns avet's own model directories (``AVET_MODELS_DIR`` or ``~/.cache/avet/models``)."""
    env = os.environ if env is None else env
    raw = env.get("AVET_MODELS_DIR")
    if raw:
        return [Path(p).expanduser() for p in raw.split(os.pathsep) if p]
    return [Path("~/.cache/avet/models").expanduser()]


def model_id_for(path: str | Path, env: Mapping[str, str] | None = None) -> str:
    """Returns the id ``avet models list`` gives a model directory.

    Under one of :func:`search_dirs` it is the path relative to it (``NAME`` or
    ``ORG/NAME``; the shortest if search directories nest); anywhere else, the
    directory name.

    Args:
        path: The model directory.
        env: The environment to read (``os.environ`` when ``None``).
    """
    path = Path(path).expanduser()
    ids = [where.relative_to(base).as_posix() for root in search_dirs(env)
           for base, where in ((root, path), (root.resolve(), path.resolve()))
           if where.is_relative_to(base) and where != base]
    return min(ids, key=lambda i: (i.count("/"), i)) if ids else path.name


def hf_cache_dir(env: Mapping[str, str] | None = None) -> Path:
    """Returns the Hugging Face hub cache directory (``HF_HUB_CACHE``, ``HF_HOME/hub``...)."""
    env = os.environ if env is None else env
    if env.get("HF_HUB_CACHE"):
        return Path(env["HF_HUB_CACHE"]).expanduser()
    if env.get("HF_HOME"):
        return Path(env["HF_HOME"]).expanduser() / "hub"
    return Path("~/.cache/huggingface/hub").expanduser()


def _snapshot(repo_dir: Path) -> tuple[Path, str] | None:
    snapshots = repo_dir / "snapshots"
    if not snapshots.is_dir():
        return None
    ref = repo_dir / "refs" / "main"
    if ref.is_file():
        rev = ref.read_text(encoding="utf-8").strip()
        if (snapshots / rev).is_dir():
            return snapshots / rev, rev
    candidates = sorted((p for p in snapshots.iterdir() if p.is_dir()),
                        key=lambda p: p.stat().st_mtime, reverse=True)
    return (candidates[0], candidates[0].name) if candidates else None


def _candidates(env: Mapping[str, str] | None) -> list[tuple[str, Path, str | None]]:
    found: list[tuple[str, Path, str | None]] = []
    for root in search_dirs(env):
        if not root.is_dir():
            continue
        for config in sorted(root.glob("*/config.json")) + sorted(root.glob("*/*/config.json")):
            found.append((model_id_for(config.parent, env), config.parent, None))
    cache = hf_cache_dir(env)
    if cache.is_dir():
        for repo_dir in sorted(cache.glob("models--*")):
            snap = _snapshot(repo_dir)
            if snap is not None:
                model_id = repo_dir.name[len("models--"):].replace("--", "/")
                found.append((model_id, snap[0], snap[1]))
    return found


def find_models(env: Mapping[str, str] | None = None
                ) -> tuple[list[ModelInfo], list[tuple[str, Path, ModelError]]]:
    """Lists the models avet can find locally.

    Args:
        env: The environment to read (``os.environ`` when ``None``).

    Returns:
        The usable models, and ``(id, path, error)`` for directories that look like
        models but cannot be used (unsafe, unsupported, incomplete).
    """
    usable: list[ModelInfo] = []
    refused: list[tuple[str, Path, ModelError]] = []
    for model_id, path, revision in _candidates(env):
        try:
            usable.append(inspect_dir(path, model_id, revision))
        except ModelError as exc:
            refused.append((model_id, path, exc))
    return usable, refused


def lookup(model: str, env: Mapping[str, str] | None = None) -> list[tuple[str, Path, str | None]]:
    """Finds the directories a model id stands for, as ``(id, path, revision)``.

    The id is one that ``avet models list`` prints (``Helsinki-NLP/opus-mt-ar-en``, a
    name under ``AVET_MODELS_DIR``); a bare name (``opus-mt-ar-en``) also matches
    the one model whose id ends with ``/NAME``.

    Args:
        model: The id or bare name.
        env: The environment to read (``os.environ`` when ``None``).

    Returns:
        The matches (several when one id is in several search directories); empty
        if none.

    Raises:
        ModelNotFoundError: If a bare name matches the ids of several models.
    """
    candidates = _candidates(env)
    exact = [c for c in candidates if c[0] == model]
    if exact or "/" in model:
        return exact
    named = [c for c in candidates if c[0].rpartition("/")[2] == model]
    ids = sorted({mid for mid, _path, _rev in named})
    if len(ids) > 1:
        raise ModelNotFoundError(f"model name {model!r} matches several models: "
                                 f"{', '.join(ids)}",
                                 hint="give the full id that `avet models list` prints")
    return named


def find_named(model: str, *, prefer: str | None = None,
               env: Mapping[str, str] | None = None) -> ModelInfo:
    """Finds a model given by directory, id or bare name (see :func:`lookup`).

    Args:
        model: A model directory, an id or a bare name.
        prefer: ``transformers`` or ``ctranslate2``: the format to pick when the id
            names both.
        env: The environment to read (``os.environ`` when ``None``).

    Returns:
        The model.

    Raises:
        ModelNotFoundError: If nothing by that name is found locally.
        UnsafeModelError: If the model would need pickle or remote code.
        DamagedModelError: If its weight files are broken links.
    """
    if Path(model).expanduser().is_dir():
        return inspect_dir(Path(model).expanduser())
    matches = lookup(model, env)
    if not matches:
        raise ModelNotFoundError(f"model {model!r} not found locally", hint=OBTAIN_HINT)
    infos = [inspect_dir(p, mid, rev) for mid, p, rev in matches]
    infos.sort(key=lambda i: i.format != prefer)
    return infos[0]


def _named_pair(model_id: str) -> bool | tuple[str | None, str | None]:
    """What a model's id says it translates: ``True`` for all pairs, else an OPUS-MT pair."""
    lowered = model_id.lower()
    if "nllb" in lowered or "m2m" in lowered:
        return True
    match = _OPUS_NAME.search(model_id)
    return (_try_lang(match.group(1)), _try_lang(match.group(2))) if match else (None, None)


def direction_notice(info: ModelInfo, src: str, tgt: str) -> str | None:
    """The notice for running a model whose direction is unknown as ``src`` → ``tgt``.

    Such a model's directions are unknown (an empty ``directions``): a Marian model
    with neither ``source_lang``/``target_lang`` in its tokenizer_config.json nor an
    OPUS-MT name. A search never picks one; a model given by name runs in the
    direction asked for.

    Args:
        info: The model.
        src: The source language asked for.
        tgt: The target language asked for.

    Returns:
        One line naming the assumed direction and how to declare it, or ``None`` if
        the model declares its directions.
    """
    if info.directions:
        return None
    return (f"model {info.model_id} does not say which direction it translates; assuming "
            f"{src}→{tgt} as asked: declare it with \"source_lang\": "
            f"\"{src}\", \"target_lang\": \"{tgt}\" in {info.path / 'tokenizer_config.json'}, "
            f"or name its folder opus-mt-{src}-{tgt}")


def _refused_for(src: str, tgt: str, refused: list[tuple[str, Path, ModelError]]
                 ) -> ModelNotFoundError:
    """The error when no usable model covers the pair, naming refused ones that would."""
    blocked = [(mid, err) for mid, _path, err in refused
               if (pair := _named_pair(mid)) is True or pair == (src, tgt)]
    if not blocked:
        return ModelNotFoundError(f"no local model translates {src}→{tgt}", hint=OBTAIN_HINT)
    model_id, error = blocked[0]
    more = (f" (also refused: {', '.join(mid for mid, _err in blocked[1:])})"
            if len(blocked) > 1 else "")
    return ModelNotFoundError(
        f"no usable local model translates {src}→{tgt}: {model_id} is installed but refused: "
        f"{error.message}{more}", path=error.path, hint=error.hint)


def resolve(model: str | None, src: str, tgt: str, *, prefer: str | None = None,
            env: Mapping[str, str] | None = None) -> ModelInfo:
    """Finds the model to translate ``src`` → ``tgt`` with.

    Args:
        model: A directory, a model id (``Helsinki-NLP/opus-mt-ar-en`` or a name under
            ``AVET_MODELS_DIR``), a bare name (``opus-mt-ar-en``, see :func:`lookup`),
            or ``None`` for any local model covering the direction.
        src: Source language.
        tgt: Target language.
        prefer: ``transformers`` or ``ctranslate2``: the format to pick when both exist.
        env: The environment to read (``os.environ`` when ``None``).

    Returns:
        The model found.

    Raises:
        ModelNotFoundError: If no such model is found locally (naming an installed
            model that covers the direction but was refused, and why).
        UnsupportedDirectionError: If the named model does not translate ``src`` → ``tgt``.
        UnsafeModelError: If the named model would need pickle or remote code.
        DamagedModelError: If the named model's weight files are broken links.
    """
    src, tgt = normalize_lang(src), normalize_lang(tgt)
    if model is not None:
        info = find_named(model, prefer=prefer, env=env)
    else:
        usable, refused = find_models(env)
        covering = [i for i in usable if i.covers(src, tgt)]
        if not covering:
            raise _refused_for(src, tgt, refused)
        # Bilingual models first (usually better and smaller), then the preferred format;
        # models with unknown directions cover nothing, so a search never picks one.
        covering.sort(key=lambda i: (len(i.directions) > 1, i.format != prefer, i.model_id,
                                     str(i.path)))
        info = covering[0]
    if info.directions and not info.covers(src, tgt):
        have = ", ".join(sorted(f"{s}→{t}" for s, t in info.directions))
        raise UnsupportedDirectionError(
            f"model {info.model_id} does not translate {src}→{tgt} (it covers {have})",
            path=info.path, hint="pick another model, or name none to pivot through en")
    return info

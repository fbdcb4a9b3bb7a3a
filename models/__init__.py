"""avet's MT engines behind one Protocol. Imports no other package of avet's.

Typical use::

    from models import load_engine
    engine = load_engine(None, "ar", "vi")            # any local model, or ar→en→vi
    [t] = engine.translate(["..."], "ar", "vi", constraints=[["chuyển đổi số"]])

Heavy libraries (torch, transformers, ctranslate2) load only when an engine is built.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from pathlib import Path

from models.base import (
    DEVICES,
    Engine,
    TermConstraint,
    Translation,
    check_device,
    gpu_count,
)
from models.discovery import (
    OBTAIN_HINT,
    ModelInfo,
    direction_notice,
    find_models,
    find_named,
    inspect_dir,
    lookup,
    resolve,
)
from models.errors import (
    DamagedModelError,
    ModelError,
    ModelNotFoundError,
    UnsafeModelError,
    UnsupportedDirectionError,
)
from models.langcodes import normalize_lang

__all__ = [
    "DEVICES",
    "ENGINES",
    "DamagedModelError",
    "Engine",
    "ModelError",
    "ModelInfo",
    "ModelNotFoundError",
    "TermConstraint",
    "Translation",
    "UnsafeModelError",
    "UnsupportedDirectionError",
    "check_device",
    "engine_for",
    "find_models",
    "find_named",
    "gpu_count",
    "inspect_dir",
    "load_engine",
    "lookup",
    "resolve",
]

#: Engine names ``load_engine`` accepts.
ENGINES = ("transformers", "ctranslate2")
PIVOT = "en"


def engine_for(info: ModelInfo, device: str = "cpu", batch_size: int = 16,
               parallel: int = 1, threads: int | None = None) -> Engine:
    """Builds the engine that runs a model found on disk (by its format).

    Args:
        info: The model.
        device: ``cpu`` or ``cuda`` (:data:`DEVICES`).
        batch_size: Segments per batch.
        parallel: Batches decoded at once (CTranslate2 only: one model replica per
            batch, the CPU cores shared out among them).
        threads: CPU threads the engine may use in all (CTranslate2 only; a Ray
            actor passes the CPUs it reserved); ``None``: the CPUs this process
            may use.

    Returns:
        The engine.

    Raises:
        ModelError: If ``device`` is not one of :data:`DEVICES` (or is ``cuda``
            with no usable GPU), ``parallel`` is above 1 for a transformers model,
            or ``batch_size``, ``parallel`` or ``threads`` is below 1.
    """
    check_device(device)  # before any backend loads
    if info.format == "ctranslate2":
        from models.ct2_backend import CT2Engine

        return CT2Engine(info, device=device, batch_size=batch_size, parallel=parallel,
                         threads=threads)
    if parallel != 1:
        raise ModelError(f"{info.model_id} is a transformers model: it decodes one batch at a "
                         "time", path=info.path,
                         hint="decode one batch at a time (parallel 1), or convert the model "
                         "with `avet models convert DIR OUT` and run it with the ctranslate2 "
                         "engine")
    from models.hf_backend import HFEngine

    return HFEngine(info, device=device, batch_size=batch_size)


def _one(model: str | None, src: str, tgt: str, engine: str, device: str, batch_size: int,
         env: Mapping[str, str] | None, parallel: int = 1,
         engine_source: str | None = None, threads: int | None = None) -> Engine:
    """Loads one model: a named one runs with its own format unless an engine was asked for."""
    info = resolve(model, src, tgt, prefer=engine, env=env)
    if (notice := direction_notice(info, src, tgt)) is not None:
        logging.getLogger("avet.models").warning("%s", notice)
    if info.format != engine and model is not None and engine_source is not None:
        fix = (f"make a CTranslate2 copy with `avet models convert {model} OUT` and give it "
               "as the model" if engine == "ctranslate2"
               else "give the transformers model it was converted from")
        raise ModelError(f"is a {info.format} model, but {engine_source} asks for {engine}",
                         path=model, hint=f"{fix}, or drop {engine_source}")
    if info.format != engine and model is None:
        raise ModelError(
            f"model {info.model_id} is a {info.format} model, not {engine}", path=info.path,
            hint=("make a CTranslate2 copy with `avet models convert DIR OUT`"
                  if engine == "ctranslate2" else "run it with the ctranslate2 engine"))
    return engine_for(info, device=device, batch_size=batch_size, parallel=parallel,
                      threads=threads)


def load_engine(model: str | Path | None, src: str, tgt: str, *, engine: str = "transformers",
                device: str = "cpu", batch_size: int = 16,
                env: Mapping[str, str] | None = None, parallel: int = 1,
                engine_source: str | None = None, threads: int | None = None) -> Engine:
    """Loads an engine for ``src`` → ``tgt``, pivoting through English if needed.

    Args:
        model: A model directory (a ``str`` or :class:`~pathlib.Path`) or id;
            ``FIRST+SECOND`` for an explicit pivot
            (``Helsinki-NLP/opus-mt-ar-en+Helsinki-NLP/opus-mt-en-vi``; an empty leg,
            as in ``FIRST+``, is any local model for it); ``None`` for any local
            model covering the direction, else two legs through ``en``.
        src: Source language.
        tgt: Target language.
        engine: ``transformers`` or ``ctranslate2``: the format a search must
            have. A named model (directory or id; each pivot leg on its own) runs
            with the engine of its own format, unless ``engine_source`` says the
            engine was asked for.
        device: ``cpu`` or ``cuda`` (:data:`DEVICES`).
        batch_size: Segments per engine call.
        env: The environment to search models in (``os.environ`` when ``None``).
        parallel: Batches decoded at once (CTranslate2 only; see :func:`engine_for`).
        engine_source: Who asked for ``engine`` (``"--engine"``, ``"avet.toml:3
            (engine)"``), named in the error when a model directory has the other
            format; ``None`` when nobody did.
        threads: CPU threads each engine may use in all (CTranslate2 only; see
            :func:`engine_for`); ``None``: the CPUs this process may use.

    Returns:
        A ready engine.

    Raises:
        ModelNotFoundError: If no model (or pair of pivot models) is found.
        UnsupportedDirectionError: If the named model cannot translate the pair.
        UnsafeModelError: If a model needs pickle weights or remote code.
        DamagedModelError: If a model's weight files are truncated, corrupt or missing.
        ModelError: For an unknown engine or device or a format mismatch, or
            ``batch_size``, ``parallel`` or ``threads`` below 1.
    """
    from models.pivot import PivotEngine

    if engine not in ENGINES:
        raise ModelError(f"unknown engine {engine!r}", hint=f"use one of: {', '.join(ENGINES)}")
    check_device(device)
    if model is not None:
        model = os.fspath(model)
    src, tgt = normalize_lang(src), normalize_lang(tgt)
    if model is not None and "+" in model:
        first, second = model.split("+", 1)
        return PivotEngine(_one(first or None, src, PIVOT, engine, device, batch_size, env,
                                parallel, engine_source, threads),
                           _one(second or None, PIVOT, tgt, engine, device, batch_size, env,
                                parallel, engine_source, threads),
                           PIVOT)
    if model is not None or PIVOT in (src, tgt):
        return _one(model, src, tgt, engine, device, batch_size, env, parallel, engine_source,
                    threads)
    try:
        return _one(None, src, tgt, engine, device, batch_size, env, parallel, threads=threads)
    except ModelNotFoundError:
        try:
            first_leg = _one(None, src, PIVOT, engine, device, batch_size, env, parallel,
                             threads=threads)
            second_leg = _one(None, PIVOT, tgt, engine, device, batch_size, env, parallel,
                              threads=threads)
        except ModelNotFoundError as exc:
            raise ModelNotFoundError(
                f"no local model translates {src}→{tgt}, directly or through {PIVOT} "
                f"({exc.message})", hint=OBTAIN_HINT) from None
        return PivotEngine(first_leg, second_leg, PIVOT)

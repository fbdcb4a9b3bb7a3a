"""``avet models``: list the MT models found locally, convert them to CTranslate2."""

from __future__ import annotations

import argparse

from models.discovery import OBTAIN_HINT, find_models, hf_cache_dir, search_dirs
from toolkit.cli.output import print_json, print_table, write_line
from toolkit.config import Config

__all__ = ["register", "run"]


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Adds ``avet models list`` and ``avet models convert``."""
    p = sub.add_parser(
        "models", parents=[common], help="list local MT models, convert them to CTranslate2",
        description="Find MT models on this machine (offline) and convert them for "
                    "CTranslate2. Searched: AVET_MODELS_DIR (or ~/.cache/avet/models) and "
                    "the Hugging Face cache (HF_HUB_CACHE, HF_HOME/hub or "
                    "~/.cache/huggingface/hub).")
    actions = p.add_subparsers(dest="models_action", metavar="ACTION")
    actions.required = True
    lst = actions.add_parser("list", parents=[common], help="show the models found locally")
    lst.add_argument("--json", action="store_true", help="one JSON object per model")
    lst.set_defaults(func=run)
    conv = actions.add_parser(
        "convert", parents=[common], help="convert a transformers model to CTranslate2",
        description="Convert a Marian/M2M100/NLLB model directory (safetensors) into a "
                    "CTranslate2 directory with its tokenizer files; faster on CPU.")
    conv.add_argument("source", metavar="SRC",
                      help="transformers model directory, or its id as 'avet models list' "
                           "prints it (Helsinki-NLP/opus-mt-ar-en, or opus-mt-ar-en if only "
                           "one id ends so)")
    conv.add_argument("output", metavar="OUT_DIR",
                      help="directory to create, outside the source model")
    conv.add_argument("--quantization", default="int8",
                      help="weight type: int8 (default), int8_float16, float16, float32...")
    conv.add_argument("--force", action="store_true",
                      help="replace OUT_DIR if it holds an earlier conversion or nothing (never "
                           "other files, never the source model)")
    conv.add_argument("--json", action="store_true", help="print the result as JSON")
    conv.set_defaults(func=run)


def run(args: argparse.Namespace, config: Config) -> int:
    """Runs ``avet models ACTION``."""
    del config
    if args.models_action == "convert":
        return _convert(args)
    return _list(args)


def _list(args: argparse.Namespace) -> int:
    usable, refused = find_models()
    if args.json:
        for info in usable:
            print_json({**info.as_dict(), "status": "ok"})
        for model_id, path, error in refused:
            print_json({"id": model_id, "path": str(path), "status": "refused",
                        "error": str(error)})
        return 0
    if not usable and not refused:
        where = ", ".join(str(p) for p in [*search_dirs(), hf_cache_dir()])
        write_line(f"no models found in {where}")
        write_line(f"to add one: {OBTAIN_HINT}")
        return 0
    rows = [(i.model_id, i.family, i.format,
             " ".join(sorted(f"{s}→{t}" for s, t in i.directions)) or "?", str(i.path))
            for i in usable]
    rows += [(model_id, "", "refused", error.message, str(path))
             for model_id, path, error in refused]
    print_table(["id", "family", "format", "directions", "path"], rows, title="MT models")
    return 0


def _convert(args: argparse.Namespace) -> int:
    from models.convert import convert_model

    info = convert_model(args.source, args.output, quantization=args.quantization,
                         force=args.force)
    if args.json:
        print_json({**info.as_dict(), "quantization": args.quantization})
    else:
        write_line(f"converted {args.source} → {info.path} ({info.family}, "
                   f"{args.quantization}; directions: "
                   f"{' '.join(sorted(f'{s}→{t}' for s, t in info.directions)) or '?'})")
    return 0

"""``avet translate``: translate documents with a local model and the approved glossary."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from glossary import LANGS, InputError
from glossary.fileio import atomic_write_text, is_stream
from models import DEVICES, ENGINES
from toolkit.cli.output import count, print_json, write_line
from toolkit.config import Config
from toolkit.extract.reader import (
    DOCUMENT_SUFFIXES,
    iter_document_paths,
    passed_over,
    skip_notice,
)
from toolkit.glossary_source import GlossaryIndex, load_glossary
from toolkit.progress import Progress
from toolkit.translate import (
    TranslateOptions,
    build_signature,
    check_distinct_outputs,
    output_name,
    prepare_document,
    translate_segments,
    translation_report,
    write_report,
)
from toolkit.translate.document import all_left_out_error, folder_walk, left_out_notice

if TYPE_CHECKING:
    from models import Engine, ModelError
    from toolkit.extract.reader import Document

__all__ = ["build_options", "check_device", "load_engine_for", "load_index", "model_choice",
           "register"]

#: The input or --out that stands for standard input or output.
STDIO = "-"

log = logging.getLogger(__name__)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Adds ``avet translate``."""
    p = sub.add_parser(
        "translate", parents=[common], help="translate documents, enforcing the glossary",
        description="Translate documents with a local MT model. Approved glossary terms are "
                    "constrained during decoding, verified and repaired; codes and "
                    "do-not-translate terms are kept verbatim. A JSON report says, per "
                    "sentence, which terms were applied, repaired or failed.")
    add_translate_options(p)
    p.add_argument("inputs", nargs="+", metavar="FILE|DIR",
                   help="documents (.txt/.md) or folders; - reads one document from stdin")
    p.add_argument("--out", help="output file for one document (created; a folder only if it "
                                 "ends with / or is one), or folder for several documents or "
                                 "a folder (outputs named STEM.TGT.SUFFIX, a language tag "
                                 "replaced: news.ar.txt gives news.en.txt, as in 'batch "
                                 "translate'); - or none: print to stdout. A folder --out "
                                 "inside an input folder is never read as input; an input "
                                 "folder itself is refused as --out")
    p.add_argument("--report", help="JSON report path (default: OUT.report.json, or "
                                    "OUT/report.json for a folder; none when the output is "
                                    "stdout, a pipe or a device)")
    p.add_argument("--json", action="store_true",
                   help="print one JSON object on stdout: the report's totals, its path and "
                        "the signature; without --out it also carries the translation in "
                        "\"text\" and nothing else is printed on stdout")
    p.set_defaults(func=run)


def add_translate_options(p: argparse.ArgumentParser) -> None:
    """Adds the options shared by ``translate`` and ``batch translate``."""
    p.add_argument("--from", dest="src", required=True, choices=LANGS, help="source language")
    p.add_argument("--to", dest="tgt", required=True, choices=LANGS, help="target language")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--glossary", help="glossary database or file (default: --db)")
    which.add_argument("--no-glossary", action="store_true",
                       help="translate without a glossary")
    p.add_argument("--model", help="model directory, or an id that 'avet models list' prints "
                                   "(or its last part, as opus-mt-ar-en, if only one id ends "
                                   "so) (default: avet.toml's [models] entry for the direction "
                                   "or its legs through en, or its model if it translates it; "
                                   "else any local model)")
    p.add_argument("--engine", choices=ENGINES,
                   help="MT engine (default: avet.toml's engine, else transformers; a model "
                        "given by --model or [models] runs with its own format unless an "
                        "engine is asked for)")
    p.add_argument("--device", choices=DEVICES,
                   help="where the model runs (default: cpu, or avet.toml's device)")
    p.add_argument("--beam", type=int, help="beam size (default 4)")
    p.add_argument("--batch-size", type=int, help="sentences per batch (default 16)")
    p.add_argument("--parallel", type=int,
                   help="batches decoded side by side, the CPU cores shared among them "
                   "(--engine ctranslate2 only; default 1, or avet.toml's parallel)")
    p.add_argument("--max-length", type=int, default=256, help="maximum target tokens per sentence")
    p.add_argument("--no-constraints", action="store_true",
                   help="give the decoder no constraints at all, codes and URLs included "
                   "(terms, codes and URLs are still verified and repaired)")
    p.add_argument("--no-repair", action="store_true", help="skip the verify-and-repair pass")


def build_options(args: argparse.Namespace, config: Config) -> TranslateOptions:
    """Validates the shared options once and returns them."""
    if args.src == args.tgt:
        raise InputError(f"--from and --to are both {args.src!r}", hint="choose two languages")
    # avet.toml's values were checked when it was read; these are the flags'.
    for flag, value in (("--beam", args.beam), ("--batch-size", args.batch_size),
                        ("--max-length", args.max_length), ("--parallel", args.parallel)):
        if value is not None and value < 1:
            raise InputError(f"{flag} {value}: must be at least 1", hint=f"give {flag} 1 or more")
    beam = args.beam if args.beam is not None else config.beam_size
    batch = args.batch_size if args.batch_size is not None else config.batch_size
    parallel = args.parallel if args.parallel is not None else config.parallel
    check_device(args.device or config.device, args.engine or config.engine,
                 None if args.device else config.origin("device"))
    return TranslateOptions(src=args.src, tgt=args.tgt, beam_size=beam,
                            max_length=args.max_length, batch_size=batch,
                            constrain=not args.no_constraints, repair=not args.no_repair,
                            parallel=parallel)


def check_device(device: str, engine: str, origin: str | None = None) -> None:
    """Refuses ``cuda`` when the engine sees no CUDA device: :func:`models.check_device`
    with the engine's own count (:func:`models.gpu_count`), worded for the CLI.

    torch (or ctranslate2) is imported only for ``cuda``, so a CPU run loads
    neither before it needs a model.

    Args:
        device: ``cpu`` or ``cuda`` (:data:`models.DEVICES`).
        engine: ``transformers`` or ``ctranslate2``.
        origin: ``PATH:LINE`` of avet.toml's ``device`` when the device comes from
            there; ``None``: from ``--device``.

    Raises:
        InputError: If ``device`` is ``cuda`` and no CUDA device is visible.
        ModelError: If ``device`` is not one of :data:`models.DEVICES`.
    """
    from models import ModelError, gpu_count
    from models import check_device as check

    try:
        check(device, lambda: gpu_count(engine))
    except ModelError as exc:
        if device not in DEVICES:
            raise
        if origin is None:
            raise InputError(f"--device {device}: no CUDA device is visible",
                             hint="use --device cpu") from exc
        raise InputError(f"device = {device!r}: no CUDA device is visible", path=origin,
                         hint='set device = "cpu" there, or give --device cpu') from exc


def load_index(args: argparse.Namespace, config: Config) -> tuple[GlossaryIndex | None, str | None,
                                                                 str | None]:
    """Returns the glossary index for the direction, its hash and origin (or Nones)."""
    if args.no_glossary:
        return None, None, None
    source = load_glossary(args.glossary, config.db, src=args.src, tgt=args.tgt)
    return GlossaryIndex(source.entries, args.src, args.tgt), source.hash, source.origin


def model_choice(args: argparse.Namespace, config: Config) -> tuple[str | None, str | None]:
    """The model to translate ``args.src`` → ``args.tgt`` with, and where it was set.

    ``--model`` first; else avet.toml's ``[models]`` entry for the direction, or
    both its legs through en; else avet.toml's ``model`` if it translates the
    direction; else one ``[models]`` leg through en (checked against its own line;
    the other leg is searched for); else, with ``model`` set, a notice that it does
    not translate the direction and a local model is searched for; else ``None``
    (any local model, or a pivot through en).

    Returns:
        ``(model, origin)``: ``model`` is ``FIRST+SECOND`` for a pivot (a leg left
        empty is searched for); ``origin`` is ``"--model"``, ``"PATH:LINE (KEY)"``
        of avet.toml, or ``None``.

    Raises:
        InputError: If a model set in avet.toml cannot be used (naming its line).
    """
    if args.model:
        return args.model, "--model"
    model, key = config.model_for(args.src, args.tgt)
    if model is None or key is None:
        return None, None
    origin = _origin(config, key)
    legs = config.pivot_legs(args.src, args.tgt)
    # One leg set: a single model that translates the direction itself comes first.
    if (legs is not None and any(leg is None for leg, _key in legs) and config.model
            and _translates(config, args)):
        return config.model, _origin(config, "model")
    if legs is not None:
        from models import ModelError, resolve

        for (leg, leg_key), (src, tgt) in zip(legs, _leg_pairs(args), strict=True):
            if leg is None:
                continue
            try:
                resolve(leg, src, tgt, prefer=args.engine or config.engine)
            except ModelError as exc:
                raise _config_model_error(exc, leg, _origin(config, leg_key), leg_key,
                                          src, tgt) from exc
        return model, origin
    if key == "model" and "+" not in model:
        from models import ModelError, UnsupportedDirectionError, resolve

        try:
            resolve(model, args.src, args.tgt, prefer=args.engine or config.engine)
        except UnsupportedDirectionError as exc:
            log.warning("%s: model %s does not translate %s→%s (%s); using a local model that "
                        "does (set [models] %s-%s in avet.toml to choose one)", origin, model,
                        args.src, args.tgt, exc.message.rpartition("(")[2].rstrip(")"),
                        args.src, args.tgt)
            return None, None
        except ModelError as exc:
            raise _config_model_error(exc, model, origin, key, args.src, args.tgt) from exc
    return model, origin


def _translates(config: Config, args: argparse.Namespace) -> bool:
    """Whether avet.toml's single ``model`` translates ``args.src`` → ``args.tgt``.

    Raises:
        InputError: If it cannot be used at all (not found, refused), naming its line.
    """
    from models import ModelError, UnsupportedDirectionError, resolve

    model = str(config.model)
    try:
        resolve(model, args.src, args.tgt, prefer=args.engine or config.engine)
    except UnsupportedDirectionError:
        return False
    except ModelError as exc:
        raise _config_model_error(exc, model, _origin(config, "model"), "model", args.src,
                                  args.tgt) from exc
    return True


def _origin(config: Config, key: str) -> str:
    """``PATH:LINE (KEY)`` of a setting of avet.toml."""
    return f"{config.origin(key) or 'avet.toml'} ({key})"


def _leg_pairs(args: argparse.Namespace) -> tuple[tuple[str, str], tuple[str, str]]:
    """The directions of the two legs of a pivot through en."""
    return (args.src, "en"), ("en", args.tgt)


def _config_model_error(exc: ModelError, model: str, origin: str, key: str, src: str,
                        tgt: str) -> InputError:
    """The error of a model set in avet.toml, naming the file, line and setting."""
    from models import UnsupportedDirectionError

    where, _, _ = origin.partition(" (")
    setting = f"[models] {key[len('models.'):]}" if key.startswith("models.") else key
    hint = exc.hint
    if isinstance(exc, UnsupportedDirectionError):
        hint = f"set {setting} to a model that translates {src}→{tgt}, or give --model"
    return InputError(f"{setting} = {model!r}: {exc.message}", path=where, hint=hint)


def load_engine_for(args: argparse.Namespace, config: Config,
                    options: TranslateOptions) -> object:
    """Loads the MT engine for the options (torch is imported only here).

    The model is :func:`model_choice`'s. A named model runs with its own format
    (each pivot leg on its own), unless an engine is asked for (by ``--engine``
    or avet.toml's ``engine``): then it must match.

    Raises:
        InputError: If a model set in avet.toml cannot be used (naming its line).
        ModelError: If the model given by --model, or found, cannot be used.
    """
    from models import ModelError, load_engine

    model, origin = model_choice(args, config)
    engine_source = ("--engine" if args.engine
                     else f"engine in {config.origin('engine')}" if config.origin("engine")
                     else None)

    def load(name: str | None, src: str, tgt: str, key: str | None) -> Engine:
        try:
            return load_engine(name, src, tgt, engine=args.engine or config.engine,
                               device=args.device or config.device,
                               batch_size=options.batch_size, parallel=options.parallel,
                               engine_source=engine_source)
        except ModelError as exc:
            if name is None or key is None:
                raise
            raise _config_model_error(exc, name, _origin(config, key), key, src, tgt) from exc

    pivoting = origin != "--model" and model is not None and "+" in model
    legs = config.pivot_legs(args.src, args.tgt) if pivoting else None
    if legs is not None:
        from models.pivot import PivotEngine

        (first, first_key), (second, second_key) = legs
        (src, pivot), (_pivot, tgt) = _leg_pairs(args)
        return PivotEngine(load(first, src, pivot, first_key),
                           load(second, pivot, tgt, second_key), pivot)
    key = origin.partition(" (")[2].rstrip(")") if origin not in (None, "--model") else None
    return load(model, args.src, args.tgt, key)


def _documents(given: list[str], out_dir: str | None = None, src: str | None = None
               ) -> list[tuple[Path, Path]]:
    """Returns each document with its path relative to the folder it was found in.

    A folder's walk leaves out the --out folder ``out_dir`` and the documents named
    as translations from ``src`` (``a.en.txt``; see
    :func:`toolkit.translate.document.folder_walk`), with one warning per folder;
    what it passes over (a broken link, a loop) gets one warning per path; files
    given by name are all kept.

    Raises:
        InputError: If ``-`` (stdin) is given with other inputs, or ``out_dir`` is an
            input folder; if every document found was left out for its name.
    """
    if STDIO in given and len(given) > 1:
        raise InputError("- (standard input) is one document: it cannot be given with others",
                         hint="translate stdin alone, or give files and folders")
    out: list[tuple[Path, Path]] = []
    left_out: list[tuple[Path, list[tuple[Path, str]]]] = []  # (folder, its left out)
    for name in given:
        if name == STDIO:
            out.append((Path(STDIO), Path("stdin.txt")))
            continue
        root = Path(name)
        if not root.is_dir():
            out += [(path, Path(path.name)) for path in iter_document_paths([name])]
            continue
        found, dropped = _folder_walk(root, None if out_dir == STDIO else out_dir, src)
        _warn_passed_over(root, None if out_dir == STDIO else out_dir)
        out += [(path, path.relative_to(root)) for path in found]
        if dropped:
            left_out.append((root, dropped))
    if src is not None and left_out:
        if not out:
            raise all_left_out_error([folder for folder, _ in left_out],
                                     [item for _, dropped in left_out for item in dropped], src)
        for folder, dropped in left_out:
            log.warning("warning: %s", left_out_notice(folder, dropped, src))
    return out


def _warn_passed_over(root: Path, out_dir: str | None) -> None:
    """Warns, one line each, of what the walk of ``root`` passes over (a broken link, a
    loop: see :func:`toolkit.extract.reader.passed_over`) outside the --out folder, as
    ``extract`` and ``batch translate`` do."""
    skip = Path(out_dir).resolve() if out_dir is not None else None
    for path, why in passed_over(root):
        if skip is None or not (path.parent.resolve() / path.name).is_relative_to(skip):
            log.warning("warning: %s", skip_notice(path, why))


def _folder_walk(root: Path, out_dir: str | None, src: str | None
                 ) -> tuple[list[Path], list[tuple[Path, str]]]:
    """:func:`toolkit.translate.document.folder_walk`, its refusal of the input
    folder as output folder worded for --out."""
    try:
        return folder_walk(root, out_dir, src)
    except InputError as exc:
        if out_dir is None or exc.path != out_dir:
            raise
        raise InputError("--out is the input folder: the next run would read its "
                         "translations as documents", path=out_dir,
                         hint=f"give --out a folder of its own, e.g. {root / 'out'}, which "
                              f"the walk of {root} leaves out") from exc


def _outputs(documents: list[tuple[Path, Path]], out: str | None, tgt: str,
             folder_given: bool) -> list[Path | None]:
    """The output of each document: stdout (``None``), the --out file or a file in --out.

    One document goes to the file --out (created if missing), unless --out ends
    with ``/`` or is a folder; several documents, or a folder, go into the
    folder --out.

    Raises:
        InputError: If several documents (or a folder) have no --out, or an
            --out that is or looks like a file.
    """
    if out is None or out == STDIO:
        if len(documents) > 1:
            raise InputError("several documents need --out DIR", hint="pass --out FOLDER")
        return [None]
    target = Path(out)
    as_folder = target.is_dir() or out.endswith(("/", os.sep))
    if len(documents) == 1 and not folder_given and not as_folder:
        return [target]
    if not as_folder:
        what = "several documents" if len(documents) > 1 else "a folder of documents"
        if target.exists():
            raise InputError(f"is a file, but {what} need --out FOLDER", path=target,
                             hint="give a folder path; a missing folder is created")
        if target.suffix.lower() in DOCUMENT_SUFFIXES:
            raise InputError(f"looks like a file name, but {what} need --out FOLDER",
                             path=target, hint="give a folder name such as out/")
    # A folder keeps the input folders' layout: OUT/sub/name.TGT.md.
    outputs = [target / output_name(rel, tgt) for _path, rel in documents]
    check_distinct_outputs((path, out) for (path, _rel), out in zip(documents, outputs,
                                                                    strict=True))
    return list[Path | None](outputs)


def run(args: argparse.Namespace, config: Config) -> int:
    """Runs ``avet translate``: every document is read and checked before the model loads."""
    options = build_options(args, config)
    documents = _documents(args.inputs, args.out, options.src)
    if not documents:
        raise InputError("no documents found",
                         hint="give .txt or .md files, or folders holding them")
    inputs = [path for path, _rel in documents]
    outputs = _outputs(documents, args.out, options.tgt,
                       folder_given=any(Path(name).is_dir() for name in args.inputs))
    report_path = _report_path(args, outputs)
    if report_path is not None and report_path.is_dir():
        raise InputError("is a folder", path=report_path, hint="give a file path, not a folder")
    # Read and checked as 'batch translate' does, before a model is loaded.
    prepared = [prepare_document(_stdin() if str(p) == STDIO else p, options.src)
                for p in inputs]
    index, ghash, gorigin = load_index(args, config)
    engine = load_engine_for(args, config, options)
    signature = build_signature(engine.signature(), ghash, gorigin, options)  # type: ignore[attr-defined]
    total = sum(len(doc.wanted) for doc in prepared)
    done = []
    with Progress(total, "segments") as progress:
        for path, out, doc in zip(inputs, outputs, prepared, strict=True):
            result = doc.result(translate_segments(doc.sentences, engine, index, options,
                                                   progress.advance))
            if out is None:
                if not args.json:  # --json carries the text in its object.
                    sys.stdout.write(result.text)
            else:
                # A UTF-8 byte order mark of the input is kept, as postedit keeps it.
                atomic_write_text(out, doc.output_text(result))
            done.append((str(path), str(out) if out else "-", result))
    report = translation_report(signature, done)
    if report_path is not None:
        write_report(report, report_path)
    totals = report["totals"]
    if args.json:
        print_json({"totals": totals, "report": str(report_path) if report_path else None,
                    "signature": report["signature_string"],
                    "text": done[0][2].text if outputs[0] is None else None})
    else:
        to_file = outputs[0] is not None and not is_stream(outputs[0])
        stream = sys.stdout if to_file else sys.stderr
        stream.write(
            f"Translated {count(totals['documents'], 'document')}, "
            f"{count(totals['segments'], 'sentence')}: "
            f"terms applied {totals['applied']}, repaired {totals['repaired']}, "
            f"failed {totals['failed_terms']}."
            + (f" Report: {report_path}" if report_path else "") + "\n")
        if to_file:
            write_line(f"Signature: {report['signature_string']}")
    return 0


def _stdin() -> Document:
    """Standard input read as one document (decoded as a file is)."""
    from toolkit.extract.reader import decode_document

    return decode_document(sys.stdin.buffer.read(), STDIO)


def _report_path(args: argparse.Namespace, outputs: list[Path | None]) -> Path | None:
    if args.report:
        return Path(args.report)
    first = outputs[0]
    if first is None:
        return None
    if is_stream(first):  # A report beside /dev/stdout would land in /dev.
        log.warning("%s is not a file: no report written beside it (give --report PATH to "
                    "keep one)", first)
        return None
    if args.out and first != Path(args.out):  # Written into the folder --out.
        return Path(args.out) / "report.json"
    return first.with_name(first.name + ".report.json")

"""``avet batch translate|postedit|extract``: resumable jobs over folders, locally or on Ray.

Every job keeps ``OUT_DIR/manifest.sqlite`` (per document: content hash folded
with the model, glossary and options into a job key; status; attempts; error;
output). A re-run skips what is done and redoes what changed. Outputs are
written atomically. At the end the job prints a summary table and writes
``OUT_DIR/report.json``; documents that failed are listed in
``OUT_DIR/failed.txt`` and the exit code is 3 (0 when nothing failed);
``--retry-failed`` tries them again (a bad input fails until it changes, and a
changed document is redone anyway). Ctrl-C or SIGTERM stops a job without
counting an attempt against its running documents (exit code 130). An output
folder belongs to one job: another kind of job or direction is refused there. A
document that fails for good has the outputs of an earlier run removed (``removed``
in report.json and in ``--json``); one whose input is gone keeps them (``gone``)
unless ``--prune-gone``.
"""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import Any

from glossary.errors import InputError
from toolkit.batch.folders import check_folders, check_job_folder
from toolkit.batch.local import DEFAULT_CHUNK_DOCS
from toolkit.config import Config

__all__ = ["register"]


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Adds ``avet batch`` and its three sub-commands."""
    p = sub.add_parser(
        "batch", help="run translate, postedit or extract over a folder (resumable; Ray)",
        description="Batch jobs over a folder of documents. A job survives failure: it "
                    "records every document in OUT_DIR/manifest.sqlite, resumes after a "
                    "crash without losing or repeating work, lists documents that keep "
                    "failing in OUT_DIR/failed.txt (exit code 3) and writes "
                    "OUT_DIR/report.json. --ray runs the same job on a Ray cluster.")
    jobs = p.add_subparsers(dest="batch_command", metavar="JOB")
    jobs.required = True
    from toolkit.cli.translate_cmd import add_translate_options

    t = jobs.add_parser("translate", parents=[common], help="translate every document",
                        description="Translate a folder, enforcing the glossary. Sentences "
                                    "of --chunk-docs documents go to the engine together, "
                                    "sorted by length. Outputs: OUT_DIR/<path>.<lang>.txt, "
                                    "per-document reports in OUT_DIR/reports/. INPUT_DIR is "
                                    "walked and checked before the model loads.")
    add_translate_options(t)
    _add_job_options(t, "translate")
    t.set_defaults(func=run_translate)
    pe = jobs.add_parser("postedit", parents=[common],
                         help="enforce the glossary on existing translations",
                         description="Post-edit translations: INPUT_DIR holds the sources, "
                                     "--targets the line-aligned translations, named as 'batch "
                                     "translate' writes them (sub/doc.ar.txt's is "
                                     "sub/doc.<lang>.txt; earlier versions' sub/doc.ar.<lang>.txt "
                                     "is also found) or under the sources' relative paths. "
                                     "Outputs: OUT_DIR/sub/doc.<lang>.txt, as batch translate.")
    pe.add_argument("--from", dest="src", required=True, help="source language")
    pe.add_argument("--to", dest="tgt", required=True, help="target language")
    pe.add_argument("--glossary", help="glossary database or file (default: --db)")
    pe.add_argument("--targets", required=True, metavar="DIR",
                    help="folder of translations: sub/doc.ar.txt's is sub/doc.<lang>.txt "
                         "(batch translate's --out), else sub/doc.ar.<lang>.txt (earlier "
                         "versions), else sub/doc.ar.txt")
    _add_job_options(pe, "postedit")
    pe.set_defaults(func=run_postedit)
    ex = jobs.add_parser("extract", parents=[common], help="extract a glossary from a corpus",
                         description="Extract candidate entries from Arabic documents. "
                                     "Evidence is counted per document into parquet parts "
                                     "(OUT_DIR/parts/) and aggregated out of core with "
                                     "polars' streaming engine; the result equals a single "
                                     "pass of 'avet extract'. Output: OUT_DIR/glossary.json; "
                                     "a run stopped early (Ctrl-C, SIGTERM, a full disk) "
                                     "rewrites it from the documents done so far "
                                     "(report.json: glossary_partial) and adds nothing to "
                                     "--db; the rerun completes it.")
    ex.add_argument("--no-starter", action="store_true",
                    help="do not use the starter termbase as known entries")
    ex.add_argument("--no-store", action="store_true",
                    help="only write OUT_DIR/glossary.json; do not add the candidates to --db")
    ex.add_argument("--min-count", type=int, default=1, help="drop rarer candidates")
    ex.add_argument("--max-terms", type=int, default=300, help="term candidates kept")
    ex.add_argument("--approve-known", action="store_true",
                    help="approve candidates that a known entry confirms")
    _add_job_options(ex, "extract")
    ex.set_defaults(func=run_extract)


#: Per job: what a chunk of --chunk-docs documents is, and what --retry-failed keeps.
_CHUNK_HELP = {
    "translate": "documents whose sentences go to the engine together, sorted by length",
    "postedit": "documents post-edited together as one unit of work",
    "extract": "documents counted together into one parquet part of OUT_DIR/parts/ "
               "(one unit of work)",
}
_RETRY_SAME = {
    "translate": "same input, model, glossary and options",
    "postedit": "same source, translation and glossary",
    "extract": "same input and known entries",
}


def _add_job_options(p: argparse.ArgumentParser, job: str) -> None:
    p.add_argument("input_dir", metavar="INPUT_DIR", help="folder of documents (.txt, .md)")
    p.add_argument("--out", required=True, metavar="OUT_DIR", help="output folder")
    p.add_argument("--chunk-docs", type=int, default=DEFAULT_CHUNK_DOCS,
                   help=f"{_CHUNK_HELP[job]}; a crash redoes at most one chunk "
                        f"(default {DEFAULT_CHUNK_DOCS})")
    p.add_argument("--max-attempts", type=int, default=3,
                   help="attempts before a document goes to failed.txt (default 3); a crash "
                        "or kill -9 counts as one, Ctrl-C or SIGTERM does not")
    p.add_argument("--retry-failed", action="store_true",
                   help=f"try again the documents of failed.txt ({_RETRY_SAME[job]}): they "
                        "start afresh with 0 attempts")
    p.add_argument("--prune-gone", action="store_true",
                   help="remove the outputs of documents no longer in INPUT_DIR (by default "
                        "they are kept and listed in report.json as 'gone')")
    p.add_argument("--ray", nargs="?", const="local", metavar="ADDRESS",
                   help="run on Ray: alone or 'local' starts a local instance; 'auto' joins "
                        "the one running here; HOST:PORT the cluster this machine is a node of "
                        "(the head's port, 6379); ray://HOST:PORT a cluster through Ray Client "
                        "(port 10001; needs ray[client])")
    p.add_argument("--actors", type=int, help="Ray actors (default: from the cluster's CPUs)")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")


def _run(spec: Any, args: argparse.Namespace, worker: Any = None,
         targets: str | None = None, walk: Any = None) -> tuple[int, Any]:
    from toolkit.batch import run_batch

    executor = None
    if args.ray:
        from toolkit.batch.ray_runner import ray_executor

        executor = ray_executor(spec, args.ray_address, actors=args.actors)
    result = run_batch(spec, args.input_dir, args.out, worker=worker, executor=executor,
                       chunk_docs=args.chunk_docs, max_attempts=args.max_attempts,
                       targets=targets, retry_failed=args.retry_failed,
                       prune_gone=args.prune_gone, walk=walk)
    _print_summary(spec.command, result, args)
    return result.exit_code, result


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


@contextlib.contextmanager
def _sigterm_interrupts() -> Iterator[None]:
    """Makes SIGTERM stop a batch command as Ctrl-C does: the running documents go back
    to pending, their attempt not counted, and avet exits 130 ("interrupted")."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    saved = signal.signal(signal.SIGTERM, _interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, saved)


def _print_summary(command: str, result: Any, args: argparse.Namespace) -> None:
    from toolkit.batch.summary import SUMMARY_COLUMNS, summary_rows
    from toolkit.cli.output import print_json, print_table

    report = result.report
    if args.json:
        # The signature (and for extraction the aggregate's options) as in report.json
        # and as `avet extract --json` gives them.
        options = {"options": report["options"]} if "options" in report else {}
        print_json({"command": command, "signature": report["signature"], **options,
                    "totals": report["totals"], "run": report["run"],
                    "removed": report["removed"], "gone": report["gone"],
                    "report": str(result.report_path),
                    "failed_list": str(result.failed_path) if result.failed_path else None})
    else:
        print_table(SUMMARY_COLUMNS, summary_rows(command, report),
                    title=f"avet batch {command} -> {args.out}")
    if result.failed_path is not None:
        from toolkit.batch.summary import failed_notice

        sys.stderr.write(f"avet: {failed_notice(report, result.failed_path)}\n")


@_sigterm_interrupts()
def run_translate(args: argparse.Namespace, config: Config) -> int:
    """Runs ``avet batch translate``."""
    from toolkit.batch import TranslateSpec, walk_input, with_engine_signature
    from toolkit.cli.translate_cmd import build_options, load_engine_for, load_index, model_choice

    options = build_options(args, config)
    _check_dirs(args, "translate", (options.src, options.tgt))
    index, ghash, gorigin = load_index(args, config)
    # Ray workers load the model again from the spec: the same choice as here.
    spec = TranslateSpec(options, model_choice(args, config)[0],
                         engine=args.engine or config.engine,
                         device=args.device or config.device,
                         entries=tuple(index.entries) if index is not None else None,
                         glossary_hash=ghash, glossary_origin=gorigin)
    # The folder is walked (once) and checked before the model loads, which takes
    # minutes and GPU memory: a folder of translations only is refused at once. An
    # empty folder still loads the model, so that a wrong model is told on the first
    # night, not on the first night with documents.
    walk = walk_input(spec, args.input_dir, args.out)
    engine: Any = load_engine_for(args, config, options)
    spec = with_engine_signature(spec, engine)
    worker = None if args.ray else spec.open(engine)
    return _run(spec, args, worker, walk=walk)[0]


@_sigterm_interrupts()
def run_postedit(args: argparse.Namespace, config: Config) -> int:
    """Runs ``avet batch postedit``."""
    from toolkit.batch import PostEditSpec
    from toolkit.glossary_source import check_direction, load_glossary

    check_direction(args.src, args.tgt)
    _check_dirs(args, "postedit", (args.src, args.tgt))
    source = load_glossary(args.glossary, config.db, src=args.src, tgt=args.tgt)
    spec = PostEditSpec(args.src, args.tgt, tuple(source.entries), source.hash, source.origin)
    return _run(spec, args, targets=args.targets)[0]


@_sigterm_interrupts()
def run_extract(args: argparse.Namespace, config: Config) -> int:
    """Runs ``avet batch extract``: the candidates go to OUT_DIR/glossary.json and --db."""
    from glossary.store import Store
    from toolkit.batch import ExtractSpec
    from toolkit.extract.known import known_hash

    _check_dirs(args, "extract", None)
    if args.min_count < 1 or args.max_terms < 0:
        raise InputError("--min-count must be 1 or more, --max-terms 0 or more",
                         hint="e.g. --min-count 2")
    known = []  # as avet extract: the database's approved entries, then the starter termbase
    if Path(config.db).is_file():
        with Store(config.db, actor="extract") as store:
            known += list(store.iter_entries(status="approved"))
    if not args.no_starter:
        from glossary.starter import load_starter_termbase

        known += load_starter_termbase()
    spec = ExtractSpec(tuple(known), min_count=args.min_count, max_terms=args.max_terms,
                       approve_known=args.approve_known, known_hash=known_hash(known),
                       starter=not args.no_starter)
    code, result = _run(spec, args)
    if not args.no_store and result.extracted:
        from toolkit.extract import store_candidates

        with Store(config.db, actor="extract") as store:
            store_candidates(store, result.extracted, approve_known=args.approve_known)
    return code


def _check_dirs(args: argparse.Namespace, command: str, direction: tuple[str, str] | None
                ) -> None:
    """Checks the options, the folders and --ray before anything is loaded; sets
    ``args.ray_address`` (what :func:`toolkit.batch.ray_runner.ray_executor` takes)."""
    if args.chunk_docs < 1 or args.max_attempts < 1:
        raise InputError("--chunk-docs and --max-attempts must be at least 1")
    if args.actors is not None and args.actors < 1:
        raise InputError("--actors must be at least 1")
    given = Path(args.input_dir)
    if not given.is_dir():
        raise InputError("not a folder" if given.exists() else "no such folder", path=given,
                         hint="give the folder that holds the documents")
    targets = getattr(args, "targets", None)
    check_folders(given, Path(args.out), Path(targets) if targets is not None else None)
    check_job_folder(Path(args.out), command, direction)
    args.ray_address = None
    if args.ray:
        from toolkit.batch.ray_runner import check_ray_address

        args.ray_address = check_ray_address(args.ray)

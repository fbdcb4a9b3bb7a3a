"""``avet eval``: BLEU, chrF, TER and terminology metrics of a translation.

Terminology metrics use ``--terms``: ``none`` (not computed), ``real`` (the
glossary's approved entries matched on the source) or ``random`` (seeded
random pseudo-terms, WMT23's random-terminology condition), so the same test
set can be scored without terms, with the real terms and with random terms.
Every value is printed with the signature of what produced it. Lines are
NFC-normalized by :func:`toolkit.evaluate.evaluate` before scoring.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from glossary.errors import InputError
from glossary.model import LANGS
from toolkit.config import Config

__all__ = ["register"]


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    """Adds the ``eval`` command."""
    from toolkit.evaluate import DEFAULT_SEED, TERM_MODES

    p = sub.add_parser(
        "eval", parents=[common], help="score a translation (BLEU, chrF, TER, term metrics)",
        description="Score line-aligned hypotheses against references with sacrebleu's "
                    "BLEU, chrF and TER, and the WMT21/WMT23 terminology metrics: exact-match "
                    "term accuracy, window overlap, 1-TERm and consistency. Every line is "
                    "NFC-normalized first (decomposed Vietnamese scores as composed).")
    p.add_argument("--source", required=True, help="source text file, one segment per line")
    p.add_argument("--reference", required=True, help="reference translation file")
    p.add_argument("--hypothesis", required=True, help="system translation file")
    p.add_argument("--glossary", help="glossary database or file (default: the --db "
                                      "database when --terms real)")
    p.add_argument("--from", dest="src", choices=LANGS, help="source language")
    p.add_argument("--to", dest="tgt", choices=LANGS, help="target language")
    p.add_argument("--terms", choices=TERM_MODES,
                   help="term list for the term metrics (default: real with --glossary, "
                        "else none)")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED,
                   help=f"seed of --terms random (default {DEFAULT_SEED})")
    p.add_argument("--window", type=int, default=2, help="window-overlap words per side")
    p.add_argument("--json", action="store_true", help="print one JSON object per line")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, config: Config) -> int:
    """Runs ``avet eval``."""
    from toolkit.cli.output import count, print_json, print_table, write_line
    from toolkit.evaluate import evaluate
    from toolkit.glossary_source import GlossaryIndex, check_direction, load_glossary
    from toolkit.textfiles import read_aligned

    if args.window < 1:
        raise InputError(f"--window {args.window} is not positive", hint="give 1 or more")
    terms = args.terms or ("real" if args.glossary else "none")
    _check_files(args)
    src, ref, hyp = read_aligned(args.source, args.reference, args.hypothesis)
    if not src.lines:
        raise InputError("has no lines", path=src.path,
                         hint="give line-aligned files with one segment per line")
    index = digest = None
    if terms != "none" and (args.src is None or args.tgt is None):
        raise InputError(f"--terms {terms} needs the languages", hint="give --from and --to")
    if args.glossary or terms == "real":
        # Loaded for --terms none too: its hash goes into the signature, so the
        # none/real/random runs of one test set name the same glossary.
        loaded = load_glossary(args.glossary, config.db, src=args.src, tgt=args.tgt)
        digest = loaded.hash
        if terms != "none":
            check_direction(args.src, args.tgt)
            index = GlossaryIndex(loaded.entries, args.src, args.tgt)
    result = evaluate(src.lines, ref.lines, hyp.lines, src=args.src, tgt=args.tgt,
                      glossary=index, glossary_hash=digest, terms=terms, seed=args.seed,
                      window=args.window)
    if args.json:
        for m in result.metrics:
            print_json(m.to_dict())
        print_json({"summary": True, "lines": result.lines, "terms": result.terms,
                    "term_mode": terms, "glossary_hash": digest,
                    "signature": result.signature})
        return 0
    rows = [[m.name, "n/a" if m.value is None else f"{m.value:.4f}", m.signature]
            for m in result.metrics]
    print_table(["metric", "value", "signature"], rows, title="evaluation")
    write_line(f"{count(result.lines, 'line')}, {count(result.terms, 'term occurrence')} "
               f"({terms})")
    return 0


def _check_files(args: argparse.Namespace) -> None:
    """Refuses a folder given for a file (a batch job's OUT_DIR, say).

    Raises:
        InputError: Naming the option and what to give instead.
    """
    for option in ("source", "reference", "hypothesis"):
        given = getattr(args, option)
        if Path(given).is_dir():
            raise InputError(
                f"--{option} is a folder; avet eval scores one file", path=given,
                hint="give a file with one segment per line, e.g. one document of a batch "
                     "job (OUT_DIR/doc.en.txt) with its source and reference, or the files "
                     "of the test set joined in the same order")

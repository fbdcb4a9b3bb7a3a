"""``avet transliterate``: Arabic-script names to Vietnamese and back."""

from __future__ import annotations

import argparse

from glossary.errors import InputError
from toolkit.cli.output import print_json, write_line
from toolkit.config import Config

__all__ = ["DIRECTIONS", "register", "run"]

#: Supported (from, to) language pairs.
DIRECTIONS = (("ar", "vi"), ("vi", "ar"))


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Adds the ``transliterate`` sub-command."""
    p = sub.add_parser(
        "transliterate",
        parents=[common],
        help="transliterate names between Arabic script and Vietnamese",
        description="Recover a Vietnamese name from its Arabic spelling (ranked, with tones), "
        "or spell a Vietnamese name in Arabic (canonical spelling first, then variants).",
    )
    p.add_argument("text", metavar="TEXT", help="the name to transliterate")
    p.add_argument("--from", dest="source", required=True, help="source language: ar or vi")
    p.add_argument("--to", dest="target", required=True, help="target language: vi or ar")
    p.add_argument("--top", type=int, default=5, help="number of candidates (default 5)")
    p.add_argument("--kind", choices=("person", "place", "org"),
                   help="what the name is (ar -> vi only; default: unknown)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, config: Config) -> int:
    """Prints ranked candidates for ``args.text``.

    Raises:
        InputError: For an unsupported direction, a bad ``--top`` or text that cannot be read.
    """
    direction = (args.source, args.target)
    if direction not in DIRECTIONS:
        supported = ", ".join(f"--from {a} --to {b}" for a, b in DIRECTIONS)
        raise InputError(f"unsupported direction {args.source} -> {args.target}",
                         hint=f"supported: {supported}")
    if args.top < 1:
        raise InputError("--top must be at least 1", hint="pass --top 1 or more")
    from toolkit.translit import default_transliterator

    translit = default_transliterator()
    if direction == ("ar", "vi"):
        candidates = translit.ar_to_vi(args.text, top=args.top, kind=args.kind)
    else:
        candidates = translit.vi_to_ar_scored(args.text, top=args.top)
    if args.json:
        print_json({"input": args.text,
                    "candidates": [{"text": c.text, "score": c.score} for c in candidates]})
        return 0
    if not candidates:
        write_line("no candidates")
        return 0
    for rank, cand in enumerate(candidates, start=1):
        write_line(f"{rank}. {cand.text}  {cand.score:.2f}")
    return 0

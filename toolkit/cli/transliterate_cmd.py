"""``avet transliterate``: Arabic-script names to Vietnamese and back."""

from __future__ import annotations

import argparse
import sys

from glossary.errors import InputError
from toolkit.cli.output import print_json, write_line
from toolkit.config import Config

__all__ = ["DIRECTIONS", "EXIT_NO_CANDIDATES", "MAX_WORDS", "register", "run"]

#: Supported (from, to) language pairs.
DIRECTIONS = (("ar", "vi"), ("vi", "ar"))
#: Most words one name may have (the longest names in the gazetteer have 8).
MAX_WORDS = 12
#: Exit code when no reading is found (README: 3 = findings where a command says so).
EXIT_NO_CANDIDATES = 3


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Adds the ``transliterate`` sub-command."""
    p = sub.add_parser(
        "transliterate",
        parents=[common],
        help="transliterate names between Arabic script and Vietnamese",
        description="Recover a Vietnamese name from its Arabic spelling (ranked, with tones), "
        "or spell a Vietnamese name in Arabic (canonical spelling first, then variants). "
        "Vietnamese may be written with or without marks (Nguyen = Nguyễn); every word must "
        f"be a Vietnamese syllable. One name at a time, at most {MAX_WORDS} words: for "
        "documents use 'avet extract'. Exit codes: 0 candidates printed, "
        f"{EXIT_NO_CANDIDATES} no reading found (one line on stderr; --json prints an empty "
        "list), 2 bad input.",
    )
    p.add_argument("text", metavar="TEXT",
                   help=f"the name to transliterate (at most {MAX_WORDS} words)")
    p.add_argument("--from", dest="source", required=True, help="source language: ar or vi")
    p.add_argument("--to", dest="target", required=True, help="target language: vi or ar")
    p.add_argument("--top", type=int, default=5, help="number of candidates (default 5)")
    p.add_argument("--kind", choices=("person", "place", "org"),
                   help="what the name is, to rank Vietnamese readings (--from ar only: "
                   "the Arabic spelling of a Vietnamese name does not depend on it). Without "
                   "it, a name is read both as a person and as a place and the readings are "
                   "ranked by their combined likelihood (persons weigh more, places the "
                   "gazetteer knows or established spellings such as سايغون win)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, config: Config) -> int:
    """Prints ranked candidates for ``args.text``.

    Returns:
        0, or :data:`EXIT_NO_CANDIDATES` when no reading is found.

    Raises:
        InputError: For an unsupported direction, ``--kind`` with ``--from vi``, a bad
            ``--top``, text of more than :data:`MAX_WORDS` words or text that cannot be read.
    """
    direction = (args.source, args.target)
    if direction not in DIRECTIONS:
        supported = ", ".join(f"--from {a} --to {b}" for a, b in DIRECTIONS)
        raise InputError(f"unsupported direction {args.source} -> {args.target}",
                         hint=f"supported: {supported}")
    if args.kind is not None and direction == ("vi", "ar"):
        raise InputError("--kind is for --from ar only: the Arabic spelling of a Vietnamese "
                         "name is the same whatever the name is",
                         hint="drop --kind, or use it with --from ar --to vi")
    if args.top < 1:
        raise InputError("--top must be at least 1", hint="pass --top 1 or more")
    words = len(args.text.split())
    if words > MAX_WORDS:
        raise InputError(f"{words} words: transliterate takes one name of at most {MAX_WORDS}",
                         hint="for names in a document run 'avet extract FILE'")
    from toolkit.translit import default_transliterator

    translit = default_transliterator()
    if direction == ("ar", "vi"):
        candidates = translit.ar_to_vi(args.text, top=args.top, kind=args.kind)
    else:
        candidates = translit.vi_to_ar_scored(args.text, top=args.top)
    if args.json:
        print_json({"input": args.text,
                    "candidates": [{"text": c.text, "score": c.score} for c in candidates]})
    elif candidates:
        for rank, cand in enumerate(candidates, start=1):
            write_line(f"{rank}. {cand.text}  {cand.score:.2f}")
    if not candidates:
        # A result, not a malformed input: told on stderr, with its own exit code.
        from toolkit.translit.rules import arabic_tokens

        unread = [w for w in args.text.split()
                  if any(not translit.parse_token(t) for t in arabic_tokens(w))]
        which = f"{unread[0]!r} spells no Vietnamese syllable" if unread else "no reading fits"
        sys.stderr.write(f"avet: no Vietnamese reading of {args.text!r}: {which} "
                         "(check that it is a Vietnamese name in Arabic letters)\n")
        return EXIT_NO_CANDIDATES
    return 0

"""``avet extract``: a trilingual glossary draft from Arabic documents."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from glossary.errors import InputError
from glossary.model import Entry
from toolkit.cli.output import count, print_json, print_table, write_line
from toolkit.config import Config

__all__ = ["register", "signature_line"]

_LANGS = ("ar",)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Adds ``avet extract``."""
    p = sub.add_parser(
        "extract", parents=[common], help="extract names, terms and codes from documents",
        description="Read Arabic documents (UTF-8, UTF-16 with BOM or Windows-1256; folders are "
                    "walked for *.txt and *.md; HTML/XML markup in them is skipped) and add "
                    "candidate entries to the glossary: "
                    "Vietnamese names with ranked Vietnamese readings, multiword terms ranked by "
                    "termhood, and codes kept verbatim. Approved entries are never overwritten. "
                    "A document whose letters are less than 20% Arabic (English, Vietnamese) is "
                    "skipped with a warning. Arabic only: for Vietnamese or English documents, "
                    "extract from their Arabic translation (avet translate FILE --from vi --to "
                    "ar) or import a glossary you have (avet glossary import). Exit codes: 0 "
                    "every document was read; 2 some file could not be read (each is named on "
                    "stderr, the others are still extracted into the database and a last line "
                    "says how many of each), or a bad option.")
    p.add_argument("paths", nargs="+", metavar="FILE|DIR", help="documents or folders")
    p.add_argument("--lang", default="ar", metavar="LANG",
                   help="language of the documents: ar only (extract reads Arabic documents; "
                        "for Vietnamese or English ones see above)")
    p.add_argument("--json", action="store_true", help="one JSON object per candidate")
    p.add_argument("--top", type=int, default=30, metavar="N",
                   help="rows in the summary table (default: 30)")
    p.add_argument("--min-count", type=int, default=1, metavar="K",
                   help="drop candidates seen fewer than K times (default: 1)")
    p.add_argument("--max-terms", type=int, default=300, metavar="N",
                   help="term candidates kept, best first (default: 300; names and codes: all)")
    p.add_argument("--approve-known", action="store_true",
                   help="approve the candidates that the starter termbase or an approved "
                        "glossary entry confirms")
    p.add_argument("--no-starter", action="store_true",
                   help="do not use the starter termbase (only the database's approved entries)")
    p.set_defaults(func=run)


def _known_entries(db: Path, use_starter: bool) -> list[Entry]:
    """The approved entries of ``db`` (none if it does not exist yet) and the starter's."""
    known: list[Entry] = []
    if db.exists():
        from glossary.store import Store

        with Store(db, actor="extract") as store:
            known.extend(store.iter_entries(status="approved"))
    if use_starter:
        from glossary.starter import load_starter_termbase

        known.extend(load_starter_termbase())
    return known


def _json_row(entry: Entry, origin: str) -> dict[str, Any]:
    return {
        "id": entry.id,
        "kind": entry.kind,
        "origin": origin,
        "ar": entry.term("ar"),
        "vi": [{"text": c.text, "score": c.score} for c in entry.forms["vi"].candidates]
        or ([{"text": entry.term("vi"), "score": 1.0}] if entry.term("vi") else []),
        "en": entry.term("en"),
        "count": entry.frequency,
        "score": entry.score,
        "status": entry.status,
        "dnt": entry.dnt,
        "variants_ar": entry.forms["ar"].variants,
        "contexts": [{"doc": c.doc, "start": c.start, "end": c.end, "snippet": c.snippet,
                      "form": c.form} for c in entry.contexts[:2]],
    }


def run(args: argparse.Namespace, config: Config) -> int:
    """Runs ``avet extract``.

    Returns 2 if a file could not be read (the others are still extracted),
    else 0. A document with almost no Arabic letters is skipped with a warning.
    When no document could be read at all, the database is neither created nor
    changed.

    Raises:
        InputError: If ``--lang`` is not ar, an option is out of range, or no (Arabic)
            document was found.
    """
    from glossary.store import Store
    from toolkit.batch.jobs import ExtractSpec
    from toolkit.extract import extract_paths, store_candidates
    from toolkit.extract.known import known_hash

    if args.lang not in _LANGS:
        raise InputError(
            f"extract reads Arabic documents only, not --lang {args.lang}",
            hint="translate a Vietnamese or English document to Arabic first with "
                 "'avet translate FILE --from vi --to ar' and extract from that, or import "
                 "the terms you have with 'avet glossary import FILE'")
    if args.min_count < 1 or args.top < 0 or args.max_terms < 0:
        raise InputError("--min-count must be 1 or more, --top and --max-terms 0 or more",
                         hint="e.g. --min-count 2 --top 20")
    known = _known_entries(config.db, not args.no_starter)
    # As `avet batch extract`: the same extractor and the same signature (avet's version
    # and the hash of the known entries).
    spec = ExtractSpec(tuple(known), min_count=args.min_count, max_terms=args.max_terms,
                       approve_known=args.approve_known, known_hash=known_hash(known),
                       starter=not args.no_starter)
    signature = spec.signature()
    from toolkit.extract.reader import MIN_ARABIC_SHARE

    result = extract_paths(args.paths, spec.extractor(), min_arabic_share=MIN_ARABIC_SHARE)
    skipped = [path for path, _ in result.skipped]
    for path, share in result.skipped:
        sys.stderr.write(f"avet: warning: {path}: only {share:.0%} of its letters are "
                         "Arabic: not an Arabic document, skipped (--lang ar)\n")
    for notice in result.notices:
        sys.stderr.write(f"avet: {notice}\n")
    for failure in result.failures:
        sys.stderr.write(f"avet: error: {failure}\n")
    if not result.documents:
        if result.failures:
            # Each unreadable (or skipped) file was named above: nothing to store, no
            # database made, and no summary line to add to the errors.
            return 2
        if skipped:
            raise InputError("no Arabic document to extract", path=" ".join(args.paths),
                             hint="the files skipped above are not Arabic; give Arabic documents")
        if result.empty:
            raise InputError("nothing to extract: every document is empty",
                             path=" ".join(args.paths), hint="give documents with Arabic text")
        raise InputError("no documents found", path=" ".join(args.paths),
                         hint="give .txt or .md files, or folders holding them")
    with Store(config.db, actor="extract") as store:
        rows = store_candidates(store, result.candidates, approve_known=args.approve_known,
                                label=_label(result.documents))
    counts = {origin: sum(1 for _, o in rows if o == origin) for origin in ("name", "term", "code")}
    if args.json:
        for entry, origin in rows:
            print_json(_json_row(entry, origin))
        print_json({"summary": True, "documents": len(result.documents),
                    "failed": len(result.failures), "skipped": len(skipped),
                    "candidates": len(rows),
                    **{f"{origin}s": n for origin, n in counts.items()}, "db": str(config.db),
                    "options": spec.options(), "signature": signature})
    else:
        _print_summary(rows, result.documents, config, args.top, counts)
        write_line(f"signature: {signature_line(signature)}")
    if result.failures or skipped:
        # The last line says what happened, after the rows and the summary.
        sys.stderr.write(f"avet: {_documents(len(result.documents))} extracted into {config.db}; "
                         f"{_not_read(result.failures, skipped)}\n")
    return 2 if result.failures else 0


def _documents(n: int) -> str:
    return f"{n} document{'' if n == 1 else 's'}"


def _not_read(failures: list[Any], skipped: list[str]) -> str:
    """``2 could not be read (listed above)``, ``1 skipped as not Arabic (listed above)``."""
    parts = []
    if failures:
        parts.append(f"{len(failures)} could not be read")
    if skipped:
        parts.append(f"{len(skipped)} skipped as not Arabic")
    return "; ".join(parts) + " (listed above)"


def signature_line(signature: dict[str, Any]) -> str:
    """Returns an extract signature on one line, e.g. ``avet:0.1.0|extract|known:1a2b3c4d5e6f``
    (``known``: the hash of the approved and starter entries that confirm candidates)."""
    return "|".join([f"avet:{signature['avet']}", signature["command"],
                     f"known:{signature['known'][:12] or 'none'}"])


def _label(documents: list[str]) -> str:
    """How ``avet glossary undo`` names this extraction: ``extract a.txt, b.txt`` or
    ``extract a.txt and 4 more``."""
    names = [Path(d).name for d in documents]
    if len(names) <= 2:
        return "extract " + ", ".join(names)
    return f"extract {names[0]} and {len(names) - 1} more"


def _print_summary(rows: list[tuple[Entry, str]], documents: list[str], config: Config,
                   top: int, counts: dict[str, int]) -> None:
    if top:
        best = sorted(rows, key=lambda r: (-r[0].frequency, -r[0].score))[:top]
        print_table(["ar", "vi", "en", "kind", "count", "score"],
                    [(e.term("ar"), e.term("vi"), e.term("en"), e.kind, e.frequency,
                      f"{e.score:.2f}") for e, _ in best],
                    title=f"top {len(best)} candidates by frequency")
    write_line(f"read {count(len(documents), 'document')}: {count(len(rows), 'candidate')} "
               f"({count(counts['name'], 'name')}, {count(counts['term'], 'term')}, "
               f"{count(counts['code'], 'code')}) "
               f"in {config.db}")

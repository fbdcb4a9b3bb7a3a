"""``avet glossary``: import, export, list, show, approve, reject, merge, forbid, allow,
stats, undo, redo.

Every command that writes is one transaction and one journal group, so one
``avet glossary undo`` reverts it whole.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from glossary import (
    LANGS,
    STATUSES,
    ConflictError,
    Entry,
    FormatError,
    InputError,
    check_approved_rows,
    check_conflicts,
    conflicting_lang,
)
from glossary.formats import (
    FORMATS,
    OPTIONAL_FIELDS,
    check_directions,
    export_glossary,
    given_fields,
    guess_format,
    read_glossary_lines,
)
from glossary.starter import load_starter_termbase
from glossary.store import Store
from toolkit.cli.glossary_forbid import add_parsers as add_forbid_parsers
from toolkit.cli.output import count, print_json, print_table, write_line
from toolkit.cli.stores import existing_store
from toolkit.config import Config

__all__ = ["register"]

_SORTS = ("id", "ar", "vi", "en", "kind", "status", "frequency", "score", "updated")
#: The fields that a stored entry keeps against an import without --overwrite (told on
#: stderr and as ``<field>_kept`` in the JSON summary): status, and those a file may give.
_KEPT_FIELDS: tuple[str, ...] = ("status", *OPTIONAL_FIELDS)
#: The optional fields that the starter termbase gives.
_STARTER_GIVES = frozenset({"kind", "dnt"})


#: Entries that ``glossary list`` shows without --limit or --all.
_LIST_LIMIT = 50


def _positive(value: str) -> int:
    """The argparse type of --limit: a whole number of 1 or more."""
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a whole number of 1 or more (use --all to list every entry)")
    return number


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Adds ``avet glossary`` and its sub-commands."""
    parser = sub.add_parser("glossary", help="manage the glossary database",
                            description="Manage the trilingual glossary database.")
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True

    p = actions.add_parser(
        "import", parents=[common], help="import a glossary file",
        description="Import a glossary file (all or nothing; one 'avet glossary undo' reverts "
                    "it). An entry whose form is already stored is merged into the stored "
                    "entry: its variants and forbidden forms are added, and its note, when the "
                    "stored note lacks it, is appended to that note on a new line (no note is "
                    "lost); a different preferred form is refused, and a different status, "
                    "kind, dnt or case_sensitive is kept and reported, unless --overwrite. A "
                    "form (term or variant) that another entry holds with another translation "
                    "is refused. Text files are read as UTF-8 "
                    "(with or without BOM) or UTF-16 with a BOM (Excel's Unicode Text).")
    p.add_argument("file", nargs="?", help="TBX, CSV, TSV, DeepL TSV, XLSX or JSON file")
    p.add_argument("--starter", action="store_true",
                   help="import the starter termbase that ships with avet")
    p.add_argument("--format", choices=FORMATS, help="file format (default: from the extension)")
    p.add_argument("--from", dest="src", choices=LANGS,
                   help="source language (DeepL TSV, with --to); for other formats the "
                        "language whose preferred form identifies an entry")
    p.add_argument("--to", dest="tgt", choices=LANGS,
                   help="target language (with --from: a DeepL TSV, or a unidirectional "
                        "Google glossary, --format google, source,target rows, no header)")
    p.add_argument("--status", choices=STATUSES,
                   help="set this status on every imported entry (default: as in the file)")
    p.add_argument("--overwrite", action="store_true",
                   help="let the file's preferred forms and status replace the stored ones "
                        "(a file without a status column says approved), and its kind, dnt "
                        "and case_sensitive where it gives them (a column, a JSON key, "
                        "avet's TBX notes)")
    p.add_argument("--json", action="store_true", help="print a JSON summary")
    p.set_defaults(func=_import)

    p = actions.add_parser("export", parents=[common], help="export the glossary to a file",
                           description="Export the glossary (written atomically).")
    p.add_argument("file", help="output file; its extension chooses the format")
    p.add_argument("--format", choices=FORMATS, help="file format (default: from the extension)")
    p.add_argument("--from", dest="src", choices=LANGS,
                   help="source language: needed by deepl (with --to; a .tsv file with both "
                        "is deepl), the first column of google and amazon, the document "
                        "language of tbx; refused by the other formats. google with --from "
                        "and --to writes a unidirectional (language pair) glossary: "
                        "source,target rows, no header, variants as extra rows; google "
                        "otherwise writes an equivalent-term-set glossary: a header of "
                        "language codes, one row per entry")
    p.add_argument("--to", dest="tgt", choices=LANGS,
                   help="target language: needed by deepl; with --from the two columns of "
                        "google and amazon; refused by the other formats")
    p.add_argument("--langs", type=lambda v: [x.strip() for x in v.split(",") if x.strip()],
                   help="languages and column order for google and amazon, e.g. ar,en "
                        "(default: all three)")
    p.add_argument("--status", choices=(*STATUSES, "all"), default="approved",
                   help="which entries to export (default: approved)")
    p.add_argument("--json", action="store_true", help="print a JSON summary")
    p.set_defaults(func=_export)

    p = actions.add_parser("list", parents=[common], help="list entries")
    p.add_argument("--status", choices=(*STATUSES, "all"),
                   help="keep entries with this status (default: all)")
    p.add_argument("--kind")
    p.add_argument("--text", help="keep entries with a form containing TEXT "
                                  "(ignoring Arabic diacritics and Vietnamese tones)")
    p.add_argument("--sort", choices=_SORTS, default="id")
    shown = p.add_mutually_exclusive_group()
    shown.add_argument("--limit", type=_positive, default=_LIST_LIMIT, metavar="N",
                       help=f"at most N entries (default: {_LIST_LIMIT}); stderr says when "
                            "the list is cut")
    shown.add_argument("--all", action="store_true", help="list every entry")
    p.add_argument("--json", action="store_true", help="one JSON object per entry")
    p.set_defaults(func=_list)

    p = actions.add_parser("show", parents=[common], help="show one entry in full")
    p.add_argument("id", type=int)
    p.add_argument("--contexts", type=int, default=5, metavar="N",
                   help="contexts shown (default: 5; 0: all stored)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_show)

    for name, status in (("approve", "approved"), ("reject", "rejected")):
        p = actions.add_parser(name, parents=[common], help=f"{name} entries by id")
        p.add_argument("ids", type=int, nargs="+", metavar="ID")
        p.add_argument("--json", action="store_true")
        p.set_defaults(func=_set_status, status=status)

    p = actions.add_parser(
        "merge", parents=[common], help="merge entries into one",
        description="Merge entries into KEEP_ID: the others' forms become its variants, their "
                    "forbidden forms, candidates, contexts and counts join it, and the others "
                    "are deleted. One action: 'avet glossary undo' reverts it.")
    p.add_argument("keep", type=int, metavar="KEEP_ID", help="the entry that stays")
    p.add_argument("others", type=int, nargs="+", metavar="OTHER_ID",
                   help="the entries merged into it")
    p.add_argument("--json", action="store_true", help="print the merged entry as JSON")
    p.set_defaults(func=_merge)

    add_forbid_parsers(actions, common)

    p = actions.add_parser("stats", parents=[common], help="counts by status and kind")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_stats)

    for name in ("undo", "redo"):
        p = actions.add_parser(name, parents=[common],
                               help=f"{name} the last command's change (all its entries)")
        p.add_argument("--json", action="store_true")
        p.set_defaults(func=_undo_redo, which=name)


def _import(args: argparse.Namespace, config: Config) -> int:
    if args.starter == bool(args.file):
        raise ConflictError("give either a FILE or --starter",
                            hint="see 'avet glossary import --help'")
    if args.starter:
        located = [(0, entry) for entry in load_starter_termbase()]
        origin = "starter termbase"
    else:
        fmt = args.format or guess_format(Path(args.file), reading=True)
        if fmt == "deepl" or (fmt == "google" and args.tgt):
            _check_direction(args, Path(args.file))
        elif args.tgt:
            raise InputError(f"the {fmt} format does not take --to", path=args.file,
                             hint="--to is for a DeepL file or a unidirectional Google "
                                  "glossary (with --from); --from alone says which language "
                                  "identifies an entry")
        located = read_glossary_lines(Path(args.file), format=fmt,
                                      source_lang=args.src, target_lang=args.tgt)
        origin = args.file
    kept: dict[str, list[int]] = {name: [] for name in _KEPT_FIELDS}
    file = args.file or origin
    with Store(config.db, actor=config.actor) as store, store.batch(f"import {origin}"):
        plan: list[tuple[int, Entry, Entry | None]] = []
        stored_by_id: dict[int | None, Entry] = {}
        for line, entry in located:
            if args.status:
                entry.status = args.status
            entry.source = entry.source or origin
            stored = next((found for lang in LANGS if entry.term(lang)
                           for found in store.find_by_form(lang, entry.term(lang))), None)
            if stored is not None:
                stored = stored_by_id.setdefault(stored.id, stored)  # one copy per entry
                if not args.overwrite:
                    lang = conflicting_lang(stored, entry)
                    if lang is not None:
                        name = entry.term("ar") or entry.term("vi") or entry.term("en")
                        raise ConflictError(
                            f"{name!r} has {lang} {entry.term(lang)!r} but entry {stored.id} "
                            f"has {stored.term(lang)!r}; nothing was imported",
                            path=file, line=line or None,
                            hint="fix the file, or pass --overwrite to replace stored forms")
            plan.append((line, entry, stored))
        check_approved_rows([(line, entry) for line, entry, stored in plan if stored is None],
                            file)
        changed: dict[int | None, int] = {}
        for line, entry, stored in plan:
            if stored is None:
                _check_conflicts(entry, store, file, line)  # its variants may be stored
                continue
            before = stored.to_dict()
            _merge_forms(stored, entry, args.overwrite)
            _append_note(stored, entry.note)
            given = _STARTER_GIVES if args.starter else given_fields(entry)
            for name in _KEPT_FIELDS:
                if (name != "status" and name not in given) or \
                        getattr(entry, name) == getattr(stored, name):
                    continue
                if args.overwrite or (name == "status" and args.status):
                    setattr(stored, name, getattr(entry, name))
                elif stored.id not in kept[name]:
                    kept[name].append(stored.id or 0)
            if stored.to_dict() != before:
                _check_merged(stored, args.file, line)
                if stored.to_dict()["forms"] != before["forms"]:
                    _check_conflicts(stored, store, file, line)
                changed[stored.id] = line
        new_entries = [e for _, e, s in plan if s is None]
        store.add_many(new_entries)
        for entry_id in changed:
            store.update(stored_by_id[entry_id], "import")
    added, merged = len(new_entries), len(changed)
    unchanged = len(located) - added - merged
    if not args.json:
        for name, ids in kept.items():
            if ids:
                _warn_kept(origin, name, ids)
    summary = {"file": origin, "read": len(located), "added": added, "merged": merged,
               "unchanged": unchanged, **{f"{name}_kept": ids for name, ids in kept.items()},
               "db": str(config.db)}
    if args.json:
        print_json(summary)
    else:
        write_line(f"Imported {count(len(located), 'entry')} from {origin} into {config.db}: "
                   f"{added} new, {merged} merged into existing entries, {unchanged} unchanged.")
    return 0


def _warn_kept(origin: str, name: str, ids: list[int]) -> None:
    """Tells on stderr that stored entries keep their ``name`` against the file's."""
    shown = ", ".join(map(str, ids[:10])) + (" …" if len(ids) > 10 else "")
    fix = "pass --overwrite to take the file's" + (", or --status to set one"
                                                    if name == "status" else "")
    sys.stderr.write(f"avet: {origin}: {count(len(ids), 'stored entry')} "
                     f"{'keeps its' if len(ids) == 1 else 'keep their'} {name} although "
                     f"the file gives another (ids {shown}); {fix}\n")


def _check_conflicts(entry: Entry, store: Store, file: str, line: int) -> None:
    """Checks an imported entry against the stored ones (:func:`check_conflicts`),
    naming the row.

    Raises:
        ConflictError: Naming the file and line of the row.
    """
    try:
        check_conflicts(entry, store.find_by_form)
    except ConflictError as exc:
        raise ConflictError(f"{exc.message}; nothing was imported", path=file,
                            line=line or None, hint=exc.hint) from exc


def _merge_forms(stored: Entry, entry: Entry, overwrite: bool) -> None:
    """Adds an imported entry's forms to the stored one; its preferred forms replace the
    stored ones only where these are empty or with ``overwrite``."""
    for lang in LANGS:
        forms, incoming = stored.forms[lang], entry.forms[lang]
        if incoming.preferred and (overwrite or not forms.preferred):
            if forms.preferred and forms.preferred != incoming.preferred:
                forms.variants.append(forms.preferred)
            forms.preferred = incoming.preferred
            forms.variants = [v for v in forms.variants if v != forms.preferred]
        for text in incoming.variants:
            if text not in forms.all_admitted():
                forms.variants.append(text)
        forms.forbidden += [t for t in incoming.forbidden if t not in forms.forbidden]


def _check_direction(args: argparse.Namespace, file: Path) -> None:
    """Checks that a DeepL import names its two languages, with the flags the user types.

    Raises:
        InputError: If --from or --to is missing, or both name one language.
    """
    if not (args.src and args.tgt):
        missing = " and ".join(f for f, v in (("--from", args.src), ("--to", args.tgt)) if not v)
        raise InputError(f"a DeepL glossary holds one direction: {missing} missing", path=file,
                         hint="pass --from and --to, each one of " + ", ".join(LANGS)
                              + " (e.g. --from ar --to en)")
    if args.src == args.tgt:
        raise InputError(f"--from and --to are both {args.src!r}", path=file,
                         hint="a DeepL glossary goes from one language to another")


def _append_note(stored: Entry, note: str) -> None:
    """Appends an imported note to the stored one on a new line, unless it holds it already."""
    note = note.strip()
    if note and note not in stored.note:
        stored.note = f"{stored.note}\n{note}".strip()


def _check_merged(stored: Entry, file: str | None, line: int) -> None:
    """Validates a stored entry with an imported row merged in, naming the row.

    Raises:
        FormatError: Naming the file and line of the row.
    """
    try:
        stored.validate()
    except FormatError as exc:
        raise FormatError(f"merged into entry {stored.id}: {exc.message}; nothing was imported",
                          path=file, line=line or None,
                          hint=f"fix the row, or edit entry {stored.id} first") from exc


def _export(args: argparse.Namespace, config: Config) -> int:
    status = None if args.status == "all" else args.status
    # An unknown extension is refused before any work.
    fmt = args.format or guess_format(Path(args.file), reading=False, source_lang=args.src,
                                      target_lang=args.tgt)
    check_directions(fmt, args.src, args.tgt, flags=("--from", "--to"), path=Path(args.file))
    with existing_store(config, read_only=True) as store:
        entries = list(store.iter_entries(status=status))
    written = export_glossary(entries, Path(args.file), format=fmt, source_lang=args.src,
                              target_lang=args.tgt, langs=args.langs,
                              statuses=STATUSES if status is None else (status,))
    left = "; ".join(f"{n} with {why}" for why, n in written.left_out.items())
    if args.json:
        print_json({"file": args.file, "entries": written.entries, "rows": written.rows,
                    "left_out": dict(written.left_out), "status": args.status})
    else:
        what = count(written.entries, "entry" if status is None else f"{status} entry")
        rows = f" ({count(written.rows, 'row')})" if written.rows != written.entries else ""
        write_line(f"Exported {what}{rows} to {args.file}."
                   + (f" Left out: {left}." if left else ""))
    return 0


def _list(args: argparse.Namespace, config: Config) -> int:
    status = None if args.status == "all" else args.status
    limit = None if args.all else args.limit
    with existing_store(config, read_only=True) as store, store.snapshot():
        entries = store.entries(status=status, kind=args.kind, text=args.text,
                                limit=limit, order=args.sort)
        total = store.count(status=status, kind=args.kind, text=args.text)
    if len(entries) < total:
        sys.stderr.write(f"avet: showing {len(entries)} of {count(total, 'entry')}; "
                         "--limit N or --all for more\n")
    if args.json:
        for entry in entries:
            print_json(entry.to_dict())
        return 0
    rows = [(e.id, e.term("ar"), e.forms["vi"].best(), e.forms["en"].best(), e.kind, e.status,
             e.frequency, f"{e.score:.2f}") for e in entries]
    print_table(("id", "ar", "vi", "en", "kind", "status", "freq", "score"), rows,
                title=f"{len(entries)} of {count(total, 'entry')} in {config.db}")
    return 0


def _show(args: argparse.Namespace, config: Config) -> int:
    with existing_store(config, read_only=True) as store:
        entry = store.get(args.id)
    if args.json:
        print_json(entry.to_dict())
        return 0
    write_line(f"Entry {entry.id}  kind={entry.kind}  status={entry.status}"
               f"{'  do-not-translate' if entry.dnt else ''}  frequency={entry.frequency}"
               f"  score={entry.score:.3f}")
    for lang in LANGS:
        forms = entry.forms[lang]
        write_line(f"  {lang}: {forms.preferred or '-'}")
        if forms.variants:
            write_line(f"      variants: {' | '.join(forms.variants)}")
        if forms.forbidden:
            write_line(f"      forbidden: {' | '.join(forms.forbidden)}")
        if forms.candidates:
            ranked = ", ".join(f"{c.text} ({c.score:.2f})" for c in forms.candidates[:5])
            write_line(f"      candidates: {ranked}")
    if entry.note:
        write_line("  note: " + entry.note.replace("\n", "\n        "))
    write_line(f"  source: {entry.source or '-'}; updated {entry.updated_at} by {entry.updated_by}")
    shown = entry.contexts if args.contexts <= 0 else entry.contexts[:args.contexts]
    for ctx in shown:
        write_line(f"  [{ctx.doc}:{ctx.start}] {ctx.snippet}")
    more = max(entry.frequency, len(entry.contexts)) - len(shown)
    if more > 0:
        stored = len(entry.contexts) - len(shown)
        write_line(f"  … {count(more, 'more occurrence')}"
                   + (f" ({stored} more stored: --contexts 0)" if stored else ""))
    return 0


def _merge(args: argparse.Namespace, config: Config) -> int:
    if all(other == args.keep for other in args.others):
        raise InputError(f"merge needs two or more different entries; all ids are {args.keep}",
                         hint="give two or more different ids: KEEP_ID OTHER_ID …")
    with existing_store(config) as store:
        entry = store.merge([args.keep, *args.others], into=args.keep)
    others = [i for i in dict.fromkeys(args.others) if i != args.keep]
    if args.json:
        print_json({"into": args.keep, "merged": others, "entry": entry.to_dict()})
    else:
        forms = ", ".join(f"{lang} {entry.term(lang)}" for lang in LANGS if entry.term(lang))
        write_line(f"Merged {', '.join(map(str, others))} into entry {args.keep} ({forms}).")
    return 0


def _set_status(args: argparse.Namespace, config: Config) -> int:
    with existing_store(config) as store:
        changed = store.set_status(args.ids, args.status)
    already = [i for i in dict.fromkeys(args.ids) if i not in changed]
    if args.json:
        print_json({"ids": args.ids, "status": args.status, "changed": changed,
                    "unchanged": already})
    elif not changed:
        write_line(f"0 entries changed: {len(already)} already {args.status}.")
    else:
        write_line(f"{count(len(changed), 'entry')} {args.status}."
                   + (f" {len(already)} already {args.status}: "
                      f"{', '.join(map(str, already))}." if already else ""))
    return 0


def _stats(args: argparse.Namespace, config: Config) -> int:
    with existing_store(config, read_only=True) as store:
        stats = store.stats()
    if args.json:
        print_json(stats)
        return 0
    rows = [("entries", stats["entries"])]
    rows += [(f"status {k}", v) for k, v in stats["by_status"].items()]
    rows += [(f"kind {k}", v) for k, v in stats["by_kind"].items() if v]
    rows += [("journal records", stats["journal"]),
             ("approved hash", stats["approved_hash"][:16])]
    print_table(("", "count"), rows, title=str(config.db))
    return 0


def _undo_redo(args: argparse.Namespace, config: Config) -> int:
    with existing_store(config) as store:
        action = store.undo_action() if args.which == "undo" else store.redo_action()
    if args.json:
        print_json({"action": args.which, "done": action is not None,
                    "label": action.label if action else None,
                    "entries": action.entries if action else 0})
    else:
        write_line(f"{args.which}: "
                   f"{action.describe() if action else 'nothing to ' + args.which}.")
    return 0

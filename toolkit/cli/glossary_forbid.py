"""``avet glossary forbid`` and ``avet glossary allow``: mark a rendering of an entry
forbidden, or allow a forbidden one again (``f`` and ``F`` in ``avet review``).

Both are one journaled action: ``avet glossary undo`` reverts it.
"""

from __future__ import annotations

import argparse

from glossary import LANGS
from toolkit.cli.output import print_json, write_line
from toolkit.cli.stores import existing_store
from toolkit.config import Config

__all__ = ["add_parsers"]


def add_parsers(actions: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Adds ``forbid`` and ``allow`` to the ``avet glossary`` sub-commands."""
    for name, summary, description in (
            ("forbid", "Mark FORM a forbidden LANG rendering of entry ID",
             "Mark FORM a forbidden LANG rendering of entry ID (it stops being a "
             "variant; QA reports it in translations). 'avet glossary undo' reverts it."),
            ("allow", "Allow a forbidden LANG rendering of entry ID again",
             "Allow a forbidden LANG rendering of entry ID again: FORM leaves its "
             "forbidden forms (then it can be a term or variant again). 'avet "
             "glossary undo' reverts it.")):
        p = actions.add_parser(name, parents=[common], description=description, help=summary)
        p.add_argument("id", type=int, metavar="ID")
        p.add_argument("lang", choices=LANGS, metavar="LANG", help=", ".join(LANGS))
        p.add_argument("form", metavar="FORM", help="the rendering, as stored")
        p.add_argument("--json", action="store_true", help="print the entry's forms as JSON")
        p.set_defaults(func=_run, which=name)


def _run(args: argparse.Namespace, config: Config) -> int:
    with existing_store(config) as store:
        action = store.forbid if args.which == "forbid" else store.allow
        changed = action(args.id, args.lang, args.form)
        forms = store.get(args.id).forms[args.lang]
    if args.json:
        print_json({"id": args.id, "lang": args.lang, "form": args.form, "action": args.which,
                    "changed": changed, "forbidden": forms.forbidden})
    elif not changed:
        write_line(f"Entry {args.id}: {args.lang} {args.form!r} is forbidden already.")
    else:
        done = "forbidden" if args.which == "forbid" else "allowed again"
        write_line(f"Entry {args.id}: {args.lang} {args.form!r} {done}; forbidden "
                   f"{args.lang} forms: {', '.join(forms.forbidden) or 'none'}.")
    return 0

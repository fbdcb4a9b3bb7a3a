"""``avet review``: the terminal review app (Textual) on the glossary database."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from glossary.errors import InputError, NotFoundError
from toolkit.config import Config

if TYPE_CHECKING:
    from glossary.formats import Written

__all__ = ["register", "run"]

_BIDI_MODES = ("visual", "logical")


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Adds ``avet review``."""
    p = sub.add_parser(
        "review", parents=[common], help="review and approve the glossary in a terminal UI",
        description="Review the extracted glossary from the keyboard: approve, reject, edit, "
                    "pick Vietnamese candidates, merge, split, undo, export. Press F1 inside "
                    "for every key.")
    p.add_argument("--bidi", choices=_BIDI_MODES, default=None,
                   help="Arabic display: 'visual' reorders right-to-left text for terminals "
                        "that do not (xterm, GNOME Terminal, tmux, Windows Terminal: the "
                        "default); 'logical' for terminals that reorder themselves (mlterm, "
                        "Konsole with bidi). Default: $AVET_BIDI or visual")
    p.add_argument("--poll", type=float, default=1.5, metavar="SECONDS",
                   help="how often to look for entries other processes added (default 1.5)")
    p.add_argument("--actor", default=None,
                   help="name recorded in the journal for your changes (default: avet.toml's "
                        "actor, else 'tui')")
    p.set_defaults(func=run)


def _exporter(db: Path, actor: str) -> Callable[[Path, str, tuple[str, ...] | None], Written]:
    """Returns the app's export function: the approved entries of ``db`` to a file.

    Its ``langs`` are what ``avet glossary export`` takes as ``--from``/``--to``
    for ``deepl`` and as ``--langs`` for ``google`` and ``amazon``.
    """
    from glossary.formats import export_glossary
    from glossary.store import Store

    def export(path: Path, fmt: str, langs: tuple[str, ...] | None) -> Written:
        # Runs in the app's database thread: it opens its own connection.
        with Store(db, actor=actor) as store:
            entries = list(store.iter_entries(status="approved"))
        if fmt == "deepl":
            if not langs or len(langs) != 2:
                raise InputError("a DeepL glossary holds one direction", path=path,
                                 hint="choose a source and a target language")
            return export_glossary(entries, path, format=fmt, source_lang=langs[0],
                                   target_lang=langs[1], statuses=("approved",))
        return export_glossary(entries, path, format=fmt, langs=langs, statuses=("approved",))

    return export


def run(args: argparse.Namespace, config: Config) -> int:
    """Runs the review app until the reviewer quits.

    Raises:
        NotFoundError: If the database does not exist.
        InputError: If an option is out of range.
        StoreError: If the file is not an avet database.
    """
    from glossary.store import Store
    from toolkit.translit import vi_to_ar
    from tui import ReviewApp, ReviewConfig

    db = Path(config.db)
    if not db.is_file():
        raise NotFoundError("no glossary database here", path=db,
                            hint="create one with 'avet extract' or 'avet glossary import', "
                                 "or pass --db PATH")
    with Store(db, actor=config.actor):  # fails early on a file that is not an avet database
        pass
    actor = args.actor or (config.actor if config.actor != "cli" else "tui")
    bidi = args.bidi or os.environ.get("AVET_BIDI") or "visual"
    review = ReviewConfig(db=db, bidi=bidi, poll_interval=args.poll, actor=actor)  # type: ignore[arg-type]
    app = ReviewApp(review, transliterate=vi_to_ar, export=_exporter(db, actor))
    app.run()
    return 0

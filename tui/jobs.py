"""Store operations of the review app, run in its one database thread.

Each function here builds a :data:`Job`: a callable that gets the thread's own
:class:`~glossary.store.Store` and returns an :class:`Outcome` (the entries
changed or removed, for the table, and a message for the reviewer). Nothing
here imports Textual, so the jobs are unit-tested against a plain store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from glossary.checks import check_conflicts, check_terms
from glossary.errors import ConflictError, NotFoundError
from glossary.formats import Written
from glossary.model import LANGS, Entry
from glossary.store import Store

__all__ = [
    "EntryCheck",
    "ExportFunc",
    "Job",
    "Outcome",
    "apply_edit",
    "check_edit",
    "conflict_check",
    "default_merge_target",
    "describe_langs",
    "edit",
    "export",
    "forbid",
    "load_pages",
    "merge",
    "pick_candidate",
    "redo",
    "set_status",
    "split",
    "status_message",
    "undo",
]

#: ``export(path, format, langs) -> what was written`` (the CLI passes it in). ``langs``
#: is the direction of a ``deepl`` file (source, target) or the language columns of
#: ``google`` and ``amazon``, the source first; ``None`` for the other formats.
ExportFunc = Callable[[Path, str, tuple[str, ...] | None], Written]
#: Raises an :class:`~glossary.errors.AvetError` if an edited entry may not be saved.
EntryCheck = Callable[[Entry], None]


@dataclass
class Outcome:
    """What a job did: entries to refresh, ids to drop, what to tell the reviewer."""

    changed: list[Entry] = field(default_factory=list)
    removed: list[int] = field(default_factory=list)
    message: str = ""
    select: int | None = None


Job = Callable[[Store], Outcome]


def load_pages(store: Store, first: int = 200,
               size: int = 25_000) -> Iterator[tuple[list[Entry], bool]]:
    """Reads every entry in id order, a small first page then pages of ``size``.

    Pages follow the last id read (keyset paging), so an entry that stays as it
    is gets read even when other processes add or delete entries meanwhile; what
    they change after the caller read ``data_version()`` comes from
    :meth:`~glossary.store.Store.changes_since`.

    Yields:
        Each page and whether it is the last.
    """
    after, limit = 0, first
    while True:
        page = store.entries(limit=limit, after=after)
        last = len(page) < limit
        yield page, last
        if last:
            return
        after, limit = max(e.id or 0 for e in page), size


def _get_all(store: Store, ids: Sequence[int]) -> tuple[list[Entry], list[int]]:
    changed, removed = [], []
    for entry_id in dict.fromkeys(ids):
        try:
            changed.append(store.get(entry_id))
        except NotFoundError:
            removed.append(entry_id)
    return changed, removed


def set_status(ids: Sequence[int], status: str) -> Job:
    """Sets the status of ``ids`` in one undoable action; the message says how
    many changed and which had that status already (``approved 2 entries;
    entry 4 already approved``, ``nothing changed: 2 already approved``)."""
    def job(store: Store) -> Outcome:
        done = store.set_status(ids, status)
        changed, removed = _get_all(store, ids)
        return Outcome(changed, removed, status_message(ids, done, status))
    return job


def status_message(ids: Sequence[int], changed: Sequence[int], status: str) -> str:
    """Says what setting ``status`` on ``ids`` did, ``changed`` being the ids
    whose status changed (what :meth:`~glossary.store.Store.set_status` returns)."""
    already = [i for i in dict.fromkeys(ids) if i not in changed]
    kept = (f"entry {already[0]}" if len(already) == 1 else str(len(already))) + " already"
    if not changed:
        return f"nothing changed: {kept} {status}"
    done = f"entry {changed[0]}" if len(changed) == 1 else f"{len(changed)} entries"
    return f"{status} {done}" + (f"; {kept} {status}" if already else "")


def apply_edit(entry: Entry, *, ar: str | None = None, vi: str | None = None,
               en: str | None = None, note: str | None = None) -> None:
    """Sets preferred forms and the note of ``entry`` in place; ``None`` leaves a
    field as it is. A new preferred form that was a variant stops being one."""
    for lang, value in (("ar", ar), ("vi", vi), ("en", en)):
        if value is None:
            continue
        forms = entry.forms[lang]
        forms.preferred = value.strip()
        forms.variants = [v for v in forms.variants if v != forms.preferred]
    if note is not None:
        entry.note = note.strip()


def check_edit(before: Entry, after: Entry, store: Store) -> None:
    """Checks an edited entry with import's rules (:mod:`glossary.checks`): its own
    forms always, the other entries' forms when a term changed.

    Raises:
        FormatError: If the entry lost its last term, has variants without a
            term, or a new form contains ``|`` (the table formats could not export it).
        ConflictError: If a term is another entry's form with another translation.
    """
    check_terms(after, before=before)
    if any(before.term(lang) != after.term(lang) for lang in LANGS):
        check_conflicts(after, store.find_by_form)


def conflict_check(db: Path) -> EntryCheck:
    """Returns a check of an edited entry against the other entries of ``db``
    (:func:`~glossary.checks.check_conflicts`); it opens its own store, so a
    dialog can run it in a thread of its own."""
    def check(entry: Entry) -> None:
        with Store(db) as store:
            check_conflicts(entry, store.find_by_form)
    return check


def edit(entry_id: int, *, ar: str | None = None, vi: str | None = None,
         en: str | None = None, note: str | None = None) -> Job:
    """Sets preferred forms and the note (:func:`apply_edit`) after :func:`check_edit`."""
    def job(store: Store) -> Outcome:
        def change(entry: Entry) -> None:
            before = Entry.from_dict(entry.to_dict())
            apply_edit(entry, ar=ar, vi=vi, en=en, note=note)
            check_edit(before, entry, store)

        return Outcome([store.modify(entry_id, change, "edit")], [], f"edited entry {entry_id}")
    return job


def pick_candidate(entry_id: int, number: int) -> Job:
    """Makes Vietnamese candidate ``number`` (1-based, in ranked order) the preferred form."""
    def change(entry: Entry) -> None:
        ranked = entry.forms["vi"].ranked()
        if not 1 <= number <= len(ranked):
            raise NotFoundError(f"entry {entry_id} has no Vietnamese candidate {number}",
                                hint=f"pick 1 to {len(ranked)}" if ranked else "edit it (e)")
        forms = entry.forms["vi"]
        forms.preferred = ranked[number - 1].text
        forms.variants = [v for v in forms.variants if v != forms.preferred]

    def job(store: Store) -> Outcome:
        entry = store.modify(entry_id, change, "pick")
        return Outcome([entry], [], f"entry {entry_id}: vi = {entry.term('vi')}")
    return job


def forbid(entry_id: int, lang: str, text: str) -> Job:
    """Marks ``text`` a forbidden ``lang`` rendering of the entry."""
    def job(store: Store) -> Outcome:
        if not store.forbid(entry_id, lang, text):
            return Outcome([store.get(entry_id)], [], f"nothing changed: {lang} {text!r} is "
                                                      f"forbidden in entry {entry_id} already")
        return Outcome([store.get(entry_id)], [], f"entry {entry_id}: {lang} {text!r} forbidden")
    return job


def default_merge_target(entries: Sequence[Entry]) -> int:
    """The entry a merge keeps unless the reviewer picks another.

    An approved entry if there is one, else any; among those the most frequent,
    then the lowest id.

    Raises:
        ConflictError: If ``entries`` is empty or holds an entry without an id.
    """
    stored = [(e.status != "approved", -e.frequency, e.id) for e in entries if e.id is not None]
    if not stored or len(stored) < len(entries):
        raise ConflictError("merge needs stored entries", hint="mark entries of the table")
    return min(stored)[2]


def merge(ids: Sequence[int], into: int) -> Job:
    """Merges ``ids`` into ``into``; the others' forms become its variants."""
    def job(store: Store) -> Outcome:
        target = store.merge(ids, into=into)
        removed = [i for i in ids if i != into]
        return Outcome([target], removed, f"merged {len(ids)} entries into {into}", select=into)
    return job


def split(entry_id: int, lang: str, variant: str) -> Job:
    """Moves a variant out of the entry into a new candidate entry."""
    def job(store: Store) -> Outcome:
        new = store.split_variant(entry_id, lang, variant)
        return Outcome([store.get(entry_id), new], [],
                       f"split {variant!r} into entry {new.id}", select=new.id)
    return job


def _last_group(store: Store, state: str) -> list[int]:
    """Entry ids of the newest ``done`` (or oldest ``undone``) journal group."""
    records = [r for r in store.journal(limit=1000) if r["state"] == state]
    if not records:
        return []
    pick = max if state == "done" else min
    group = pick(r["group"] for r in records)
    return [r["entry_id"] for r in records if r["group"] == group]


def undo() -> Job:
    """Reverts the latest action (of any process) through the store's journal."""
    return _replay("done", Store.undo, "undo", "undone")


def redo() -> Job:
    """Re-applies the action undone last."""
    return _replay("undone", Store.redo, "redo", "redone")


def _replay(state: str, step: Callable[[Store], bool], verb: str, done: str) -> Job:
    """A job that runs ``step`` (undo or redo) on the journal group in ``state``."""
    def job(store: Store) -> Outcome:
        ids = _last_group(store, state)
        if not step(store):
            return Outcome(message=f"nothing to {verb}")
        changed, removed = _get_all(store, ids)
        return Outcome(changed, removed, f"{done} ({len(ids)} entries)")
    return job


def _missing_folder(path: Path) -> Path | None:
    """The outermost folder of ``path`` that does not exist yet, else ``None``."""
    missing = [p for p in path.parents if not p.exists()]
    return missing[-1] if missing else None


def _count(n: int, noun: str) -> str:
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{n} {noun if n == 1 else plural}"


def describe_langs(fmt: str, langs: Sequence[str] | None) -> str:
    """``deepl, vi → ar`` or ``google, ar vi en``: the format and its languages."""
    if not langs:
        return fmt
    return f"{fmt}, {' → '.join(langs) if fmt == 'deepl' else ' '.join(langs)}"


def export(func: ExportFunc, path: Path, fmt: str, langs: tuple[str, ...] | None = None) -> Job:
    """Runs the CLI's export function (it opens its own store).

    As ``avet glossary export``, missing folders of ``path`` are created; the
    message says so.
    """
    def job(store: Store) -> Outcome:
        created = _missing_folder(path)
        written = func(path, fmt, langs)
        rows = f", {_count(written.rows, 'row')}" if written.rows != written.entries else ""
        message = (f"exported {_count(written.entries, 'entry')}{rows} to {path} "
                   f"({describe_langs(fmt, langs)})")
        if written.left_out:
            message += "; left out: " + "; ".join(
                f"{n} with {why}" for why, n in written.left_out.items())
        if created is not None:
            message += f"; created the folder {created}"
        return Outcome(message=message)
    return job

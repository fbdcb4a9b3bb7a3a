"""Store operations of the review app, run in its one database thread.

Each function here builds a :data:`Job`: a callable that gets the thread's own
:class:`~glossary.store.Store` and returns an :class:`Outcome` (the entries
changed or removed, for the table, and a message for the reviewer). Nothing
here imports Textual, so the jobs are unit-tested against a plain store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from glossary.checks import check_conflicts, check_terms
from glossary.errors import ConflictError, NotFoundError
from glossary.formats import Written
from glossary.journal import Action
from glossary.merging import form_key
from glossary.model import LANGS, Candidate, Entry
from glossary.normalize import clean_form
from glossary.store import Store

__all__ = [
    "EntryCheck",
    "ExportFunc",
    "Job",
    "Outcome",
    "Session",
    "allow",
    "apply_edit",
    "check_edit",
    "conflict_check",
    "default_merge_target",
    "describe_langs",
    "edit",
    "export",
    "forbid",
    "gone",
    "load_pages",
    "merge",
    "pick_candidate",
    "pickable",
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


def set_status(ids: Sequence[int], status: str, hidden: int = 0) -> Job:
    """Sets the status of ``ids`` in one undoable action; the message says how
    many changed and which had that status already (``approved 2 entries;
    entry 4 already approved``, ``nothing changed: 2 already approved``), and
    how many of ``ids`` the filter hides (``hidden``; ``(1 of them hidden by
    the filter)``)."""
    def job(store: Store) -> Outcome:
        done = store.set_status(ids, status)
        changed, removed = _get_all(store, ids)
        message = status_message(ids, done, status)
        if hidden:
            message += f" ({hidden} of them hidden by the filter)"
        return Outcome(changed, removed, message)
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


def gone(entry_id: int) -> NotFoundError:
    """The error for an entry that another command removed while it was being edited."""
    return NotFoundError(f"entry {entry_id} no longer exists (merged or deleted by another "
                         "command; cancel with Esc and look for its forms in the table)")


def pickable(entry: Entry) -> list[Candidate]:
    """The Vietnamese candidates that ``1``–``9`` pick, in ranked order: those not
    forbidden in the entry (compared as :func:`~glossary.merging.form_key` does)."""
    forms = entry.forms["vi"]
    forbidden = {form_key(t, "vi", entry.case_sensitive) for t in forms.forbidden}
    return [c for c in forms.ranked()
            if form_key(c.text, "vi", entry.case_sensitive) not in forbidden]


def apply_edit(entry: Entry, *, ar: str | None = None, vi: str | None = None,
               en: str | None = None, note: str | None = None) -> None:
    """Sets preferred forms and the note of ``entry`` in place; ``None`` leaves a
    field as it is. Forms are cleaned as import cleans them, Arabic without harakat
    as extraction spells it (:func:`~glossary.normalize.clean_form` with
    ``keep_harakat=False``); a new preferred form that was a variant stops being one."""
    for lang, value in (("ar", ar), ("vi", vi), ("en", en)):
        if value is None:
            continue
        forms = entry.forms[lang]
        forms.preferred = clean_form(value, lang, keep_harakat=False)
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
            if entry.id is not None:
                try:
                    store.get(entry.id)
                except NotFoundError as exc:
                    raise gone(entry.id) from exc
            check_conflicts(entry, store.find_by_form)
    return check


def _field(entry: Entry, name: str) -> str:
    return entry.note if name == "note" else entry.forms[name].preferred


def edit(entry_id: int, *, ar: str | None = None, vi: str | None = None,
         en: str | None = None, note: str | None = None, opened: Entry | None = None) -> Job:
    """Sets preferred forms and the note (:func:`apply_edit`) after :func:`check_edit`.

    Give only the fields the reviewer changed. ``opened`` is the entry as the
    dialog showed it: a given field that another command changed meanwhile to
    something else is refused (nothing is saved); the fields not given keep
    what is stored now.

    Raises:
        NotFoundError: If the entry no longer exists (:func:`gone`).
        ConflictError: If another command changed a field the reviewer changed.
    """
    given = [name for name, value in (("ar", ar), ("vi", vi), ("en", en), ("note", note))
             if value is not None]

    def change(entry: Entry, store: Store) -> None:
        before = Entry.from_dict(entry.to_dict())
        apply_edit(entry, ar=ar, vi=vi, en=en, note=note)
        for name in given:
            was, now = _field(opened or before, name), _field(before, name)
            if now not in (was, _field(entry, name)):
                raise ConflictError(
                    f"entry {entry_id}: another command changed its "
                    f"{'note' if name == 'note' else name + ' form'} from {was!r} to {now!r} "
                    "while you edited it; nothing was saved",
                    hint="press e again to edit the entry as it is now")
        check_edit(before, entry, store)

    def job(store: Store) -> Outcome:
        try:  # change() raises no NotFoundError: this one says the entry is gone
            entry = store.modify(entry_id, partial(change, store=store), "edit")
        except NotFoundError as exc:
            raise gone(entry_id) from exc
        return Outcome([entry], [], f"edited entry {entry_id}")
    return job


def pick_candidate(entry_id: int, number: int) -> Job:
    """Makes Vietnamese candidate ``number`` (1-based, in the order of :func:`pickable`)
    the preferred form, with the checks of an edit (:func:`check_edit`).

    Raises:
        NotFoundError: If there is no such candidate.
        ConflictError: If the candidate is another entry's form (as an edit would be).
    """
    def change(entry: Entry, store: Store) -> None:
        ranked = pickable(entry)
        if not 1 <= number <= len(ranked):
            raise NotFoundError(f"entry {entry_id} has no Vietnamese candidate {number}",
                                hint=f"pick 1 to {len(ranked)}" if ranked else "edit it (e)")
        before = Entry.from_dict(entry.to_dict())
        apply_edit(entry, vi=ranked[number - 1].text)
        check_edit(before, entry, store)

    def job(store: Store) -> Outcome:
        entry = store.modify(entry_id, partial(change, store=store), "pick")
        return Outcome([entry], [], f"entry {entry_id}: vi = {entry.term('vi')}")
    return job


def allow(entry_id: int, lang: str, text: str) -> Job:
    """Allows a forbidden ``lang`` rendering of the entry again (:meth:`Store.allow`)."""
    def job(store: Store) -> Outcome:
        store.allow(entry_id, lang, text)
        return Outcome([store.get(entry_id)], [],
                       f"entry {entry_id}: {lang} {text!r} allowed again")
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


#: Journal records read at first when scanning the journal backwards (doubled as needed).
_SCAN = 256


def _newest_first(store: Store) -> Iterator[dict[str, Any]]:
    """Every journal record, newest first, read in growing pages."""
    limit, skip = _SCAN, 0
    while True:
        records = store.journal(limit=limit)
        yield from records[skip:]
        if len(records) < limit:
            return
        skip, limit = limit, limit * 2


def _newest_seq(store: Store) -> int:
    """The sequence number of the newest journal record (0: the journal is empty)."""
    return next((int(r["seq"]) for r in _newest_first(store)), 0)


def _next_group(store: Store, verb: str) -> int | None:
    """The journal group :meth:`Store.undo_action` (``undo``) or
    :meth:`Store.redo_action` (``redo``) would replay now, or ``None``.

    Groups grow with the journal's sequence. Undo replays the newest ``done``
    group; redo the oldest ``undone`` one, and every ``undone`` group is newer
    than the newest ``done`` one.
    """
    undone: int | None = None
    for record in _newest_first(store):
        if record["state"] == "done":
            return int(record["group"]) if verb == "undo" else undone
        if record["state"] == "undone":
            undone = int(record["group"])
    return None if verb == "undo" else undone


def _group_records(store: Store, group: int) -> list[dict[str, Any]]:
    """The journal records of ``group``, newest first."""
    out = []
    for record in _newest_first(store):
        if record["group"] == group:
            out.append(record)
        elif record["group"] < group:
            break
    return out


def _describe(records: Sequence[dict[str, Any]]) -> str:
    """Names a journal group as :meth:`glossary.journal.Action.describe` does."""
    labels = [r["label"] for r in records if r["label"]]
    actions = list(dict.fromkeys(r["action"] for r in reversed(records)))
    label = labels[0] if labels else " + ".join(actions)
    return Action(0, label, len({r["entry_id"] for r in records})).describe()


@dataclass
class Session:
    """The journal groups one review session wrote, so that its undo stays its own.

    The app owns one; only its database thread uses it. Undo and redo replay only
    groups this session wrote (:meth:`run` notes them), never what another command
    wrote before or meanwhile (``avet glossary undo`` does that).

    Attributes:
        actor: The session's store actor: the journal names it on its records.
        done: Groups this session wrote and has not undone, oldest first.
        undone: Groups this session undid and may redo, the last undone last.
    """

    actor: str
    done: list[int] = field(default_factory=list)
    undone: list[int] = field(default_factory=list)

    def run(self, job: Job, store: Store) -> Outcome:
        """Runs ``job`` and notes the journal groups it wrote.

        Raises:
            AvetError: What ``job`` raises (the groups it wrote are noted still).
        """
        mark = _newest_seq(store)
        try:
            return job(store)
        finally:
            groups = sorted({int(r["group"]) for r in self._since(store, mark)})
            if groups:
                self.done.extend(g for g in groups if g not in self.done)
                self.undone.clear()  # a new change makes the undone ones unredoable

    def _since(self, store: Store, mark: int) -> Iterator[dict[str, Any]]:
        """This session's records newer than sequence number ``mark``."""
        for record in _newest_first(store):
            if record["seq"] <= mark:
                return
            if record["actor"] == self.actor and record["state"] == "done":
                yield record


def undo(session: Session) -> Job:
    """Reverts the latest change of this review session (see :class:`Session`)."""
    return _replay(session, "undo")


def redo(session: Session) -> Job:
    """Re-applies the change of this review session undone last."""
    return _replay(session, "redo")


def _replay(session: Session, verb: str) -> Job:
    """A job that undoes or redoes (``verb``) this session's latest group.

    Its message names the change as ``avet glossary undo`` does (``undo: merge
    (2 entries)``). With nothing of this session to replay it names the command
    for earlier changes; when the store would replay another command's change
    first (written or undone after this session's), it replays nothing and names
    that change.
    """
    mine, other = ((session.done, session.undone) if verb == "undo"
                   else (session.undone, session.done))
    # Undo replays the newest group, redo the oldest undone one.
    newer = (lambda a, b: a > b) if verb == "undo" else (lambda a, b: a < b)

    def job(store: Store) -> Outcome:
        command = f"avet glossary {verb}"
        while mine:
            group = _next_group(store, verb)
            if group == mine[-1]:
                break
            if group is not None and newer(group, mine[-1]):
                return Outcome(message=(
                    f"nothing {verb}ne: the next {verb} is another command's change, "
                    f"{_describe(_group_records(store, group))}; run {command} for it"))
            mine.pop()  # replayed or discarded by another command meanwhile
        else:
            return Outcome(message=f"nothing to {verb} in this review session; "
                                   f"for earlier changes run {command}")
        # The store replays the group only if it is still the next one, in the same
        # transaction: a change another process wrote since is never the one replayed.
        action = (store.undo_action(mine[-1]) if verb == "undo"
                  else store.redo_action(mine[-1]))
        if action is None:
            return Outcome(message=f"nothing {verb}ne: another command changed the glossary "
                                   f"just now; {verb} again to see what comes next")
        other.append(mine.pop())
        ids = [int(r["entry_id"]) for r in _group_records(store, action.group)]
        changed, removed = _get_all(store, ids)
        return Outcome(changed, removed, f"{verb}: {action.describe()}")
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

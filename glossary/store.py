"""The SQLite glossary store.

One file holds the entries, a per-form index for lookups, per-document
evidence counts and an action journal. The database runs in WAL mode with a
busy timeout, so a review TUI, batch jobs and ``avet extract`` can use one file
at once; every write is one ``BEGIN IMMEDIATE`` transaction, so concurrent
writers in several processes serialise and lose no update.

Every change is journaled with the entry's state before and after and the
per-document counts it changed, grouped per user action, so that
:meth:`Store.undo` and :meth:`Store.redo` can replay it; a
command of several writes runs them in one :meth:`Store.batch` (one transaction,
one journal group). Every form is stored in Unicode NFC.
The schema carries a version (``PRAGMA user_version``) and is migrated on open.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

from glossary.checks import approvable, check_approval
from glossary.errors import ConflictError, FormatError, InputError, NotFoundError, StoreError
from glossary.fileio import make_folder
from glossary.journal import EvidenceChange, History, evidence_change, record
from glossary.merging import (
    absorb,
    add_evidence,
    allow_form,
    forbid_form,
    nfc_forms,
    same_content,
    split_off,
)
from glossary.model import STATUSES, Entry, now_iso
from glossary.queries import Queries
from glossary.rows import (
    add_evidence_of,
    delete_row,
    entry_sharing_form,
    evidence_of,
    evidence_total,
    open_database,
    open_reader,
    save_row,
    set_evidence,
)
from glossary.schema import SCHEMA_VERSION, Transaction

__all__ = ["SCHEMA_VERSION", "Store"]


class Store(Queries, History):
    """A glossary kept in one SQLite file (its reading methods: :class:`Queries`;
    undo and redo: :class:`~glossary.journal.History`).

    Args:
        path: The database file; created (with parent folders) if missing, unless
            ``read_only``.
        actor: Recorded in the journal as who made the changes.
        timeout: Seconds to wait for another writer before giving up.
        read_only: Only read it (:func:`glossary.rows.open_reader`): nothing is
            written to the file or its folder, so a database on a read-only file
            system can be read; every writing method raises :class:`StoreError`.

    A store holds one SQLite connection, which SQLite lets only the thread that
    opened it use: open one store per thread (they may share the file; writers in
    several threads or processes serialise), never share one between threads.
    Opened writable on a file SQLite can only read, it reads, and every write
    raises :class:`~glossary.errors.DatabaseFileError` ("is read-only").

    Raises:
        InputError: If the path is a folder or the database another program's.
        NotFoundError: If ``read_only`` and there is no such file.
        DatabaseFileError: If the file is not a database, is damaged, cannot be
            opened or written (read, if ``read_only``), a newer avet made it, or
            the disk is full.
        StoreError: If SQLite fails otherwise.
    """

    def __init__(self, path: str | Path, *, actor: str = "cli", timeout: float = 30.0,
                 read_only: bool = False) -> None:
        self.path = Path(path)
        self.actor = actor
        self.read_only = read_only
        self._batch: Transaction | None = None
        if self.path.is_dir():
            raise InputError("is a directory, not a database file", path=self.path,
                             hint="pass a file path such as avet.db")
        if read_only:
            if not self.path.is_file():
                raise NotFoundError("no glossary database", path=self.path,
                                    hint="check the path, or create it with 'avet glossary "
                                         "import'")
            self._db = open_reader(self.path, timeout)
            return
        make_folder(self.path.parent, for_path=self.path)
        self._db = open_database(self.path, timeout)

    # -- life cycle -------------------------------------------------------------

    def close(self) -> None:
        """Closes the connection."""
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions and journal ----------------------------------------------

    def _write(self, journal: bool = True,
               label: str = "") -> AbstractContextManager[Transaction]:
        self._check_writable()
        if self._batch is not None:
            if not journal:
                raise StoreError("undo and redo cannot run inside a batch", path=self.path,
                                 hint="undo after the batch ends")
            return self._batch.savepoint()
        if self._db.in_transaction:
            raise StoreError("cannot write inside a snapshot", path=self.path,
                             hint="write after the snapshot ends")
        return Transaction(self._db, self.path, journal, label)

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError("the glossary was opened to be read only", path=self.path,
                             hint="open it with Store(path) to write")

    @contextmanager
    def batch(self, label: str) -> Iterator[None]:
        """Makes the writes inside one transaction and one journal group.

        Use it for a command of several writes (an import, storing an extraction):
        either all of them are stored or none, and one undo reverts them all. A
        write that raises inside the batch is rolled back alone; an exception that
        leaves the batch rolls back everything. A batch inside a batch joins it.

        Args:
            label: What the command does, as undo names it (``"import g.csv"``).

        Yields:
            Nothing: the writes go inside the ``with`` block.

        Raises:
            StoreError: If another process holds the database too long, or the
                store is read-only.
        """
        self._check_writable()
        if self._batch is not None:
            with self._batch.savepoint():
                yield
            return
        with Transaction(self._db, self.path, label=label) as tx:
            self._batch = tx
            try:
                yield
            finally:
                self._batch = None

    def _journal(self, tx: Transaction, action: str, entry_id: int, before: Entry | None,
                 after: Entry | None, evidence: EvidenceChange | None = None) -> None:
        record(self._db, tx.group, self.actor, action, entry_id, before, after, tx.label,
               evidence)

    # -- row helpers -----------------------------------------------------------

    def _stamp(self, entry: Entry) -> None:
        """Normalises the forms to NFC, validates the entry and stamps it."""
        nfc_forms(entry)
        entry.validate()
        entry.updated_at = now_iso()
        entry.updated_by = self.actor
        if not entry.created_at:
            entry.created_at = entry.updated_at

    # -- writing ---------------------------------------------------------------

    def add(self, entry: Entry) -> int:
        """Stores a new entry and returns its id.

        Args:
            entry: The entry; its forms are put in NFC and it gets its id and stamps.

        Returns:
            The new entry's id.

        Raises:
            FormatError: If the entry is invalid.
        """
        return self.add_many([entry])[0]

    def add_many(self, entries: Iterable[Entry]) -> list[int]:
        """Stores new entries in one transaction and returns their ids.

        Args:
            entries: The entries, as :meth:`add` takes them.

        Returns:
            Their ids, in order.

        Raises:
            FormatError: If an entry is invalid (none is stored then).
        """
        ids = []
        with self._write() as tx:
            for entry in entries:
                ids.append(self._insert(tx, entry))
        return ids

    def _insert(self, tx: Transaction, entry: Entry, action: str = "add",
                doc_counts: Mapping[str, int] | None = None) -> int:
        """Stores and journals a new entry, with its per-document counts if given."""
        self._stamp(entry)
        cursor = self._db.execute("INSERT INTO entries (kind, status, data) VALUES ('', '', '')")
        entry.id = int(cursor.lastrowid or 0)
        save_row(self._db, entry)
        change = None
        if doc_counts is not None:
            set_evidence(self._db, entry.id, doc_counts)
            change = evidence_change({}, evidence_of(self._db, entry.id))
        self._journal(tx, action, entry.id, None, entry, change)
        return entry.id

    def update(self, entry: Entry, action: str = "update") -> bool:
        """Saves changes to a stored entry.

        Args:
            entry: The changed entry (its ``id`` says which one).
            action: Name of the action in the journal.

        Returns:
            Whether the entry changed: an entry saved as stored is not journaled
            (undo passes over it).

        Raises:
            NotFoundError: If the entry is not stored.
            FormatError: If the entry is invalid.
        """
        if entry.id is None:
            raise NotFoundError("entry has no id", hint="store it with add() first")
        with self._write() as tx:
            return self._replace(tx, entry, action)

    def _replace(self, tx: Transaction, entry: Entry, action: str,
                 counts_before: Mapping[str, int] | None = None) -> bool:
        """Saves and journals ``entry``; returns False (writing nothing) if it is as stored.

        ``counts_before``: the entry's per-document counts before this write changed
        them (``None``: it changed none); the change is journaled with the entry's.
        """
        assert entry.id is not None
        before = self.get(entry.id)
        nfc_forms(entry)
        change = (None if counts_before is None
                  else evidence_change(counts_before, evidence_of(self._db, entry.id)))
        if same_content(before, entry):
            entry.updated_at, entry.updated_by = before.updated_at, before.updated_by
            if change is not None:  # only the counts changed: undo must restore them
                self._journal(tx, action, entry.id, before, before, change)
            return change is not None
        self._stamp(entry)
        save_row(self._db, entry)
        self._journal(tx, action, entry.id, before, entry, change)
        return True

    def delete(self, entry_id: int) -> None:
        """Deletes an entry (journaled, so it can be undone).

        Args:
            entry_id: The entry.

        Raises:
            NotFoundError: If there is no such entry.
        """
        with self._write() as tx:
            self._remove(tx, entry_id)

    def _remove(self, tx: Transaction, entry_id: int) -> None:
        before = self.get(entry_id)
        counts = evidence_of(self._db, entry_id)
        delete_row(self._db, entry_id)  # its evidence cascades
        self._journal(tx, "delete", entry_id, before, None, evidence_change(counts, {}))

    def set_status(self, ids: Sequence[int], status: str) -> list[int]:
        """Sets the status of several entries in one undoable action.

        Args:
            ids: The entries.
            status: One of :data:`~glossary.model.STATUSES`.

        Approving checks the entries first (:func:`~glossary.checks.check_approval`):
        none may share an admitted form with an approved entry, or with another
        entry approved in the same call, that translates it differently.

        Returns:
            The ids whose status changed; the others had it already. When none
            changed, nothing is journaled and undo reverts the action before.

        Raises:
            InputError: For an unknown status.
            NotFoundError: If an id does not exist (nothing is changed then).
            ConflictError: If an entry to approve clashes so (nothing is changed then).
        """
        if status not in STATUSES:
            raise InputError(f"unknown status {status!r}",
                             hint=f"use one of: {', '.join(STATUSES)}")
        with self._write() as tx:
            entries = [self.get(entry_id) for entry_id in dict.fromkeys(ids)]
            changing = [entry for entry in entries if entry.status != status]
            if status == "approved":
                check_approval(changing, self.find_by_form)
            for entry in changing:
                entry.status = status
                self._replace(tx, entry, status)
        return [entry.id for entry in changing if entry.id is not None]

    def forbid(self, entry_id: int, lang: str, text: str) -> bool:
        """Marks ``text`` a forbidden rendering of the entry in ``lang``.

        It is removed from the variants if it was one. On a case-sensitive entry
        a form that differs from the preferred one in case only can be forbidden.

        ``text`` is cleaned and checked as import does
        (:func:`glossary.merging.clean_forbidden`) before anything is written.

        Args:
            entry_id: The entry.
            lang: The language of ``text`` (``ar``, ``vi`` or ``en``).
            text: The rendering to forbid.

        Returns:
            Whether the entry changed (False: ``text`` was forbidden already).

        Raises:
            NotFoundError: If there is no such entry.
            InputError: If ``lang`` is unknown or ``text`` blank once cleaned.
            FormatError: If ``text`` holds ``|`` or a control character.
            ConflictError: If ``text`` is the entry's preferred form.
        """
        with self._write() as tx:
            entry = self.get(entry_id)
            forbid_form(entry, lang, text)
            return self._replace(tx, entry, "forbid")

    def allow(self, entry_id: int, lang: str, text: str) -> bool:
        """Allows a forbidden ``lang`` rendering of the entry again (undoes :meth:`forbid`).

        Args:
            entry_id: The entry.
            lang: The language of ``text`` (``ar``, ``vi`` or ``en``).
            text: The forbidden rendering to allow.

        Returns:
            Whether the entry changed.

        Raises:
            InputError: If ``lang`` is unknown.
            NotFoundError: If there is no such entry, or ``text`` is not one of its
                forbidden forms.
        """
        with self._write() as tx:
            entry = self.get(entry_id)
            allow_form(entry, lang, text)
            return self._replace(tx, entry, "allow")

    def modify(self, entry_id: int, change: Callable[[Entry], None],
               action: str = "update") -> Entry:
        """Reads an entry, applies ``change`` and saves it, in one transaction.

        Use it instead of :meth:`get` then :meth:`update` when another process
        may write the same entry meanwhile: no update is lost.

        Args:
            entry_id: The entry.
            change: Edits the entry in place; may raise to abort.
            action: Name of the action in the journal.

        Returns:
            The saved entry; if ``change`` left it as stored, nothing is journaled.

        Raises:
            NotFoundError: If there is no such entry.
            FormatError: If the changed entry is invalid.
        """
        with self._write() as tx:
            entry = self.get(entry_id)
            change(entry)
            self._replace(tx, entry, action)
        return entry

    def merge(self, ids: Sequence[int], into: int | None = None) -> Entry:
        """Merges entries into one: the others' forms become its variants.

        Args:
            ids: The entries to merge (at least two).
            into: The one that stays; default the first of ``ids``.

        Returns:
            The merged entry.

        Raises:
            ConflictError: If fewer than two distinct entries are given.
        """
        unique = list(dict.fromkeys(ids))
        if len(unique) < 2:
            raise ConflictError("merge needs at least two different entries",
                                hint="name two or more different entries")
        target_id = unique[0] if into is None else into
        with self._write(label=f"merge into {target_id}") as tx:
            target = self.get(target_id)
            counts = evidence_of(self._db, target_id)
            for other_id in unique:
                if other_id == target_id:
                    continue
                absorb(target, self.get(other_id))
                add_evidence_of(self._db, target_id, other_id)
                self._remove(tx, other_id)
            total = evidence_total(self._db, target_id)
            if total is not None:
                target.frequency = total
            try:
                self._replace(tx, target, "merge", counts)
            except FormatError as exc:
                raise ConflictError(f"entries {', '.join(map(str, unique))} cannot be merged: "
                                    f"{exc.message}", hint="edit one of them first, or allow the "
                                    "forbidden form again in the entry that forbids it: F "
                                    "in avet review, or avet glossary allow ID LANG FORM"
                                    ) from exc
        return target

    def split_variant(self, entry_id: int, lang: str, variant: str) -> Entry:
        """Moves a variant out of an entry into a new candidate entry.

        Args:
            entry_id: The entry holding the variant.
            lang: The variant's language (``ar``, ``vi`` or ``en``).
            variant: The variant, as stored.

        Returns:
            The new entry.

        Raises:
            InputError: If ``lang`` is unknown.
            NotFoundError: If there is no such entry, or ``variant`` is not a
                variant of it.
        """
        with self._write(label=f"split {variant} out of {entry_id}") as tx:
            entry = self.get(entry_id)
            new = split_off(entry, lang, variant)
            self._replace(tx, entry, "split")
            self._insert(tx, new, "split")
        return new

    def upsert_evidence(self, entry: Entry, doc_counts: Mapping[str, int] | None = None) -> int:
        """Adds extraction evidence: merged into an existing entry, or stored as new.

        An existing entry matches when it shares an admitted Arabic form (for
        codes and acronyms: any admitted form) under the match key. It gains the
        new Arabic spellings as variants, and candidates, contexts and counts;
        its preferred forms and status stay, and a different Vietnamese or
        English reading becomes a candidate, never a variant (see
        :func:`glossary.merging.add_evidence`). Evidence that changes nothing
        is not journaled. A new entry given as approved that clashes with an
        approved one (:func:`~glossary.checks.approvable`) is stored as a candidate.

        Args:
            entry: The candidate as extraction built it.
            doc_counts: Occurrences per document. Re-extracting a document
                replaces its count, so running extraction twice counts once.
                Without it, ``entry.frequency`` is added.

        Returns:
            The id of the entry that holds the evidence.
        """
        with self._write() as tx:
            found = entry_sharing_form(self._db, entry)
            if found is None:
                if doc_counts is not None:
                    entry.frequency = sum(doc_counts.values())
                if entry.status == "approved" and not approvable([entry], self.find_by_form):
                    entry.status = "candidate"
                return self._insert(tx, entry, "extract", doc_counts)
            existing = self.get(found)
            counts = None if doc_counts is None else evidence_of(self._db, found)
            add_evidence(existing, entry)
            existing.frequency = (existing.frequency + entry.frequency if doc_counts is None
                                  else set_evidence(self._db, found, doc_counts))
            self._replace(tx, existing, "extract", counts)
            return found

"""The read side of the glossary store: entries, counts, changes, hashes, the journal.

:class:`Queries` is the base of :class:`glossary.store.Store`; it only reads,
from the connection and path that the store opened.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from glossary.collation import sort_key
from glossary.errors import InputError, NotFoundError
from glossary.journal import read_journal
from glossary.model import KINDS, LANGS, STATUSES, Entry, glossary_hash
from glossary.normalize import match_key
from glossary.rows import changes_since, load_row
from glossary.schema import ORDERS, SCHEMA_VERSION, where_clause

__all__ = ["Queries"]

#: Ids read per query by ``_load_ordered`` (SQLite allows 999 bound parameters in old builds).
_ID_CHUNK = 500


class Queries:
    """Reads a glossary database (the base of :class:`glossary.store.Store`).

    Attributes:
        path: The database file.
    """

    path: Path
    _db: sqlite3.Connection

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Makes the reads inside it see one state of the database: writes other
        processes commit meanwhile are not seen (nor held up: WAL mode), so entries
        and :meth:`glossary_hash` read in one snapshot describe the same glossary.
        Inside a batch it joins the batch."""
        if self._db.in_transaction:
            yield
            return
        self._db.execute("BEGIN")
        try:
            yield
        finally:
            if self._db.in_transaction:  # an error may have rolled it back already
                self._db.execute("COMMIT")

    def get(self, entry_id: int) -> Entry:
        """Returns the entry with ``entry_id``.

        Raises:
            NotFoundError: If there is no such entry.
        """
        entry = load_row(self._db, entry_id)
        if entry is None:
            raise NotFoundError(f"no entry with id {entry_id}", path=self.path,
                                hint="list ids with 'avet glossary list'")
        return entry

    def entries(self, *, status: str | None = None, kind: str | None = None,
                text: str | None = None, limit: int | None = None, after: int = 0,
                order: str = "id") -> list[Entry]:
        """Returns entries filtered by status, kind and text.

        Args:
            status: Keep only this status.
            kind: Keep only this kind.
            text: Keep entries with a form containing ``text``, compared by each
                language's loosest key (Arabic without diacritics and hamza forms,
                Vietnamese without tones, English case-folded).
            limit: At most this many entries (0: none); ``None``: all.
            after: Keep only ids above this. With ``order="id"`` it pages
                (``after`` = the last id of the page before) without skipping or
                repeating an entry while other processes add or delete some.
            order: One of ``id, ar, vi, en, kind, status, frequency, score, updated``;
                ``ar``, ``vi`` and ``en`` sort in the language's alphabetical order
                (:func:`~glossary.collation.sort_key`), entries without that term last.

        Returns:
            The entries, in ``order``.

        Raises:
            InputError: For an unknown status, kind or order, or a negative ``limit``.
        """
        if limit is not None and limit < 0:
            raise InputError(f"limit must be 0 or more, not {limit}",
                             hint="give a limit of 0 or more, or None for all entries")
        if order not in ORDERS:
            raise InputError(f"unknown order {order!r}", hint=f"use one of: {', '.join(ORDERS)}")
        where, params = where_clause(status, kind, text)
        where = f"{where} AND id > ?" if where else " WHERE id > ?"
        if order in LANGS:  # the language's alphabetical order, not code points
            # Sorts the term column, then decodes only the entries returned.
            rows = self._db.execute(f"SELECT id, {order} FROM entries{where}", [*params, after])
            keyed = sorted(rows, key=lambda r: (not r[1], sort_key(r[1], order), r[0]))
            ids = [r[0] for r in (keyed if limit is None else keyed[:limit])]
            return self._load_ordered(ids)
        sql = f"SELECT data FROM entries{where} ORDER BY {ORDERS[order]}, id LIMIT ?"
        params += [after, -1 if limit is None else limit]
        return [Entry.from_dict(json.loads(r[0])) for r in self._db.execute(sql, params)]

    def _load_ordered(self, ids: Sequence[int]) -> list[Entry]:
        """The entries ``ids``, in that order (read in chunks of bound parameters)."""
        data: dict[int, str] = {}
        for start in range(0, len(ids), _ID_CHUNK):
            chunk = ids[start:start + _ID_CHUNK]
            marks = ", ".join("?" * len(chunk))
            data.update(self._db.execute(
                f"SELECT id, data FROM entries WHERE id IN ({marks})", chunk).fetchall())
        return [Entry.from_dict(json.loads(data[i])) for i in ids]

    def iter_entries(self, *, status: str | None = None,
                     kind: str | None = None) -> Iterator[Entry]:
        """Yields entries one at a time (for exports of large glossaries)."""
        where, params = where_clause(status, kind, None)
        cursor = self._db.execute(f"SELECT data FROM entries{where} ORDER BY id", params)
        for row in cursor:
            yield Entry.from_dict(json.loads(row[0]))

    def count(self, *, status: str | None = None, kind: str | None = None,
              text: str | None = None) -> int:
        """Returns how many entries have ``status`` and ``kind`` (``None``: any), and a
        form containing ``text`` (as :meth:`entries` filters them; ``None``: any).

        Raises:
            InputError: For an unknown status or kind.
        """
        where, params = where_clause(status, kind, text)
        return int(self._db.execute(f"SELECT COUNT(*) FROM entries{where}", params).fetchone()[0])

    def find_by_form(self, lang: str, text: str) -> list[Entry]:
        """Returns the entries whose preferred form or a variant in ``lang`` equals
        ``text`` under the language's match key."""
        rows = self._db.execute(
            "SELECT DISTINCT entry_id FROM forms WHERE lang = ? AND key = ? "
            "AND role != 'forbidden' ORDER BY entry_id", (lang, match_key(text, lang)))
        return [self.get(r[0]) for r in rows.fetchall()]

    def data_version(self) -> int:
        """Returns a number that grows whenever any process commits a change."""
        return int(self._db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()[0])

    def changes_since(self, version: int) -> tuple[list[Entry], list[int]]:
        """Returns what changed after :meth:`data_version` was ``version``.

        Args:
            version: A data version read earlier.

        Returns:
            The entries written since (added or changed, by any process) and the
            ids of the entries removed since.
        """
        return changes_since(self._db, version)

    def stats(self) -> dict[str, Any]:
        """Returns counts by status and kind, the journal length and the glossary hash."""
        by_status = dict.fromkeys(STATUSES, 0)
        by_kind = dict.fromkeys(KINDS, 0)
        for status, kind, n in self._db.execute(
                "SELECT status, kind, COUNT(*) FROM entries GROUP BY status, kind"):
            by_status[status] += n
            by_kind[kind] += n
        journal = self._db.execute("SELECT COUNT(*) FROM journal").fetchone()[0]
        return {"path": str(self.path), "entries": sum(by_status.values()),
                "by_status": by_status, "by_kind": by_kind, "journal": journal,
                "schema": SCHEMA_VERSION, "approved_hash": self.glossary_hash()}

    def glossary_hash(self, statuses: Sequence[str] = ("approved",)) -> str:
        """Returns a SHA-256 over the meaning of the entries with ``statuses``.

        Ids, timestamps, contexts and counts do not count: two stores with the
        same approved terms hash the same.

        Args:
            statuses: The statuses of the entries hashed (a sequence, not one
                status string).

        Raises:
            InputError: For an unknown status, or a single string given as ``statuses``.
        """
        if isinstance(statuses, str):
            raise InputError(f"statuses must be a sequence of statuses, not the string "
                             f"{statuses!r}", hint=f"write ({statuses!r},)")
        for status in statuses:
            if status not in STATUSES:
                raise InputError(f"unknown status {status!r}",
                                 hint=f"use one of: {', '.join(STATUSES)}")
        marks = ",".join("?" * len(statuses))
        rows = self._db.execute(f"SELECT data FROM entries WHERE status IN ({marks})",
                                tuple(statuses))
        return glossary_hash(Entry.from_dict(json.loads(r[0])) for r in rows)

    def journal(self, limit: int = 50) -> list[dict[str, Any]]:
        """Returns the latest journal records, newest first."""
        return read_journal(self._db, limit)

"""The action journal of the glossary store: records, undo and redo.

Every change to an entry is journaled with the entry's state before and after
(as :func:`glossary.rows.dump` writes it) and the per-document counts it changed
(:func:`evidence_change`), grouped per user action (the ``group`` of a
:class:`glossary.schema.Transaction`). :func:`undo_group` and :func:`redo_group`
replay the states and counts of one group; they run inside a write transaction
that the caller holds. A record without counts (one written before schema 4)
leaves the evidence as it is.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from glossary.model import Entry, now_iso
from glossary.rows import delete_row, dump, save_row, write_evidence

__all__ = ["Action", "EvidenceChange", "History", "evidence_change", "read_journal",
           "record", "redo_group", "undo_group"]

#: The per-document counts one record changed: ``(before, after)``, each
#: ``{doc: count}`` with ``None`` where the document had no count.
EvidenceChange = tuple[dict[str, int | None], dict[str, int | None]]


@dataclass(frozen=True)
class Action:
    """One journal group: what undo or redo replayed.

    Attributes:
        group: The journal group.
        label: What the user did (``"import g.csv"``, ``"merge"``, ``"approved"``).
        entries: How many entries it touched.
    """

    group: int
    label: str
    entries: int

    def describe(self) -> str:
        """Returns e.g. ``"import g.csv (12 entries)"``."""
        return f"{self.label} ({self.entries} entr{'y' if self.entries == 1 else 'ies'})"


def evidence_change(before: Mapping[str, int],
                    after: Mapping[str, int]) -> EvidenceChange | None:
    """Returns the counts that differ between two ``{doc: count}`` states of an
    entry's evidence, or ``None`` if none does."""
    docs = sorted(doc for doc in {*before, *after} if before.get(doc) != after.get(doc))
    if not docs:
        return None
    return {d: before.get(d) for d in docs}, {d: after.get(d) for d in docs}


def record(db: sqlite3.Connection, group: int, actor: str, action: str, entry_id: int,
           before: Entry | None, after: Entry | None, label: str = "",
           evidence: EvidenceChange | None = None) -> None:
    """Journals one change of an entry, inside a write transaction.

    Args:
        db: The connection.
        group: The journal group of the user action.
        actor: Who made the change.
        action: Name of the action.
        entry_id: The entry changed.
        before: Its state before (``None``: it was added).
        after: Its state after (``None``: it was deleted).
        label: What the whole group does (``"import g.csv"``); ``""``: its actions.
        evidence: The per-document counts it changed (:func:`evidence_change`).
    """
    db.execute(
        "INSERT INTO journal (grp, ts, actor, action, entry_id, before, after, label, "
        "evidence_before, evidence_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (group, now_iso(), actor, action, entry_id,
         None if before is None else dump(before),
         None if after is None else dump(after), label,
         *((None, None) if evidence is None else
           (json.dumps(counts, ensure_ascii=False, sort_keys=True) for counts in evidence))),
    )


def read_journal(db: sqlite3.Connection, limit: int) -> list[dict[str, Any]]:
    """Returns the latest ``limit`` journal records, newest first."""
    rows = db.execute(
        "SELECT seq, grp, ts, actor, action, entry_id, state, label FROM journal "
        "ORDER BY seq DESC LIMIT ?", (limit,))
    keys = ("seq", "group", "ts", "actor", "action", "entry_id", "state", "label")
    return [dict(zip(keys, r, strict=True)) for r in rows]


def undo_group(db: sqlite3.Connection, only: int | None = None) -> Action | None:
    """Restores the before-states of the latest group not yet undone.

    Args:
        db: The connection, inside a write transaction.
        only: Undo only if the latest group is this one; ``None``: any.

    Returns:
        What was undone, or ``None`` if there was nothing to undo (or not ``only``).
    """
    return _replay(db, latest="MAX", state="done", column="before", order="DESC",
                   becomes="undone", only=only)


def redo_group(db: sqlite3.Connection, only: int | None = None) -> Action | None:
    """Restores the after-states of the group undone last.

    Args:
        db: The connection, inside a write transaction.
        only: Redo only if that group is this one; ``None``: any.

    Returns:
        What was redone, or ``None`` if there was nothing to redo (or not ``only``).
    """
    return _replay(db, latest="MIN", state="undone", column="after", order="ASC",
                   becomes="done", only=only)


def _replay(db: sqlite3.Connection, *, latest: str, state: str, column: str, order: str,
            becomes: str, only: int | None) -> Action | None:
    """Restores one state column of a whole group and marks the group; the arguments are
    the constants of :func:`undo_group` and :func:`redo_group`, never user input."""
    row = db.execute(f"SELECT {latest}(grp) FROM journal WHERE state = ?", (state,)).fetchone()
    if row[0] is None or (only is not None and row[0] != only):
        return None
    records = db.execute(
        f"SELECT entry_id, action, label, {column}, evidence_{column} FROM journal "
        f"WHERE grp = ? ORDER BY seq {order}", (row[0],)).fetchall()
    for entry_id, _, _, saved, counts in records:
        _restore(db, entry_id, saved, counts)
    db.execute("UPDATE journal SET state = ? WHERE grp = ?", (becomes, row[0]))
    labels = [r[2] for r in records if r[2]]
    chronological = records if order == "ASC" else records[::-1]
    actions = list(dict.fromkeys(r[1] for r in chronological))
    label = labels[0] if labels else " + ".join(actions)
    return Action(int(row[0]), label, len({r[0] for r in records}))


def _restore(db: sqlite3.Connection, entry_id: int, state: str | None,
             counts: str | None) -> None:
    """Writes one saved state of an entry and its saved counts (``None``: the
    record changed no counts, or was written before they were journaled)."""
    if state is None:
        delete_row(db, entry_id)  # its evidence cascades
        return
    save_row(db, Entry.from_dict(json.loads(state)))
    if counts is not None:
        write_evidence(db, entry_id, json.loads(counts))


class History:
    """Undo and redo of the journal groups, for :class:`glossary.store.Store`.

    The store supplies the connection and ``_write``, its write transaction.
    """

    _db: sqlite3.Connection

    def _write(self, journal: bool = True, label: str = "") -> AbstractContextManager[object]:
        raise NotImplementedError

    def undo(self) -> bool:
        """As :meth:`undo_action`.

        Returns:
            Whether an action was undone (False: there was nothing to undo).
        """
        return self.undo_action() is not None

    def redo(self) -> bool:
        """As :meth:`redo_action`.

        Returns:
            Whether an action was redone (False: there was nothing to redo).
        """
        return self.redo_action() is not None

    def undo_action(self, group: int | None = None) -> Action | None:
        """Reverts the latest action (journal group) that is not yet undone.

        Args:
            group: Revert only if this is that group (checked and reverted in one
                transaction, so a change another process writes in between is not
                the one reverted); ``None``: whichever it is.

        Returns:
            What was undone (its label and how many entries), or ``None``: nothing
            to undo, or the latest group is not ``group``.
        """
        with self._write(journal=False):
            return undo_group(self._db, group)

    def redo_action(self, group: int | None = None) -> Action | None:
        """Re-applies the action undone last.

        Args:
            group: Re-apply only if this is that group, as :meth:`undo_action`.

        Returns:
            What was redone (its label and how many entries), or ``None``.
        """
        with self._write(journal=False):
            return redo_group(self._db, group)

"""The action journal of the glossary store: records, undo and redo.

Every change to an entry is journaled with the entry's state before and after
(as :func:`glossary.rows.dump` writes it), grouped per user action (the
``group`` of a :class:`glossary.schema.Transaction`). :func:`undo_group` and
:func:`redo_group` replay the states of one group; they run inside a write
transaction that the caller holds.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from glossary.model import Entry, now_iso
from glossary.rows import delete_row, dump, save_row

__all__ = ["read_journal", "record", "redo_group", "undo_group"]


def record(db: sqlite3.Connection, group: int, actor: str, action: str, entry_id: int,
           before: Entry | None, after: Entry | None) -> None:
    """Journals one change of an entry, inside a write transaction.

    Args:
        db: The connection.
        group: The journal group of the user action.
        actor: Who made the change.
        action: Name of the action.
        entry_id: The entry changed.
        before: Its state before (``None``: it was added).
        after: Its state after (``None``: it was deleted).
    """
    db.execute(
        "INSERT INTO journal (grp, ts, actor, action, entry_id, before, after) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (group, now_iso(), actor, action, entry_id,
         None if before is None else dump(before),
         None if after is None else dump(after)),
    )


def read_journal(db: sqlite3.Connection, limit: int) -> list[dict[str, Any]]:
    """Returns the latest ``limit`` journal records, newest first."""
    rows = db.execute(
        "SELECT seq, grp, ts, actor, action, entry_id, state FROM journal "
        "ORDER BY seq DESC LIMIT ?", (limit,))
    keys = ("seq", "group", "ts", "actor", "action", "entry_id", "state")
    return [dict(zip(keys, r, strict=True)) for r in rows]


def undo_group(db: sqlite3.Connection) -> bool:
    """Restores the before-states of the latest group not yet undone.

    Returns:
        False if there was nothing to undo.
    """
    return _replay(db, latest="MAX", state="done", column="before", order="DESC",
                   becomes="undone")


def redo_group(db: sqlite3.Connection) -> bool:
    """Restores the after-states of the group undone last.

    Returns:
        False if there was nothing to redo.
    """
    return _replay(db, latest="MIN", state="undone", column="after", order="ASC",
                   becomes="done")


def _replay(db: sqlite3.Connection, *, latest: str, state: str, column: str, order: str,
            becomes: str) -> bool:
    """Restores one state column of a whole group and marks the group; the arguments are
    the constants of :func:`undo_group` and :func:`redo_group`, never user input."""
    row = db.execute(f"SELECT {latest}(grp) FROM journal WHERE state = ?", (state,)).fetchone()
    if row[0] is None:
        return False
    records = db.execute(
        f"SELECT entry_id, {column} FROM journal WHERE grp = ? ORDER BY seq {order}",
        (row[0],)).fetchall()
    for entry_id, saved in records:
        _restore(db, entry_id, saved)
    db.execute("UPDATE journal SET state = ? WHERE grp = ?", (becomes, row[0]))
    return True


def _restore(db: sqlite3.Connection, entry_id: int, state: str | None) -> None:
    if state is None:
        delete_row(db, entry_id)
    else:
        save_row(db, Entry.from_dict(json.loads(state)))

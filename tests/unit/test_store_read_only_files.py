"""A glossary read with ``Store(path, read_only=True)`` leaves no new file beside it,
with nothing patched: a writable database, a read-only (chmod 444) one in a writable
folder, and a read-only one whose ``-wal`` file a crash left behind.

As root a chmod means nothing to SQLite, so the reading then runs in a forked child
that has become the unprivileged user ``nobody`` (uid 65534)."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import cast

import pytest

from glossary import Entry
from glossary.store import Store

NOBODY = 65534


def _entry(en: str) -> Entry:
    entry = Entry(kind="term", status="approved")
    entry.forms["en"].preferred = en
    return entry


@pytest.fixture()
def folder() -> Iterator[Path]:
    """A folder everyone can write to, in a path everyone can reach (not tmp_path,
    whose parent only its owner can enter)."""
    path = Path(tempfile.mkdtemp(prefix="avet-ro-"))
    path.chmod(0o777)
    yield path
    shutil.rmtree(path)


def _as_reader(read: Callable[[], object]) -> object:
    """Runs ``read`` as this user, or as root in a child that is ``nobody``."""
    if os.geteuid() != 0:
        return read()
    if not hasattr(os, "fork"):
        pytest.skip("as root, a chmod-ed file needs a fork to read it unprivileged")
    fd_read, fd_write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            answer = {"ok": read()}
        except PermissionError as exc:
            answer = {"skip": f"cannot become uid {NOBODY}: {exc}"}
        except BaseException as exc:  # reported to the parent
            answer = {"error": f"{type(exc).__name__}: {exc}"}
        try:
            os.write(fd_write, json.dumps(answer).encode())
        finally:
            os._exit(0)
    os.close(fd_write)
    with os.fdopen(fd_read, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    answer = json.loads(data)
    if "skip" in answer:
        pytest.skip(answer["skip"])
    assert "error" not in answer, answer.get("error")
    return answer["ok"]


def _crash_copy(source: Path, target: Path) -> None:
    """Copies ``source`` and its ``-wal`` (holding a change) while it is open, as a
    crash would leave them: no ``-shm`` file."""
    with Store(source) as store:
        store.add(_entry("digital transformation"))
        store._db.execute("PRAGMA wal_autocheckpoint = 0")
        store.add(_entry("e-government"))
        shutil.copy(source, target)
        shutil.copy(f"{source}-wal", f"{target}-wal")


@pytest.mark.parametrize(("mode", "crashed"), [
    (0o666, False),
    (0o444, False),
    (0o444, True),
], ids=["writable", "read-only-file", "read-only-file-with-wal"])
def test_reading_leaves_the_folder_as_it_was(folder: Path, tmp_path: Path, mode: int,
                                             crashed: bool) -> None:
    db = folder / "g.db"
    if crashed:
        _crash_copy(tmp_path / "src.db", db)
    else:
        with Store(db) as store:
            store.add_many([_entry("digital transformation"), _entry("e-government")])
    for file in folder.iterdir():
        file.chmod(mode)
    before = sorted(p.name for p in folder.iterdir())
    assert before == (["g.db", "g.db-wal"] if crashed else ["g.db"])

    def read() -> list[object]:
        with Store(db, read_only=True) as store:
            terms = [e.term("en") for e in store.entries()]
        return [terms, sorted(p.name for p in folder.iterdir())]

    terms, after = cast(list[object], _as_reader(read))
    assert terms == ["digital transformation", "e-government"]  # the -wal's change read
    assert after == before  # no -shm, no -wal made


def test_a_read_only_file_is_still_refused_writes(folder: Path) -> None:
    db = folder / "g.db"
    with Store(db) as store:
        store.add(_entry("digital transformation"))
    db.chmod(0o444)

    def write() -> str:
        with Store(db, read_only=True) as store:
            try:
                store._db.execute("DELETE FROM entries")
            except sqlite3.DatabaseError as exc:
                return str(exc)
        return "written"

    assert _as_reader(write) != "written"
    with Store(db, read_only=True) as store:
        assert [e.term("en") for e in store.entries()] == ["digital transformation"]

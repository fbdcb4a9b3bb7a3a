"""A database SQLite can only read (a file the user may not write: SQLite then opens
it read-only and fails at the first write): every write is one line with exit 2 in
the CLI and a notice in the review app, never a traceback or a crash.

The suite may run as root, where ``chmod 444`` stops no write, so SQLite is made to
open the file with ``immutable=1``, which refuses writes as a read-only file does.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from textual.pilot import Pilot

from glossary import rows as rows_module
from glossary.errors import DatabaseFileError, StoreError
from glossary.model import Entry, Forms
from glossary.store import Store
from tests.functional.cli_driver import avet
from tests.functional.review_driver import drive, make_app, settle
from tui import ReviewApp

SAYS = "is read-only (attempt to write a readonly database) (make it writable"


@pytest.fixture()
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "g.db"
    assert avet(capsys, "glossary", "import", "--starter", "--db", str(path))[0] == 0
    return path


@pytest.fixture()
def read_only_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every store opened for writing gets a connection SQLite opened read-only."""
    real = rows_module.open_database

    def open_read_only(path: Path, timeout: float) -> sqlite3.Connection:
        real(path, timeout).close()  # checked and migrated as a writable open does
        return sqlite3.connect(f"{path.absolute().as_uri()}?immutable=1", uri=True,
                               timeout=timeout, isolation_level=None)

    monkeypatch.setattr("glossary.store.open_database", open_read_only)


@pytest.mark.parametrize("args", [
    ["glossary", "approve", "1"],
    ["glossary", "forbid", "1", "en", "Ha-Noi"],
    ["glossary", "import", "--starter"],
    ["glossary", "undo"],
], ids=["approve", "forbid", "import", "undo"])
def test_a_write_to_a_read_only_database_is_one_line_with_exit_2(
        db: Path, read_only_file: None, args: list[str],
        capsys: pytest.CaptureFixture[str]) -> None:
    before = db.read_bytes()
    code, _, err = avet(capsys, *args, "--db", str(db))
    assert code == 2
    assert err.startswith(f"avet: error: {db}: {SAYS}") and err.count("\n") == 1
    assert "Traceback" not in err and "internal error" not in err
    assert db.read_bytes() == before


@pytest.mark.parametrize("write", ["add", "set_status", "batch"])
def test_store_writes_raise_database_file_error(db: Path, read_only_file: None,
                                                write: str) -> None:
    with Store(db) as store:
        count = store.count()
        with pytest.raises(DatabaseFileError, match="is read-only") as caught:
            if write == "add":
                store.add(Entry(kind="term", forms={"en": Forms("Read only")}))
            elif write == "set_status":
                store.set_status([1], "rejected")
            else:
                with store.batch("two"):
                    store.set_status([1], "rejected")
                    store.set_status([2], "rejected")
        assert caught.value.path == str(db) and "make it writable" in (caught.value.hint or "")
        assert store.count() == count and store.count(status="rejected") == 0


def test_the_read_only_store_still_reads_and_refuses_writes_as_before(db: Path) -> None:
    with Store(db, read_only=True) as store:
        assert store.count() > 0
        with pytest.raises(StoreError, match="opened to be read only"):
            store.set_status([1], "rejected")


def test_the_review_app_shows_a_read_only_database_as_a_notice(
        db: Path, read_only_file: None) -> None:
    notices: list[str] = []

    async def scenario(app: ReviewApp, pilot: Pilot) -> None:
        await pilot.press("down", "r")
        await settle(app, pilot)
        notices.extend(n.message for n in app._notifications)
        assert app.is_running and not app.busy

    app = make_app(db)
    drive(db, scenario, app)
    assert notices and notices[0].startswith(f"{db}: {SAYS}")
    assert app.return_code in (None, 0)

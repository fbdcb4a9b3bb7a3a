"""The CLI and the review app on a glossary database that is hard to use: a full disk
(simulated: SQLite's SQLITE_FULL at COMMIT), a read-only file system (simulated:
SQLite can open the file only with ``immutable=1``), a ``--glossary`` file that is
no database, and a glossary file that cannot be read."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("textual")

from textual.pilot import Pilot

from glossary import rows as rows_module
from glossary.fileio import NO_SPACE, NO_SPACE_HINT
from glossary.store import Store
from tests.functional.cli_driver import avet
from tests.functional.review_driver import drive, make_app, settle
from tui import ReviewApp
from tui import app as app_module


def _full() -> sqlite3.OperationalError:
    exc = sqlite3.OperationalError("database or disk is full")
    exc.sqlite_errorcode = sqlite3.SQLITE_FULL
    return exc


class FullAtCommit:
    """A connection whose COMMIT finds the disk full (SQLite then rolls back itself)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        if sql == "COMMIT":
            self._db.execute("ROLLBACK")
            raise _full()
        return self._db.execute(sql, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._db, name)


@pytest.fixture()
def full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every store opened for writing finds the disk full at COMMIT."""
    real = rows_module.open_database

    def open_on_a_full_disk(path: Path, timeout: float) -> Any:
        return FullAtCommit(real(path, timeout))

    monkeypatch.setattr("glossary.store.open_database", open_on_a_full_disk)


@pytest.fixture()
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "g.db"
    assert avet(capsys, "glossary", "import", "--starter", "--db", str(path))[0] == 0
    return path


@pytest.mark.parametrize("args", [
    ["glossary", "import", "--starter"],
    ["glossary", "forbid", "1", "en", "Ha-Noi"],
    ["glossary", "reject", "1"],
], ids=["import", "forbid", "reject"])
def test_a_full_disk_is_one_line_with_exit_2(db: Path, full_disk: None, args: list[str],
                                              capsys: pytest.CaptureFixture[str]) -> None:
    target = db if args[1] != "import" else db.parent / "new.db"
    code, _, err = avet(capsys, *args, "--db", str(target))
    assert code == 2
    assert err == f"avet: error: {target}: {NO_SPACE} ({NO_SPACE_HINT})\n"


@pytest.fixture()
def read_only_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite opens the database only with ``immutable=1``, as on a read-only file
    system, and the folder is not writable."""
    connect = rows_module._connect

    def connect_as_on_a_read_only_disk(uri: str, timeout: float, **kwargs: Any
                                       ) -> sqlite3.Connection:
        if "immutable=1" not in uri:
            return connect("file:/nonexistent-avet-folder/x.db?mode=ro", timeout)
        return connect(uri, timeout, **kwargs)

    monkeypatch.setattr(rows_module, "_connect", connect_as_on_a_read_only_disk)
    monkeypatch.setattr(rows_module.os, "access", lambda path, mode: False)


@pytest.mark.parametrize(("args", "says"), [
    (["glossary", "list", "--all"], "459 of 459 entries"),
    (["glossary", "show", "1"], "Entry 1"),
    (["glossary", "stats", "--json"], '"entries": 459'),
    (["glossary", "export", "{out}", "--format", "csv"], "Exported 459"),
    (["check", "--from", "ar", "--to", "en", "--source", "{src}", "--target", "{tgt}",
      "--glossary", "{db}"], "0 errors"),
], ids=["list", "show", "stats", "export", "check"])
def test_reading_commands_read_a_database_on_a_read_only_disk(
        db: Path, tmp_path: Path, read_only_disk: None, args: list[str], says: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "src.txt").write_text("هانوي\n", encoding="utf-8")
    (tmp_path / "tgt.txt").write_text("Hanoi\n", encoding="utf-8")
    names = {"out": str(tmp_path / "out.csv"), "src": str(tmp_path / "src.txt"),
             "tgt": str(tmp_path / "tgt.txt"), "db": str(db)}
    before = db.read_bytes()
    code, out, err = avet(capsys, *(a.format(**names) for a in args), "--db", str(db))
    assert (code, err) == (0, "") and says in out
    assert db.read_bytes() == before


@pytest.mark.parametrize(("option", "hint", "not_hint"), [
    ("--glossary", "--glossary takes an avet glossary database", "--db"),
    ("--db", "give --db a new file", "--glossary"),
])
def test_a_file_named_db_that_is_no_database_names_the_option_given(
        tmp_path: Path, option: str, hint: str, not_hint: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    fake = tmp_path / "notsql.db"
    fake.write_text("ar,en\nهانوي,Hanoi\n", encoding="utf-8")
    (tmp_path / "src.txt").write_text("هانوي\n", encoding="utf-8")
    (tmp_path / "tgt.txt").write_text("Hanoi\n", encoding="utf-8")
    code, _, err = avet(capsys, "check", "--from", "ar", "--to", "en", "--source",
                        str(tmp_path / "src.txt"), "--target", str(tmp_path / "tgt.txt"),
                        option, str(fake))
    assert code == 2 and err.count("\n") == 1
    assert f"{fake}: is not a SQLite database" in err and hint in err
    assert not_hint not in err.split("(", 1)[1]
    assert fake.read_text(encoding="utf-8") == "ar,en\nهانوي,Hanoi\n"


@pytest.mark.parametrize("make", ["folder", "loop"])
def test_importing_an_unreadable_glossary_file_is_one_line(
        tmp_path: Path, make: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "g.csv"
    if make == "folder":
        path.mkdir()
    else:
        os.symlink(path.name, path)
    code, _, err = avet(capsys, "glossary", "import", str(path), "--db",
                        str(tmp_path / "g.db"))
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err
    assert ("is a folder" if make == "folder" else "cannot read") in err


class FullStore(Store):
    """A store whose every COMMIT finds the disk full."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._db = FullAtCommit(self._db)  # type: ignore[assignment]


class UnopenableStore(Store):
    """A store that cannot even be opened: the disk is full."""

    def __init__(self, path: Path, **kwargs: Any) -> None:
        from glossary.schema import disk_full

        raise disk_full(Path(path))


@pytest.mark.parametrize("store_class", [FullStore, UnopenableStore],
                         ids=["full at commit", "full at open"])
def test_the_review_app_shows_a_full_disk_as_a_notice(
        db: Path, monkeypatch: pytest.MonkeyPatch, store_class: type[Store]) -> None:
    notices: list[str] = []

    async def scenario(app: ReviewApp, pilot: Pilot) -> None:
        await pilot.press("down", "r")
        await settle(app, pilot)
        notices.extend(n.message for n in app._notifications)
        assert app.is_running and not app.busy

    monkeypatch.setattr(app_module, "Store", store_class)
    app = make_app(db)
    drive(db, scenario, app)
    assert notices and notices[0] == f"{db}: {NO_SPACE} ({NO_SPACE_HINT})"
    assert app.return_code in (None, 0)
    with Store(db) as store:
        assert store.count(status="rejected") == 0

"""End to end: the real ``avet review`` in tmux on a database made by ``avet extract``.

Keys go in with ``tmux send-keys``; the screen is read with ``capture-pane``;
every change is checked in the database. Skipped without tmux or the corpus.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from glossary.model import Entry
from glossary.store import Store

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / ".." / "shared" / "corpus" / "ar"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
    pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is absent"),
]


def _wait(condition: Callable[[], bool], what: str, timeout: float = 60.0,
          screen: Callable[[], str] = str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}; the screen:\n{screen()}")


class Tmux:
    """One detached tmux session on a private server socket."""

    def __init__(self, socket: Path, name: str) -> None:
        self.base = ["tmux", "-S", str(socket)]
        self.name = name

    def start(self, command: str, cwd: Path) -> None:
        subprocess.run([*self.base, "new-session", "-d", "-s", self.name, "-x", "140", "-y", "40",
                        "-c", str(cwd), command], check=True,
                       env={**os.environ, "TERM": "xterm-256color", "LANG": "C.UTF-8"})

    def keys(self, *keys: str, literal: bool = False) -> None:
        flags = ["-l"] if literal else []
        subprocess.run([*self.base, "send-keys", "-t", self.name, *flags, *keys], check=True)
        time.sleep(0.15)

    def screen(self) -> str:
        result = subprocess.run([*self.base, "capture-pane", "-p", "-t", self.name],
                                capture_output=True, text=True)
        return result.stdout

    def alive(self) -> bool:
        return subprocess.run([*self.base, "has-session", "-t", self.name],
                              capture_output=True).returncode == 0

    def kill(self) -> None:
        subprocess.run([*self.base, "kill-server"], capture_output=True)


def _get(db: Path, entry_id: int) -> Entry | None:
    with Store(db) as store:
        found = [e for e in store.entries() if e.id == entry_id]
    return found[0] if found else None


def _entry(db: Path, entry_id: int | None) -> Entry:
    found = _get(db, entry_id) if entry_id is not None else None
    assert found is not None, f"entry {entry_id} is gone"
    return found


def test_review_in_tmux_approve_pick_merge_undo_quit(tmp_path: Path) -> None:
    db = tmp_path / "corpus.db"
    avet = [sys.executable, "-m", "toolkit.cli.main"]
    subprocess.run([*avet, "extract", "--db", str(db), str(CORPUS)], check=True, cwd=ROOT,
                   capture_output=True)
    with Store(db) as store:
        # The table's first order: frequency, highest first, ties by id.
        ranked = store.entries(order="frequency")
        # A name with several Vietnamese readings that the filter finds alone.
        name = next(e for e in ranked if e.kind == "person"
                    and len(e.forms["vi"].candidates) > 1
                    and len(store.entries(text=e.term("ar"))) == 1)
    pending = [i for i, e in enumerate(ranked) if e.status == "candidate" and e.id != name.id]
    approve, merge_from, merge_into = (ranked[i] for i in pending[:3])
    row = {e.id: i for i, e in enumerate(ranked)}
    ordered = sorted(name.forms["vi"].candidates, key=lambda c: -c.score)

    tmux = Tmux(tmp_path / "tmux.sock", "review")
    rc_file = tmp_path / "rc"
    command = (f"{sys.executable} -m toolkit.cli.main review --db {db} --poll 0.5; "
               f"echo $? > {rc_file}")
    tmux.start(command, ROOT)

    def go_to(entry: Entry) -> None:
        tmux.keys("Home", *["Down"] * row[entry.id])  # type: ignore[index]

    def focus_filter() -> None:
        # Keys sent before the focus moves would go to the table: wait for the footer.
        tmux.keys("/")
        _wait(lambda: "a Approve" not in tmux.screen(), "the filter box", screen=tmux.screen)

    try:
        _wait(lambda: f" {len(ranked)} shown of {len(ranked)}" in tmux.screen(),
              "all entries to load", screen=tmux.screen)

        # Approve the most frequent candidate.
        go_to(approve)
        tmux.keys("a")
        _wait(lambda: _entry(db, approve.id).status == "approved", "the approval")

        # Find the name by its Arabic form, pick Vietnamese candidate 2.
        focus_filter()
        tmux.keys(name.term("ar"), literal=True)
        _wait(lambda: name.term("ar") in tmux.screen(), "the typed filter", screen=tmux.screen)
        tmux.keys("Enter")
        _wait(lambda: " 1 shown of " in tmux.screen(), "the filter", screen=tmux.screen)
        tmux.keys("2")
        _wait(lambda: _entry(db, name.id).term("vi") == ordered[1].text, "the candidate pick")

        # Clear the filter; mark two candidates, merge them, keeping the second.
        focus_filter()
        tmux.keys("Home")
        tmux.keys("C-k")
        tmux.keys("Enter")
        _wait(lambda: f" {len(ranked)} shown of " in tmux.screen(), "the filter to clear",
              screen=tmux.screen)
        _wait(lambda: "a Approve" in tmux.screen(), "the table", screen=tmux.screen)
        go_to(merge_from)
        tmux.keys("Space")
        go_to(merge_into)
        tmux.keys("Space", "m")
        # The dialog lists both in table order and offers the more frequent first.
        _wait(lambda: "Merge 2 entries" in tmux.screen(), "the merge dialog",
              screen=tmux.screen)
        tmux.keys("Down", "Enter")
        _wait(lambda: _get(db, merge_from.id) is None, "the merge",  # type: ignore[arg-type]
              screen=tmux.screen)
        merged = _entry(db, merge_into.id)
        assert merge_from.term("ar") in merged.forms["ar"].variants

        # Undo the merge: both entries are back, the approval and the pick stay.
        tmux.keys("C-z")
        _wait(lambda: _get(db, merge_from.id) is not None, "the undo")  # type: ignore[arg-type]
        _wait(lambda: f" {len(ranked)} shown of " in tmux.screen(), "the table after undo")

        tmux.keys("C-q")
        _wait(lambda: rc_file.exists(), "the app to quit", screen=tmux.screen)
    finally:
        tmux.kill()

    assert rc_file.read_text().strip() == "0"
    assert _entry(db, approve.id).status == "approved"
    assert _entry(db, name.id).term("vi") == ordered[1].text
    assert merge_from.term("ar") not in _entry(db, merge_into.id).forms["ar"].variants
    assert _entry(db, merge_from.id).term("ar") == merge_from.term("ar")
    with Store(db) as store:
        states = {r["action"]: r["state"] for r in store.journal(limit=10)}
    assert states["merge"] == "undone"
    assert states["approved"] == "done" and states["pick"] == "done"

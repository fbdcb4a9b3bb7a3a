"""Pilot tests of the review app's timing: a dialog closing while its thread runs,
other processes writing during a job, the cursor when its row leaves the view, and
quitting over an unsaved edit."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("textual")

from textual.pilot import Pilot
from textual.widgets import Input

from glossary.formats import Written
from glossary.store import Store
from tests.functional.review_driver import (
    drive,
    goto,
    make_app,
    settle,
    shown,
    stored,
    until,
)
from toolkit.cli.review_cmd import _exporter
from tui import ReviewApp, jobs
from tui.screens import EditResult, EditScreen, QuitScreen
from tui.table import EntryTable


def _snapshot(db: Path) -> list[dict[str, object]]:
    with Store(db) as store:
        return [e.to_dict() for e in store.entries()]


# -- 1. the edit dialog closes while its thread runs --------------------------------


async def _until_removing(screen: EditScreen) -> None:
    """Steps the event loop until the dismissed dialog's children are gone while the
    dialog is still attached (the moment a thread's result used to crash the app)."""
    for _ in range(1000):
        if screen.is_attached and not screen.query("#suggestion"):
            return
        await asyncio.sleep(0)
    raise AssertionError("the dialog was never caught being removed")


@pytest.mark.parametrize("result", ["suggestion", "check"])
def test_a_thread_result_landing_while_the_dialog_is_removed_is_dropped(
        db: Path, result: str) -> None:
    started, release = threading.Event(), threading.Event()

    def slow(vi: str) -> list[str]:
        started.set()
        release.wait(5)
        return ["دا نانغ"]

    def slow_check(entry: object) -> None:
        started.set()
        release.wait(5)

    before = _snapshot(db)

    async def scenario(app: ReviewApp, pilot: Pilot) -> None:
        await goto(app, pilot, 2)  # Hà Nội: suggestions are asked for
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, EditScreen), "the edit dialog")
        screen = app.screen
        assert isinstance(screen, EditScreen)
        if result == "check":
            await until(pilot, started.is_set, "the suggestion thread")
            release.set()
            await until(pilot, lambda: bool(screen.suggestions), "the suggestion")
            started.clear()
            release.clear()
            screen.check = slow_check
            screen.query_one("#edit-en", Input).value = "Hanoi City"
            screen.action_save()  # the English changed: the other entries are checked
        await until(pilot, started.is_set, "the dialog's thread")
        screen.dismiss(None)
        await _until_removing(screen)
        release.set()
        time.sleep(0.1)  # the thread hands its result over now, mid-removal
        await settle(app, pilot)
        assert app.is_running and len(app.screen_stack) == 1

    drive(db, scenario, make_app(db, transliterate=slow))  # a failed worker raises here
    assert _snapshot(db) == before


def test_results_arriving_after_the_dialog_closed_change_nothing(db: Path) -> None:
    """A check or suggestion landing after the dismissal neither updates the dialog nor
    dismisses (pops) a second screen."""
    before = _snapshot(db)

    async def scenario(app: ReviewApp, pilot: Pilot) -> None:
        await goto(app, pilot, 7)
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, EditScreen), "the edit dialog")
        screen = app.screen
        assert isinstance(screen, EditScreen)
        screen.dismiss(None)
        screen._show_suggestions(["late"])
        screen._checked(None, EditResult("دا نانغ", "Đà Nẵng", "Da Nang, late", ""))
        await settle(app, pilot)
        assert screen.suggestions == []
        assert len(app.screen_stack) == 1 and app.is_running

    drive(db, scenario)
    assert _snapshot(db) == before


# -- 2. another process writes while a job writes nothing -------------------------


@pytest.mark.parametrize("job", ["export", "undo with nothing to undo"])
def test_a_change_by_another_process_during_a_job_that_writes_nothing_is_shown(
        db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, job: str) -> None:
    def other_process() -> None:
        with Store(db, actor="cli") as store:
            store.set_status([5], "approved")

    real_export = _exporter(db, "tests")

    def export(path: Path, fmt: str, langs: tuple[str, ...] | None) -> Written:
        other_process()
        return real_export(path, fmt, langs)

    real_undo = jobs.undo

    def undo(session: jobs.Session) -> jobs.Job:
        inner = real_undo(session)

        def wrapped(store: Store) -> jobs.Outcome:
            other_process()
            return inner(store)
        return wrapped

    monkeypatch.setattr(jobs, "undo", undo)

    async def scenario(app: ReviewApp, pilot: Pilot) -> None:
        if job == "export":
            app.submit(jobs.export(export, tmp_path / "out.tsv", "tsv", None))
        else:
            await pilot.press("ctrl+z")  # nothing to undo: the job writes nothing
        await settle(app, pilot)
        # A poll after the job would not see it: the job took the version along.
        await until(pilot, lambda: app.entries[5].status == "approved",
                    "the other process's approval", tries=200)
        assert app.index.get(5).status == "approved"  # type: ignore[union-attr]

    final = drive(db, scenario, make_app(db, export=export))
    assert "8 to review" in final.status
    assert stored(db, 5).status == "approved"


# -- 3. the cursor when its row leaves the view ---------------------------------------

# Candidates by frequency: 2, 1, 5, 4, 9, 6, 8, 7, 10.
@pytest.mark.parametrize(("entry_id", "lands_on"), [(5, 4), (9, 6), (10, 7)])
def test_approving_under_the_candidates_filter_moves_to_the_next_entry(
        db: Path, entry_id: int, lands_on: int) -> None:
    async def scenario(app: ReviewApp, pilot: Pilot) -> None:
        await pilot.press("t")  # candidates
        await settle(app, pilot)
        await goto(app, pilot, entry_id)
        await pilot.press("a")
        await settle(app, pilot)
        assert entry_id not in shown(app)
        assert app.query_one(EntryTable).current.id == lands_on  # type: ignore[union-attr]
        await pilot.press("r")  # the next key acts on the entry now shown
        await settle(app, pilot)

    drive(db, scenario)
    assert stored(db, entry_id).status == "approved"
    assert stored(db, lands_on).status == "rejected"


def test_a_bulk_approve_leaves_the_cursor_on_the_first_row_after_the_marked_ones(
        db: Path) -> None:
    async def scenario(app: ReviewApp, pilot: Pilot) -> None:
        await pilot.press("t")  # candidates: 2, 1, 5, 4, 9, 6, 8, 7, 10
        await settle(app, pilot)
        await goto(app, pilot, 2)
        await pilot.press("space", "space", "space", "space", "up")  # mark 2, 1, 5, 4
        await settle(app, pilot)
        assert app.query_one(EntryTable).current.id == 4  # type: ignore[union-attr]
        await pilot.press("a")
        await settle(app, pilot)
        assert shown(app) == [9, 6, 8, 7, 10]
        assert app.query_one(EntryTable).current.id == 9  # type: ignore[union-attr]

    drive(db, scenario)
    assert [stored(db, i).status for i in (2, 1, 5, 4, 9)] == ["approved"] * 4 + ["candidate"]


def test_a_row_merged_away_by_another_process_leaves_the_cursor_on_the_next(db: Path) -> None:
    async def scenario(app: ReviewApp, pilot: Pilot) -> None:
        await goto(app, pilot, 4)  # by frequency: 2, 3, 1, 5, 4, 9, 6, …
        with Store(db, actor="cli") as store:
            store.merge([2, 4], into=2)
        await until(pilot, lambda: 4 not in shown(app), "the merge")
        assert app.query_one(EntryTable).current.id == 9  # type: ignore[union-attr]

    drive(db, scenario)


# -- 4. quitting over an unsaved edit ---------------------------------------------------


async def _type_in_the_dialog(app: ReviewApp, pilot: Pilot) -> None:
    await goto(app, pilot, 7)
    await pilot.press("e")
    await until(pilot, lambda: isinstance(app.screen, EditScreen), "the edit dialog")
    app.screen.query_one("#edit-en", Input).value = "typed, not saved"


def test_ctrl_q_over_an_unsaved_edit_asks_and_cancel_keeps_the_text(db: Path) -> None:
    async def scenario(app: ReviewApp, pilot: Pilot) -> None:
        await _type_in_the_dialog(app, pilot)
        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, QuitScreen), "the question")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, EditScreen), "the dialog again")
        assert app.screen.query_one("#edit-en", Input).value == "typed, not saved"
        await pilot.press("ctrl+s")
        await settle(app, pilot)

    drive(db, scenario)
    assert stored(db, 7).forms["en"].preferred == "typed, not saved"


@pytest.mark.parametrize("keys", [("d",), ("ctrl+q",)])
def test_discarding_an_unsaved_edit_quits_without_saving(db: Path,
                                                         keys: tuple[str, ...]) -> None:
    async def scenario(app: ReviewApp, pilot: Pilot) -> None:
        await _type_in_the_dialog(app, pilot)
        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, QuitScreen), "the question")
        await pilot.press(*keys)
        await pilot.pause(0.1)

    final = drive(db, scenario)
    assert not final.app.is_running and final.app.return_code == 0
    assert stored(db, 7).forms["en"].preferred == "Da Nang"


def test_ctrl_q_over_an_unchanged_edit_dialog_quits_at_once(db: Path) -> None:
    async def scenario(app: ReviewApp, pilot: Pilot) -> None:
        await goto(app, pilot, 7)
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, EditScreen), "the edit dialog")
        await pilot.press("ctrl+q")
        await pilot.pause(0.1)

    final = drive(db, scenario)
    assert not final.app.is_running and final.app.return_code == 0

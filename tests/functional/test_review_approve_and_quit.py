"""Pilot tests: approving an entry that clashes with an approved one is refused in the
review app (a notification, nothing approved, the marks given back), and the quit
question over an unsaved edit can save it ("Save and quit", key s): the app quits
once the edit is written, and stays, with the dialog and the edit, when the save is
refused."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("textual")

from textual.pilot import Pilot
from textual.widgets import Button, Input, Static

from glossary.model import Entry, Forms
from glossary.store import Store
from tests.functional.review_driver import drive, goto, settle, stored, until
from tui import ReviewApp
from tui.edit import EditScreen, QuitScreen
from tui.table import EntryTable

# -- approving a clashing entry ------------------------------------------------------


@pytest.fixture
def clash_db(db: Path) -> Path:
    """The review database plus entry 12, a candidate with the ar term of approved
    entry 3 (التحول الرقمي / digital transformation) and another English term."""
    with Store(db, actor="tests") as store:
        store.add(Entry(forms={"ar": Forms("التحول الرقمي"), "en": Forms("digital shift")}))
    return db


@pytest.mark.parametrize("marked", [(), (5, 12), (12, 5)])
def test_approving_a_clashing_entry_is_refused_and_approves_none(
        clash_db: Path, marked: tuple[int, ...]) -> None:
    notes: list[str] = []
    marks: set[int] = set()

    async def scenario(app: ReviewApp, pilot: Pilot) -> None:
        for entry_id in marked or (12,):
            await goto(app, pilot, entry_id)
            if marked:
                await pilot.press("space")
        await pilot.press("a")
        await settle(app, pilot)
        assert app.is_running  # the refusal is a notification, not a crash
        notes.extend(n.message for n in app._notifications)
        marks.update(app.query_one(EntryTable).marked)
        assert {app.entries[i].status for i in (5, 12)} == {"candidate"}

    drive(clash_db, scenario)
    assert any(n.startswith("entry 12 cannot be approved: its ar term 'التحول الرقمي' is a "
                            "form of approved entry 3") and "avet glossary merge 3 12" in n
               for n in notes)
    assert marks == set(marked)  # given back, to fix the clash and approve again
    assert [stored(clash_db, i).status for i in (3, 5, 12)] == ["approved", "candidate",
                                                               "candidate"]


# -- "Save and quit" over an unsaved edit ------------------------------------------------


async def _ask_to_quit(app: ReviewApp, pilot: Pilot, values: dict[str, str]) -> EditScreen:
    """Types ``values`` into entry 7's edit dialog (دا نانغ / Da Nang), then ctrl+q."""
    await goto(app, pilot, 7)
    await pilot.press("e")
    await until(pilot, lambda: isinstance(app.screen, EditScreen), "the edit dialog")
    screen = app.screen
    assert isinstance(screen, EditScreen)
    for name, value in values.items():
        screen.query_one(f"#edit-{name}", Input).value = value
    await pilot.press("ctrl+q")
    await until(pilot, lambda: isinstance(app.screen, QuitScreen), "the question")
    return screen


@pytest.mark.parametrize("keys", [("s",), ("tab", "enter")])  # the key, or the button
def test_save_and_quit_writes_the_edit_then_quits(db: Path, keys: tuple[str, ...]) -> None:
    async def scenario(app: ReviewApp, pilot: Pilot) -> None:
        await _ask_to_quit(app, pilot, {"en": "Da Nang City", "note": "checked"})
        if keys != ("s",):
            assert str(app.screen.query_one("#save", Button).label) == "Save and quit (s)"
        await pilot.press(*keys)
        await until(pilot, lambda: not app.is_running, "the app to quit", tries=1000)

    final = drive(db, scenario)
    assert not final.app.is_running and final.app.return_code == 0
    entry = stored(db, 7)
    assert (entry.term("en"), entry.note, entry.updated_by) == ("Da Nang City", "checked", "tui")


@pytest.mark.parametrize(("values", "problem"), [
    ({"ar": "", "en": ""}, "entry has no form in any language"),  # the dialog's own check
    # Entry 2 is هانوي / Hà Nội / Hanoi: the check of the other entries, in a thread.
    ({"ar": "هانوي"}, "ar term 'هانوي' is a form of entry 2, whose en is 'Hanoi', not "
                      "'Da Nang'"),
])
def test_a_refused_save_and_quit_keeps_the_app_and_the_dialog_with_the_edit(
        db: Path, values: dict[str, str], problem: str) -> None:
    before = stored(db, 7).to_dict()

    async def scenario(app: ReviewApp, pilot: Pilot) -> None:
        screen = await _ask_to_quit(app, pilot, values)
        await pilot.press("s")
        await until(pilot, lambda: screen.problem, "the dialog's problem")
        await settle(app, pilot)
        assert app.is_running and app.screen is screen
        assert problem in str(screen.query_one("#edit-error", Static).render())
        assert {n: screen.query_one(f"#edit-{n}", Input).value for n in values} == values
        assert stored(db, 7).to_dict() == before
        # Fixed and saved with ctrl+s: saved, and the app no longer quits.
        screen.query_one("#edit-ar", Input).value = "دا نانغ"
        screen.query_one("#edit-en", Input).value = "Da Nang City"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, EditScreen), "the save")
        await settle(app, pilot)
        assert app.is_running

    drive(db, scenario)
    assert (stored(db, 7).term("en"), stored(db, 7).updated_by) == ("Da Nang City", "tui")


def test_a_save_and_quit_whose_write_fails_does_not_quit(db: Path) -> None:
    notes: list[str] = []

    async def scenario(app: ReviewApp, pilot: Pilot) -> None:
        await _ask_to_quit(app, pilot, {"en": "typed in the dialog"})
        with Store(db, actor="cli") as store:  # another command, meanwhile
            store.modify(7, lambda e: setattr(e.forms["en"], "preferred", "Danang"))
        await pilot.press("s")
        await until(pilot, lambda: any("while you edited it" in n.message
                                       for n in app._notifications), "the failed write")
        await settle(app, pilot)
        assert app.is_running
        notes.extend(n.message for n in app._notifications)

    drive(db, scenario)
    assert any(n.startswith("entry 7: another command changed its en form") for n in notes)
    assert stored(db, 7).term("en") == "Danang"

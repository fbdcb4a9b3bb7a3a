"""Pilot tests of the review app against other commands' changes, hidden marks,
forbidden forms and the export file's extension."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("textual")

from textual.pilot import Pilot
from textual.widgets import Input

from glossary.formats import read_glossary
from glossary.store import Store
from tests.functional.review_driver import drive, goto, settle, stored, until
from tui import ReviewApp
from tui.detail import render_entry
from tui.screens import ChooseScreen, EditScreen, ExportScreen


def _notes(app: ReviewApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


@pytest.mark.parametrize(("field", "value", "kept_vi", "note"), [
    ("edit-note", "checked by phone", "Hà Nội (thủ đô)", "checked by phone"),
    ("edit-ar", "هَانُوي", "Hà Nội (thủ đô)", ""),  # stored without harakat: هانوي
])
def test_edit_keeps_what_another_command_changed_meanwhile(
        db: Path, field: str, value: str, kept_vi: str, note: str) -> None:
    async def scenario(app: ReviewApp, pilot: Pilot) -> None:
        await goto(app, pilot, 2)
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, EditScreen), "the edit dialog")
        with Store(db, actor="other") as other:
            other.modify(2, lambda e: setattr(e.forms["vi"], "preferred", "Hà Nội (thủ đô)"))
        await until(pilot, lambda: app.entries[2].term("vi") == "Hà Nội (thủ đô)", "refresh")
        app.screen.query_one(f"#{field}", Input).value = value
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, EditScreen), "the save")
        await settle(app, pilot)

    drive(db, scenario)
    entry = stored(db, 2)
    assert (entry.term("ar"), entry.term("vi"), entry.note) == ("هانوي", kept_vi, note)


def test_saving_an_entry_merged_away_meanwhile_says_it_no_longer_exists(db: Path) -> None:
    async def scenario(app: ReviewApp, pilot: Pilot) -> None:
        await goto(app, pilot, 9)
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, EditScreen), "the edit dialog")
        screen = app.screen
        assert isinstance(screen, EditScreen)
        with Store(db, actor="other") as other:
            other.merge([1, 9], into=1)
        await until(pilot, lambda: 9 not in app.entries, "the merge to show")
        screen.query_one("#edit-en", Input).value = "HCMC"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: screen.problem, "the dialog's problem")
        assert screen.problem.startswith("entry 9 no longer exists (merged or deleted")

    drive(db, scenario)


def test_approve_acts_on_every_mark_hidden_or_not(db: Path) -> None:
    async def scenario(app: ReviewApp, pilot: Pilot) -> None:
        await goto(app, pilot, 4)
        await pilot.press("space")
        await pilot.press("slash", *"hanoi", "enter")
        await settle(app, pilot)
        await goto(app, pilot, 2)
        await pilot.press("space")
        await pilot.press("a")
        await settle(app, pilot)
        assert "approved 2 entries (1 of them hidden by the filter)" in _notes(app)
        await goto(app, pilot, 2)
        await pilot.press("r")  # nothing marked now: the cursor's row alone
        await settle(app, pilot)

    drive(db, scenario)
    assert (stored(db, 4).status, stored(db, 2).status) == ("approved", "rejected")


def test_forbidden_candidate_is_not_offered_and_can_be_allowed_again(db: Path) -> None:
    async def scenario(app: ReviewApp, pilot: Pilot) -> None:
        await goto(app, pilot, 6)  # candidates Phạm Minh Chính, Phạm Minh Chinh
        await pilot.press("f")
        await until(pilot, lambda: isinstance(app.screen, ChooseScreen), "the chooser")
        await pilot.press("enter")  # its first choice: vi Phạm Minh Chính
        await settle(app, pilot)
        await pilot.press("2")  # no second pickable candidate now
        await settle(app, pilot)
        assert "no Vietnamese candidate 2 for this entry" in _notes(app)
        shown = render_entry(app.detail.entry, mode="logical").renderables
        assert "[1] Phạm Minh Chinh" in "\n".join(map(str, shown))
        await pilot.press("F")
        await until(pilot, lambda: isinstance(app.screen, ChooseScreen), "the chooser")
        assert app.screen.choices == [("vi", "Phạm Minh Chính")]  # type: ignore[attr-defined]
        await pilot.press("enter")
        await settle(app, pilot)
        assert "entry 6: vi 'Phạm Minh Chính' allowed again" in _notes(app)
        await pilot.press("1")
        await settle(app, pilot)

    drive(db, scenario)
    forms = stored(db, 6).forms["vi"]
    assert (forms.preferred, forms.forbidden) == ("Phạm Minh Chính", [])


def test_export_follows_the_typed_extension(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "terms.csv"

    async def scenario(app: ReviewApp, pilot: Pilot) -> None:
        await pilot.press("x")
        await until(pilot, lambda: isinstance(app.screen, ExportScreen), "the export dialog")
        app.screen.query_one("#export-path", Input).value = str(out)  # format left at tbx
        await pilot.press("enter")
        await settle(app, pilot)
        assert f"exported 1 entry to {out} (csv)" in _notes(app)

    drive(db, scenario)
    assert out.read_text(encoding="utf-8").startswith("ar,vi,en")
    assert [e.term("en") for e in read_glossary(out)] == ["digital transformation"]

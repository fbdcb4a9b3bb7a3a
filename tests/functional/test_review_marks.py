"""Pilot tests of the review app: marking, merging, NFC edits and small terminals."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

pytest.importorskip("textual")

from textual.pilot import Pilot
from textual.widgets import Input, Static

from glossary.store import Store
from tests.functional.review_driver import (
    drive,
    goto,
    ids_in_store,
    settle,
    shown,
    stored,
)
from tests.functional.review_fixtures import review_entries
from tui import ReviewApp
from tui.screens import (
    EditResult,
    EditScreen,
    MergeScreen,
)
from tui.table import EntryTable


@pytest.mark.parametrize(("keys", "listed", "keep", "cursor"), [
    (("space", "space"), [2, 3], 3, 1),                  # the approved one by default
    (("space", "down", "space"), [2, 1], 2, 5),          # else the most frequent
    (("space", "down", "space", "m", "down", "enter"), [2, 1], 1, 5),  # picked in the dialog
])
def test_merge_takes_only_the_marked_entries_and_asks_which_to_keep(
        db: Path, keys: tuple[str, ...], listed: list[int], keep: int, cursor: int) -> None:
    async def scenario(app: ReviewApp, pilot: Pilot) -> None:
        await pilot.press("home", *keys)
        if "m" not in keys:
            await pilot.press("m")
            assert isinstance(app.screen, MergeScreen)
            assert [e.id for e in app.screen.entries] == listed
            await pilot.press("enter")
        await settle(app, pilot)

    original = review_entries()
    final = drive(db, scenario)
    gone = next(i for i in listed if i != keep)
    assert gone not in ids_in_store(db) and gone not in final.shown
    assert original[gone - 1].term("ar") in stored(db, keep).forms["ar"].variants
    assert stored(db, cursor).forms == original[cursor - 1].forms  # not marked: untouched
    assert final.app.table.marked == set()


def test_merge_dialog_escape_cancels_then_undo_and_redo_a_merge(db: Path) -> None:
    async def scenario(app: ReviewApp, pilot: Pilot) -> None:
        await pilot.press("home", "space", "space", "m")
        assert isinstance(app.screen, MergeScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, MergeScreen)
        assert ids_in_store(db) == set(range(1, 12))
        assert app.query_one(EntryTable).marked == {2, 3}  # kept for another try
        await pilot.press("m", "enter")
        await settle(app, pilot)
        assert 2 not in shown(app) and "هانوي" in stored(db, 3).forms["ar"].variants
        await pilot.press("ctrl+z")
        await settle(app, pilot)
        assert 2 in shown(app) and 2 in ids_in_store(db)
        await pilot.press("ctrl+y")

    final = drive(db, scenario)
    assert 2 not in ids_in_store(db) and 2 not in final.shown


@pytest.mark.parametrize(("keys", "warning"), [
    (("m",), "mark at least two entries"),
    (("space", "m"), "only entry #2 is marked: mark #3 too"),
    (("space", "up", "m"), "mark at least two entries"),  # the cursor is on the marked one
])
def test_merge_with_fewer_than_two_marked_entries_says_what_to_do(
        db: Path, keys: tuple[str, ...], warning: str) -> None:
    async def scenario(app: ReviewApp, pilot: Pilot) -> None:
        await pilot.press("home", *keys)
        assert not isinstance(app.screen, MergeScreen)
        assert any(warning in n.message for n in app._notifications)

    drive(db, scenario)
    assert ids_in_store(db) == set(range(1, 12))


@pytest.mark.parametrize(("keys", "approved"), [
    (("t", "plus", "a"), set(range(1, 11))),        # every candidate shown, not entry 11
    (("t", "plus", "minus", "a"), {2, 3}),          # cleared: only the cursor's entry 2
    (("slash", *"ho chi minh", "enter", "plus", "a"), {1, 3, 9}),
])
def test_mark_all_shown_then_approve_them_in_one_action(
        db: Path, keys: tuple[str, ...], approved: set[int]) -> None:
    async def scenario(app: ReviewApp, pilot: Pilot) -> None:
        await pilot.press(*keys)
        await settle(app, pilot)

    drive(db, scenario)
    with Store(db) as store:
        assert {e.id for e in store.entries() if e.status == "approved"} == approved
        assert len({r["group"] for r in store.journal(limit=20)
                    if r["actor"] == "tui"}) == 1


def test_mark_all_shows_the_count_in_the_status_bar(db: Path) -> None:
    async def scenario(app: ReviewApp, pilot: Pilot) -> None:
        await pilot.press("n")  # kind: term
        await settle(app, pilot)
        await pilot.press("plus")
        assert app.query_one(EntryTable).marked == {3, 5, 8, 10}
        assert "4 marked" in str(app.query_one("#statusbar", Static).render())
        await pilot.press("minus")
        assert "marked" not in str(app.query_one("#statusbar", Static).render())

    drive(db, scenario)


NFD_VI = unicodedata.normalize("NFD", "Đà Nẵng")


@pytest.mark.parametrize("field_id", ["#edit-vi", "#edit-note"])
def test_edit_dialog_returns_vietnamese_in_nfc(db: Path, field_id: str) -> None:
    results: list[EditResult | None] = []

    async def scenario(app: ReviewApp, pilot: Pilot) -> None:
        await app.push_screen(EditScreen(app.entries[7], None), results.append)
        await pilot.pause()
        app.screen.query_one(field_id, Input).value = NFD_VI
        await pilot.press("ctrl+s")

    assert NFD_VI != "Đà Nẵng"
    drive(db, scenario)
    assert results and results[0] is not None
    assert getattr(results[0], field_id.removeprefix("#edit-")) == "Đà Nẵng"


def test_vietnamese_typed_decomposed_is_stored_in_nfc(db: Path) -> None:
    async def scenario(app: ReviewApp, pilot: Pilot) -> None:
        await goto(app, pilot, 7)
        await pilot.press("e")
        app.screen.query_one("#edit-vi", Input).value = NFD_VI
        await pilot.press("ctrl+s")

    drive(db, scenario)
    assert stored(db, 7).term("vi") == "Đà Nẵng"


@pytest.mark.parametrize(("size", "detail", "headers"), [
    ((40, 12), False, ["Arabic", "Vietnamese", "Status"]),
    ((80, 24), True, ["#", "Arabic", "Var", "Vietnamese", "English", "Kind", "Freq", "Score",
                      "Status"]),
])
def test_small_terminal_keeps_the_filter_and_the_table(
        db: Path, size: tuple[int, int], detail: bool, headers: list[str]) -> None:
    async def scenario(app: ReviewApp, pilot: Pilot) -> None:
        assert app.query_one("#filter").region.width >= size[0] // 2
        table = app.query_one(EntryTable)
        assert table.region.height >= 7  # the header and six rows at least
        assert app.query_one("#detail").display is detail
        assert table.render_line(0).text.replace("▼", "").split() == headers
        await pilot.press("slash", *"hanoi", "enter")
        await settle(app, pilot)
        assert shown(app) == [2]
        assert "Hà Nội" in table.render_line(1).text

    drive(db, scenario, size=size)

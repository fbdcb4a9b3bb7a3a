"""Pilot tests of the review app: every action, checked in the database afterwards."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("textual")

from textual.command import CommandList
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static

from glossary.model import Entry, Forms
from glossary.store import Store
from tests.functional.review_driver import (
    drive,
    goto,
    ids_in_store,
    make_app,
    settle,
    shown,
    stored,
)
from tui import ReviewApp
from tui.bidi import reorder
from tui.screens import (
    ChooseScreen,
    EditScreen,
    ExportScreen,
    HelpScreen,
)
from tui.table import EntryTable


@pytest.mark.parametrize(("key", "status"), [("a", "approved"), ("r", "rejected")])
def test_approve_and_reject_one_entry(db: Path, key: str, status: str) -> None:
    async def scenario(app: ReviewApp, pilot: Pilot) -> None:
        await goto(app, pilot, 2)
        await pilot.press(key)

    final = drive(db, scenario)
    assert stored(db, 2).status == status
    assert stored(db, 1).status == "candidate"
    assert "8 to review" in final.status


def test_bulk_approve_marked_entries_is_one_undoable_action(db: Path) -> None:
    async def scenario(app: ReviewApp, pilot: Pilot) -> None:
        await goto(app, pilot, 1)
        await pilot.press("space")
        await goto(app, pilot, 5)
        await pilot.press("space", "a")

    drive(db, scenario)
    assert [stored(db, i).status for i in (1, 5, 2)] == ["approved", "approved", "candidate"]
    with Store(db) as store:
        groups = {r["group"] for r in store.journal(limit=2)}
    assert len(groups) == 1


def test_forbid_a_candidate_rendering(db: Path) -> None:
    async def scenario(app: ReviewApp, pilot: Pilot) -> None:
        await goto(app, pilot, 1)
        await pilot.press("f")
        assert isinstance(app.screen, ChooseScreen)
        index = app.screen.choices.index(("vi", "Hô Chi Minh"))
        await pilot.press(*["down"] * index, "enter")

    drive(db, scenario)
    assert stored(db, 1).forms["vi"].forbidden == ["Hô Chi Minh"]


def test_edit_every_field_with_the_arabic_suggestion(db: Path) -> None:
    async def scenario(app: ReviewApp, pilot: Pilot) -> None:
        await goto(app, pilot, 7)
        await pilot.press("e")
        assert isinstance(app.screen, EditScreen)
        app.screen.query_one("#edit-vi", Input).value = "Đà Nẵng"
        for _ in range(200):
            await pilot.pause(0.02)
            if app.screen.suggestions:
                break
        suggestion = str(app.screen.query_one("#suggestion", Static).render())
        assert reorder("دا نانغ") in suggestion  # shown in visual order
        await pilot.press("ctrl+t")
        app.screen.query_one("#edit-en", Input).value = "Da Nang City"
        app.screen.query_one("#edit-note", Input).value = "Central coast city."
        await pilot.press("ctrl+s")

    final = drive(db, scenario)
    entry = stored(db, 7)
    assert (entry.term("ar"), entry.term("vi"), entry.term("en"), entry.note) == (
        "دا نانغ", "Đà Nẵng", "Da Nang City", "Central coast city.")
    assert (final.current, final.vi) == (7, "Đà Nẵng")


def test_edit_without_transliteration_says_so(db: Path) -> None:
    async def scenario(app: ReviewApp, pilot: Pilot) -> None:
        await goto(app, pilot, 7)
        await pilot.press("e")
        label = str(app.screen.query_one("#suggestion", Static).render())
        assert "unavailable" in label
        await pilot.press("escape")

    final = drive(db, scenario, make_app(db, transliterate=None))
    assert stored(db, 7).term("vi") == ""
    assert final.current == 7


@pytest.mark.parametrize(("keys", "expected"), [(("2",), "Phạm Minh Chinh"),
                                                (("2", "1"), "Phạm Minh Chính")])
def test_number_key_picks_a_vietnamese_candidate(db: Path, keys: tuple[str, ...],
                                                 expected: str) -> None:
    async def scenario(app: ReviewApp, pilot: Pilot) -> None:
        await goto(app, pilot, 6)
        for key in keys:
            await pilot.press(key)
            await settle(app, pilot)

    drive(db, scenario)
    assert stored(db, 6).term("vi") == expected


# By frequency the table starts 2 (30), 3 (25, approved), 1 (12), 5 (9): space marks
# and moves down, so after these keys the cursor is on an entry that is not marked.


def test_split_a_variant_into_a_new_entry(db: Path) -> None:
    async def scenario(app: ReviewApp, pilot: Pilot) -> None:
        await goto(app, pilot, 1)
        await pilot.press("s")
        assert isinstance(app.screen, ChooseScreen)
        assert app.screen.choices == [("ar", "هوشي منه")]
        await pilot.press("enter")

    final = drive(db, scenario)
    assert stored(db, 1).forms["ar"].variants == []
    new = stored(db, 12)
    assert new.term("ar") == "هوشي منه"
    assert [c.form for c in new.contexts] == ["هوشي منه"]
    assert final.current == 12


@pytest.mark.parametrize(("presses", "status"), [(("a", "ctrl+z"), "candidate"),
                                                 (("a", "ctrl+z", "ctrl+y"), "approved")])
def test_undo_and_redo_an_approval(db: Path, presses: tuple[str, ...], status: str) -> None:
    async def scenario(app: ReviewApp, pilot: Pilot) -> None:
        await goto(app, pilot, 4)
        for key in presses:
            await pilot.press(key)
            await settle(app, pilot)
        assert app.index.get(4).status == status  # type: ignore[union-attr]

    drive(db, scenario)
    assert stored(db, 4).status == status


@pytest.mark.parametrize(("presses", "note"), [
    (("ctrl+z",), "nothing to undo in this review session; "
                  "for earlier changes run avet glossary undo"),
    (("ctrl+y",), "nothing to redo in this review session; "
                  "for earlier changes run avet glossary redo"),
    (("a", "ctrl+z", "ctrl+z"), "nothing to undo in this review session; "
                                "for earlier changes run avet glossary undo"),
    (("a", "ctrl+z"), "undo: approved (1 entry)"),
    (("a", "ctrl+z", "ctrl+y"), "redo: approved (1 entry)"),
])
def test_undo_keeps_to_the_session_and_names_what_it_replayed(
        db: Path, presses: tuple[str, ...], note: str) -> None:
    # The fixture's database was written by an earlier command (one journal group).
    notes: list[str] = []

    async def scenario(app: ReviewApp, pilot: Pilot) -> None:
        notify = app.notify

        def remember(message: str, **kwargs: object) -> None:
            notes.append(message)
            notify(message, **kwargs)  # type: ignore[arg-type]

        app.notify = remember  # type: ignore[method-assign]
        await goto(app, pilot, 4)
        for key in presses:
            await pilot.press(key)
            await settle(app, pilot)

    final = drive(db, scenario)
    assert notes[-1] == note
    assert len(ids_in_store(db)) == 11  # the earlier command's entries stay
    assert "11 shown of 11" in final.status


@pytest.mark.parametrize(("text", "expected"), [
    ("امن", [8]),            # أمن المعلومات without hamza
    ("قانون", [10]),         # قَانُون without diacritics
    ("hanoi", [2]),
    ("chuyen doi", [3]),     # chuyển đổi số without tones
    ("Ho Chi Minh", [1, 9]),  # vi candidates and en forms, tones ignored
])
def test_filter_ignores_diacritics_hamza_and_tones(db: Path, text: str,
                                                   expected: list[int]) -> None:
    async def scenario(app: ReviewApp, pilot: Pilot) -> None:
        app.query_one("#filter", Input).value = text
        await settle(app, pilot)
        assert sorted(shown(app)) == expected
        assert f"{len(expected)} shown of 11" in str(app.query_one("#statusbar", Static).render())

    drive(db, scenario)


def test_filter_typed_with_the_keyboard(db: Path) -> None:
    async def scenario(app: ReviewApp, pilot: Pilot) -> None:
        await pilot.press("slash", *"an toan", "enter")
        await settle(app, pilot)
        assert shown(app) == [8]
        assert app.focused is app.query_one(EntryTable)
        await pilot.press("a")

    drive(db, scenario)
    assert stored(db, 8).status == "approved"


@pytest.mark.parametrize(("keys", "select_id", "value", "expected"), [
    ("t", "#status-filter", "candidate", 9),
    ("tt", "#status-filter", "approved", 1),
    ("nnn", "#kind-filter", "place", 3),
])
def test_status_and_kind_filters_cycle(db: Path, keys: str, select_id: str, value: str,
                                       expected: int) -> None:
    async def scenario(app: ReviewApp, pilot: Pilot) -> None:
        await pilot.press(*keys)
        await settle(app, pilot)
        assert app.query_one(select_id, Select).value == value
        assert len(shown(app)) == expected

    drive(db, scenario)


def test_sort_by_keys_and_by_clicking_a_header(db: Path) -> None:
    async def scenario(app: ReviewApp, pilot: Pilot) -> None:
        assert shown(app)[:3] == [2, 3, 1]  # by frequency, highest first
        await pilot.press("o")  # next column: score
        scores = [r.score for r in app.query_one(EntryTable).rows]
        assert scores == sorted(scores, reverse=True)
        await pilot.press("O")
        assert [r.score for r in app.query_one(EntryTable).rows] == sorted(scores)
        await pilot.click(EntryTable, offset=(2, 0))  # the "#" header
        assert shown(app) == list(range(1, 12))
        await pilot.click(EntryTable, offset=(2, 0))
        assert shown(app) == list(range(11, 0, -1))

    drive(db, scenario)


@pytest.mark.parametrize("fmt", ["json", "tsv"])
def test_export_writes_the_approved_entries(db: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"out.{fmt}"

    async def scenario(app: ReviewApp, pilot: Pilot) -> None:
        await pilot.press("x")
        assert isinstance(app.screen, ExportScreen)
        app.screen.query_one("#export-format", Select).value = fmt
        await pilot.pause()
        app.screen.query_one("#export-path", Input).value = str(out)
        await pilot.press("enter")

    drive(db, scenario)
    text = out.read_text(encoding="utf-8")
    assert "التحول الرقمي" in text and "هانوي" not in text
    if fmt == "json":
        assert "chuyển đổi số" in json.dumps(json.loads(text), ensure_ascii=False)


def test_export_unavailable_without_an_export_function(db: Path) -> None:
    async def scenario(app: ReviewApp, pilot: Pilot) -> None:
        await pilot.press("x")
        assert not isinstance(app.screen, ExportScreen)
        assert any("export is unavailable" in n.message for n in app._notifications)

    drive(db, scenario, make_app(db, export=None))


def test_help_screen_lists_every_binding_and_closes(db: Path) -> None:
    async def scenario(app: ReviewApp, pilot: Pilot) -> None:
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        listed = {keys for keys, _ in app.screen._keys}
        assert {"a", "r", "e", "f", "m", "s", "ctrl+z", "ctrl+y", "x", "/", "t", "n", "o", "O",
                "b", "+", "-", "F1", "space", "1 … 9", "ctrl+p", "ctrl+q"} <= listed
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)

    drive(db, scenario)


def test_command_palette_runs_an_action(db: Path) -> None:
    async def scenario(app: ReviewApp, pilot: Pilot) -> None:
        await goto(app, pilot, 5)
        await pilot.press("ctrl+p")
        await pilot.pause(0.1)
        await pilot.press(*"Approve the marked")
        for _ in range(300):  # the palette searches in the background
            await pilot.pause(0.02)
            hits = app.screen.query(CommandList)
            if hits and hits.first().option_count == 1:
                break
        await pilot.press("down", "enter")
        await pilot.pause(0.1)

    drive(db, scenario)
    assert stored(db, 5).status == "approved"


def test_entries_written_by_another_process_appear_and_keep_the_selection(db: Path) -> None:
    async def scenario(app: ReviewApp, pilot: Pilot) -> None:
        await goto(app, pilot, 6)
        with Store(db, actor="extract") as store:
            store.add(Entry(kind="place", forms={"ar": Forms(preferred="هوي آن")},
                            frequency=50))
        for _ in range(200):
            await pilot.pause(0.02)
            if 12 in shown(app):
                break
        assert shown(app)[0] == 12  # most frequent first
        assert app.query_one(EntryTable).current.id == 6  # type: ignore[union-attr]
        assert "12 shown of 12" in str(app.query_one("#statusbar", Static).render())

    drive(db, scenario)



def test_merges_and_edits_by_another_process_arrive_without_a_full_reload(db: Path) -> None:
    async def scenario(app: ReviewApp, pilot: Pilot) -> None:
        await goto(app, pilot, 6)
        reloads = []
        original = app._reload

        def counted(store: Store) -> int:
            reloads.append(1)
            return original(store)

        app._reload = counted  # type: ignore[method-assign]
        with Store(db, actor="other") as store:
            store.merge([2, 3])
            store.set_status([4], "rejected")
        for _ in range(200):
            await pilot.pause(0.02)
            if 3 not in shown(app) and app.entries[4].status == "rejected":
                break
        assert 3 not in shown(app) and 3 not in app.entries
        assert app.entries[4].status == "rejected"
        assert app.entries[2].forms["ar"].variants  # the merged entry took 3's forms
        assert app.query_one(EntryTable).current.id == 6  # type: ignore[union-attr]
        assert reloads == []  # only the changes were read

    drive(db, scenario)

def test_bidi_toggle_switches_between_visual_and_logical(db: Path) -> None:
    async def scenario(app: ReviewApp, pilot: Pilot) -> None:
        await goto(app, pilot, 2)
        table = app.query_one(EntryTable)
        assert "يوناه" in table.render_line(1).text  # هانوي, reordered for display
        await pilot.press("b")
        assert table.bidi_mode == "logical"
        assert "هانوي" in table.render_line(1).text

    drive(db, scenario)


def test_results_arriving_under_a_modal_screen_update_the_main_screen(db: Path) -> None:
    async def scenario(app: ReviewApp, pilot: Pilot) -> None:
        await goto(app, pilot, 2)
        await pilot.press("a", "f1")
        await settle(app, pilot)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")

    final = drive(db, scenario)
    assert stored(db, 2).status == "approved"
    assert "8 to review" in final.status


def test_ctrl_q_quits(db: Path) -> None:
    async def scenario(app: ReviewApp, pilot: Pilot) -> None:
        await pilot.press("ctrl+q")
        await pilot.pause()

    final = drive(db, scenario)
    assert final.app.return_code == 0
    assert not final.app.is_running

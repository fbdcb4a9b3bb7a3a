"""Pilot tests: the review app's edit dialog applies import's checks, and its
export asks for the languages the CLI takes and reports what it wrote."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("textual")

from textual.pilot import Pilot
from textual.widgets import Input, Select, Static

from glossary.formats import read_glossary
from glossary.store import Store
from tests.functional.review_driver import drive, goto, settle, stored, until
from tui import ReviewApp
from tui.screens import EditScreen, ExportScreen


async def _edit(app: ReviewApp, pilot: Pilot, entry_id: int, values: dict[str, str]) -> None:
    await goto(app, pilot, entry_id)
    await pilot.press("e")
    await until(pilot, lambda: isinstance(app.screen, EditScreen), "the edit dialog")
    for lang, value in values.items():
        app.screen.query_one(f"#edit-{lang}", Input).value = value
    await pilot.press("ctrl+s")


@pytest.mark.parametrize(("entry_id", "values", "problem", "fix"), [
    (1, {"ar": "", "vi": "", "en": ""}, "no term in ar, vi or en", {"ar": "هوشي منه"}),
    (1, {"ar": "", "vi": "Hồ Chí Minh"}, "ar variants are given but no ar term",
     {"ar": "هو تشي منه"}),
    # Entry 2 is هانوي / Hà Nội / Hanoi; "[/b]" must show as typed, not as markup.
    (3, {"ar": "هانوي", "vi": "Hà Nội", "en": "[/b]capital"},
     "ar term 'هانوي' is a form of entry 2, whose en is 'Hanoi', not '[/b]capital'",
     {"ar": "التحول الرقمي", "vi": "chuyển đổi số"}),
    # The table formats separate forms with "|": a term holding it could not be exported.
    (3, {"en": "digital transformation|DX"},
     "en term 'digital transformation|DX' contains '|' (give one form;",
     {"en": "digital transition"}),
])
def test_edit_dialog_refuses_what_import_refuses_until_fixed(
        db: Path, entry_id: int, values: dict[str, str], problem: str,
        fix: dict[str, str]) -> None:
    before = stored(db, entry_id).to_dict()

    async def scenario(app: ReviewApp, pilot: Pilot) -> None:
        await _edit(app, pilot, entry_id, values)
        screen = app.screen
        assert isinstance(screen, EditScreen)
        await until(pilot, lambda: screen.problem, "the dialog's problem")
        await settle(app, pilot)
        assert app.screen is screen  # still open
        assert problem in str(screen.query_one("#edit-error", Static).render())
        assert stored(db, entry_id).to_dict() == before
        for lang, value in fix.items():
            screen.query_one(f"#edit-{lang}", Input).value = value
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, EditScreen), "the save")

    drive(db, scenario)
    entry = stored(db, entry_id)
    assert entry.updated_by == "tui" and entry.to_dict() != before
    for lang in ("ar", "vi", "en"):
        assert entry.term(lang) == {**values, **fix}.get(lang, before["forms"][lang]["preferred"])


@pytest.mark.parametrize(("ids", "marks", "note"), [
    ((3,), False, "nothing changed: entry 3 already approved"),  # entry 3 is approved
    ((1, 3), True, "approved entry 1; entry 3 already approved"),
    ((1, 2), True, "approved 2 entries"),
])
def test_approve_says_what_changed(db: Path, ids: tuple[int, ...], marks: bool,
                                   note: str) -> None:
    notes: list[str] = []

    async def scenario(app: ReviewApp, pilot: Pilot) -> None:
        for entry_id in ids:  # the cursor's entry, or the marked ones
            await goto(app, pilot, entry_id)
            if marks:
                await pilot.press("space")
        await pilot.press("a")
        await settle(app, pilot)
        notes.extend(n.message for n in app._notifications)

    drive(db, scenario)
    assert note in notes
    assert {stored(db, i).status for i in ids} == {"approved"}


@pytest.mark.parametrize(("langs", "name", "lines", "summary"), [
    (("ar", "en"), "glossary.ar-en.deepl.tsv",
     ["هو تشي منه\tHo Chi Minh", "هوشي منه\tHo Chi Minh", "هانوي\tHanoi",
      "التحول الرقمي\tdigital transformation"], "3 entries, 4 rows"),
    (("en", "vi"), "glossary.en-vi.deepl.tsv",
     ["Hanoi\tHà Nội", "digital transformation\tchuyển đổi số"], "2 entries"),
])
def test_export_to_deepl_in_the_chosen_direction(db: Path, tmp_path: Path,
                                                 langs: tuple[str, str], name: str,
                                                 lines: list[str], summary: str) -> None:
    with Store(db, actor="tests") as store:
        store.set_status([1, 2], "approved")  # with entry 3: three approved entries
    notes: list[str] = []

    async def scenario(app: ReviewApp, pilot: Pilot) -> None:
        await pilot.press("x")
        await until(pilot, lambda: isinstance(app.screen, ExportScreen), "the export dialog")
        screen = app.screen
        screen.query_one("#export-format", Select).value = "deepl"
        await until(pilot, lambda: screen.query_one("#export-langs-box").display, "languages")
        path = screen.query_one("#export-path", Input)
        assert path.value == str(db.parent / "glossary.vi-ar.deepl.tsv")
        screen.query_one("#export-langs", Select).value = langs
        await until(pilot, lambda: path.value.endswith(name), "the proposed name")
        path.value = str(tmp_path / name)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        notes.extend(n.message for n in app._notifications)

    drive(db, scenario)
    assert sorted((tmp_path / name).read_text(encoding="utf-8").splitlines()) == sorted(lines)
    done = [n for n in notes if n.startswith("exported")]
    assert done and done[0].startswith(
        f"exported {summary} to {tmp_path / name} (deepl, {langs[0]} → {langs[1]})")


def test_export_to_a_missing_folder_creates_it_and_says_so(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "new" / "dir" / "x.tbx"
    notes: list[str] = []

    async def scenario(app: ReviewApp, pilot: Pilot) -> None:
        await pilot.press("x")
        await until(pilot, lambda: isinstance(app.screen, ExportScreen), "the export dialog")
        app.screen.query_one("#export-path", Input).value = str(out)
        await pilot.press("enter")
        await settle(app, pilot)
        notes.extend(n.message for n in app._notifications)

    drive(db, scenario)
    assert [e.term("ar") for e in read_glossary(out)] == ["التحول الرقمي"]
    assert f"exported 1 entry to {out} (tbx); created the folder {tmp_path / 'new'}" in notes

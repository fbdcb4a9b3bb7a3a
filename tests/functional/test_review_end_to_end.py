"""End to end: ``avet review`` as the CLI starts it (its transliterator, export and actor)
on a database made by ``avet extract`` from the shared corpus, driven from the keyboard
with Textual's pilot: approve, filter by an Arabic name and pick its second Vietnamese
candidate, merge two entries, undo the merge, quit with exit code 0. Every change is
checked in the database. Skipped without the corpus."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("textual")

from textual.pilot import Pilot
from textual.widgets import Static

from glossary.model import Entry
from glossary.store import Store
from tests.functional.review_driver import goto, settle, shown, until
from toolkit.cli.main import main
from tui import ReviewApp
from tui.screens import MergeScreen

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / ".." / "shared" / "corpus" / "ar"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is absent"),
]


def _get(db: Path, entry_id: int | None) -> Entry | None:
    with Store(db) as store:
        found = [e for e in store.entries() if e.id == entry_id]
    return found[0] if found else None


def _entry(db: Path, entry_id: int | None) -> Entry:
    found = _get(db, entry_id)
    assert found is not None, f"entry {entry_id} is gone"
    return found


def test_review_command_approve_pick_merge_undo_quit(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "corpus.db"
    assert main(["extract", "--db", str(db), str(CORPUS)]) == 0
    with Store(db) as store:
        ranked = store.entries(order="frequency")
        # A name with several Vietnamese readings that the filter finds alone.
        name = next(e for e in ranked if e.kind == "person"
                    and len(e.forms["vi"].candidates) > 1
                    and len(store.entries(text=e.term("ar"))) == 1)
    pending = [e for e in ranked if e.status == "candidate" and e.id != name.id]
    approve, merge_from, merge_into = pending[:3]
    ordered = sorted(name.forms["vi"].candidates, key=lambda c: -c.score)
    everything = f"{len(ranked)} shown of {len(ranked)} "

    def status(app: ReviewApp) -> str:
        return str(app.query_one("#statusbar", Static).render())

    async def scenario(pilot: Pilot[Any]) -> None:
        app = pilot.app
        assert isinstance(app, ReviewApp)
        await until(pilot, lambda: app.loaded and not app.busy, "all entries to load")
        assert status(app).startswith(everything)

        # Approve the most frequent candidate.
        await goto(app, pilot, approve.id)  # type: ignore[arg-type]
        await pilot.press("a")
        await settle(app, pilot)
        assert _entry(db, approve.id).status == "approved"

        # Find the name by its Arabic form, typed; pick Vietnamese candidate 2.
        await pilot.press("slash", *name.term("ar"), "enter")
        await settle(app, pilot)
        assert shown(app) == [name.id]
        await pilot.press("2")
        await settle(app, pilot)
        assert _entry(db, name.id).term("vi") == ordered[1].text

        # Clear the filter; mark two candidates, merge them, keeping the second.
        await pilot.press("slash", "home", "ctrl+k", "enter")
        await settle(app, pilot)
        assert status(app).startswith(everything)
        await goto(app, pilot, merge_from.id)  # type: ignore[arg-type]
        await pilot.press("space")
        await goto(app, pilot, merge_into.id)  # type: ignore[arg-type]
        await pilot.press("space", "m")
        await until(pilot, lambda: isinstance(app.screen, MergeScreen), "the merge dialog")
        # The dialog lists both in table order and offers the more frequent first.
        assert [e.id for e in app.screen.entries] == [merge_from.id, merge_into.id]  # type: ignore[attr-defined]
        await pilot.press("down", "enter")
        await settle(app, pilot)
        assert _get(db, merge_from.id) is None
        assert merge_from.term("ar") in _entry(db, merge_into.id).forms["ar"].variants

        # Undo the merge: both entries are back, the approval and the pick stay.
        await pilot.press("ctrl+z")
        await settle(app, pilot)
        assert _get(db, merge_from.id) is not None
        assert status(app).startswith(everything)
        await pilot.press("ctrl+q")

    started: list[ReviewApp] = []
    failed: list[BaseException] = []
    real_run = ReviewApp.run

    async def driven(pilot: Pilot[Any]) -> None:
        try:
            await scenario(pilot)
        except BaseException as exc:  # the CLI would turn it into "internal error"
            failed.append(exc)
            raise

    def run_headless(self: ReviewApp, **kwargs: Any) -> Any:
        # The app as review_cmd.run made it; Textual's pilot in place of a terminal.
        started.append(self)
        return real_run(self, headless=True, size=(140, 40), auto_pilot=driven)

    monkeypatch.setattr(ReviewApp, "run", run_headless)
    code = main(["review", "--db", str(db), "--poll", "0.5"])
    if failed:
        raise failed[0]
    assert code == 0
    [app] = started
    assert not app.is_running and app.return_code == 0

    assert _entry(db, approve.id).status == "approved"
    assert _entry(db, name.id).term("vi") == ordered[1].text
    assert merge_from.term("ar") not in _entry(db, merge_into.id).forms["ar"].variants
    assert _entry(db, merge_from.id).term("ar") == merge_from.term("ar")
    with Store(db) as store:
        records = store.journal(limit=10)
    states = {r["action"]: r["state"] for r in records}
    assert states["merge"] == "undone"
    assert states["approved"] == "done" and states["pick"] == "done"
    assert {r["actor"] for r in records if r["action"] != "extract"} == {"tui"}

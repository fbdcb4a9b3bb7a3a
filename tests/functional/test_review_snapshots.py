"""SVG snapshots of the review app's main screens (pytest-textual-snapshot).

Update them after an intended change with ``pytest --snapshot-update`` and look
at the SVG files in ``__snapshots__/`` before committing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from pathlib import Path

import pytest

pytest.importorskip("textual")
pytest.importorskip("pytest_textual_snapshot")

from textual.pilot import Pilot
from textual.widgets import Input

from glossary.formats import Written
from tests.functional.review_driver import until
from tests.functional.review_fixtures import build_review_db
from tui import ReviewApp, ReviewConfig
from tui.screens import EditScreen

SIZE = (120, 36)


def _transliterate(vi: str) -> list[str]:
    return {"Phạm Minh Chính": ["فام مينه تشينه", "فام مين تشين"]}.get(vi, [])


def _export(path: Path, fmt: str, langs: tuple[str, ...] | None) -> Written:
    raise AssertionError("the snapshots export nothing")


@pytest.fixture
def app(tmp_path: Path) -> ReviewApp:
    db = build_review_db(tmp_path / "review.db")
    config = ReviewConfig(db=db, poll_interval=5.0)
    return ReviewApp(config, transliterate=_transliterate, export=_export)


async def _settled(pilot: Pilot) -> None:
    """Waits until the app has loaded the database and finished every queued job and
    pending filter (``ReviewApp.busy``), then for the screen to be idle; fails after 10 s."""
    app = pilot.app
    assert isinstance(app, ReviewApp)
    for _ in range(1000):
        await pilot.pause(0.01)
        if not app.busy:
            await pilot.wait_for_scheduled_animations()
            return
    raise AssertionError("the review app was still busy after 10 s")


#: Waits as :func:`until` does, up to 10 s, and for the screen to be still (a stable SVG).
_until = partial(until, tries=1000, animations=True)


def _then(*keys: str) -> Callable[[Pilot], Awaitable[None]]:
    async def run_before(pilot: Pilot) -> None:
        await _settled(pilot)
        await pilot.press(*keys)
        await _settled(pilot)
    return run_before


def test_table_and_detail(app: ReviewApp, snap_compare: Callable[..., bool]) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=_then("down", "down"))


def test_table_and_detail_logical_order(tmp_path: Path,
                                        snap_compare: Callable[..., bool]) -> None:
    db = build_review_db(tmp_path / "review.db")
    app = ReviewApp(ReviewConfig(db=db, bidi="logical", poll_interval=5.0))
    assert snap_compare(app, terminal_size=SIZE, run_before=_then("down", "down"))


def test_help_screen(app: ReviewApp, snap_compare: Callable[..., bool]) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=_then("f1"))


def test_edit_modal_with_arabic_suggestion(app: ReviewApp,
                                           snap_compare: Callable[..., bool]) -> None:
    async def run_before(pilot: Pilot) -> None:
        await _settled(pilot)
        # Row 7 by frequency is entry 6 (فام مينه تشينه).
        await pilot.press(*["down"] * 6, "e")
        await _until(pilot, lambda: isinstance(pilot.app.screen, EditScreen), "the edit modal")
        screen = pilot.app.screen
        assert isinstance(screen, EditScreen)
        screen.query_one("#edit-vi", Input).value = "Phạm Minh Chính"
        # The suggestion comes from a thread.
        await _until(pilot, lambda: screen.suggestions, "the Arabic suggestion")

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_export_modal(app: ReviewApp, snap_compare: Callable[..., bool]) -> None:
    async def run_before(pilot: Pilot) -> None:
        await _settled(pilot)
        await pilot.press("x")
        await _until(pilot, lambda: pilot.app.screen.query("#export-path"), "the export modal")
        pilot.app.screen.query_one("#export-path", Input).value = "exports/glossary.tbx"
        await _settled(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_merge_dialog(app: ReviewApp, snap_compare: Callable[..., bool]) -> None:
    # Marks entries 2 and 3 (the cursor moves on to entry 1, not marked); keeps 3, approved.
    assert snap_compare(app, terminal_size=SIZE, run_before=_then("space", "space", "m"))


@pytest.mark.parametrize("size", [(40, 12), (80, 24)], ids=["40x12", "80x24"])
def test_small_terminal(app: ReviewApp, snap_compare: Callable[..., bool],
                        size: tuple[int, int]) -> None:
    assert snap_compare(app, terminal_size=size, run_before=_then("down"))

"""SVG snapshots of the review app's main screens (pytest-textual-snapshot).

Update them after an intended change with ``pytest --snapshot-update`` and look
at the SVG files in ``__snapshots__/`` before committing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

pytest.importorskip("textual")
pytest.importorskip("pytest_textual_snapshot")

from textual.pilot import Pilot
from textual.widgets import Input

from tests.functional.review_fixtures import build_review_db
from tui import ReviewApp, ReviewConfig
from tui.screens import EditScreen

SIZE = (120, 36)


def _transliterate(vi: str) -> list[str]:
    return {"Phạm Minh Chính": ["فام مينه تشينه", "فام مين تشين"]}.get(vi, [])


def _export(path: Path, fmt: str) -> int:
    raise AssertionError("the snapshots export nothing")


@pytest.fixture
def app(tmp_path: Path) -> ReviewApp:
    db = build_review_db(tmp_path / "review.db")
    config = ReviewConfig(db=db, poll_interval=5.0)
    return ReviewApp(config, transliterate=_transliterate, export=_export)


async def _loaded(pilot: Pilot) -> None:
    app = pilot.app
    assert isinstance(app, ReviewApp)
    for _ in range(500):
        await pilot.pause(0.01)
        if not app.busy:
            break
    await pilot.pause()


def _then(*keys: str):  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot) -> None:
        await _loaded(pilot)
        await pilot.press(*keys)
        await pilot.pause(0.4)
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
        await _loaded(pilot)
        # Row 7 by frequency is entry 6 (فام مينه تشينه).
        await pilot.press(*["down"] * 6, "e")
        screen = pilot.app.screen
        assert isinstance(screen, EditScreen)
        screen.query_one("#edit-vi", Input).value = "Phạm Minh Chính"
        for _ in range(500):  # the suggestion comes from a thread
            await pilot.pause(0.01)
            if screen.suggestions:
                break
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_export_modal(app: ReviewApp, snap_compare: Callable[..., bool]) -> None:
    async def run_before(pilot: Pilot) -> None:
        await _loaded(pilot)
        await pilot.press("x")
        for _ in range(500):  # on a busy machine the modal may take a while to mount
            await pilot.pause(0.01)
            if pilot.app.screen.query("#export-path"):
                break
        pilot.app.screen.query_one("#export-path", Input).value = "exports/glossary.tbx"
        await pilot.pause(0.2)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_merge_dialog(app: ReviewApp, snap_compare: Callable[..., bool]) -> None:
    # Marks entries 2 and 3 (the cursor moves on to entry 1, not marked); keeps 3, approved.
    assert snap_compare(app, terminal_size=SIZE, run_before=_then("space", "space", "m"))


@pytest.mark.parametrize("size", [(40, 12), (80, 24)], ids=["40x12", "80x24"])
def test_small_terminal(app: ReviewApp, snap_compare: Callable[..., bool],
                        size: tuple[int, int]) -> None:
    assert snap_compare(app, terminal_size=size, run_before=_then("down"))

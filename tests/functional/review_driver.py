"""Drives the review app in tests: a scenario run under ``app.run_test()`` with
the pilot, then what the app showed last (shared by the review app tests)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Static

from glossary.model import Entry
from glossary.store import Store
from toolkit.cli.review_cmd import _exporter
from tui import ReviewApp, ReviewConfig
from tui.table import EntryTable

Scenario = Callable[[ReviewApp, Pilot], Awaitable[None]]


def fake_transliterate(vi: str) -> list[str]:
    return {"Đà Nẵng": ["دا نانغ", "دانانغ"]}.get(vi, [])


def make_app(db: Path, **kwargs: object) -> ReviewApp:
    kwargs.setdefault("transliterate", fake_transliterate)
    kwargs.setdefault("export", _exporter(db, "tests"))
    return ReviewApp(ReviewConfig(db=db, poll_interval=0.2), **kwargs)  # type: ignore[arg-type]


async def settle(app: ReviewApp, pilot: Pilot) -> None:
    for _ in range(500):
        await pilot.pause(0.01)
        if not app.busy:
            await pilot.pause()
            return
    raise AssertionError("the review app did not finish its work")


async def until(pilot: Pilot, ready: Callable[[], object], what: str, *, tries: int = 500,
                animations: bool = False) -> None:
    """Waits until ``ready()`` is true (a modal mounted, a thread's result shown), then
    for scheduled animations if ``animations``; fails after ``tries`` pauses of 10 ms."""
    for _ in range(tries):
        await pilot.pause(0.01)
        if ready():
            if animations:
                await pilot.wait_for_scheduled_animations()
            return
    raise AssertionError(f"timed out waiting for {what}")


@dataclass
class Final:
    """The app after the scenario, with what it showed last."""

    app: ReviewApp
    status: str = ""
    shown: list[int] = field(default_factory=list)
    current: int | None = None
    vi: str = ""


def drive(db: Path, scenario: Scenario, app: ReviewApp | None = None,
          size: tuple[int, int] = (120, 36)) -> Final:
    final = Final(app or make_app(db))

    async def main() -> None:
        app = final.app
        async with app.run_test(size=size) as pilot:
            await settle(app, pilot)
            await scenario(app, pilot)
            if not app.is_running:
                return
            await settle(app, pilot)
            final.status = str(app.query_one("#statusbar", Static).render())
            final.shown = shown(app)
            row = app.query_one(EntryTable).current
            final.current, final.vi = (row.id, row.vi) if row else (None, "")

    asyncio.run(main())
    return final


async def goto(app: ReviewApp, pilot: Pilot, entry_id: int) -> None:
    """Moves the cursor to ``entry_id`` with the keyboard."""
    table = app.query_one(EntryTable)
    index = [r.id for r in table.rows].index(entry_id)
    table.focus()
    await pilot.press("home", *["down"] * index)
    assert table.current is not None and table.current.id == entry_id


def stored(db: Path, entry_id: int) -> Entry:
    with Store(db) as store:
        return store.get(entry_id)


def ids_in_store(db: Path) -> set[int]:
    with Store(db) as store:
        return {e.id for e in store.entries() if e.id is not None}


def shown(app: ReviewApp) -> list[int]:
    return [r.id for r in app.query_one(EntryTable).rows]


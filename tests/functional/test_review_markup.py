"""The review app shows the user's text as typed: terms and paths with square
brackets are not read as Textual markup (which hid them or crashed the app)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

pytest.importorskip("textual")

from textual.widgets import OptionList
from textual.widgets._toast import Toast

from glossary.store import Store
from tests.functional.review_driver import goto, make_app, settle
from tests.functional.review_fixtures import build_review_db
from tui import ReviewApp
from tui.screens import ChooseScreen, ExportScreen

#: Unbalanced or valid markup: both must show character for character.
TERMS = ["Decree [/i] 5", "Law [bold]No. 7[/bold]"]


def _toasts(app: ReviewApp) -> list[str]:
    return [str(toast.render()) for toast in app.screen.query(Toast)]


@pytest.mark.parametrize("term", TERMS)
def test_a_term_with_brackets_is_listed_and_notified_as_typed(tmp_path: Path, term: str) -> None:
    db = build_review_db(tmp_path / "review.db")
    with Store(db) as store:
        store.modify(2, lambda e: setattr(e.forms["vi"], "variants", [term]))
    app = make_app(db)
    seen: dict[str, list[str]] = {}

    async def main() -> None:
        async with app.run_test(size=(120, 36), notifications=True) as pilot:
            await settle(app, pilot)
            await goto(app, pilot, 2)
            await pilot.press("f")
            assert isinstance(app.screen, ChooseScreen)
            options = app.screen.query_one(OptionList)
            seen["options"] = [str(options.get_option_at_index(i).prompt)
                               for i in range(options.option_count)]
            await pilot.press("enter")
            await settle(app, pilot)
            await pilot.pause(0.1)
            seen["toasts"] = _toasts(app)

    asyncio.run(main())
    assert app.return_code is None  # no MarkupError ended the app
    assert any(term in option for option in seen["options"])
    assert f"entry 2: vi {term!r} forbidden" in seen["toasts"]
    with Store(db) as store:
        assert store.get(2).forms["vi"].forbidden == [term]


def test_an_error_quoting_a_path_with_brackets_is_shown_as_typed(tmp_path: Path) -> None:
    db = build_review_db(tmp_path / "review.db")
    (tmp_path / "x [").write_text("a file where the export wants a folder\n", encoding="utf-8")
    out = tmp_path / "x [/i] y.tsv"
    app = make_app(db)
    toasts: list[str] = []

    async def main() -> None:
        async with app.run_test(size=(120, 36), notifications=True) as pilot:
            await settle(app, pilot)
            await pilot.press("x")
            assert isinstance(app.screen, ExportScreen)
            app.screen.query_one("#export-path").value = str(out)  # type: ignore[attr-defined]
            await pilot.press("enter")
            await settle(app, pilot)
            await pilot.pause(0.1)
            toasts.extend(_toasts(app))

    asyncio.run(main())
    assert app.return_code is None
    assert any(str(out) in toast and "is a file, not a folder" in toast for toast in toasts), \
        toasts
    assert not out.exists()

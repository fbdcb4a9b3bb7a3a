"""Review jobs against changes made meanwhile and against the other entries (tui.jobs):
three-way edits, removed entries, candidate picks, forbidden forms, export formats."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from glossary.errors import ConflictError, FormatError, NotFoundError
from glossary.model import Candidate, Entry, Forms
from glossary.normalize import clean_form
from glossary.store import Store
from tui import jobs
from tui.detail import render_entry
from tui.screens import export_format


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    store = Store(tmp_path / "g.db", actor="tests")
    store.add_many([
        Entry(kind="person", forms={
            "ar": Forms(preferred="فام مينه تشينه"),
            "vi": Forms(preferred="Phạm Minh Chính", candidates=[
                Candidate("Phạm Minh Chính", 0.9), Candidate("Phạm Minh Chinh", 0.5),
                Candidate("Hồ Chí Minh", 0.3), Candidate("Phạm Minh Trình", 0.1)]),
            "en": Forms(preferred="Pham Minh Chinh")}, note="PM"),
        Entry(kind="person", forms={"ar": Forms(preferred="هو تشي منه"),
                                    "vi": Forms(preferred="Hồ Chí Minh")}),
    ])
    yield store
    store.close()


def _other(store: Store, entry_id: int, **fields: str) -> None:
    """Another command's change, written while the dialog is open."""
    def change(entry: Entry) -> None:
        for name, value in fields.items():
            if name == "note":
                entry.note = value
            else:
                entry.forms[name].preferred = value
    with Store(store.path, actor="other") as other:
        other.modify(entry_id, change)


@pytest.mark.parametrize(("theirs", "mine", "expected"), [
    # Only the note was edited: the other command's vi stays (it was lost before).
    ({"vi": "Phạm Minh Chinh"}, {"note": "checked"},
     ("Phạm Minh Chinh", "Pham Minh Chinh", "checked")),
    ({"note": "theirs"}, {"en": "Pham Minh Chinh (PM)"},
     ("Phạm Minh Chính", "Pham Minh Chinh (PM)", "theirs")),
    # Both set the same value: nothing to refuse.
    ({"vi": "Phạm Minh Chinh"}, {"vi": "Phạm Minh Chinh"},
     ("Phạm Minh Chinh", "Pham Minh Chinh", "PM")),
])
def test_edit_saves_only_the_reviewers_fields(store: Store, theirs: dict[str, str],
                                              mine: dict[str, str],
                                              expected: tuple[str, str, str]) -> None:
    opened = store.get(1)
    _other(store, 1, **theirs)
    jobs.edit(1, opened=opened, **mine)(store)
    entry = store.get(1)
    assert (entry.term("vi"), entry.term("en"), entry.note) == expected


@pytest.mark.parametrize(("theirs", "mine", "message"), [
    ({"vi": "Phạm Minh Chinh"}, {"vi": "Phạm Minh Trình"},
     "another command changed its vi form from 'Phạm Minh Chính' to 'Phạm Minh Chinh'"),
    ({"note": "theirs"}, {"note": "mine"}, "another command changed its note from 'PM'"),
])
def test_edit_refuses_a_field_another_command_changed_otherwise(
        store: Store, theirs: dict[str, str], mine: dict[str, str], message: str) -> None:
    opened = store.get(1)
    _other(store, 1, **theirs)
    before = store.get(1).to_dict()
    with pytest.raises(ConflictError, match=message) as caught:
        jobs.edit(1, opened=opened, **mine)(store)
    assert "\n" not in str(caught.value) and "press e again" in str(caught.value)
    assert store.get(1).to_dict() == before


def test_edit_or_check_of_a_removed_entry_says_it_no_longer_exists(store: Store) -> None:
    opened = store.get(2)
    store.merge([1, 2], into=1)
    with pytest.raises(NotFoundError, match=r"entry 2 no longer exists \(merged or deleted"):
        jobs.edit(2, note="x", opened=opened)(store)
    with pytest.raises(NotFoundError, match="entry 2 no longer exists"):
        jobs.conflict_check(store.path)(opened)


@pytest.mark.parametrize(("typed", "stored"), [
    ("هُو تْشِي مِنْه", "هو تشي منه"),      # harakat
    ("هـو تشـي منه", "هو تشي منه"),          # tatweel
    ("\u200fهو تشي منه", "هو تشي منه"),     # RLM
])
def test_edit_stores_arabic_as_extraction_does(store: Store, typed: str, stored: str) -> None:
    assert clean_form(typed, "ar", keep_harakat=False) == stored
    jobs.edit(2, ar=typed)(store)
    assert store.get(2).term("ar") == stored


@pytest.mark.parametrize(("lang", "typed", "stored"), [
    ("vi", "\u200eHà\u00a0Nội ", "Hà Nội"),      # LRM and no-break space, as import cleans them
    ("en", "\u202aHanoi\u202c", "Hanoi"),         # embedding
    ("ar", "هَانُوي\u200f", "هانوي"),              # harakat and RLM
])
def test_edit_cleans_forms_as_import_does(lang: str, typed: str, stored: str) -> None:
    entry = Entry(forms={"en": Forms("x")})
    jobs.apply_edit(entry, **{lang: typed})
    assert entry.term(lang) == stored


def test_pick_runs_the_checks_of_an_edit(store: Store) -> None:
    # Candidate 3 is entry 2's Vietnamese term, with another Arabic one.
    with pytest.raises(ConflictError, match="is a form of entry 2"):
        jobs.pick_candidate(1, 3)(store)
    assert store.get(1).term("vi") == "Phạm Minh Chính"


def test_a_forbidden_candidate_is_neither_listed_nor_picked(store: Store) -> None:
    jobs.forbid(1, "vi", "Phạm Minh Chinh")(store)
    entry = store.get(1)
    assert [c.text for c in jobs.pickable(entry)] == [
        "Phạm Minh Chính", "Hồ Chí Minh", "Phạm Minh Trình"]
    text = "\n".join(str(part) for part in render_entry(entry, mode="logical").renderables)
    assert "[2] Hồ Chí Minh" in text and "] Phạm Minh Chinh" not in text
    jobs.pick_candidate(1, 3)(store)  # the third pickable one
    assert store.get(1).term("vi") == "Phạm Minh Trình"


def test_allow_undoes_forbid_and_is_journaled(store: Store) -> None:
    jobs.forbid(1, "vi", "Phạm Minh Chinh")(store)
    outcome = jobs.allow(1, "vi", "phạm minh chinh")(store)  # found under its match key
    assert outcome.message == "entry 1: vi 'phạm minh chinh' allowed again"
    assert store.get(1).forms["vi"].forbidden == []
    assert store.undo()
    assert store.get(1).forms["vi"].forbidden == ["Phạm Minh Chinh"]
    with pytest.raises(NotFoundError, match="its forbidden vi forms: 'Phạm Minh Chinh'"):
        jobs.allow(1, "vi", "Pham Minh Trinh")(store)


def test_a_forbidden_term_names_the_command_that_allows_it(store: Store) -> None:
    jobs.forbid(1, "vi", "Phạm Minh Chinh")(store)
    with pytest.raises(FormatError) as caught:
        jobs.edit(1, vi="Phạm Minh Chinh")(store)
    assert "avet glossary allow 1 vi 'Phạm Minh Chinh'" in str(caught.value)
    assert "F in avet review" in str(caught.value)


@pytest.mark.parametrize(("name", "fmt", "langs", "expected"), [
    ("g.csv", "tbx", None, ("csv", None)),                       # the extension wins
    ("g.xlsx", "deepl", ("vi", "ar"), ("xlsx", None)),
    ("g.tsv", "tbx", None, ("tsv", None)),
    ("g.vi-ar.deepl.tsv", "deepl", ("vi", "ar"), ("deepl", ("vi", "ar"))),
    ("g.google.csv", "google", ("ar", "en"), ("google", ("ar", "en"))),
    ("g.amazon.csv", "amazon", ("ar", "vi"), ("amazon", ("ar", "vi"))),
    ("g.XML", "tbx", None, ("tbx", None)),
    ("g.txt", "csv", None, ("csv", None)),                       # no format's extension
])
def test_export_format_follows_the_extension_as_the_cli(
        name: str, fmt: str, langs: tuple[str, ...] | None,
        expected: tuple[str, tuple[str, ...] | None]) -> None:
    assert export_format(Path(name), fmt, langs) == expected


def test_status_message_counts_the_hidden_marks(store: Store) -> None:
    outcome = jobs.set_status([1, 2], "approved", hidden=1)(store)
    assert outcome.message == "approved 2 entries (1 of them hidden by the filter)"

"""A form to forbid is cleaned and checked as import cleans and checks a form
(glossary.merging.clean_forbidden), before anything is written or journaled, so that
every export can still write the entry."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from glossary import Entry
from glossary.errors import FormatError, InputError
from glossary.formats import read_glossary, write_glossary
from glossary.merging import clean_forbidden, forbid_form
from glossary.store import Store


def _entry() -> Entry:
    entry = Entry(kind="term", status="approved")
    entry.forms["en"].preferred = "digital transformation"
    entry.forms["en"].variants = ["digital conversion"]
    return entry


@pytest.mark.parametrize(("typed", "stored"), [
    ("numeric\u00a0transformation", "numeric transformation"),  # no-break space
    ("numeric  transformation ", "numeric transformation"),
    ("\u200fnumeric transformation\u200e", "numeric transformation"),  # RLM, LRM
    ("Digital Conversion", "Digital Conversion"),
])
def test_a_form_is_stored_as_import_would_store_it(typed: str, stored: str) -> None:
    assert clean_forbidden("en", typed) == stored
    entry = _entry()
    forbid_form(entry, "en", typed)
    assert entry.forms["en"].forbidden == [stored]


def test_arabic_loses_tatweel_and_bidi_marks() -> None:
    assert clean_forbidden("ar", "\u200fالتحـول الرقمي") == "التحول الرقمي"


@pytest.mark.parametrize(("lang", "typed", "error", "words"), [
    ("en", "digital|conversion", FormatError, "contains '|'"),
    ("en", "bad\ttab", FormatError, r"U\+0009"),
    ("en", "two\nlines", FormatError, r"U\+000A"),
    ("en", "", InputError, "empty"),
    ("en", "   ", InputError, "empty"),
    ("en", "\u200f\u00a0", InputError, "empty"),
    ("fr", "transformation", InputError, "unknown language 'fr'"),
])
def test_a_form_import_would_refuse_is_refused(lang: str, typed: str,
                                               error: type[Exception], words: str) -> None:
    entry = _entry()
    with pytest.raises(error, match=words) as info:
        forbid_form(entry, lang, typed)
    assert isinstance(info.value, InputError) and info.value.hint
    assert entry.forms["en"].forbidden == [] and entry.forms["en"].variants


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "g.db") as store:
        store.add(_entry())
        yield store


@pytest.mark.parametrize("typed", ["digital|conversion", "bad\ttab", "", "  "])
def test_the_store_writes_and_journals_nothing_for_a_refused_form(store: Store,
                                                                  typed: str) -> None:
    journal = store.stats()["journal"]
    version = store.data_version()
    with pytest.raises(InputError):
        store.forbid(1, "en", typed)
    assert store.stats()["journal"] == journal and store.data_version() == version
    assert store.get(1).forms["en"].forbidden == []
    store.forbid(1, "en", "numeric transformation")
    assert store.undo_action() is not None  # undo reverts that, not a no-op
    assert store.get(1).forms["en"].forbidden == []


@pytest.mark.parametrize("fmt", ["csv", "tsv", "tbx", "json"])
def test_a_forbidden_form_typed_with_odd_spaces_exports_and_imports_again(
        store: Store, tmp_path: Path, fmt: str) -> None:
    store.forbid(1, "en", "\u200fnumeric\u00a0transformation ")
    entries = store.entries()
    path = tmp_path / f"out.{fmt}"
    write_glossary(entries, path, format=fmt)
    back = read_glossary(path, format=fmt)
    assert back[0].forms["en"].forbidden == ["numeric transformation"]

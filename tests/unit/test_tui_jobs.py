"""Store jobs of the review app (tui.jobs) and its config (tui.config), without Textual."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from glossary.errors import ConflictError, FormatError, InputError, NotFoundError
from glossary.formats import Written
from glossary.model import Candidate, Context, Entry, Forms
from glossary.store import Store
from tui import jobs
from tui.config import ReviewConfig
from tui.screens import EXPORT_FORMATS, default_export_path, export_lang_choices


def _entry(ar: str, vi: str = "", *, variants: tuple[str, ...] = (),
           candidates: tuple[tuple[str, float], ...] = ()) -> Entry:
    return Entry(kind="person", forms={
        "ar": Forms(preferred=ar, variants=list(variants)),
        "vi": Forms(preferred=vi, candidates=[Candidate(t, s) for t, s in candidates]),
    }, contexts=[Context("d.txt", 0, 0, f"قال {v} اليوم", form=v) for v in (ar, *variants)])


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    store = Store(tmp_path / "g.db", actor="tests")
    store.add_many([
        _entry("فام مينه تشينه", candidates=(("Phạm Minh Chinh", 0.3), ("Phạm Minh Chính", 0.9))),
        _entry("هو تشي منه", "Hồ Chí Minh", variants=("هوشي منه",)),
        _entry("مدينة هو تشي منه"),
    ])
    yield store
    store.close()


def test_set_status_returns_the_changed_entries(store: Store) -> None:
    outcome = jobs.set_status([1, 3], "approved")(store)
    assert [e.id for e in outcome.changed] == [1, 3]
    assert {store.get(i).status for i in (1, 3)} == {"approved"}
    assert "2 entries" in outcome.message


@pytest.mark.parametrize(("first", "ids", "status", "message"), [
    ([], [1, 3], "approved", "approved 2 entries"),
    ([], [2], "rejected", "rejected entry 2"),
    ([1], [1, 3], "approved", "approved entry 3; entry 1 already approved"),
    ([1, 3], [1, 3, 1], "approved", "nothing changed: 2 already approved"),
    ([1, 3], [1, 2, 3], "approved", "approved entry 2; 2 already approved"),
    ([2], [2], "approved", "nothing changed: entry 2 already approved"),
])
def test_set_status_says_what_changed(store: Store, first: list[int], ids: list[int],
                                      status: str, message: str) -> None:
    if first:
        store.set_status(first, status)
    outcome = jobs.set_status(ids, status)(store)
    assert outcome.message == message
    assert {store.get(i).status for i in ids} == {status}


def test_forbid_twice_says_nothing_changed(store: Store) -> None:
    assert jobs.forbid(2, "ar", "هوشي منه")(store).message == "entry 2: ar 'هوشي منه' forbidden"
    journal = len(store.journal(limit=100))
    again = jobs.forbid(2, "ar", "هوشي منه")(store)
    assert again.message == "nothing changed: ar 'هوشي منه' is forbidden in entry 2 already"
    assert len(store.journal(limit=100)) == journal


@pytest.mark.parametrize(("number", "expected"), [(1, "Phạm Minh Chính"), (2, "Phạm Minh Chinh")])
def test_pick_candidate_in_ranked_order(store: Store, number: int, expected: str) -> None:
    jobs.pick_candidate(1, number)(store)
    assert store.get(1).term("vi") == expected


def test_pick_a_missing_candidate_names_the_range(store: Store) -> None:
    with pytest.raises(NotFoundError, match="candidate 3"):
        jobs.pick_candidate(1, 3)(store)


def test_edit_sets_only_the_given_fields(store: Store) -> None:
    jobs.edit(2, en="Ho Chi Minh", note=" President ")(store)
    entry = store.get(2)
    assert (entry.term("ar"), entry.term("vi"), entry.term("en"), entry.note) == (
        "هو تشي منه", "Hồ Chí Minh", "Ho Chi Minh", "President")


def test_edit_to_a_variant_drops_it_from_the_variants(store: Store) -> None:
    jobs.edit(2, ar="هوشي منه")(store)
    assert store.get(2).forms["ar"].variants == []


def test_forbid_a_preferred_form_is_a_conflict(store: Store) -> None:
    with pytest.raises(ConflictError):
        jobs.forbid(2, "vi", "Hồ Chí Minh")(store)
    jobs.forbid(2, "ar", "هوشي منه")(store)
    assert store.get(2).forms["ar"].forbidden == ["هوشي منه"]


def test_merge_then_undo_reports_the_restored_entry(store: Store) -> None:
    session = jobs.Session("tests")
    outcome = session.run(jobs.merge([3, 2], into=2), store)
    assert (outcome.removed, outcome.select) == ([3], 2)
    undone = session.run(jobs.undo(session), store)
    assert sorted(e.id for e in undone.changed) == [2, 3]  # type: ignore[type-var]
    assert undone.removed == []
    assert undone.message == "undo: merge into 2 (2 entries)"
    redone = session.run(jobs.redo(session), store)
    assert redone.removed == [3] and [e.id for e in redone.changed] == [2]
    assert redone.message == "redo: merge into 2 (2 entries)"


def test_undo_leaves_changes_made_before_the_session(store: Store) -> None:
    # The fixture's add_many is an earlier command: a new session has nothing to undo.
    session = jobs.Session("tests")
    outcome = session.run(jobs.undo(session), store)
    assert outcome.message == ("nothing to undo in this review session; "
                               "for earlier changes run avet glossary undo")
    assert store.count() == 3
    store.undo_action()  # the CLI undoes the add; the session must not redo it
    outcome = session.run(jobs.redo(session), store)
    assert outcome.message == ("nothing to redo in this review session; "
                               "for earlier changes run avet glossary redo")
    assert store.count() == 0


def test_undo_and_redo_replay_only_the_sessions_changes_in_order(store: Store) -> None:
    session = jobs.Session("tests")
    session.run(jobs.set_status([1], "approved"), store)
    session.run(jobs.set_status([2], "rejected"), store)
    messages = [session.run(jobs.undo(session), store).message for _ in range(3)]
    assert messages == ["undo: rejected (1 entry)", "undo: approved (1 entry)",
                        "nothing to undo in this review session; "
                        "for earlier changes run avet glossary undo"]
    assert store.count() == 3 and {store.get(i).status for i in (1, 2)} == {"candidate"}
    assert session.run(jobs.redo(session), store).message == "redo: approved (1 entry)"
    assert store.get(1).status == "approved"


def test_undo_refuses_another_commands_newer_change(store: Store, tmp_path: Path) -> None:
    session = jobs.Session("tests")
    session.run(jobs.set_status([1], "approved"), store)
    with Store(tmp_path / "g.db", actor="cli") as other:
        other.set_status([3], "rejected")
    outcome = session.run(jobs.undo(session), store)
    assert outcome.message == ("nothing undone: the next undo is another command's change, "
                               "rejected (1 entry); run avet glossary undo for it")
    assert (store.get(1).status, store.get(3).status) == ("approved", "rejected")
    store.undo_action()  # the other change undone, the session's is next again
    assert session.run(jobs.undo(session), store).message == "undo: approved (1 entry)"


class _Interleaved:
    """A store that lets another process write between the session's check and its undo."""

    def __init__(self, store: Store, path: Path) -> None:
        self.store, self.path = store, path

    def __getattr__(self, name: str) -> object:
        return getattr(self.store, name)

    def undo_action(self, group: int | None = None) -> object:
        with Store(self.path, actor="cli") as other:
            other.set_status([3], "rejected")
        return self.store.undo_action(group)


def test_undo_never_reverts_a_change_written_after_its_check(store: Store,
                                                             tmp_path: Path) -> None:
    session = jobs.Session("tests")
    session.run(jobs.set_status([1], "approved"), store)
    outcome = jobs.undo(session)(_Interleaved(store, tmp_path / "g.db"))  # type: ignore[arg-type]
    assert outcome.message == ("nothing undone: another command changed the glossary just now; "
                               "undo again to see what comes next")
    assert (store.get(1).status, store.get(3).status) == ("approved", "rejected")
    assert session.run(jobs.undo(session), store).message.startswith(
        "nothing undone: the next undo is another command's change")


@pytest.mark.parametrize(("entries", "expected"), [
    ([(1, "candidate", 30), (2, "approved", 5), (3, "candidate", 9)], 2),   # approved first
    ([(1, "approved", 3), (2, "approved", 8), (3, "candidate", 9)], 2),     # then frequency
    ([(4, "candidate", 7), (2, "rejected", 7), (3, "candidate", 1)], 2),    # then lowest id
])
def test_default_merge_target_prefers_approved_then_frequent(
        entries: list[tuple[int, str, int]], expected: int) -> None:
    given = [Entry(id=i, kind="term", forms={"ar": Forms(preferred=f"ع{i}")}, status=status,
                   frequency=frequency) for i, status, frequency in entries]
    assert jobs.default_merge_target(given) == expected


@pytest.mark.parametrize("entries", [[], [Entry(kind="term", forms={"ar": Forms("ع")})]])
def test_default_merge_target_needs_stored_entries(entries: list[Entry]) -> None:
    with pytest.raises(ConflictError):
        jobs.default_merge_target(entries)


def test_split_moves_the_variant_and_its_contexts(store: Store) -> None:
    session = jobs.Session("tests")
    outcome = session.run(jobs.split(2, "ar", "هوشي منه"), store)
    new = outcome.changed[1]
    assert outcome.select == new.id
    assert [c.form for c in new.contexts] == ["هوشي منه"]
    undone = session.run(jobs.undo(session), store)
    assert undone.removed == [new.id]


@pytest.mark.parametrize("verb", ["undo", "redo"])
def test_undo_with_nothing_to_undo(tmp_path: Path, verb: str) -> None:
    session = jobs.Session("tui")
    with Store(tmp_path / "empty.db") as store:
        job = jobs.undo(session) if verb == "undo" else jobs.redo(session)
        assert session.run(job, store).message == (
            f"nothing to {verb} in this review session; for earlier changes run "
            f"avet glossary {verb}")


@pytest.mark.parametrize(("fmt", "langs", "written", "message"), [
    ("tbx", None, Written(7, 7), "exported 7 entries to {out} (tbx)"),
    ("deepl", ("ar", "en"), Written(17, 21),
     "exported 17 entries, 21 rows to {out} (deepl, ar → en)"),
    ("amazon", ("vi", "ar"), Written(3, 3, {"no ar form": 2}),
     "exported 3 entries to {out} (amazon, vi ar); left out: 2 with no ar form"),
])
def test_export_reports_entries_rows_and_languages(
        store: Store, tmp_path: Path, fmt: str, langs: tuple[str, ...] | None,
        written: Written, message: str) -> None:
    calls: list[tuple[Path, str, tuple[str, ...] | None]] = []

    def export(path: Path, fmt: str, langs: tuple[str, ...] | None) -> Written:
        calls.append((path, fmt, langs))
        return written

    out = tmp_path / "g.out"
    outcome = jobs.export(export, out, fmt, langs)(store)
    assert calls == [(out, fmt, langs)]
    assert outcome.message == message.format(out=out)


def test_export_says_which_folder_it_created(store: Store, tmp_path: Path) -> None:
    def export(path: Path, fmt: str, langs: tuple[str, ...] | None) -> Written:
        path.parent.mkdir(parents=True)  # as atomic_open does
        path.write_text("x", encoding="utf-8")
        return Written(1, 1)

    out = tmp_path / "new" / "dir" / "g.tbx"
    message = jobs.export(export, out, "tbx")(store).message
    assert message.endswith(f"; created the folder {tmp_path / 'new'}")


@pytest.mark.parametrize(("entry_id", "changes", "error", "message"), [
    (2, {"ar": "", "vi": "", "en": ""}, FormatError, "no term in ar, vi or en"),
    (2, {"ar": ""}, FormatError, "ar variants are given but no ar term"),
    (2, {"en": "Ho Chi Minh|HCM"}, FormatError, r"en term 'Ho Chi Minh\|HCM' contains '\|'"),
    (1, {"vi": "Hồ Chí Minh"}, ConflictError,
     "vi term 'Hồ Chí Minh' is a form of entry 2, whose ar is 'هو تشي منه'"),
    (3, {"ar": "هوشي منه", "vi": "Thành phố Hồ Chí Minh"}, ConflictError,
     "ar term 'هوشي منه' is a variant of entry 2, whose ar term is 'هو تشي منه'"),
])
def test_edit_refuses_what_import_refuses(store: Store, entry_id: int, changes: dict[str, Any],
                                          error: type[Exception], message: str) -> None:
    before = store.get(entry_id).to_dict()
    with pytest.raises(error, match=message):
        jobs.edit(entry_id, **changes)(store)
    assert store.get(entry_id).to_dict() == before


def test_edit_keeps_a_separator_the_entry_held_already(store: Store) -> None:
    # Stored before import refused it: an edit of another field still saves.
    store.modify(2, lambda e: e.forms["vi"].variants.append("HCM|TP HCM"))
    jobs.edit(2, note="city")(store)
    assert (store.get(2).note, store.get(2).forms["vi"].variants) == ("city", ["HCM|TP HCM"])


def test_edit_may_share_a_form_that_translates_the_same(store: Store) -> None:
    # Entry 3 has no Vietnamese term: import would merge the two, not refuse them.
    jobs.edit(3, ar="هو تشي منه")(store)
    assert store.get(3).term("ar") == "هو تشي منه"
@pytest.mark.parametrize(("kwargs", "message"), [
    ({"bidi": "rtl"}, "unknown bidi mode"),
    ({"poll_interval": 0.0}, "out of range"),
    ({"actor": " "}, "actor"),
])
def test_config_refuses_bad_values(tmp_path: Path, kwargs: dict[str, object],
                                   message: str) -> None:
    with pytest.raises(InputError, match=message):
        ReviewConfig(db=tmp_path / "g.db", **kwargs)  # type: ignore[arg-type]


def test_config_refuses_a_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="directory"):
        ReviewConfig(db=tmp_path)


def test_config_defaults_to_visual_order(tmp_path: Path) -> None:
    config = ReviewConfig(db=str(tmp_path / "g.db"))  # type: ignore[arg-type]
    assert (config.bidi, config.db) == ("visual", tmp_path / "g.db")


@pytest.mark.parametrize(("fmt", "name"), [
    ("tbx", "glossary.tbx"), ("deepl", "glossary.vi-ar.deepl.tsv"),
    ("google", "glossary.ar-vi-en.google.csv"), ("amazon", "glossary.ar-vi-en.amazon.csv"),
    ("xlsx", "glossary.xlsx"),
])
def test_export_dialog_proposes_a_file_the_format_can_write(tmp_path: Path, fmt: str,
                                                            name: str) -> None:
    assert fmt in EXPORT_FORMATS
    choices = export_lang_choices(fmt)
    langs = choices[0][1] if choices else None
    assert default_export_path(tmp_path, fmt, langs) == str(tmp_path / name)


@pytest.mark.parametrize(("fmt", "count", "first"), [
    ("deepl", 6, ("vi → ar", ("vi", "ar"))), ("google", 9, ("ar, vi, en", ("ar", "vi", "en"))),
    ("amazon", 9, ("ar, vi, en", ("ar", "vi", "en"))), ("tbx", 0, None), ("json", 0, None),
])
def test_export_dialog_offers_the_languages_the_cli_takes(
        fmt: str, count: int, first: tuple[str, tuple[str, ...]] | None) -> None:
    choices = export_lang_choices(fmt)
    assert len(choices) == len({langs for _, langs in choices}) == count
    assert (choices[0] if choices else None) == first

"""The SQLite store: CRUD, journal undo/redo, merges, evidence, migrations, concurrency."""

from __future__ import annotations

import json
import multiprocessing
import sqlite3
import unicodedata
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from glossary import Candidate, Context, Entry, NotFoundError
from glossary.errors import ConflictError, FormatError, InputError, StoreError
from glossary.store import SCHEMA_VERSION, Store


def make(ar: str = "", vi: str = "", en: str = "", kind: str = "term",
         status: str = "candidate", **extra: object) -> Entry:
    entry = Entry(kind=kind, status=status, **extra)  # type: ignore[arg-type]
    entry.forms["ar"].preferred = ar
    entry.forms["vi"].preferred = vi
    entry.forms["en"].preferred = en
    return entry


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "g.db", actor="test") as s:
        yield s


def test_add_get_roundtrip_keeps_every_field(store: Store) -> None:
    entry = make("التحول الرقمي", "chuyển đổi số", "digital transformation", note="core")
    entry.forms["ar"].variants = ["التحويل الرقمي"]
    entry.forms["en"].forbidden = ["digital conversion"]
    entry.forms["vi"].candidates = [Candidate("chuyển đổi số", 0.9)]
    entry.contexts = [Context("a.txt", 3, 16, "… بالتحول الرقمي …", "التحول الرقمي")]
    entry_id = store.add(entry)
    got = store.get(entry_id)
    assert got.to_dict() == entry.to_dict()
    assert got.updated_by == "test" and got.created_at


def test_get_missing_raises_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError, match="no entry with id 42"):
        store.get(42)


def test_filter_by_text_ignores_diacritics_hamza_and_tones(store: Store) -> None:
    a = store.add(make("الإدارة الرقمية", "quản trị số", "digital governance"))
    b = store.add(make("تاي نجوين", "Thái Nguyên", "Thai Nguyen", kind="place"))
    assert [e.id for e in store.entries(text="الادارة")] == [a]
    assert [e.id for e in store.entries(text="الإدارَة")] == [a]
    assert [e.id for e in store.entries(text="thai nguyen")] == [b]
    assert [e.id for e in store.entries(text="Nguyên", kind="place")] == [b]


def test_entries_rejects_unknown_status(store: Store) -> None:
    with pytest.raises(InputError, match="unknown status"):
        store.entries(status="done")


def test_undo_and_redo_replay_actions(store: Store) -> None:
    entry_id = store.add(make("هانوي", "Hà Nội", "Hanoi", kind="place"))
    store.set_status([entry_id], "approved")
    assert store.get(entry_id).status == "approved"
    assert store.undo()
    assert store.get(entry_id).status == "candidate"
    assert store.redo()
    assert store.get(entry_id).status == "approved"
    assert store.undo() and store.undo()
    with pytest.raises(NotFoundError):
        store.get(entry_id)
    assert not store.undo()
    assert store.redo()
    assert store.get(entry_id).term("vi") == "Hà Nội"


@pytest.mark.parametrize("verb", ["undo", "redo"])
def test_undo_and_redo_of_a_named_group_replay_only_that_group(store: Store, verb: str) -> None:
    entry_id = store.add(make("هانوي", "Hà Nội", "Hanoi", kind="place"))
    store.set_status([entry_id], "approved")
    if verb == "redo":
        store.undo()
    [latest] = {r["group"] for r in store.journal(1)}
    replay = store.undo_action if verb == "undo" else store.redo_action
    assert replay(latest - 1) is None  # not the next group: nothing replayed
    assert store.get(entry_id).status == ("approved" if verb == "undo" else "candidate")
    action = replay(latest)
    assert action is not None and action.group == latest
    assert store.get(entry_id).status == ("candidate" if verb == "undo" else "approved")


def test_new_action_discards_redo(store: Store) -> None:
    entry_id = store.add(make("لاو كاي", "Lào Cai", "Lao Cai", kind="place"))
    store.set_status([entry_id], "approved")
    store.undo()
    store.set_status([entry_id], "rejected")
    assert not store.redo()
    assert store.get(entry_id).status == "rejected"


def test_merge_makes_forms_variants_and_undo_restores(store: Store) -> None:
    a = store.add(make("تاي نجوين", kind="place", frequency=5))
    b = store.add(make("ثاي نجوين", kind="place", frequency=2))
    c = store.add(make("تاي نغوين", kind="place", frequency=1))
    merged = store.merge([a, b, c])
    assert merged.id == a
    assert merged.forms["ar"].variants == ["ثاي نجوين", "تاي نغوين"]
    assert merged.frequency == 8
    assert store.count() == 1
    store.undo()
    assert store.count() == 3
    assert store.get(b).term("ar") == "ثاي نجوين"


def test_merge_of_one_entry_is_a_conflict(store: Store) -> None:
    a = store.add(make("هانوي"))
    with pytest.raises(ConflictError):
        store.merge([a, a])


def test_split_variant_moves_it_out(store: Store) -> None:
    entry = make("تاي نجوين", kind="place")
    entry.forms["ar"].variants = ["ثاي نجوين", "تاي نغوين"]
    entry.contexts = [Context("d", 0, 9, "x", "ثاي نجوين"), Context("d", 20, 29, "y", "تاي نجوين")]
    entry_id = store.add(entry)
    new = store.split_variant(entry_id, "ar", "ثاي نجوين")
    assert store.get(entry_id).forms["ar"].variants == ["تاي نغوين"]
    assert new.term("ar") == "ثاي نجوين" and [c.start for c in new.contexts] == [0]
    with pytest.raises(NotFoundError):
        store.split_variant(entry_id, "ar", "not there")


def test_forbid_moves_variant_to_forbidden(store: Store) -> None:
    entry = make("التحول الرقمي", en="digital transformation")
    entry.forms["en"].variants = ["digital conversion"]
    entry_id = store.add(entry)
    store.forbid(entry_id, "en", "digital conversion")
    forms = store.get(entry_id).forms["en"]
    assert forms.variants == [] and forms.forbidden == ["digital conversion"]
    with pytest.raises(ConflictError):
        store.forbid(entry_id, "en", "Digital Transformation")


def test_forbid_and_allow_say_whether_the_entry_changed(store: Store) -> None:
    entry_id = store.add(make("التحول الرقمي", en="digital transformation"))
    assert store.forbid(entry_id, "en", "digital conversion") is True
    assert store.forbid(entry_id, "en", "digital conversion") is False
    assert store.allow(entry_id, "en", "digital conversion") is True
    assert store.get(entry_id).forms["en"].forbidden == []
    with pytest.raises(NotFoundError):
        store.allow(entry_id, "en", "digital conversion")


def test_upsert_evidence_never_overwrites_approved(store: Store) -> None:
    approved = make("تاي نجوين", "Thái Nguyên", "Thai Nguyen", kind="place", status="approved")
    entry_id = store.add(approved)
    found = make("تاي نجوين", "Thai Nguyen?", "", kind="place")
    found.forms["ar"].variants = ["ثاي نجوين"]
    found.forms["vi"].candidates = [Candidate("Thái Nguyên", 0.7)]
    found.contexts = [Context("doc1", 10, 19, "…", "ثاي نجوين")]
    assert store.upsert_evidence(found, {"doc1": 3}) == entry_id
    got = store.get(entry_id)
    assert got.status == "approved"
    assert got.term("vi") == "Thái Nguyên" and got.forms["vi"].variants == []
    assert got.forms["ar"].variants == ["ثاي نجوين"]
    assert got.frequency == 3 and len(got.contexts) == 1
    # Re-extracting the same document replaces its count instead of adding it.
    store.upsert_evidence(found, {"doc1": 3})
    store.upsert_evidence(found, {"doc2": 2})
    assert store.get(entry_id).frequency == 5
    assert len(store.get(entry_id).contexts) == 1


def test_upsert_evidence_matches_through_variant_and_diacritics(store: Store) -> None:
    entry = make("التحول الرقمي")
    entry.forms["ar"].variants = ["التحوّل الرقمي"]
    entry_id = store.add(entry)
    assert store.upsert_evidence(make("التحوُّل الرقمي", frequency=2)) == entry_id
    assert store.upsert_evidence(make("الحكومة الرقمية", frequency=1)) != entry_id


def test_glossary_hash_covers_meaning_only(tmp_path: Path) -> None:
    with Store(tmp_path / "a.db") as a, Store(tmp_path / "b.db") as b:
        a.add(make("هانوي", "Hà Nội", "Hanoi", status="approved", frequency=3))
        b.add(make("x", status="candidate"))
        b.add(make("هانوي", "Hà Nội", "Hanoi", status="approved", note="other note"))
        assert a.glossary_hash() == b.glossary_hash()
        b.add(make("لاو كاي", "Lào Cai", "Lao Cai", status="approved"))
        assert a.glossary_hash() != b.glossary_hash()


def test_data_version_grows_across_connections(tmp_path: Path) -> None:
    with Store(tmp_path / "g.db") as one, Store(tmp_path / "g.db") as two:
        before = one.data_version()
        two.add(make("هانوي"))
        assert one.data_version() > before


def test_schema_is_versioned_and_newer_schema_refused(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    Store(path).close()
    with closing(sqlite3.connect(path)) as con:
        assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        con.commit()
    with pytest.raises(StoreError, match="newer"):
        Store(path)


def test_not_a_database_is_a_user_error(tmp_path: Path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(InputError, match="not a SQLite database") as info:
        Store(path)
    assert info.value.exit_code == 2


def test_another_programs_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "crm.db"
    with closing(sqlite3.connect(path)) as con:
        con.execute("CREATE TABLE customers (id INTEGER)")
        con.commit()
    before = path.read_bytes()
    with pytest.raises(InputError, match=r"another program \(tables: customers\)"):
        Store(path)
    assert path.read_bytes() == before
    assert not (tmp_path / "crm.db-wal").exists()


def test_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="directory"):
        Store(tmp_path)


def _writer(path: str, worker: int, n: int) -> None:
    with Store(path, actor=f"w{worker}", timeout=60) as store:
        for i in range(n):
            entry = make(f"مصطلح {worker} {i}", kind="term", frequency=1)
            store.upsert_evidence(entry)
            shared = make("التحول الرقمي", frequency=1)
            store.upsert_evidence(shared)


def test_four_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    Store(path).close()
    n = 25
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(str(path), w, n)) for w in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0, 0, 0, 0]
    with Store(path) as store:
        assert store.count() == 4 * n + 1
        shared = store.find_by_form("ar", "التحول الرقمي")
        assert len(shared) == 1 and shared[0].frequency == 4 * n


@pytest.mark.parametrize(
    ("preferred", "candidates", "best", "ranked"),
    [("Hà Nội", [("Hà Núi", 0.1)], "Hà Nội", ["Hà Núi"]),
     ("", [("Hưng", 0.2), ("Hùng", 0.7)], "Hùng", ["Hùng", "Hưng"]),
     ("", [], "", [])],
)
def test_best_form_and_ranked_candidates(preferred: str, candidates: list[tuple[str, float]],
                                         best: str, ranked: list[str]) -> None:
    from glossary import Forms

    forms = Forms(preferred=preferred, candidates=[Candidate(t, s) for t, s in candidates])
    assert forms.best() == best
    assert [c.text for c in forms.ranked()] == ranked


def test_changes_since_names_what_any_connection_wrote_and_removed(tmp_path: Path) -> None:
    with Store(tmp_path / "g.db") as one, Store(tmp_path / "g.db") as two:
        a, b, c = one.add_many([make("هانوي"), make("هاي فونغ"), make("ها نوي")])
        seen = one.data_version()
        assert one.changes_since(seen) == ([], [])
        two.set_status([a], "approved")
        two.merge([a, c])
        changed, removed = one.changes_since(seen)
        assert [e.id for e in changed] == [a] and changed[0].status == "approved"
        assert removed == [c]
        assert one.changes_since(one.data_version()) == ([], [])
        seen = one.data_version()
        two.undo()  # the merge: c is back, a loses the variant
        changed, removed = one.changes_since(seen)
        assert sorted(e.id or 0 for e in changed) == [a, c] and removed == []
        assert [e.id for e in one.changes_since(0)[0]] == [a, b, c]  # all since the start


def test_schema_1_database_is_migrated_with_its_entries_as_changed(tmp_path: Path) -> None:
    from glossary.schema import MIGRATIONS

    path = tmp_path / "old.db"
    with closing(sqlite3.connect(path)) as con:
        con.executescript(MIGRATIONS[0])
        con.execute("PRAGMA user_version = 1")
        con.execute("UPDATE meta SET value = '7' WHERE key = 'version'")
        con.execute("INSERT INTO entries (id, kind, status, data) "
                    "VALUES (1, 'term', 'candidate', ?)", (json.dumps(Entry(id=1).to_dict()),))
        con.commit()
    with Store(path) as store:
        assert store.data_version() == 7
        assert [e.id for e in store.changes_since(6)[0]] == [1]
        assert store.changes_since(7) == ([], [])
        store.delete(1)
        assert store.changes_since(7) == ([], [1])


# -- batches: one command, one transaction, one journal group ------------------------


def test_batch_is_one_group_that_one_undo_reverts(store: Store) -> None:
    kept = store.add(make("قائم", en="standing"))
    with store.batch("import g.csv"):
        store.add_many([make("أول", en="first"), make("ثان", en="second")])
        store.modify(kept, lambda e: setattr(e, "note", "imported"), "import")
        store.set_status([kept], "approved")
    assert len({r["group"] for r in store.journal(limit=4)}) == 1
    action = store.undo_action()
    assert action is not None and (action.label, action.entries) == ("import g.csv", 3)
    assert action.describe() == "import g.csv (3 entries)"
    assert store.count() == 1
    assert (store.get(kept).note, store.get(kept).status) == ("", "candidate")
    redone = store.redo_action()
    assert redone is not None and redone.label == "import g.csv" and store.count() == 3


def test_batch_leaving_with_an_error_stores_nothing(store: Store) -> None:
    version = store.data_version()
    with pytest.raises(ConflictError), store.batch("import g.csv"):
        store.add(make("أول", en="first"))
        raise ConflictError("stop")
    assert store.count() == 0 and store.journal() == [] and store.data_version() == version


def test_write_failing_inside_a_batch_is_rolled_back_alone(store: Store) -> None:
    entry_id = store.add(make("قائم", en="standing"))

    def half_then_fail(entry: Entry) -> None:
        entry.note = "half"
        raise ConflictError("refused")

    with store.batch("extract a.txt"):
        store.add(make("أول", en="first"))
        with pytest.raises(ConflictError):
            store.modify(entry_id, half_then_fail)
        with store.batch("inner"):  # a nested batch joins the outer one
            store.add(make("ثان", en="second"))
    assert store.count() == 3 and store.get(entry_id).note == ""
    action = store.undo_action()
    assert action is not None and (action.label, action.entries) == ("extract a.txt", 2)
    assert store.count() == 1


def test_undo_inside_a_batch_is_refused(store: Store) -> None:
    store.add(make("أول", en="first"))
    with pytest.raises(StoreError, match="inside a batch"), store.batch("x"):
        store.undo()
    assert store.count() == 1


@pytest.mark.parametrize(("setup", "label"), [
    (lambda s: s.add(make("أول", en="first")), "add (1 entry)"),
    (lambda s: s.set_status([s.add(make("أول")), s.add(make("ثان"))], "approved"),
     "approved (2 entries)"),
])
def test_undo_without_a_batch_is_named_by_its_actions(store: Store, setup: object,
                                                      label: str) -> None:
    setup(store)  # type: ignore[operator]
    action = store.undo_action()
    assert action is not None and action.describe() == label


# -- every form in NFC ----------------------------------------------------------------

NFD_VI = unicodedata.normalize("NFD", "Bắc Ninh")


def _nfd_entry() -> Entry:
    entry = make("باك نينه", NFD_VI, kind="place")
    entry.forms["vi"].variants = [unicodedata.normalize("NFD", "Bắc Ninh (tỉnh)"), "Bac Ninh"]
    entry.forms["vi"].forbidden = [unicodedata.normalize("NFD", "Bắc Ninh cũ")]
    entry.forms["vi"].candidates = [Candidate(unicodedata.normalize("NFD", "Bắc Ninh"), 0.9),
                                    Candidate("Bắc Ninh", 0.5)]
    entry.contexts = [Context("a.txt", 0, 8, "باك نينه", unicodedata.normalize("NFD", "Bắc"))]
    return entry


def _texts(entry: Entry) -> list[str]:
    forms = entry.forms["vi"]
    return [forms.preferred, *forms.variants, *forms.forbidden,
            *(c.text for c in forms.candidates), *(c.form for c in entry.contexts)]


@pytest.mark.parametrize("path", ["add", "update", "modify", "merge", "upsert_evidence"])
def test_every_form_is_stored_in_nfc(store: Store, path: str) -> None:
    if path == "add":
        entry_id = store.add(_nfd_entry())
    elif path == "upsert_evidence":
        entry_id = store.upsert_evidence(_nfd_entry())
    elif path == "merge":
        other = store.add(make("بك نين", en="x"))
        entry_id = store.add(make("آخر", en="other"))
        store.update(_with_id(_nfd_entry(), other))
        entry_id = store.merge([entry_id, other]).id or 0
    else:
        entry_id = store.add(make("باك نينه", "x", kind="place"))
        if path == "update":
            store.update(_with_id(_nfd_entry(), entry_id))
        else:
            store.modify(entry_id, lambda e: setattr(e, "forms", _nfd_entry().forms))
    stored = store.get(entry_id)
    texts = [t for t in _texts(stored) if t]
    assert texts and all(unicodedata.is_normalized("NFC", t) for t in texts)
    assert [c.text for c in stored.forms["vi"].candidates].count("Bắc Ninh") <= 1
    assert [e.id for e in store.find_by_form("vi", "Bắc Ninh")] == [entry_id]


def _with_id(entry: Entry, entry_id: int) -> Entry:
    entry.id = entry_id
    return entry


# -- admitted and forbidden at once ---------------------------------------------------


@pytest.mark.parametrize(("preferred", "variants", "forbidden", "ok"), [
    ("Bac Ninh", [], ["Bac Ninh"], False),
    ("Bac Ninh", [], ["bac  ninh"], False),          # case and spaces do not make it another
    ("Bắc Ninh", [], [NFD_VI], False),                # nor does NFD
    ("Hà Nội", ["Bac Ninh"], ["Bac Ninh"], False),    # a variant too
    ("Bắc Ninh", [], ["Bac Ninh"], True),             # a toneless spelling may be forbidden
])
def test_a_form_cannot_be_admitted_and_forbidden(store: Store, preferred: str, variants: list[str],
                                                 forbidden: list[str], ok: bool) -> None:
    entry = make(en=preferred)
    entry.forms["en"].variants = variants
    entry.forms["en"].forbidden = forbidden
    if ok:
        assert store.get(store.add(entry)).forms["en"].forbidden == forbidden
    else:
        with pytest.raises(FormatError, match="both forbidden and the"):
            store.add(entry)
        assert store.count() == 0


def test_merge_that_would_forbid_an_admitted_form_is_a_conflict(store: Store) -> None:
    a = store.add(make("أول", en="first"))
    other = make("ثان", en="second")
    other.forms["en"].forbidden = ["first"]
    b = store.add(other)
    with pytest.raises(ConflictError, match=f"entries {a}, {b} cannot be merged"):
        store.merge([a, b])
    assert store.count() == 2


@pytest.mark.parametrize("order", ["ar", "vi", "en", "updated"])
def test_empty_values_sort_last(store: Store, order: str) -> None:
    for text in ("b", "", "a", ""):
        entry = make(ar="ب" + text, vi=text, en=text) if order != "ar" else make(ar=text, en="x")
        store.add(entry)
    if order == "updated":
        store._db.execute("UPDATE entries SET updated_at = '' WHERE id IN (2, 4)")
        assert [e.id for e in store.entries(order=order)][2:] == [2, 4]
        return
    assert [e.term(order) for e in store.entries(order=order)] == ["a", "b", "", ""]

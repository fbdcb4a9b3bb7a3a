"""Per-document evidence in the journal: undo and redo of a merge, of extraction and of a
delete restore the counts with the entries, so later extraction counts right; journals
written before evidence was journaled still undo as they did."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path

import pytest

from glossary import Entry, Forms
from glossary.schema import MIGRATIONS, SCHEMA_VERSION
from glossary.store import Store

Evidence = dict[int, dict[str, int]]

_A, _B = "هانوي", "ها نوي"


def _cand(ar: str) -> Entry:
    return Entry(kind="place", forms={"ar": Forms(preferred=ar)})


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "g.db", actor="test") as s:
        yield s


def evidence(store: Store) -> Evidence:
    """The evidence rows, as another connection reads them."""
    with closing(sqlite3.connect(store.path)) as con:
        rows = con.execute("SELECT entry_id, doc, count FROM evidence ORDER BY entry_id, doc")
        found: Evidence = {}
        for entry_id, doc, count in rows:
            found.setdefault(entry_id, {})[doc] = count
        return found


def frequencies(store: Store) -> dict[int, int]:
    return {e.id or 0: e.frequency for e in store.entries()}


def _merge(s: Store) -> None:
    a = s.upsert_evidence(_cand(_A), {"d1.txt": 3})
    b = s.upsert_evidence(_cand(_B), {"d1.txt": 1, "d2.txt": 2})
    s.merge([a, b])


def _extract_new_doc(s: Store) -> None:
    s.upsert_evidence(_cand(_A), {"d1.txt": 3})
    s.upsert_evidence(_cand(_A), {"d2.txt": 2})


def _extract_again_with_a_new_count(s: Store) -> None:
    s.upsert_evidence(_cand(_A), {"d1.txt": 3, "d2.txt": 2})
    s.upsert_evidence(_cand(_A), {"d1.txt": 5})


def _extract_first(s: Store) -> None:
    s.upsert_evidence(_cand(_B), {"d9.txt": 1})
    s.upsert_evidence(_cand(_A), {"d1.txt": 3})


def _extract_batch(s: Store) -> None:
    s.upsert_evidence(_cand(_A), {"d0.txt": 1})
    with s.batch("extract d1.txt d2.txt"):
        s.upsert_evidence(_cand(_A), {"d1.txt": 3})
        s.upsert_evidence(_cand(_A), {"d2.txt": 2, "d0.txt": 4})


def _delete(s: Store) -> None:
    s.upsert_evidence(_cand(_B), {"d9.txt": 1})
    a = s.upsert_evidence(_cand(_A), {"d1.txt": 3, "d2.txt": 2})
    s.delete(a)


def _evidence_only(s: Store) -> None:
    s.add(Entry(kind="place", forms={"ar": Forms(preferred=_A)}, frequency=3))
    s.upsert_evidence(_cand(_A), {"d1.txt": 3})  # the total is as stored: only evidence changes


#: Each action (its last write is the one undone) → (evidence before it, evidence after it).
CASES: dict[str, tuple[Callable[[Store], None], Evidence, Evidence]] = {
    "merge": (_merge, {1: {"d1.txt": 3}, 2: {"d1.txt": 1, "d2.txt": 2}},
              {1: {"d1.txt": 4, "d2.txt": 2}}),
    "extract a new document": (_extract_new_doc, {1: {"d1.txt": 3}},
                               {1: {"d1.txt": 3, "d2.txt": 2}}),
    "extract a document again": (_extract_again_with_a_new_count, {1: {"d1.txt": 3, "d2.txt": 2}},
                                 {1: {"d1.txt": 5, "d2.txt": 2}}),
    "extract a new entry": (_extract_first, {1: {"d9.txt": 1}},
                            {1: {"d9.txt": 1}, 2: {"d1.txt": 3}}),
    "extract in one batch": (_extract_batch, {1: {"d0.txt": 1}},
                             {1: {"d0.txt": 4, "d1.txt": 3, "d2.txt": 2}}),
    "delete": (_delete, {1: {"d9.txt": 1}, 2: {"d1.txt": 3, "d2.txt": 2}}, {1: {"d9.txt": 1}}),
    "evidence only": (_evidence_only, {}, {1: {"d1.txt": 3}}),
}


@pytest.mark.parametrize("name", list(CASES))
def test_undo_and_redo_restore_the_evidence_and_frequencies(store: Store, name: str) -> None:
    action, before, after = CASES[name]
    action(store)
    assert evidence(store) == after
    for replay, expected in ((store.undo, before), (store.redo, after),
                             (store.undo, before), (store.redo, after)):
        assert replay()
        assert evidence(store) == expected
        assert all(frequencies(store)[i] == sum(docs.values()) for i, docs in expected.items())


@pytest.mark.parametrize("name", list(CASES))
def test_extraction_after_an_undo_counts_from_the_restored_evidence(store: Store,
                                                                     name: str) -> None:
    action, before, _ = CASES[name]
    action(store)
    assert store.undo()
    entry_id = store.upsert_evidence(_cand(_A), {"d3.txt": 1})
    expected = sum(before.get(entry_id, {}).values()) + 1
    if name == "evidence only":  # the imported frequency had no documents behind it
        expected = 1
    assert store.get(entry_id).frequency == expected
    assert evidence(store)[entry_id] == {**before.get(entry_id, {}), "d3.txt": 1}


def test_merge_undone_then_new_documents_count_per_entry(store: Store) -> None:
    a = store.upsert_evidence(_cand(_A), {"d1.txt": 3})
    b = store.upsert_evidence(_cand(_B), {"d2.txt": 2})
    assert store.merge([a, b]).frequency == 5
    assert store.undo()
    assert (store.get(a).frequency, store.get(b).frequency) == (3, 2)
    store.upsert_evidence(_cand(_B), {"d3.txt": 1})
    store.upsert_evidence(_cand(_A), {"d3.txt": 1})
    assert (store.get(a).frequency, store.get(b).frequency) == (4, 3)


def _schema_3_database(path: Path, old_records: list[tuple[int, str, str | None, str | None]],
                       entry: Entry, counts: dict[str, int]) -> None:
    """A database as avet wrote it before evidence was journaled."""
    with closing(sqlite3.connect(path)) as con:
        for step in MIGRATIONS[:3]:
            con.executescript(step)
        con.execute("PRAGMA user_version = 3")
        con.execute("INSERT INTO entries (id, kind, status, frequency, data) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (entry.id, entry.kind, entry.status, entry.frequency,
                     json.dumps(entry.to_dict(), ensure_ascii=False)))
        con.executemany("INSERT INTO evidence VALUES (?, ?, ?)",
                        [(entry.id, doc, n) for doc, n in counts.items()])
        con.executemany("INSERT INTO journal (grp, ts, actor, action, entry_id, before, after) "
                        "VALUES (?, '2026-01-01T00:00:00Z', 'old', ?, ?, ?, ?)",
                        [(grp, action, entry.id, before, after)
                         for grp, action, before, after in old_records])
        con.commit()


def test_a_journal_written_before_evidence_was_journaled_still_undoes(tmp_path: Path) -> None:
    old = Entry(id=1, kind="place", forms={"ar": Forms(preferred=_A)}, frequency=3)
    new = Entry.from_dict({**old.to_dict(), "frequency": 5})
    path = tmp_path / "old.db"
    _schema_3_database(path, [(1, "extract", None, json.dumps(old.to_dict())),
                              (2, "extract", json.dumps(old.to_dict()),
                               json.dumps(new.to_dict()))],
                       new, {"d1.txt": 3, "d2.txt": 2})
    with Store(path) as store:
        with closing(sqlite3.connect(path)) as con:
            assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.undo()  # as before: the entry goes back, its evidence is left as it is
        assert store.get(1).frequency == 3
        assert evidence(store) == {1: {"d1.txt": 3, "d2.txt": 2}}
        assert store.redo() and store.get(1).frequency == 5
        assert store.undo() and store.undo()  # the add: the entry and its evidence go
        assert store.count() == 0 and evidence(store) == {}
        store.upsert_evidence(_cand(_A), {"d3.txt": 1})  # new records journal evidence
        assert store.undo() and evidence(store) == {} and store.count() == 0

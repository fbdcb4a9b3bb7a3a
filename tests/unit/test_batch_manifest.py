"""The batch manifest, job keys and Ray pool sizing."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from toolkit.batch import Manifest
from toolkit.batch.jobs import file_sha256, job_key
from toolkit.batch.ray_runner import pool_size


def test_new_documents_are_todo_and_done_ones_skipped(tmp_path: Path) -> None:
    with Manifest(tmp_path) as m:
        assert m.plan([("a.txt", "k1"), ("b.txt", "k2")], 3) == {"a.txt": "todo", "b.txt": "todo"}
        m.start(["a.txt", "b.txt"])
        m.finish([("a.txt", "a.en.txt", {"segments": 2})], [], 3)
    with Manifest(tmp_path) as m:  # a new run reads what the last one wrote
        assert m.plan([("a.txt", "k1"), ("b.txt", "k2")], 3) == {"a.txt": "skip", "b.txt": "todo"}
        state = m.get("a.txt")
        assert state is not None and state.output == "a.en.txt" and state.counts == {"segments": 2}
        b = m.get("b.txt")  # left running by a run that died: pending, the attempt counted
        assert b is not None and (b.status, b.attempts) == ("pending", 1)


def test_changed_key_resets_attempts(tmp_path: Path) -> None:
    with Manifest(tmp_path) as m:
        m.plan([("a.txt", "k1")], 3)
        m.start(["a.txt"])
        m.finish([], [("a.txt", "bad", True)], 3)
        assert m.plan([("a.txt", "k1")], 3) == {"a.txt": "failed"}
        assert m.plan([("a.txt", "k2")], 3) == {"a.txt": "todo"}
        state = m.get("a.txt")
        assert state is not None and state.attempts == 0 and state.status == "pending"


@pytest.mark.parametrize(("permanent", "attempts", "status"), [
    (True, 1, "failed"),     # bad input: no retry
    (False, 1, "pending"),   # transient: retried
    (False, 3, "failed"),    # transient, but out of attempts
])
def test_failure_status(tmp_path: Path, permanent: bool, attempts: int, status: str) -> None:
    with Manifest(tmp_path) as m:
        m.plan([("a.txt", "k")], 3)
        for _ in range(attempts):
            m.start(["a.txt"])
        m.finish([], [("a.txt", "boom", permanent)], 3)
        state = m.get("a.txt")
        assert state is not None and state.status == status and state.error == "boom"


def test_crash_counts_as_an_attempt(tmp_path: Path) -> None:
    with Manifest(tmp_path) as m:
        m.plan([("a.txt", "k")], 2)
        m.start(["a.txt"])  # ... and the process dies
        assert m.plan([("a.txt", "k")], 2) == {"a.txt": "todo"}
        m.start(["a.txt"])  # dies again
        assert m.plan([("a.txt", "k")], 2) == {"a.txt": "failed"}
        state = m.get("a.txt")
        assert state is not None and "2 attempts" in (state.error or "")


def test_interruptions_count_no_attempt(tmp_path: Path) -> None:
    with Manifest(tmp_path) as m:
        m.plan([("a.txt", "k"), ("b.txt", "k")], 1)
        for _ in range(2):  # Ctrl-C twice while a.txt runs
            m.start(["a.txt"])
            assert m.release_running() == 1
        state = m.get("a.txt")
        assert state is not None and (state.status, state.attempts) == ("pending", 0)
        assert m.plan([("a.txt", "k"), ("b.txt", "k")], 1) == {"a.txt": "todo", "b.txt": "todo"}


def test_release_keeps_a_crashed_attempt_and_recorded_outcomes(tmp_path: Path) -> None:
    with Manifest(tmp_path) as m:
        m.plan([("a.txt", "k"), ("b.txt", "k"), ("c.txt", "k")], 3)
        m.start(["a.txt", "b.txt", "c.txt"])  # ... and the process dies
        assert m.plan([("a.txt", "k"), ("b.txt", "k"), ("c.txt", "k")], 3) == dict.fromkeys(
            ["a.txt", "b.txt", "c.txt"], "todo")
        m.start(["a.txt", "b.txt", "c.txt"])
        m.finish([("a.txt", "a.out", {})], [("b.txt", "boom", False)], 3)
        assert m.release_running() == 1  # interrupted: only c.txt was still running
        got = {s.rel: (s.status, s.attempts) for s in m.states()}
        assert got == {"a.txt": ("done", 2), "b.txt": ("pending", 2), "c.txt": ("pending", 1)}


def test_release_rolls_back_an_open_transaction(tmp_path: Path) -> None:
    with Manifest(tmp_path) as m:
        m.plan([("a.txt", "k")], 3)
        m.start(["a.txt"])
        m._db.execute("BEGIN IMMEDIATE")  # as if interrupted inside a transaction
        m._db.execute("UPDATE docs SET status = 'done'")
        assert m.release_running() == 1
        state = m.get("a.txt")
        assert state is not None and (state.status, state.attempts) == ("pending", 0)


def _failed_for_good(m: Manifest, how: str) -> None:
    m.plan([("a.txt", "k")], 2)
    if how == "bad input":
        m.start(["a.txt"])
        m.finish([], [("a.txt", "bad", True)], 2)
    elif how == "transient":
        for _ in range(2):
            m.start(["a.txt"])
            m.finish([], [("a.txt", "boom", False)], 2)
    else:  # two crashes
        for _ in range(2):
            m.plan([("a.txt", "k")], 2)
            m.start(["a.txt"])


@pytest.mark.parametrize("how", ["bad input", "transient", "crashes"])
def test_retry_failed_starts_failed_documents_afresh(tmp_path: Path, how: str) -> None:
    with Manifest(tmp_path) as m:
        _failed_for_good(m, how)
        assert m.plan([("a.txt", "k")], 2) == {"a.txt": "failed"}
        assert m.plan([("a.txt", "k")], 2) == {"a.txt": "failed"}  # without: never again
        assert m.plan([("a.txt", "k")], 2, retry_failed=True) == {"a.txt": "todo"}
        state = m.get("a.txt")
        assert state is not None
        assert (state.status, state.attempts, state.error) == ("pending", 0, None)


def test_retry_failed_leaves_done_and_pending_documents(tmp_path: Path) -> None:
    with Manifest(tmp_path) as m:
        m.plan([("a.txt", "k"), ("b.txt", "k")], 3)
        m.start(["a.txt", "b.txt"])
        m.finish([("a.txt", "a.out", {})], [("b.txt", "boom", False)], 3)
        assert m.plan([("a.txt", "k"), ("b.txt", "k")], 3, retry_failed=True) == {
            "a.txt": "skip", "b.txt": "todo"}
        state = m.get("b.txt")
        assert state is not None and (state.attempts, state.error) == (1, "boom")


def test_forget_missing(tmp_path: Path) -> None:
    with Manifest(tmp_path) as m:
        m.plan([("a.txt", "k"), ("b.txt", "k")], 3)
        assert m.forget_missing(["a.txt"]) == 1
        assert [s.rel for s in m.states()] == ["a.txt"]


def test_missing_rows_are_returned_then_forgotten(tmp_path: Path) -> None:
    with Manifest(tmp_path) as m:
        m.plan([("a.txt", "k"), ("b.txt", "k")], 3)
        m.start(["b.txt"])
        m.finish([("b.txt", "b.en.txt", {})], [], 3)
        assert [(s.rel, s.output) for s in m.missing(["a.txt"])] == [("b.txt", "b.en.txt")]
        m.forget(["b.txt"])
        assert [s.rel for s in m.states()] == ["a.txt"]


@pytest.mark.parametrize(("started", "untouched"), [(False, True), (True, False)])
def test_a_new_manifest_of_a_job_that_did_nothing_can_be_discarded(
        tmp_path: Path, started: bool, untouched: bool) -> None:
    with Manifest(tmp_path) as m:
        assert m.created
        m.plan([("a.txt", "k")], 3)
        if started:
            m.start(["a.txt"])
        assert m.untouched() is untouched
        m.discard()
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    Manifest(tmp_path).close()  # created afresh
    with Manifest(tmp_path) as again:
        assert not again.created


def test_meta_round_trip(tmp_path: Path) -> None:
    with Manifest(tmp_path) as m:
        m.set_meta("signature", {"model": "x", "n": 1})
        assert m.get_meta("signature") == {"model": "x", "n": 1}
        assert m.get_meta("missing") is None


def test_job_key_changes_with_content_and_signature(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("one", encoding="utf-8")
    h1 = file_sha256(f)
    f.write_text("two", encoding="utf-8")
    h2 = file_sha256(f)
    keys = {job_key([h1], {"beam": 4}), job_key([h2], {"beam": 4}), job_key([h1], {"beam": 5})}
    assert len(keys) == 3
    assert job_key([h1], {"beam": 4, "x": 1}) == job_key([h1], {"x": 1, "beam": 4})


@pytest.mark.parametrize(("cpus", "actors", "replicas", "expected_n"), [
    (2.0, None, 1, 1), (1.0, None, 1, 1), (16.0, None, 1, 15), (2.0, 2, 1, 2),
    (16.0, None, 4, 3), (16.0, None, 15, 1), (2.0, None, 4, 1),
])
def test_pool_leaves_room_for_reads(cpus: float, actors: int | None, replicas: int,
                                    expected_n: int) -> None:
    n, per_actor = pool_size(cpus, actors, replicas)
    assert n == expected_n
    assert 0 < per_actor <= replicas
    assert n * per_actor <= cpus - 0.5 + 1e-9


@pytest.mark.parametrize(("replicas", "per_actor"), [(1, 1.0), (4, 4.0)])
def test_pool_reserves_a_cpu_per_replica(replicas: int, per_actor: float) -> None:
    assert pool_size(16.0, None, replicas)[1] == per_actor


def test_skipped_documents_are_not_redone_unless_they_change(tmp_path: Path) -> None:
    with Manifest(tmp_path) as m:
        m.plan([("en.txt", "k")], 1)
        m.start(["en.txt"])
        m.finish([], [], 1, skipped=[("en.txt", "not Arabic")])
        for retry in (False, True):  # --retry-failed leaves them too
            assert m.plan([("en.txt", "k")], 1, retry_failed=retry) == {"en.txt": "skip"}
        state = m.get("en.txt")
        assert state is not None and (state.status, state.error) == ("skipped", "not Arabic")
        assert m.plan([("en.txt", "k2")], 1) == {"en.txt": "todo"}


def test_failures_record_whether_the_input_is_at_fault(tmp_path: Path) -> None:
    with Manifest(tmp_path) as m:
        m.plan([("a.txt", "k"), ("b.txt", "k")], 1)
        m.start(["a.txt", "b.txt"])
        m.finish([], [("a.txt", "bad input", True), ("b.txt", "boom", False)], 1)
        assert {s.rel: s.permanent for s in m.states()} == {"a.txt": True, "b.txt": False}


def test_a_manifest_from_before_the_permanent_column_opens(tmp_path: Path) -> None:
    import sqlite3

    with closing(sqlite3.connect(tmp_path / "manifest.sqlite")) as con, con:
        con.executescript(
            "CREATE TABLE docs (rel TEXT PRIMARY KEY, job_key TEXT NOT NULL, status TEXT NOT "
            "NULL, attempts INTEGER NOT NULL DEFAULT 0, error TEXT, output TEXT, counts TEXT, "
            "updated REAL NOT NULL); CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT "
            "NULL); INSERT INTO docs VALUES ('a.txt', 'k', 'done', 1, NULL, 'a.en.txt', '{}', 0)")
    with Manifest(tmp_path) as m:
        assert m.plan([("a.txt", "k")], 3) == {"a.txt": "skip"}
        state = m.get("a.txt")
        assert state is not None and state.permanent is False


def _garbage(path: Path) -> None:
    path.write_bytes(b"not a database at all, but long enough to have a header" * 4)


def _damaged(path: Path) -> None:
    import sqlite3

    with closing(sqlite3.connect(path)) as con, con:
        con.execute("CREATE TABLE docs (rel TEXT)")
        con.executemany("INSERT INTO docs VALUES (?)", [("x" * 500,)] * 50)
    data = path.read_bytes()
    path.write_bytes(data[:100] + b"\xff" * 4000 + data[4100:])


def _foreign(path: Path) -> None:
    import sqlite3

    # e.g. a glossary database given the wrong name
    with closing(sqlite3.connect(path)) as con, con:
        con.executescript("CREATE TABLE entries (id INTEGER PRIMARY KEY, ar TEXT);"
                          "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
                          "INSERT INTO meta VALUES ('schema', '7')")


def _foreign_docs(path: Path) -> None:
    import sqlite3

    with closing(sqlite3.connect(path)) as con, con:
        con.execute("CREATE TABLE docs (id INTEGER PRIMARY KEY, body TEXT)")


def _folder(path: Path) -> None:
    path.mkdir()


@pytest.mark.parametrize(("spoil", "message"), [
    (_garbage, "the job manifest is not a SQLite database"),
    (_damaged, "the job manifest is damaged"),
    (_foreign, "is not a batch job manifest (another program's tables: entries)"),
    (_foreign_docs, "is not a batch job manifest (another program's tables: docs)"),
    (_folder, "the job manifest is a folder"),
])
def test_an_unusable_manifest_is_a_user_error_naming_the_file(
        tmp_path: Path, spoil: Any, message: str) -> None:
    from glossary.errors import DatabaseFileError

    path = tmp_path / "manifest.sqlite"
    spoil(path)
    before = path.read_bytes() if path.is_file() else None
    with pytest.raises(DatabaseFileError) as info:
        Manifest(tmp_path)
    assert info.value.exit_code == 2 and info.value.path == str(path)
    assert message in str(info.value) and "remove it to start the job afresh" in str(info.value)
    if before is not None:
        assert path.read_bytes() == before  # nothing written into another program's file

"""One glossary, several writers at once: the review app's store operations, a batch
job storing extraction candidates, and four parallel writers lose no update."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from glossary.model import Entry, Forms
from glossary.store import Store
from tests.functional.batch_fixtures import write_extract_corpus
from toolkit.cli.main import main

WRITERS = 4
PER_WRITER = 12


def _entry(ar: str, en: str, status: str = "candidate") -> Entry:
    entry = Entry(kind="term", status=status)
    entry.forms["ar"] = Forms(preferred=ar)
    entry.forms["en"] = Forms(preferred=en)
    return entry


def _run_threads(targets: list[Callable[[], None]]) -> None:
    errors: list[BaseException] = []
    barrier = threading.Barrier(len(targets))

    def wrap(fn: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            try:
                barrier.wait()
                fn()
            except BaseException as exc:  # re-raised below, in the test's thread
                errors.append(exc)
        return run

    threads = [threading.Thread(target=wrap(t)) for t in targets]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors


def test_four_writers_lose_no_update(tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    with Store(db) as store:
        shared = store.add(_entry("الحكومة الرقمية", "digital government", "approved"))

    def writer(n: int) -> Callable[[], None]:
        def work() -> None:
            with Store(db, actor=f"writer{n}") as store:
                for i in range(PER_WRITER):
                    store.add(_entry(f"مصطلح {n} {i}", f"term {n} {i}"))
                    store.forbid(shared, "en", f"wrong rendering {n}-{i}")
        return work

    _run_threads([writer(n) for n in range(WRITERS)])
    with Store(db) as store:
        assert store.count() == 1 + WRITERS * PER_WRITER
        forbidden = set(store.get(shared).forms["en"].forbidden)
    assert forbidden == {f"wrong rendering {n}-{i}" for n in range(WRITERS)
                         for i in range(PER_WRITER)}


def test_review_and_batch_job_on_one_glossary(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    from tui import jobs

    db = tmp_path / "g.db"
    with Store(db) as store:
        ids = [store.add(_entry(f"مصطلح {i}", f"term {i}")) for i in range(20)]
    corpus = write_extract_corpus(tmp_path)
    codes: list[int] = []

    def reviewer() -> None:  # what the review app's database thread does on keypresses
        with Store(db, actor="tui") as store:
            for i, entry_id in enumerate(ids):
                jobs.set_status([entry_id], "approved")(store)
                jobs.edit(entry_id, en=f"reviewed term {i}")(store)

    def batch() -> None:
        codes.append(main(["batch", "extract", str(corpus), "--out", str(tmp_path / "out"),
                           "--db", str(db), "--chunk-docs", "1", "--no-starter"]))

    _run_threads([reviewer, batch])
    assert codes == [0]
    with Store(db) as store:
        reviewed = [store.get(i) for i in ids]
        extracted = [e for e in store.entries() if e.source == "extract"]
    assert all(e.status == "approved" for e in reviewed)
    assert [e.term("en") for e in reviewed] == [f"reviewed term {i}" for i in range(20)]
    assert len(extracted) > 5  # the batch's candidates are all there too

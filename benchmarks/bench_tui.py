"""Review app speed with a large glossary: time to first paint and per filter keystroke.

Writes N synthetic entries (default 100,000) to a temporary database, starts
the app headless (Textual's ``run_test``) and prints:

* first paint: from creating the app to its first screen (goal < 1.5 s);
* first rows / all rows: until the first page, then every entry, is in the table;
* keystroke: filtering the table for each prefix of a query (goal < 100 ms),
  typing on (each prefix narrows the previous result) and backspace;
* external change: another connection (as another process would) approves 100
  entries and merges two; time until the table shows it (the app polls every
  0.1 s here, so up to 0.1 s of it is waiting for the poll).

Usage: ``python benchmarks/bench_tui.py [--entries N] [--screenshot FILE.svg]``.
The screenshot option instead saves the README screenshot of the test glossary.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from glossary.model import Candidate, Entry, Forms  # noqa: E402
from glossary.store import Store  # noqa: E402

_AR = ["نغوين", "فام", "تران", "لي", "هوانغ", "دانغ", "فو", "مينه", "تشينه", "هونغ", "آنه",
       "دوك", "ثانه", "كوانغ", "هاي", "لونغ", "تونغ", "فونغ", "بينه", "هوا"]
_VI = ["Nguyễn", "Phạm", "Trần", "Lê", "Hoàng", "Đặng", "Vũ", "Minh", "Chính", "Hùng", "Anh",
       "Đức", "Thanh", "Quang", "Hải", "Long", "Tùng", "Phong", "Bình", "Hoa"]
_EN = ["Nguyen", "Pham", "Tran", "Le", "Hoang", "Dang", "Vu", "Minh", "Chinh", "Hung", "Anh",
       "Duc", "Thanh", "Quang", "Hai", "Long", "Tung", "Phong", "Binh", "Hoa"]
_KINDS = ("person", "place", "org", "term")


def synthetic(n: int) -> list[Entry]:
    """Deterministic, distinct four-word names built from a 20-syllable inventory
    (like real names, they share words), with Vietnamese candidates."""
    entries = []
    k = len(_AR)
    for i in range(n):
        digits = [(i // k**p) % k for p in range(4)]
        ar = " ".join(_AR[d] for d in digits)
        vi = " ".join(_VI[d] for d in digits)
        en = " ".join(_EN[d] for d in digits)
        entries.append(Entry(kind=_KINDS[i % 4], frequency=(i * 7919) % 997, score=(i % 100) / 100,
                             forms={"ar": Forms(preferred=ar),
                                    "vi": Forms(candidates=[Candidate(vi, 0.9)]),
                                    "en": Forms(preferred=en)}))
    return entries


async def measure(db: Path, query: str) -> dict[str, float | list[float]]:
    from textual.widgets import Input

    from tui import ReviewApp, ReviewConfig

    t0 = time.perf_counter()
    app = ReviewApp(ReviewConfig(db=db, poll_interval=0.1))
    result: dict[str, float | list[float]] = {}
    async with app.run_test(size=(140, 40)) as pilot:
        result["first_paint"] = time.perf_counter() - t0
        while not app.index.view:
            await pilot.pause(0.005)
        result["first_rows"] = time.perf_counter() - t0
        while not app.loaded:
            await pilot.pause(0.01)
        result["all_rows"] = time.perf_counter() - t0
        await pilot.pause()
        box = app.query_one("#filter", Input)
        typing, deleting = [], []
        for end in range(1, len(query) + 1):
            box.value = query[:end]
            start = time.perf_counter()
            app.apply_filter()
            typing.append(time.perf_counter() - start)
            await pilot.pause()
        for end in range(len(query) - 1, -1, -1):
            box.value = query[:end]
            start = time.perf_counter()
            app.apply_filter()
            deleting.append(time.perf_counter() - start)
            await pilot.pause()
        result["typing"], result["deleting"] = typing, deleting
        result["matches"] = float(len(app.index.view))
        with Store(db, actor="other") as other:
            ids = [e.id for e in other.entries(status="candidate", limit=102) if e.id is not None]
            start = time.perf_counter()
            other.set_status(ids[:100], "approved")
            other.merge(ids[100:])
        while ids[101] in app.entries or app.entries[ids[0]].status != "approved":
            await pilot.pause(0.005)
        result["external"] = time.perf_counter() - start
    return result


async def screenshot(path: Path) -> None:
    from tests.functional.review_fixtures import build_review_db
    from tui import ReviewApp, ReviewConfig

    with tempfile.TemporaryDirectory() as tmp:
        db = build_review_db(Path(tmp) / "review.db")
        # Logical order: SVG viewers (browsers) apply the bidi algorithm themselves.
        app = ReviewApp(ReviewConfig(db=db, bidi="logical", poll_interval=60.0))
        async with app.run_test(size=(120, 34)) as pilot:
            while app.busy:
                await pilot.pause(0.01)
            await pilot.press("down", "down")
            await pilot.pause(0.2)
            app.save_screenshot(path.name, str(path.parent))
    print(f"saved {path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--query", default="nguyen minh")
    parser.add_argument("--db", type=Path,
                        help="reuse this database (written first if it does not exist)")
    parser.add_argument("--screenshot", type=Path, help="save the README screenshot (SVG)")
    args = parser.parse_args()
    if args.screenshot:
        asyncio.run(screenshot(args.screenshot))
        return
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bench.db"
        if not db.exists():
            start = time.perf_counter()
            with Store(db, actor="bench") as store:
                store.add_many(synthetic(args.entries))
            print(f"wrote {args.entries:,} entries in {time.perf_counter() - start:.1f} s")
        r = asyncio.run(measure(db, args.query))
    typing, deleting = r["typing"], r["deleting"]
    assert isinstance(typing, list) and isinstance(deleting, list)
    ms = [t * 1000 for t in typing + deleting]
    print(f"first paint        {r['first_paint']:.3f} s   (goal < 1.5 s)")
    print(f"first rows shown   {r['first_rows']:.3f} s")
    print(f"all rows loaded    {r['all_rows']:.3f} s")
    print(f"keystroke filter   median {statistics.median(ms):.1f} ms, max {max(ms):.1f} ms "
          f"over {len(ms)} keystrokes (goal < 100 ms)")
    print(f"  typing   '{args.query}': " + " ".join(f"{t * 1000:.0f}" for t in typing) + " ms")
    print("  backspace (recent results cached): "
          + " ".join(f"{t * 1000:.0f}" for t in deleting) + " ms")
    print(f"  {int(r['matches']):,} entries shown at the end (empty filter)")
    print(f"external change    {r['external']:.3f} s until shown (100 approved, 2 merged by "
          "another connection; 0.1 s poll)")


if __name__ == "__main__":
    main()

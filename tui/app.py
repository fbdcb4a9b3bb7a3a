"""The review app: turn an extracted draft glossary into an approved one.

All database work happens in one thread worker that owns its own
:class:`~glossary.store.Store` (SQLite connections are per thread). The UI
puts jobs (:mod:`tui.jobs`) on a queue; the thread runs them, polls
``data_version()`` for changes by other processes between jobs, and posts
messages back; the UI then refreshes the table from its in-memory index.
"""

from __future__ import annotations

import queue
from collections.abc import Callable, Sequence
from typing import ClassVar

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Footer, Input, Select, Static
from textual.worker import get_current_worker

from glossary.errors import AvetError
from glossary.model import KINDS, STATUSES, Entry
from glossary.store import Store
from tui import jobs
from tui.actions import ReviewActions
from tui.commands import KEYS, ReviewCommands, palette_commands
from tui.config import ReviewConfig
from tui.detail import DetailPane
from tui.edit import EditScreen, QuitScreen, Transliterate
from tui.index import COLUMNS, Folder, Query, Row, RowIndex, make_row
from tui.table import EntryTable

__all__ = ["ReviewApp"]

#: Entries read per query after the first 200 while loading (each page is shown).
_PAGE = 25_000

class ReviewApp(ReviewActions, App[None]):
    """Keyboard-first review of a glossary database.

    Args:
        config: The validated settings.
        transliterate: Vietnamese → Arabic suggestions (``None``: no suggestions).
        export: Writes the approved entries to a path in a format and returns how
            many (``None``: export disabled).
    """

    TITLE = "avet review"
    CSS_PATH = "review.tcss"
    # Screen classes for small terminals (review.tcss hides or shrinks parts). Textual
    # declares these without ClassVar, so annotating them here fails mypy.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (80, "-wide")]  # noqa: RUF012
    VERTICAL_BREAKPOINTS = [(0, "-short"), (20, "-medium"), (32, "-tall")]  # noqa: RUF012
    COMMANDS: ClassVar = App.COMMANDS | {ReviewCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(k, a, label, show=show) for k, a, label, _, show in KEYS),
        *(Binding(str(n), f"pick({n})", f"Pick candidate {n}", show=False) for n in range(1, 10)),
    ]

    class Loaded(Message):
        """The database thread read every entry (``complete``) or the first page."""

        def __init__(self, entries: list[Entry], rows: list[Row], total: int,
                     complete: bool) -> None:
            super().__init__()
            self.entries, self.rows, self.total, self.complete = entries, rows, total, complete

    class Done(Message):
        """A job finished."""

        def __init__(self, outcome: jobs.Outcome, rows: list[Row], job: jobs.Job) -> None:
            super().__init__()
            self.outcome, self.rows, self.job = outcome, rows, job

    class Changed(Message):
        """Other processes wrote entries (``changed``) or removed them (``removed``)."""

        def __init__(self, changed: list[Entry], rows: list[Row], removed: list[int]) -> None:
            super().__init__()
            self.changed, self.rows, self.removed = changed, rows, removed

    class Failed(Message):
        """A job raised an avet error (shown to the reviewer; nothing changed)."""

        def __init__(self, error: str, job: jobs.Job) -> None:
            super().__init__()
            self.error, self.job = error, job

    class Unavailable(Message):
        """The database cannot be opened (a full disk, a damaged file): shown to the
        reviewer, and no job runs any more."""

        def __init__(self, error: str) -> None:
            super().__init__()
            self.error = error

    def __init__(self, config: ReviewConfig, *, transliterate: Transliterate | None = None,
                 export: jobs.ExportFunc | None = None) -> None:
        super().__init__()
        self.config = config
        self.transliterate = transliterate
        self.export_func = export
        self.bidi_mode: str = config.bidi
        self.index = RowIndex()
        self.entries: dict[int, Entry] = {}
        self.pending = 0
        self.loaded = False
        self._jobs: queue.Queue[jobs.Job | None] = queue.Queue()
        #: What to do once a queued job succeeded or failed: (done, failed), by the job.
        self._then: dict[jobs.Job, tuple[Callable[[], None] | None,
                                         Callable[[], None] | None]] = {}
        # The changes this session made (undo and redo replay only these); only the
        # database thread uses it.
        self.session = jobs.Session(config.actor)
        self._filter_timer: Timer | None = None
        self._expected = 0
        #: Why the database cannot be used (``None``: it can).
        self._unavailable: str | None = None

    # -- layout --------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # Kept as attributes: a modal screen may be on top when messages arrive,
        # and the app's queries only search the active screen.
        self.filter_box = Input(placeholder="/ filter: Arabic, Vietnamese or English (tones, "
                                "diacritics and hamza ignored)", id="filter")
        self.selects: dict[str, Select[str]] = {
            "#status-filter": Select([(s, s) for s in STATUSES], prompt="any status",
                                     id="status-filter"),
            "#kind-filter": Select([(k, k) for k in KINDS], prompt="any kind", id="kind-filter"),
        }
        self.table = EntryTable(bidi_mode=self.bidi_mode, id="table")
        self.detail = DetailPane(bidi_mode=self.bidi_mode, id="detail")
        self.statusbar = Static(id="statusbar", markup=False)
        with Horizontal(id="filters"):
            yield self.filter_box
            yield from self.selects.values()
        yield self.table
        yield self.detail
        yield self.statusbar
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = str(self.config.db)
        table = self.table
        table.sort_key, table.sort_descending = "frequency", True
        table.focus()
        self._update_status()
        self._database()

    def on_unmount(self) -> None:
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self._jobs.put(None)

    # -- database thread -------------------------------------------------------

    @work(thread=True, exclusive=True, group="database", name="database")
    def _database(self) -> None:
        worker = get_current_worker()
        try:
            store = Store(self.config.db, actor=self.config.actor)
        except AvetError as exc:
            self.post_message(self.Unavailable(str(exc)))
            return
        with store:
            seen = self._reload(store)
            while not worker.is_cancelled:
                try:
                    job = self._jobs.get(timeout=self.config.poll_interval)
                except queue.Empty:
                    if store.data_version() != seen:
                        seen = self._refresh(store, seen)
                    continue
                if job is None:
                    return
                try:
                    outcome = self.session.run(job, store)
                except AvetError as exc:
                    self.post_message(self.Failed(str(exc), job))
                    continue
                rows = [make_row(e) for e in outcome.changed]
                self.post_message(self.Done(outcome, rows, job))
                # The version cannot tell the job's commit from another process's (an
                # export commits nothing): whenever it moved, read what changed and show
                # what the job's outcome did not.
                seen = self._refresh(store, seen, outcome) \
                    if store.data_version() != seen else seen

    def _refresh(self, store: Store, seen: int, known: jobs.Outcome | None = None) -> int:
        """Reads the entries written or removed after version ``seen`` and shows those
        that differ from what ``known`` (a job's outcome, shown already) reported."""
        version = store.data_version()
        changed, removed = store.changes_since(seen)
        if known is not None:
            shown = {e.id: e for e in known.changed}
            changed = [e for e in changed if shown.get(e.id) != e]
            gone = set(known.removed)
            removed = [i for i in removed if i not in gone]
        if changed or removed:
            self.post_message(self.Changed(changed, [make_row(e) for e in changed], removed))
        return version

    def _reload(self, store: Store) -> int:
        """Reads every entry, showing them page by page as they come."""
        version = store.data_version()
        total = store.count()
        entries: list[Entry] = []
        rows: list[Row] = []
        fold = Folder()
        for chunk, last in jobs.load_pages(store, size=_PAGE):
            entries += chunk
            rows += [make_row(e, fold) for e in chunk]
            if not last:
                self.post_message(self.Loaded(list(entries), list(rows), total, complete=False))
        self.post_message(self.Loaded(entries, rows, len(entries), complete=True))
        return version

    @property
    def busy(self) -> bool:
        """Whether loading, a queued job or a pending filter is still under way."""
        return not self.loaded or self.pending > 0 or self._filter_timer is not None

    def submit(self, job: jobs.Job, *, done: Callable[[], None] | None = None,
               failed: Callable[[], None] | None = None) -> None:
        """Queues ``job`` for the database thread (or says again why it cannot run).

        Args:
            job: The change or read to run in a worker.
            done: Called once the job succeeded, after its outcome is shown.
            failed: Called once the job failed, after its error is shown; also when
                the database cannot be used (the job never runs then).
        """
        if self._unavailable is not None:
            self.notify(self._unavailable, severity="error", timeout=6, markup=False)
            if failed is not None:
                failed()
            return
        if done is not None or failed is not None:
            self._then[job] = (done, failed)
        self.pending += 1
        self._update_status()
        self._jobs.put(job)

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        current = self.table.current
        self.entries = {e.id: e for e in message.entries if e.id is not None}
        self.index.replace_all(message.rows)
        self.loaded = self.loaded or message.complete
        self._expected = message.total
        self._show(keep=current.id if current else None)

    @on(Done)
    def _done(self, message: Done) -> None:
        outcome = message.outcome
        self.pending -= 1
        self._apply(outcome.changed, message.rows, outcome.removed, outcome.select)
        if outcome.message:
            self.notify(outcome.message, timeout=3, markup=False)
        done, _ = self._then.pop(message.job, (None, None))
        if done is not None:
            done()

    @on(Changed)
    def _changed(self, message: Changed) -> None:
        self._apply(message.changed, message.rows, message.removed, None)

    def _apply(self, changed: list[Entry], rows: list[Row], removed: Sequence[int],
               select: int | None) -> None:
        """Puts written and removed entries into the view; keeps the selection."""
        for entry_id in removed:
            self.entries.pop(entry_id, None)
        for entry in changed:
            if entry.id is not None:
                self.entries[entry.id] = entry
        self.index.apply(rows, removed)
        table = self.table
        table.marked -= set(removed)
        keep = select if select is not None else (table.current.id if table.current else None)
        self._show(keep=keep, stay=True)

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        self.pending -= 1
        self._update_status()
        self.notify(message.error, severity="error", timeout=6, markup=False)
        _, failed = self._then.pop(message.job, (None, None))
        if failed is not None:
            failed()

    @on(Unavailable)
    def _unavailable_db(self, message: Unavailable) -> None:
        self._unavailable = message.error
        self.loaded = True  # nothing more will load
        self._update_status()
        self.notify(message.error, severity="error", timeout=30, markup=False)

    # -- view ------------------------------------------------------------------

    def _show(self, keep: int | None = None, stay: bool = False) -> None:
        """Shows the filtered, sorted rows with the cursor on entry ``keep``; where that
        row left the view and ``stay``, on the first row after it that is still shown
        (rows above it that left, as after a bulk approve, move it up), else on the first
        row."""
        table = self.table
        table.sort_key = self.index.sort_column.key
        table.sort_descending = self.index.sort_column.descending != self.index.reverse
        position = self.index.find(keep)
        if position is None and stay:
            shown = {row.id for row in self.index.view}
            above = sum(1 for row in table.rows[:table.cursor] if row.id in shown)
            position = max(0, min(above, len(self.index.view) - 1))
        table.set_rows(self.index.view, position)
        self._update_status()

    def _update_status(self) -> None:
        table = self.table
        parts = [f"{len(self.index.view):,} shown of {len(self.index):,}",
                 f"{self.index.to_review():,} to review"]
        for name, select in zip(("status", "kind"), self.selects.values(), strict=True):
            if select.value is not Select.NULL:  # the selects are hidden when narrow
                parts.append(f"{name} {select.value}")
        if table.marked:
            parts.append(f"{len(table.marked)} marked")
        parts.append(f"bidi {self.bidi_mode}")
        if not self.loaded:
            parts.append(f"loading {len(self.index):,} of {self._expected:,}…")
        elif self.pending:
            parts.append("saving…")
        self.statusbar.update(" · ".join(parts))

    @on(EntryTable.Highlighted)
    def _highlighted(self, message: EntryTable.Highlighted) -> None:
        row = message.row
        self.detail.show(self.entries.get(row.id) if row else None)
        self._update_status()

    @on(EntryTable.HeaderClicked)
    def _header_clicked(self, message: EntryTable.HeaderClicked) -> None:
        self.sort(message.key)

    def sort(self, key: str, reverse: bool | None = None) -> None:
        """Sorts the table by column ``key`` (again: flips the direction).

        Args:
            key: The column.
            reverse: Descending if true; ``None`` flips the current direction on the
                same column.
        """
        current = self.table.current
        self.index.sort_by(key, reverse)
        self._show(keep=current.id if current else None)

    # -- filter ------------------------------------------------------------------

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self._filter_timer = self.set_timer(0.05, self.apply_filter)

    @on(Select.Changed)
    def _select_changed(self) -> None:
        self.apply_filter()

    def apply_filter(self) -> None:
        """Filters the table by the text box and the status and kind selectors."""
        if self._filter_timer is not None:
            self._filter_timer.stop()
            self._filter_timer = None

        def chosen(select_id: str) -> str | None:
            value = self.selects[select_id].value
            return None if value is Select.NULL else str(value)

        text = self.filter_box.value
        query = Query.build(text, chosen("#status-filter"), chosen("#kind-filter"))
        current = self.table.current
        self.index.filter(query)
        self._show(keep=current.id if current else None)

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self.apply_filter()
        self.table.focus()

    def _cycle(self, select_id: str, values: Sequence[str]) -> None:
        select = self.selects[select_id]
        position = values.index(str(select.value)) + 1 if select.value in values else 0
        if position < len(values):
            select.value = values[position]
        else:
            select.clear()

    def action_cycle_status(self) -> None:
        self._cycle("#status-filter", STATUSES)

    def action_cycle_kind(self) -> None:
        self._cycle("#kind-filter", KINDS)

    def action_focus_filter(self) -> None:
        self.filter_box.focus()

    def action_escape(self) -> None:
        table = self.table
        if self.focused is not table:
            table.focus()
        elif table.marked:
            table.marked.clear()
            table.refresh()
            self._update_status()

    def action_sort_next(self) -> None:
        keys = [c.key for c in COLUMNS]
        self.sort(keys[(keys.index(self.index.sort_column.key) + 1) % len(keys)], False)

    def action_sort_reverse(self) -> None:
        self.sort(self.index.sort_column.key, not self.index.reverse)

    def action_toggle_bidi(self) -> None:
        self.bidi_mode = "logical" if self.bidi_mode == "visual" else "visual"
        table, detail = self.table, self.detail
        table.bidi_mode = detail.bidi_mode = self.bidi_mode
        table.refresh()
        detail.show(detail.entry)
        self._update_status()

    # -- command palette -----------------------------------------------------------

    def palette_commands(self) -> list[tuple[str, str, str]]:
        """Returns ``(title, help, action)`` for every action, for the command palette."""
        return palette_commands()

    def action_sort_by(self, key: str) -> None:
        self.sort(key)

    def action_toggle_mark(self) -> None:
        self.table.action_toggle_mark()
        self._update_status()

    # -- quit ----------------------------------------------------------------------

    async def action_quit(self) -> None:
        """Quits (ctrl+q); over an edit dialog with unsaved changes, asks first: ``s``
        saves the edit as ctrl+s does and quits once it is written (a refused save
        keeps the dialog open with the problem, a failed write the app); ctrl+q again,
        or ``d``, quits without saving; Esc goes back to the dialog."""
        if isinstance(self.screen, QuitScreen):
            self.exit()
            return
        editing = next((s for s in self.screen_stack
                        if isinstance(s, EditScreen) and s.changed), None)
        if editing is None:
            self.exit()
            return

        async def answered(choice: str | None) -> None:
            if choice == QuitScreen.DISCARD:
                self.exit()
            elif choice == QuitScreen.SAVE:
                while self.screen is not editing and editing in self.screen_stack:
                    await self.pop_screen()  # a screen opened over the dialog (help)
                editing.save_and_quit()

        self.push_screen(QuitScreen(f"the edit of entry #{editing.entry.id}"), answered)

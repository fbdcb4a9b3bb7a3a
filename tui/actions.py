"""Review actions of the review app: status, candidates, edits, merges and undo.

:class:`ReviewActions` holds the ``action_*`` methods that act on the selected
or marked entries. Each one reads the in-memory view, asks the reviewer through
a modal screen (:mod:`tui.screens`) where it needs a choice, and queues a job
(:mod:`tui.jobs`) for the database thread of :class:`tui.app.ReviewApp`, which
mixes this class in and provides the attributes declared here.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Protocol

from glossary.model import Entry
from tui import jobs
from tui.commands import KEYS, TABLE_KEYS
from tui.config import ReviewConfig
from tui.index import RowIndex
from tui.screens import (
    ChooseScreen,
    EditResult,
    EditScreen,
    ExportChoice,
    ExportScreen,
    HelpScreen,
    MergeScreen,
    Transliterate,
)
from tui.table import EntryTable

if TYPE_CHECKING:
    from textual.app import App

    _Base = App[None]
else:
    _Base = object

__all__ = ["ReviewActions"]


class _Submit(Protocol):
    """:meth:`tui.app.ReviewApp.submit`: queues a job, with what to do once it
    succeeded (``done``) or failed (``failed``)."""

    def __call__(self, job: jobs.Job, *, done: Callable[[], None] | None = None,
                 failed: Callable[[], None] | None = None) -> None: ...


class ReviewActions(_Base):
    """The review actions, mixed into :class:`tui.app.ReviewApp`.

    Attributes:
        config: The validated settings.
        entries: The loaded entries by id.
        index: The rows of the table, filtered and sorted.
        table: The entry table.
        bidi_mode: ``"visual"`` or ``"logical"``.
        transliterate: Vietnamese → Arabic suggestions, or ``None``.
        export_func: Writes approved entries, or ``None``.
        submit: Queues a job for the database thread.
    """

    config: ReviewConfig
    entries: dict[int, Entry]
    index: RowIndex
    table: EntryTable
    bidi_mode: str
    transliterate: Transliterate | None
    export_func: jobs.ExportFunc | None
    session: jobs.Session
    submit: _Submit
    _update_status: Callable[[], None]

    def _current(self) -> Entry | None:
        row = self.table.current
        entry = self.entries.get(row.id) if row else None
        if entry is None:
            self.notify("no entry selected", severity="warning", markup=False)
        return entry

    def _targets(self) -> list[int]:
        """Every marked entry (those the filter hides too, as ``m`` takes them), else
        the cursor's row."""
        table = self.table
        if table.marked:
            return self._marked_in_order()
        return [table.current.id] if table.current else []

    def _set_status(self, status: str) -> None:
        """Sets ``status`` on the targets in one job. The store refuses the whole
        action or does all of it (an approval that clashes with an approved entry
        approves none: the error names the entry to merge, edit or reject), so a
        refused one gives the marks back, to fix that entry and try again."""
        ids = self._targets()
        if not ids:
            self.notify("no entry selected", severity="warning", markup=False)
            return
        table = self.table
        hidden = len(table.marked.difference(r.id for r in self.index.view))
        marked = set(table.marked)
        table.marked.clear()

        def refused() -> None:
            table.marked.update(i for i in marked if i in self.entries)
            table.refresh()
            self._update_status()

        self.submit(jobs.set_status(ids, status, hidden), failed=refused)

    def action_approve(self) -> None:
        self._set_status("approved")

    def action_reject(self) -> None:
        self._set_status("rejected")

    def action_unreview(self) -> None:
        self._set_status("candidate")

    def action_pick(self, number: int) -> None:
        entry = self._current()
        if entry is None or entry.id is None:
            return
        if number > len(jobs.pickable(entry)):
            self.notify(f"no Vietnamese candidate {number} for this entry",
                        severity="warning", markup=False)
            return
        self.submit(jobs.pick_candidate(entry.id, number))

    def action_edit(self, focus: str = "vi") -> None:
        entry = self._current()
        if entry is None or entry.id is None:
            return
        entry_id = entry.id
        opened = Entry.from_dict(entry.to_dict())

        def saved(result: EditResult | None) -> None:
            if result is None:
                return
            # Only what the reviewer changed, compared with the entry the dialog showed:
            # what another command changed meanwhile in the other fields stays.
            changes = {lang: getattr(result, lang) for lang in ("ar", "vi", "en")
                       if getattr(result, lang).strip() != opened.forms[lang].preferred}
            note = result.note if result.note.strip() != opened.note else None
            if changes or note is not None:
                # "Save and quit": quit once the edit is written (not if it fails).
                self.submit(jobs.edit(entry_id, note=note, opened=opened, **changes),
                            done=self.exit if result.quit else None)
            elif result.quit:
                self.exit()

        self.push_screen(EditScreen(entry, self.transliterate, focus, self.bidi_mode,
                                    check=jobs.conflict_check(self.config.db)), saved)

    def action_forbid(self) -> None:
        entry = self._current()
        if entry is None or entry.id is None:
            return
        entry_id = entry.id
        choices = []
        for lang in ("ar", "vi", "en"):
            forms = entry.forms[lang]
            for text in [*forms.variants, *(c.text for c in forms.candidates)]:
                if text != forms.preferred and text not in forms.forbidden \
                        and (lang, text) not in choices:
                    choices.append((lang, text))
        self._choose("Forbid which rendering?", choices, "no variant or candidate to forbid",
                     partial(jobs.forbid, entry_id))

    def action_allow(self) -> None:
        entry = self._current()
        if entry is None or entry.id is None:
            return
        choices = [(lang, text) for lang in ("ar", "vi", "en")
                   for text in entry.forms[lang].forbidden]
        self._choose("Allow which forbidden rendering again?", choices,
                     "this entry has no forbidden rendering", partial(jobs.allow, entry.id))

    def action_merge(self) -> None:
        table = self.table
        marked = [self.entries[i] for i in self._marked_in_order() if i in self.entries]
        if len(marked) < 2:
            current = table.current
            if len(marked) == 1 and current is not None and current.id != marked[0].id:
                hint = (f"only entry #{marked[0].id} is marked: mark #{current.id} too "
                        "(space) to merge them")
            else:
                hint = "mark at least two entries to merge with space, then press m"
            self.notify(hint, severity="warning", markup=False)
            return
        ids = [e.id for e in marked if e.id is not None]

        def chosen(into: int | None) -> None:
            if into is None:
                return
            table.marked.clear()
            self.submit(jobs.merge(ids, into=into))

        self.push_screen(MergeScreen(marked, jobs.default_merge_target(marked), self.bidi_mode),
                         chosen)

    def _marked_in_order(self) -> list[int]:
        """The marked ids, those shown first in table order, then the hidden ones."""
        marked = self.table.marked
        shown = [r.id for r in self.index.view if r.id in marked]
        return shown + sorted(marked.difference(shown))

    def action_mark_all(self) -> None:
        table = self.table
        table.marked.update(r.id for r in self.index.view)
        table.refresh()
        self._update_status()

    def action_clear_marks(self) -> None:
        table = self.table
        table.marked.clear()
        table.refresh()
        self._update_status()

    def action_split(self) -> None:
        entry = self._current()
        if entry is None or entry.id is None:
            return
        entry_id = entry.id
        choices = [(lang, v) for lang in ("ar", "vi", "en") for v in entry.forms[lang].variants]
        self._choose("Split which variant out?", choices, "this entry has no variant to split out",
                     partial(jobs.split, entry_id))

    def _choose(self, title: str, choices: list[tuple[str, str]], empty: str,
                job: Callable[[str, str], jobs.Job]) -> None:
        """Asks which (language, form) to act on, then submits ``job(lang, form)``."""
        if not choices:
            self.notify(empty, severity="warning", markup=False)
            return

        def chosen(choice: tuple[str, str] | None) -> None:
            if choice is not None:
                self.submit(job(*choice))

        self.push_screen(ChooseScreen(title, choices, self.bidi_mode), chosen)

    def action_undo(self) -> None:
        self.submit(jobs.undo(self.session))

    def action_redo(self) -> None:
        self.submit(jobs.redo(self.session))

    def action_export(self) -> None:
        export = self.export_func
        if export is None:
            self.notify("export is unavailable: no export function was given",
                        severity="warning", markup=False)
            return

        def chosen(choice: ExportChoice | None) -> None:
            if choice is not None:
                self.submit(jobs.export(export, choice.path, choice.fmt, choice.langs))

        self.push_screen(ExportScreen(self.config.db.resolve().parent), chosen)

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        names = {"slash": "/", "escape": "Esc", "f1": "F1", "plus": "+", "minus": "-"}
        rows = [(names.get(k, k), d) for k, _, _, d, _ in KEYS] + list(TABLE_KEYS)
        self.push_screen(HelpScreen(rows))

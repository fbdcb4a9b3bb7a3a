"""The edit dialog of the review app, and the question it asks before quitting
over an unsaved edit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static
from textual.worker import get_current_worker

from glossary.checks import check_terms
from glossary.errors import AvetError
from glossary.model import LANGS, Entry
from glossary.normalize import clean_form, nfc
from tui import bidi
from tui.jobs import EntryCheck, apply_edit

__all__ = ["EditResult", "EditScreen", "QuitScreen", "Transliterate"]

Transliterate = Callable[[str], list[str]]


@dataclass(frozen=True)
class EditResult:
    """The edited fields of an entry, and whether the app quits once they are saved
    (``quit``: the reviewer chose "Save and quit" in :class:`QuitScreen`)."""

    ar: str
    vi: str
    en: str
    note: str
    quit: bool = False


class EditScreen(ModalScreen[EditResult | None]):
    """Edits the preferred forms and the note of one entry.

    For the Vietnamese form, the Arabic forms the transliteration function
    suggests are shown; ctrl+t copies the first into the Arabic field. Saving
    applies import's checks (:mod:`glossary.checks`) first: the entry's own
    forms here, and ``check`` (the other entries' forms, in a thread) when a
    term changed. A problem is shown in the dialog, which stays open.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", show=True),
        Binding("ctrl+s", "save", "Save", show=True),
        Binding("ctrl+t", "use_suggestion", "Use Arabic suggestion", show=True),
    ]

    def __init__(self, entry: Entry, transliterate: Transliterate | None,
                 focus: str = "vi", bidi_mode: str = "visual",
                 check: EntryCheck | None = None) -> None:
        super().__init__()
        self.entry = entry
        self.transliterate = transliterate
        self.focus_field = focus
        self.bidi_mode = bidi_mode
        self.check = check
        self.suggestions: list[str] = []
        #: The last problem that kept the dialog from saving ("" when none).
        self.problem = ""
        #: Dismissed: its children are going, and a thread's late result is dropped.
        self.closed = False
        #: The save under way was asked for by "Save and quit" (:meth:`save_and_quit`).
        self.quit_after_save = False

    def compose(self) -> ComposeResult:
        entry = self.entry
        with Vertical(id="edit-dialog", classes="dialog"):
            yield Label(f"Edit entry #{entry.id} ({entry.kind})", classes="dialog-title")
            for lang, title in (("ar", "Arabic"), ("vi", "Vietnamese"), ("en", "English")):
                yield Label(title)
                yield Input(entry.forms[lang].preferred, id=f"edit-{lang}")
                if lang == "ar" and self.bidi_mode == "visual":
                    # The input edits in logical order; this line shows it readable.
                    yield Static(id="ar-preview", classes="dim")
            yield Static(id="suggestion", classes="dim")
            yield Label("Note")
            yield Input(entry.note, id="edit-note")
            # The problem quotes the user's forms: never Textual markup.
            yield Static(id="edit-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one(f"#edit-{self.focus_field}", Input).focus()
        self._suggest(self.query_one("#edit-vi", Input).value)

    @on(Input.Changed, "#edit-ar")
    def _ar_changed(self, event: Input.Changed) -> None:
        for preview in self.query("#ar-preview").results(Static):
            preview.update(Text.assemble(("shown as: ", "dim"),
                                         bidi.display(event.value, 60, "visual")))

    @on(Input.Changed, "#edit-vi")
    def _vi_changed(self, event: Input.Changed) -> None:
        self._suggest(event.value)

    def _suggest(self, vi: str) -> None:
        if self.closed:  # a late keystroke's change while the dialog closes
            return
        label = self.query_one("#suggestion", Static)
        if self.transliterate is None:
            label.update("Arabic suggestions: unavailable (no transliteration function)")
            return
        if not vi.strip():
            label.update("")
            return
        self._transliterate(vi)

    @work(thread=True, exclusive=True, group="translit")
    def _transliterate(self, vi: str) -> None:
        assert self.transliterate is not None
        try:
            options = self.transliterate(vi)
        except AvetError:  # not a Vietnamese name: no suggestion, nothing to report
            options = []
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_suggestions, options)

    def _show_suggestions(self, options: list[str]) -> None:
        if self.closed or not self.is_attached:  # dismissed while the thread ran
            return
        self.suggestions = options
        text = Text("Arabic suggestion (ctrl+t): ", style="dim")
        shown = [bidi.display(o, 40, self.bidi_mode) for o in options[:3]]
        text.append(" · ".join(shown) if shown else "none", style="bold")
        self.query_one("#suggestion", Static).update(text)

    def action_use_suggestion(self) -> None:
        if self.suggestions:
            self.query_one("#edit-ar", Input).value = self.suggestions[0]
        else:
            self.notify("no Arabic suggestion for this Vietnamese form",
                        severity="warning", markup=False)

    @property
    def changed(self) -> bool:
        """Whether a field differs from what the dialog opened with (unsaved edits)."""
        if self.closed:
            return False
        opened = {lang: self.entry.forms[lang].preferred for lang in LANGS}
        opened["note"] = self.entry.note
        return any(field.value != opened[name]
                   for name in opened
                   for field in self.query(f"#edit-{name}").results(Input))

    def dismiss(self, result: EditResult | None = None) -> AwaitComplete:
        """Closes the dialog with ``result``; its threads' late results are dropped."""
        self.closed = True
        self.workers.cancel_node(self)
        return super().dismiss(result)

    def action_save(self) -> None:
        if self.closed:  # a second Enter while the dialog closes
            return

        def value(name: str) -> str:
            typed = self.query_one(f"#edit-{name}", Input).value
            shown = self.entry.note if name == "note" else self.entry.forms[name].preferred
            if typed == shown:  # left as it was: not an edit
                return typed
            # A form cleaned as import cleans it (NFC, no bidi marks), Arabic without
            # harakat or tatweel as extraction stores it.
            return nfc(typed) if name == "note" else clean_form(typed, name, keep_harakat=False)
        result = EditResult(value("ar"), value("vi"), value("en"), value("note"),
                            quit=self.quit_after_save)
        after = Entry.from_dict(self.entry.to_dict())
        apply_edit(after, ar=result.ar, vi=result.vi, en=result.en, note=result.note)
        try:
            check_terms(after, before=self.entry)
        except AvetError as exc:
            self._refuse(str(exc))
            return
        if self.check is None or all(after.term(lang) == self.entry.term(lang)
                                     for lang in LANGS):
            self.dismiss(result)
        else:
            self._check_others(after, result)

    @work(thread=True, exclusive=True, group="check")
    def _check_others(self, after: Entry, result: EditResult) -> None:
        assert self.check is not None
        try:
            self.check(after)
        except AvetError as exc:
            problem: str | None = str(exc)
        else:
            problem = None
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._checked, problem, result)

    def _checked(self, problem: str | None, result: EditResult) -> None:
        if self.closed or not self.is_attached:  # dismissed while the thread ran
            return
        if problem is None:
            self.dismiss(result)
        else:
            self._refuse(problem)

    def save_and_quit(self) -> None:
        """Saves as ctrl+s does (:meth:`action_save`, the same checks); the result
        asks the app to quit once the edit is written. A refused save shows the
        problem and the dialog stays open, as ctrl+s leaves it."""
        self.quit_after_save = True
        self.action_save()

    def _refuse(self, problem: str) -> None:
        """Shows why the entry cannot be saved; the dialog stays open (and a "Save
        and quit" that was under way does not quit)."""
        self.quit_after_save = False
        self.problem = problem
        error = self.query_one("#edit-error", Static)
        error.update(f"Not saved: {problem}")
        error.add_class("shown")

    def action_cancel(self) -> None:
        if not self.closed:
            self.dismiss(None)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()


class QuitScreen(ModalScreen[str]):
    """Asks before quitting over an edit dialog with unsaved changes: the result is
    :attr:`STAY` (back to the dialog), :attr:`SAVE` (save the edit as the dialog's
    save does, then quit once it is written) or :attr:`DISCARD` (quit; the edit is
    lost)."""

    STAY: ClassVar[str] = "stay"
    SAVE: ClassVar[str] = "save"
    DISCARD: ClassVar[str] = "discard"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "stay", "Keep editing", show=True),
        Binding("s", "save", "Save and quit", show=True),
        Binding("d", "discard", "Discard and quit", show=True),
    ]

    def __init__(self, what: str) -> None:
        super().__init__()
        self.what = what

    def compose(self) -> ComposeResult:
        with Vertical(id="quit-dialog", classes="dialog"):
            yield Label(f"Quit with {self.what} unsaved?", classes="dialog-title",
                        markup=False)
            yield Static("Save and quit saves it as ctrl+s does and quits once it is "
                         "written; if it cannot be saved, the dialog stays open and says "
                         "why. Discard and quit (or ctrl+q again) loses it.", classes="dim")
            with Horizontal(classes="buttons"):
                yield Button("Keep editing (esc)", id="stay", variant="primary")
                yield Button("Save and quit (s)", id="save", variant="success")
                yield Button("Discard and quit (d)", id="discard", variant="error")

    def on_mount(self) -> None:
        self.query_one("#stay", Button).focus()

    def action_stay(self) -> None:
        self.dismiss(self.STAY)

    def action_save(self) -> None:
        self.dismiss(self.SAVE)

    def action_discard(self) -> None:
        self.dismiss(self.DISCARD)

    @on(Button.Pressed, "#stay")
    def _stay_pressed(self) -> None:
        self.action_stay()

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#discard")
    def _discard_pressed(self) -> None:
        self.action_discard()

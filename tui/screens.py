"""Modal screens of the review app: help, edit, export, merge, and a form chooser."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from glossary.checks import check_terms
from glossary.errors import AvetError
from glossary.formats import EXTENSIONS, FORMATS, guess_format
from glossary.formats.registry import REGISTRY
from glossary.model import LANGS, Entry
from glossary.normalize import clean_form, nfc
from tui import bidi
from tui.jobs import EntryCheck, apply_edit

__all__ = [
    "EXPORT_FORMATS",
    "ChooseScreen",
    "EditResult",
    "EditScreen",
    "ExportChoice",
    "ExportScreen",
    "HelpScreen",
    "MergeScreen",
    "default_export_path",
    "export_format",
    "export_lang_choices",
]

#: Formats the export function accepts (those of glossary.formats.write_glossary).
EXPORT_FORMATS: tuple[str, ...] = FORMATS
#: The formats that hold one direction (``avet glossary export --from --to``).
_DIRECTED = ("deepl",)
#: The default direction of a DeepL glossary: Vietnamese content published in Arabic.
_DEFAULT_DIRECTION = ("vi", "ar")

Transliterate = Callable[[str], list[str]]


class HelpScreen(ModalScreen[None]):
    """Lists every key binding (F1)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,q", "dismiss", "Close", show=True),
    ]

    def __init__(self, bindings: Iterable[tuple[str, str]]) -> None:
        super().__init__()
        self._keys = list(bindings)

    def compose(self) -> ComposeResult:
        table = Table(show_header=True, header_style="bold", box=None, expand=True)
        table.add_column("Key", style="bold cyan", no_wrap=True, width=24)
        table.add_column("Action", ratio=1)
        for keys, description in self._keys:
            table.add_row(keys, description)
        with Vertical(id="help-dialog", classes="dialog"):
            yield Label("avet review — keys", classes="dialog-title")
            with VerticalScroll():
                yield Static(table)
            yield Label("Esc or F1 closes · ctrl+p opens the command palette", classes="dim")


@dataclass(frozen=True)
class EditResult:
    """The edited fields of an entry."""

    ar: str
    vi: str
    en: str
    note: str


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
        if not self.is_attached:  # dismissed while the thread ran
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

    def action_save(self) -> None:
        def value(name: str) -> str:
            typed = self.query_one(f"#edit-{name}", Input).value
            shown = self.entry.note if name == "note" else self.entry.forms[name].preferred
            if typed == shown:  # left as it was: not an edit
                return typed
            # A form cleaned as import cleans it (NFC, no bidi marks), Arabic without
            # harakat or tatweel as extraction stores it.
            return nfc(typed) if name == "note" else clean_form(typed, name, keep_harakat=False)
        result = EditResult(value("ar"), value("vi"), value("en"), value("note"))
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
        if not self.is_attached:  # cancelled while the thread ran
            return
        if problem is None:
            self.dismiss(result)
        else:
            self._refuse(problem)

    def _refuse(self, problem: str) -> None:
        """Shows why the entry cannot be saved; the dialog stays open."""
        self.problem = problem
        error = self.query_one("#edit-error", Static)
        error.update(f"Not saved: {problem}")
        error.add_class("shown")

    def action_cancel(self) -> None:
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


def export_lang_choices(fmt: str) -> list[tuple[str, tuple[str, ...]]]:
    """The language choices of the export dialog for ``fmt``, the default first.

    ``deepl`` holds one direction (``vi → ar``); ``google`` and ``amazon`` take
    their columns, the source first (``avet glossary export --langs``); the
    other formats hold every language and get no choice (an empty list).
    """
    if fmt in _DIRECTED:
        pairs = [_DEFAULT_DIRECTION, *((s, t) for s in LANGS for t in LANGS
                                       if s != t and (s, t) != _DEFAULT_DIRECTION)]
        return [(f"{s} → {t}", (s, t)) for s, t in pairs]
    if fmt in REGISTRY and REGISTRY[fmt].langs:
        orders = [(first, *(lang for lang in LANGS if lang != first)) for first in LANGS]
        pairs = [(s, t) for s in LANGS for t in LANGS if s != t]
        return [(", ".join(langs), langs) for langs in (*orders, *pairs)]
    return []


def default_export_path(folder: Path, fmt: str, langs: tuple[str, ...] | None = None) -> str:
    """The file the export dialog proposes: ``glossary.tbx``, ``glossary.vi-ar.deepl.tsv``
    (the languages, source first, where the format has a choice of them)."""
    pair = f"{'-'.join(langs)}." if langs else ""
    return str(folder / f"glossary.{pair}{_suffix(fmt)}")


def _suffix(fmt: str) -> str:
    """The file suffix of ``fmt``: its extension (``tbx``), after its name where the
    extension reads as another format (``deepl.tsv``, ``google.csv``)."""
    extension = REGISTRY[fmt].extension
    return extension[1:] if EXTENSIONS.get(extension) == fmt else fmt + extension


def export_format(path: Path, fmt: str,
                  langs: tuple[str, ...] | None) -> tuple[str, tuple[str, ...] | None]:
    """The format and languages to write ``path`` in, as ``avet glossary export``
    chooses it from the extension (:func:`~glossary.formats.guess_format`).

    ``fmt`` (the dialog's choice) stays when the extension is one of its own
    (``.csv`` for ``google`` and ``amazon``, ``.tsv`` for ``deepl``) or not one
    that names a format; otherwise the extension's format is taken, without
    languages (those formats hold every language).
    """
    if path.suffix.lower() not in EXTENSIONS:
        return fmt, langs
    directed = langs if fmt in _DIRECTED and langs else (None, None)
    guessed = guess_format(path, reading=False, source_lang=directed[0],
                           target_lang=directed[-1])
    if guessed == fmt or (guessed == "csv" and fmt in ("google", "amazon")):
        return fmt, langs
    return guessed, None


@dataclass(frozen=True)
class ExportChoice:
    """What the export dialog asks for: the file, the format and its languages
    (``None`` for formats without a choice of them)."""

    path: Path
    fmt: str
    langs: tuple[str, ...] | None = None


class ExportScreen(ModalScreen[ExportChoice | None]):
    """Asks for an export format, its languages where it has a choice, and a file path."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", show=True),
        Binding("ctrl+s", "export", "Export", show=True),
    ]

    def __init__(self, folder: Path, fmt: str = "tbx") -> None:
        super().__init__()
        self.folder = folder
        self.fmt = fmt
        self.langs = self._first_langs(fmt)

    @staticmethod
    def _first_langs(fmt: str) -> tuple[str, ...] | None:
        choices = export_lang_choices(fmt)
        return choices[0][1] if choices else None

    def _default_path(self, fmt: str, langs: tuple[str, ...] | None) -> str:
        return default_export_path(self.folder, fmt, langs)

    def compose(self) -> ComposeResult:
        choices = export_lang_choices(self.fmt) or [("", ())]
        with Vertical(id="export-dialog", classes="dialog"):
            yield Label("Export the approved entries", classes="dialog-title")
            yield Label("Format")
            yield Select([(f, f) for f in EXPORT_FORMATS], value=self.fmt, allow_blank=False,
                         id="export-format")
            langs = Vertical(id="export-langs-box")
            langs.display = self.langs is not None
            with langs:
                yield Label("Languages (source first)", id="export-langs-label")
                yield Select(choices, allow_blank=False, id="export-langs")
            yield Label("File")
            yield Input(self._default_path(self.fmt, self.langs), id="export-path")
            with Horizontal(classes="buttons"):
                yield Button("Export (enter)", id="export", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    def _set_path(self, fmt: str, langs: tuple[str, ...] | None) -> None:
        """Follows the format and languages unless the reviewer typed another path."""
        path = self.query_one("#export-path", Input)
        if path.value == self._default_path(self.fmt, self.langs):
            path.value = self._default_path(fmt, langs)
        self.fmt, self.langs = fmt, langs

    @on(Select.Changed, "#export-format")
    def _format_changed(self, event: Select.Changed) -> None:
        fmt = str(event.value)
        if fmt == self.fmt:
            return
        choices = export_lang_choices(fmt)
        langs = choices[0][1] if choices else None
        self._set_path(fmt, langs)
        if choices:
            self.query_one("#export-langs", Select).set_options(choices)
            self.query_one("#export-langs-label", Label).update(
                "Direction" if fmt in _DIRECTED else "Languages (columns; the source first)")
        self.query_one("#export-langs-box").display = bool(choices)

    @on(Select.Changed, "#export-langs")
    def _langs_changed(self, event: Select.Changed) -> None:
        if self.langs is not None and isinstance(event.value, tuple) and event.value:
            self._set_path(self.fmt, event.value)

    def action_export(self) -> None:
        value = self.query_one("#export-path", Input).value.strip()
        if not value:
            self.notify("give a file path", severity="warning", markup=False)
            return
        langs = None
        if export_lang_choices(self.fmt):
            chosen = self.query_one("#export-langs", Select).value
            langs = chosen if isinstance(chosen, tuple) and chosen else self.langs
        path = Path(value).expanduser()
        fmt, langs = export_format(path, self.fmt, langs)
        if fmt != self.fmt:
            self.app.notify(f"writing {fmt}, not {self.fmt}: the file name ends in "
                            f"{path.suffix} (as avet glossary export does)", markup=False)
        self.dismiss(ExportChoice(path, fmt, langs))

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_export()

    @on(Button.Pressed, "#export")
    def _export_pressed(self) -> None:
        self.action_export()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()


class ChooseScreen(ModalScreen[tuple[str, str] | None]):
    """Picks one ``(lang, text)`` form from a list (split a variant, forbid a rendering)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", show=True)]

    def __init__(self, title: str, choices: list[tuple[str, str]],
                 bidi_mode: str = "visual") -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices
        self.bidi_mode = bidi_mode

    def compose(self) -> ComposeResult:
        options = [Option(f"{lang}  {bidi.display(text, 60, self.bidi_mode)}", id=str(i))
                   for i, (lang, text) in enumerate(self.choices)]
        with Vertical(id="choose-dialog", classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            # The forms are the user's text, not Textual markup ("[/i]" must show as typed).
            yield OptionList(*options, id="choices", markup=False)
            yield Label("Enter picks · Esc cancels", classes="dim")

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.choices[int(event.option.id or 0)])

    def action_cancel(self) -> None:
        self.dismiss(None)


class MergeScreen(ModalScreen[int | None]):
    """Confirms a merge: lists the entries and asks which one to keep.

    The entry highlighted first is ``keep``; Enter merges into the highlighted
    entry, Esc cancels.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", show=True)]

    def __init__(self, entries: list[Entry], keep: int, bidi_mode: str = "visual") -> None:
        super().__init__()
        self.entries = entries
        self.keep = keep
        self.bidi_mode = bidi_mode

    def _option(self, entry: Entry) -> Option:
        text = Text(f"#{entry.id}", style="bold")
        text.append(f"  {entry.status} · {entry.kind} · frequency {entry.frequency}", style="dim")
        for lang in ("ar", "vi", "en"):
            form = entry.forms[lang].preferred
            shown = bidi.display(form, 56, self.bidi_mode) if lang == "ar" else form
            text.append(f"\n  {lang}  ")
            text.append(shown or "—", style="" if form else "dim")
        return Option(text, id=str(entry.id))

    def compose(self) -> ComposeResult:
        with Vertical(id="merge-dialog", classes="dialog"):
            yield Label(f"Merge {len(self.entries)} entries: keep which one?",
                        classes="dialog-title")
            yield Label("The others are removed; their forms become the kept entry's variants.",
                        classes="dim")
            yield OptionList(*(self._option(e) for e in self.entries), id="merge-choices")
            yield Label("Enter merges into the highlighted entry · Esc cancels · ctrl+z undoes",
                        classes="dim")

    def on_mount(self) -> None:
        choices = self.query_one("#merge-choices", OptionList)
        choices.highlighted = [e.id for e in self.entries].index(self.keep)
        choices.focus()

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0))

    def action_cancel(self) -> None:
        self.dismiss(None)

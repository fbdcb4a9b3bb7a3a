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

from glossary.errors import AvetError
from glossary.formats import FORMATS
from glossary.model import Entry
from glossary.normalize import nfc
from tui import bidi

__all__ = [
    "EXPORT_FORMATS",
    "ChooseScreen",
    "EditResult",
    "EditScreen",
    "ExportScreen",
    "HelpScreen",
    "MergeScreen",
    "default_export_path",
]

#: Formats the export function accepts (those of glossary.formats.write_glossary).
EXPORT_FORMATS: tuple[str, ...] = FORMATS
#: Default file suffix per export format, where it is not the format's name.
_EXTENSIONS = {"deepl": "deepl.tsv", "google": "google.csv", "amazon": "amazon.csv"}

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
    suggests are shown; ctrl+t copies the first into the Arabic field.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", show=True),
        Binding("ctrl+s", "save", "Save", show=True),
        Binding("ctrl+t", "use_suggestion", "Use Arabic suggestion", show=True),
    ]

    def __init__(self, entry: Entry, transliterate: Transliterate | None,
                 focus: str = "vi", bidi_mode: str = "visual") -> None:
        super().__init__()
        self.entry = entry
        self.transliterate = transliterate
        self.focus_field = focus
        self.bidi_mode = bidi_mode
        self.suggestions: list[str] = []

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
            # Vietnamese typed with combining tone marks (NFD) is stored as NFC.
            return nfc(self.query_one(f"#edit-{name}", Input).value)
        self.dismiss(EditResult(value("ar"), value("vi"), value("en"), value("note")))

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


def default_export_path(folder: Path, fmt: str) -> str:
    """The file the export dialog proposes for ``fmt`` (``glossary.deepl.tsv``)."""
    return str(folder / f"glossary.{_EXTENSIONS.get(fmt, fmt)}")


class ExportScreen(ModalScreen[tuple[Path, str] | None]):
    """Asks for an export format and a file path."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", show=True),
        Binding("ctrl+s", "export", "Export", show=True),
    ]

    def __init__(self, folder: Path, fmt: str = "tbx") -> None:
        super().__init__()
        self.folder = folder
        self.fmt = fmt

    def _default_path(self, fmt: str) -> str:
        return default_export_path(self.folder, fmt)

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog", classes="dialog"):
            yield Label("Export the approved entries", classes="dialog-title")
            yield Label("Format")
            yield Select([(f, f) for f in EXPORT_FORMATS], value=self.fmt, allow_blank=False,
                         id="export-format")
            yield Label("File")
            yield Input(self._default_path(self.fmt), id="export-path")
            with Horizontal(classes="buttons"):
                yield Button("Export (enter)", id="export", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    @on(Select.Changed, "#export-format")
    def _format_changed(self, event: Select.Changed) -> None:
        path = self.query_one("#export-path", Input)
        if path.value == self._default_path(self.fmt):
            path.value = self._default_path(str(event.value))
        self.fmt = str(event.value)

    def action_export(self) -> None:
        value = self.query_one("#export-path", Input).value.strip()
        if not value:
            self.notify("give a file path", severity="warning", markup=False)
            return
        self.dismiss((Path(value).expanduser(), self.fmt))

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

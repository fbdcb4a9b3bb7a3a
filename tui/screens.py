"""Modal screens of the review app: help, export, merge, and a form chooser (the edit
dialog is in :mod:`tui.edit`, re-exported here)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from glossary.formats import EXTENSIONS, FORMATS, guess_format
from glossary.formats.registry import REGISTRY
from glossary.model import LANGS, Entry
from tui import bidi
from tui.edit import EditResult, EditScreen, QuitScreen, Transliterate

__all__ = [
    "EXPORT_FORMATS",
    "ChooseScreen",
    "EditResult",
    "EditScreen",
    "ExportChoice",
    "ExportScreen",
    "HelpScreen",
    "MergeScreen",
    "QuitScreen",
    "Transliterate",
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

"""The detail pane: the selected entry's forms, candidates, note and concordance."""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from glossary.model import Entry
from tui import bidi
from tui.index import kwic
from tui.jobs import pickable

__all__ = ["DetailPane", "render_entry"]

_LANG_NAMES = {"ar": "Arabic", "vi": "Vietnamese", "en": "English"}


def _line(text: Text, mode: str) -> Text:
    return bidi.reorder_text(text) if mode == "visual" else text


def _forms_line(entry: Entry, lang: str, mode: str) -> Text:
    forms = entry.forms[lang]
    text = Text(f"{lang}  ", style="bold")
    text.append(forms.preferred or "—", style="bold" if forms.preferred else "dim")
    if forms.variants:
        text.append("   variants: ", style="dim")
        text.append(" · ".join(forms.variants))
    if forms.forbidden:
        text.append("   forbidden: ", style="dim")
        text.append(" · ".join(forms.forbidden), style="strike red")
    return _line(text, mode)


def _doc_name(doc: str) -> str:
    return doc.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]


def _kwic_lines(entry: Entry, width: int, mode: str) -> list[Text]:
    """One line per context: document, left context, the term (highlighted), right
    context, and the variant found there; never wider than ``width``."""
    lines = []
    names = [_doc_name(ctx.doc) for ctx in entry.contexts]
    doc_width = min(16, max((cell_len(n) for n in names), default=0))
    for name, item in zip(names, kwic(entry, width=width), strict=True):
        form = bidi.truncate(item.form, 24)
        free = width - doc_width - 2 - cell_len(item.term) - (cell_len(form) + 3 if form else 0)
        side = max(4, free // 2)
        left = item.left
        if cell_len(left) > side:
            left = bidi.ELLIPSIS + left[-(side - 1):]
        right = bidi.truncate(item.right, side)
        body = Text(left)
        body.append(item.term, style="bold reverse")
        body.append(right)
        if mode == "visual":
            body = bidi.reorder_text(body, base=bidi.paragraph_level(item.term + left + right))
        line = Text(bidi.truncate(name, doc_width).ljust(doc_width) + "  ", style="dim",
                    no_wrap=True, overflow="ellipsis")
        line.append_text(body)
        if form:
            line.append(" ← ", style="dim")
            line.append(bidi.display(form, None, mode), style="cyan")
        lines.append(line)
    return lines


def render_entry(entry: Entry | None, width: int = 100, mode: str = "visual") -> Group:
    """Returns the rich renderable the pane shows for ``entry``.

    Args:
        entry: The entry, or ``None`` for an empty pane.
        width: Cells available, for the concordance lines.
        mode: ``visual`` or ``logical`` (see :mod:`tui.bidi`).
    """
    if entry is None:
        return Group(Text("No entry selected.", style="dim"))
    head = Text(f"#{entry.id}", style="bold")
    head.append(f"  {entry.kind} · {entry.status} · frequency {entry.frequency}"
                f" · score {entry.score:.2f}", style="dim")
    if entry.source:
        head.append(f" · {entry.source}", style="dim")
    parts: list[Text] = [head]
    parts += [_forms_line(entry, lang, mode) for lang in _LANG_NAMES]
    ranked = pickable(entry)  # a forbidden candidate cannot be picked
    if ranked:
        cands = Text("candidates  ", style="bold")
        for number, cand in enumerate(ranked[:9], start=1):
            chosen = cand.text == entry.forms["vi"].preferred
            cands.append(f"[{number}] ", style="bold cyan")
            cands.append(cand.text, style="bold green" if chosen else "")
            cands.append(f" {cand.score:.2f}   ", style="dim")
        cands.append("(1–9 picks)", style="dim italic")
        parts.append(cands)
    if entry.note:
        parts.append(_line(Text("note  ", style="bold") + Text(entry.note), mode))
    contexts = _kwic_lines(entry, width, mode)
    parts.append(Text(f"concordance ({len(entry.contexts)})", style="bold underline"))
    parts += contexts or [Text("no contexts recorded", style="dim")]
    return Group(*parts)


class DetailPane(VerticalScroll, can_focus=False):
    """Scrollable pane showing one entry."""

    def __init__(self, *, bidi_mode: str = "visual", id: str | None = None) -> None:
        super().__init__(id=id)
        self.bidi_mode = bidi_mode
        self.entry: Entry | None = None
        # Held from the start: a row may be highlighted before the pane is composed.
        self._body = Static(id="detail-body")

    def compose(self) -> ComposeResult:
        yield self._body

    def show(self, entry: Entry | None) -> None:
        """Shows ``entry`` (``None`` clears the pane)."""
        self.entry = entry
        width = max(40, self.size.width - 2)
        self._body.update(render_entry(entry, width, self.bidi_mode))

    def on_resize(self) -> None:
        self.show(self.entry)

"""The entry table: a virtual table that draws only the rows on screen.

Textual's ``DataTable`` keeps a row object per row and measures cells as they
are added: refilling it with 1,000 rows takes 0.25–0.45 s and loading 100k rows
about 20 s (measured with Textual 8.2), too slow to refilter on each keystroke.
This widget renders lines on demand from a list of :class:`~tui.index.Row`
(Textual's Line API), so filtering and sorting cost only the list operations.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui import bidi
from tui.index import COLUMNS, Column, Row

__all__ = ["EntryTable"]

#: Share of the free width given to the text columns.
_FLEX = {"ar": 0.4, "vi": 0.34, "en": 0.26}
#: Columns left out, in this order, while the text columns would get fewer cells.
_DROP_ORDER = ("score", "variants", "kind", "frequency", "en", "id")
_MIN_FLEX = 10
_MARK = "●"


def _fit(text: str, width: int, right: bool = False) -> str:
    text = bidi.truncate(text, width)
    pad = " " * max(0, width - cell_len(text))
    return pad + text if right else text + pad


class EntryTable(ScrollView, can_focus=True):
    """Shows rows with a cursor; marked rows carry a dot for bulk actions."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor(-1)", "Up", show=False),
        Binding("down,j", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "cursor_to(0)", "First", show=False),
        Binding("end", "cursor_to(-1)", "Last", show=False),
        Binding("space", "toggle_mark", "Mark", show=True),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "entry-table--header",
        "entry-table--cursor",
        "entry-table--marked",
        "entry-table--approved",
        "entry-table--rejected",
        "entry-table--candidate",
        "entry-table--guess",
    }

    DEFAULT_CSS = """
    EntryTable { overflow-x: hidden; }
    EntryTable > .entry-table--header { text-style: bold; background: $panel; }
    EntryTable > .entry-table--cursor { background: $block-cursor-blurred-background; }
    EntryTable:focus > .entry-table--cursor { background: $block-cursor-background;
        color: $block-cursor-foreground; }
    EntryTable > .entry-table--marked { color: $accent; text-style: bold; }
    EntryTable > .entry-table--approved { color: $success; }
    EntryTable > .entry-table--rejected { color: $error; }
    EntryTable > .entry-table--candidate { color: $warning; }
    EntryTable > .entry-table--guess { text-style: italic; color: $text-muted; }
    """

    cursor: reactive[int] = reactive(0, always_update=True)

    class Highlighted(Message):
        """The cursor moved to ``row`` (``None``: the table is empty)."""

        def __init__(self, row: Row | None) -> None:
            super().__init__()
            self.row = row

    class HeaderClicked(Message):
        """The header of column ``key`` was clicked."""

        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    def __init__(self, *, bidi_mode: str = "visual", id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[Row] = []
        self.marked: set[int] = set()
        self.bidi_mode = bidi_mode
        self.sort_key = ""
        self.sort_descending = False
        self._widths: list[int] = []
        self._columns: list[Column] = list(COLUMNS)

    # -- data --------------------------------------------------------------

    def set_rows(self, rows: list[Row], position: int | None = None) -> None:
        """Shows ``rows`` with the cursor at ``position`` (default: the first row)."""
        self.rows = rows
        index = position or 0
        self.virtual_size = Size(self.size.width, len(rows) + 1)
        self.cursor = index
        self.refresh()

    @property
    def current(self) -> Row | None:
        """The row under the cursor."""
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    def validate_cursor(self, value: int) -> int:
        """Keeps the cursor on a row."""
        return max(0, min(value, len(self.rows) - 1))

    def watch_cursor(self, value: int) -> None:
        """Scrolls the cursor's row into view and announces it."""
        visible = max(1, self.size.height - 1)
        top = round(self.scroll_offset.y)
        if value < top:
            self.scroll_to(y=value, animate=False, immediate=True)
        elif value >= top + visible:
            self.scroll_to(y=value - visible + 1, animate=False, immediate=True)
        self.refresh()
        self.post_message(self.Highlighted(self.current))

    # -- actions -----------------------------------------------------------

    def action_cursor(self, delta: int) -> None:
        self.cursor += delta

    def action_page(self, direction: int) -> None:
        self.cursor += direction * max(1, self.size.height - 2)

    def action_cursor_to(self, index: int) -> None:
        self.cursor = index if index >= 0 else len(self.rows) - 1

    def action_toggle_mark(self) -> None:
        row = self.current
        if row is None:
            return
        self.marked.symmetric_difference_update({row.id})
        self.cursor += 1
        self.post_message(self.Highlighted(self.current))

    # -- mouse -------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if offset.y == 0:
            x = 0
            widths = self._column_widths()
            for column, width in zip(self._columns, widths, strict=True):
                if x <= offset.x < x + width + 1:
                    self.post_message(self.HeaderClicked(column.key))
                    return
                x += width + 1
            return
        self.cursor = round(self.scroll_offset.y) + offset.y - 1

    # -- rendering -----------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._widths = []
        self.virtual_size = Size(event.size.width, len(self.rows) + 1)

    def _column_widths(self) -> list[int]:
        """Widths of :attr:`_columns`, the columns that fit (a narrow table drops some)."""
        if not self._widths:
            width = self.scrollable_content_region.width - 2  # mark column
            columns = list(COLUMNS)
            for key in _DROP_ORDER:
                fixed = sum(c.width + 1 for c in columns if c.key not in _FLEX)
                flex = [c for c in columns if c.key in _FLEX]
                if width - fixed - len(flex) >= _MIN_FLEX * len(flex):
                    break
                columns = [c for c in columns if c.key != key]
            fixed = sum(c.width + 1 for c in columns if c.key not in _FLEX)
            shares = {c.key: _FLEX[c.key] for c in columns if c.key in _FLEX}
            free = max(_MIN_FLEX * len(shares), width - fixed - len(shares))
            total = sum(shares.values())
            self._columns = columns
            self._widths = [int(free * shares[c.key] / total) if c.key in shares else c.width
                            for c in columns]
        return self._widths

    def _header(self, width: int) -> Strip:
        style = self.get_component_rich_style("entry-table--header")
        cells = []
        widths = self._column_widths()
        for column, w in zip(self._columns, widths, strict=True):
            title = column.title
            if column.key == self.sort_key:
                title += "▼" if self.sort_descending else "▲"
            cells.append(_fit(title, w, right=column.numeric))
        text = "  " + " ".join(cells)
        return Strip([Segment(text, style)]).adjust_cell_length(width, style)

    def _cells(self, row: Row, base: Style) -> list[Segment]:
        widths = self._column_widths()
        segments = [Segment(_MARK + " " if row.id in self.marked else "  ",
                            base + self.get_component_rich_style("entry-table--marked"))]
        for column, w in zip(self._columns, widths, strict=True):
            style = base
            if column.key == "ar":
                text = bidi.display(row.ar, w, self.bidi_mode)
                text = _fit(text, w, right=self.bidi_mode == "visual")
            else:
                value = getattr(row, column.key)
                if column.key == "score":
                    value = f"{value:.2f}"
                text = _fit(str(value), w, right=column.numeric)
                if column.key == "status":
                    style = base + self.get_component_rich_style(f"entry-table--{row.status}")
                elif column.key == "vi" and row.vi_is_candidate:
                    style = base + self.get_component_rich_style("entry-table--guess")
            segments.append(Segment(text + " ", style))
        return segments

    def render_line(self, y: int) -> Strip:
        """Renders line ``y`` of the widget: the header, a row or blank."""
        width = self.scrollable_content_region.width
        if y == 0:
            return self._header(width)
        index = round(self.scroll_offset.y) + y - 1
        base = self.rich_style
        if index >= len(self.rows):
            return Strip.blank(width, base)
        row = self.rows[index]
        if index == self.cursor:
            base = base + self.get_component_rich_style("entry-table--cursor")
        return Strip(self._cells(row, base)).adjust_cell_length(width, base)

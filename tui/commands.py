"""The review app's keys (one table for the footer, help and palette) and the
command palette provider: every action, searchable by name (ctrl+p)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui.index import COLUMNS

if TYPE_CHECKING:
    from tui.app import ReviewApp

__all__ = ["KEYS", "TABLE_KEYS", "ReviewCommands", "palette_commands"]

#: (keys, action, footer label, description, shown in the footer); help and palette use it too.
KEYS: tuple[tuple[str, str, str, str, bool], ...] = (
    ("a", "approve", "Approve", "Approve the marked entries (or the one under the cursor)", True),
    ("r", "reject", "Reject", "Reject the marked entries (or the one under the cursor)", True),
    ("u", "unreview", "Unreview", "Set the marked entries back to candidate", False),
    ("e", "edit", "Edit", "Edit the Arabic, Vietnamese, English forms and the note", True),
    ("f", "forbid", "Forbid", "Mark a variant or candidate a forbidden rendering", True),
    ("F", "allow", "Allow", "Allow a forbidden rendering again (undoes f)", False),
    ("m", "merge", "Merge", "Merge the marked entries (asks which one to keep)", True),
    ("s", "split", "Split", "Split a variant out into a new entry", True),
    ("ctrl+z", "undo", "Undo", "Undo your last change of this session", True),
    ("ctrl+y", "redo", "Redo", "Redo the change of this session undone last", True),
    ("x", "export", "Export", "Export the approved entries", True),
    ("slash", "focus_filter", "Filter", "Filter by text (Arabic, Vietnamese, English)", True),
    ("t", "cycle_status", "Status", "Filter by status (cycles)", False),
    ("n", "cycle_kind", "Kind", "Filter by kind (cycles)", False),
    ("o", "sort_next", "Sort", "Sort by the next column", False),
    ("O", "sort_reverse", "Reverse", "Reverse the sort order", False),
    ("b", "toggle_bidi", "Bidi", "Arabic display: visual / logical order", False),
    ("plus", "mark_all", "Mark all", "Mark every entry shown (filter first, then a, r or u)",
     False),
    ("minus", "clear_marks", "Clear marks", "Clear the marks", False),
    ("escape", "escape", "Back", "Leave the filter / clear the marks", False),
    ("f1", "help", "Help", "Show the keys", True),
)
TABLE_KEYS: tuple[tuple[str, str], ...] = (
    ("space", "Mark or unmark the entry and go down (bulk actions, merge)"),
    ("1 … 9", "Pick Vietnamese candidate n as the preferred form"),
    ("↑ ↓ PgUp PgDn Home End", "Move in the table (click a header to sort)"),
    ("ctrl+p", "Command palette: every action by name"),
    ("ctrl+q", "Quit"),
)


def palette_commands() -> list[tuple[str, str, str]]:
    """Returns ``(title, help, action)`` for every app action."""
    commands = [(d.split(" (")[0], f"key: {k}", a) for k, a, _, d, _ in KEYS]
    commands += [(f"Pick Vietnamese candidate {n}", f"key: {n}", f"pick({n})")
                 for n in range(1, 10)]
    commands += [(f"Sort by {c.title if c.key != 'id' else 'id'}", "or click its header",
                  f"sort_by('{c.key}')") for c in COLUMNS]
    commands += [("Mark or unmark the entry", "key: space", "toggle_mark"),
                 ("Quit", "key: ctrl+q", "quit")]
    return commands



class ReviewCommands(Provider):
    """Offers the app's actions (:meth:`ReviewApp.palette_commands`)."""

    def _commands(self) -> list[tuple[str, str, str]]:
        app = cast("ReviewApp", self.app)
        return app.palette_commands()

    def _run(self, action: str) -> None:
        self.app.call_later(self.app.run_action, action)

    async def discover(self) -> Hits:
        """Lists every action when the palette opens with an empty query."""
        for title, help_text, action in self._commands():
            yield DiscoveryHit(title, partial(self._run, action), help=help_text)

    async def search(self, query: str) -> Hits:
        """Yields the actions whose title matches ``query``, best match first."""
        matcher = self.matcher(query)
        for title, help_text, action in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(self._run, action),
                          text=title, help=help_text)

"""The detail pane shows an entry even when a row is highlighted before it is composed."""

from __future__ import annotations

from rich.console import Group

from glossary.model import Entry, Forms
from tui.detail import DetailPane


def test_show_before_compose_keeps_the_entry() -> None:
    entry = Entry(kind="term")
    entry.forms["ar"] = Forms(preferred="التحول الرقمي")
    entry.forms["en"] = Forms(preferred="digital transformation")
    pane = DetailPane(id="detail")
    pane.show(entry)  # before the fix: NoMatches('#detail-body')
    assert pane.entry is entry
    content = pane._body.content
    assert isinstance(content, Group)
    shown = [getattr(part, "plain", "") for part in content.renderables]
    assert any("digital transformation" in line for line in shown)

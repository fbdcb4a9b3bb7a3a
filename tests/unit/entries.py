"""Entries the extraction tests build: approved ones, as a glossary would hold them."""

from __future__ import annotations

from glossary.model import Entry, Forms


def approved(ar: str, vi: str, en: str, kind: str = "term", variants: tuple[str, ...] = ()
             ) -> Entry:
    """An approved entry with one form per language (and Arabic variants)."""
    entry = Entry(kind=kind, status="approved", source="test")
    entry.forms["ar"] = Forms(preferred=ar, variants=list(variants))
    entry.forms["vi"] = Forms(preferred=vi)
    entry.forms["en"] = Forms(preferred=en)
    return entry

"""Putting extraction results into the glossary store."""

from __future__ import annotations

from collections.abc import Sequence

from glossary.checks import approvable
from glossary.model import Entry
from glossary.store import Store
from toolkit.extract.pipeline import Extracted

__all__ = ["store_candidates"]


def store_candidates(store: Store, candidates: Sequence[Extracted], *,
                     approve_known: bool = False,
                     label: str = "extract") -> list[tuple[Entry, str]]:
    """Merges candidates into the store; approved entries keep their forms.

    Everything is stored in one transaction and one journal group: all or
    nothing, and one ``avet glossary undo`` reverts it.

    Args:
        store: The glossary store.
        candidates: From :func:`toolkit.extract.extract_paths`.
        approve_known: Approve the candidates that an approved entry (starter
            termbase or glossary) confirms, but those that would clash with an
            approved entry (:func:`glossary.checks.approvable`).
        label: How undo names the action (e.g. ``"extract news.ar.txt"``).

    Returns:
        Per candidate, the stored entry and which detector found it.

    Raises:
        StoreError: If another process holds the database too long, or the store
            is read-only; nothing is stored then.
    """
    to_approve: list[int] = []
    rows: list[tuple[Entry, str]] = []
    with store.batch(label):
        for found in candidates:
            entry_id = store.upsert_evidence(found.entry, found.doc_counts)
            stored = store.get(entry_id)
            if approve_known and found.known and stored.status != "approved":
                to_approve.append(entry_id)
            rows.append((stored, found.origin))
        # A known candidate that clashes with an approved entry stays a candidate.
        kept = approvable([store.get(i) for i in dict.fromkeys(to_approve)], store.find_by_form)
        approved = store.set_status([e.id for e in kept if e.id is not None], "approved")
        for stored, _ in rows:
            if stored.id in approved:
                stored.status = "approved"
    return rows

"""Term counting as the extractor does it, over toy documents written for the tests."""

from __future__ import annotations

from toolkit.extract.terms import TermCounter
from toolkit.extract.tokenize import chunks, tokenize


def count_terms(docs: list[str], counter: TermCounter | None = None) -> TermCounter:
    """Counts the term candidates of ``docs`` (named doc0, doc1 …), one document at a time."""
    counter = counter if counter is not None else TermCounter()
    for i, doc in enumerate(docs):
        counter.start_document()
        for chunk in chunks(tokenize(doc)):
            counter.add_chunk(f"doc{i}", doc, chunk)
    return counter

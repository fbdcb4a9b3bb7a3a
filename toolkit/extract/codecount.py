"""Counting the codes of the documents: Latin-script codes and acronyms as written
(:func:`toolkit.extract.codes.find_codes`), and acronyms spelled with Arabic letter
names (في إن بي تي → VNPT), which join the Latin code they spell.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from functools import partial

from toolkit.extract.cluster import Cluster, spelled_acronym_readings
from toolkit.extract.codes import ascii_digits, find_codes
from toolkit.extract.contexts import MAX_CONTEXTS, make_context
from toolkit.extract.data import letter_names
from toolkit.extract.reader import Document
from toolkit.extract.tokenize import Token

__all__ = ["CodeCounter"]


class CodeCounter:
    """The codes found so far, one cluster per code.

    Attributes:
        clusters: Code (its ASCII-digit form: ١٢/٢٠٢٤/NĐ-CP is 12/2024/NĐ-CP) → its
            cluster, whose forms keep what was written.
        spelled: Acronyms spelled with Arabic letter names, by their best reading.
    """

    def __init__(self) -> None:
        self.clusters: dict[str, Cluster] = {}
        self.spelled: dict[str, Cluster] = {}

    def add_document(self, doc: Document, tokens: Sequence[Token], taken: set[int],
                     start: int = 0, end: int | None = None) -> None:
        """Counts the codes of one document (or of ``doc.text[start:end]``).

        Args:
            doc: The document.
            tokens: Its tokens (those of the part).
            taken: Indexes of tokens already taken by other entries; the tokens of
                spelled acronyms are added to it.
            start: Where the part starts.
            end: Where it ends (``None``: the end of the document).
        """
        text = doc.text
        part = text[start:end] if start or end is not None else text
        for code in find_codes(part):
            key = ascii_digits(code.text)
            cluster = self.clusters.setdefault(key, Cluster(key))
            cluster.vote(code.kind)
            cluster.add(code.text, doc.path, partial(make_context, doc.path, text,
                                                     code.start + start, code.end + start))
        # Runs of Arabic tokens that are all letter names.
        letters = letter_names()
        run: list[int] = []
        for k in range(len(tokens) + 1):
            tok = tokens[k] if k < len(tokens) else None
            if tok is not None and tok.type == "ar" and tok.norm in letters:
                run.append(k)
                continue
            readings = (spelled_acronym_readings([tokens[r].norm for r in run])
                        if len(run) >= 2 else [])
            if readings:
                start, end = tokens[run[0]].start, tokens[run[-1]].end
                cluster = self.spelled.setdefault(readings[0], Cluster(readings[0]))
                for reading in readings:
                    cluster.vote(reading)
                cluster.add(text[start:end], doc.path,
                            partial(make_context, doc.path, text, start, end))
                taken.update(run)
            run = []

    def merge_spelled(self, known: Collection[str]) -> None:
        """Adds each spelled acronym to the Latin code it reads as: one found in the
        documents, else one an approved entry knows (``known``); others are dropped.

        Args:
            known: Codes of approved glossary entries.
        """
        latin = set(self.clusters)
        for spelled in self.spelled.values():
            match = next((r for r in spelled.votes if r in latin), None)
            if match is None:
                match = next((r for r in spelled.votes if r in known), None)
                if match is None:
                    continue
                self.clusters.setdefault(match, Cluster(match)).vote("acronym")
            target = self.clusters[match]
            for form, n in spelled.forms.items():
                target.forms[form] += n
            target.docs.update(spelled.docs)
            target.contexts.extend(spelled.contexts[: max(0, MAX_CONTEXTS - len(target.contexts))])
        self.spelled.clear()

"""DeepL glossaries: two-column TSV, one direction per file.

Each line is ``source<TAB>target`` with no header and no quoting. DeepL
requires that no source appears twice, that no field is empty and that no
field has leading or trailing whitespace; the reader enforces the same rules
(an identical repeated row is merged, a repeated source with another target is
an error naming both lines). Export writes, for every exported entry, one row
per admitted source form (the preferred form and its variants), all mapped to
the target's preferred form; a do-not-translate entry without a target maps
its source forms to themselves. Forbidden forms are not exported. Export
compares sources exactly (DeepL matches surface strings), so forms that differ
only in diacritics get a row each; import folds the rows with one target back
into one entry (:func:`~glossary.formats._common.fold_pairs`), so an export,
import and export in the other direction works.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from glossary.errors import ConflictError, FormatError
from glossary.fileio import atomic_open
from glossary.formats._common import (
    IMPORT_STATUS,
    FileEntry,
    Located,
    Written,
    check_entry,
    fold_pairs,
    lang_of,
    read_text,
)
from glossary.model import LANGS, Entry

__all__ = ["deepl_rows", "read_deepl", "write_deepl"]

_HINT = (
    "DeepL files hold one direction: give the source and the target language "
    f"(each one of {', '.join(LANGS)})"
)


def _langs(source_lang: str | None, target_lang: str | None, path: Path) -> tuple[str, str]:
    langs: list[str] = []
    for name, value in (("source", source_lang), ("target", target_lang)):
        if not value:
            raise FormatError(f"the {name} language is required for the DeepL format",
                              path=path, hint=_HINT)
        lang = lang_of(value)
        if lang is None:
            raise FormatError(f"the {name} language {value!r} is not supported",
                              path=path, hint=_HINT)
        langs.append(lang)
    if langs[0] == langs[1]:
        raise FormatError(f"the source and target languages are both {langs[0]!r}",
                          path=path, hint=_HINT)
    return langs[0], langs[1]


def read_deepl(
    path: Path, *, source_lang: str | None = None, target_lang: str | None = None
) -> list[Located]:
    """Reads a DeepL glossary into approved entries.

    Rows with the same target are one entry (:func:`fold_pairs`): the first
    row's source is preferred, the others are its variants; a row whose source
    is its target (``VNeID<TAB>VNeID``) makes it a do-not-translate code.

    Raises:
        FormatError: If a language is missing, or naming the line of the first
            row without exactly two non-empty, trimmed fields.
    """
    src, tgt = _langs(source_lang, target_lang, path)
    located: list[Located] = []
    for number, raw in enumerate(read_text(path).split("\n"), start=1):
        raw = raw.removesuffix("\r")
        if not raw.strip():
            continue
        fields = raw.split("\t")
        if len(fields) != 2:
            raise FormatError(
                f"row has {len(fields)} fields; DeepL rows have exactly 2 (source<TAB>target)",
                path=path,
                line=number,
                hint="separate source and target with one tab; terms cannot contain tabs",
            )
        for name, field in zip(("source", "target"), fields, strict=True):
            if not field.strip():
                raise FormatError(
                    f"the {name} field is empty", path=path, line=number, hint="fill both fields"
                )
            if field != field.strip():
                raise FormatError(
                    f"the {name} field {field!r} has leading or trailing whitespace",
                    path=path,
                    line=number,
                    hint="DeepL rejects it; remove the spaces",
                )
        entry = FileEntry(status=IMPORT_STATUS)
        entry.forms[src].preferred = unicodedata.normalize("NFC", fields[0])
        entry.forms[tgt].preferred = unicodedata.normalize("NFC", fields[1])
        check_entry(entry, path=path, line=number)
        located.append((number, entry))
    return fold_pairs(located, src, tgt)


def deepl_rows(
    entries: Sequence[Entry], *, source_lang: str, target_lang: str, path: Path
) -> list[tuple[str, str]]:
    """Returns the ``(source, target)`` rows DeepL gets for ``entries``.

    Raises:
        ConflictError: If one source form would map to two targets.
        FormatError: If a form holds a tab or line break.
    """
    return [(s, t) for s, t, _ in _rows(entries, source_lang, target_lang, path)]


def _rows(entries: Sequence[Entry], source_lang: str, target_lang: str,
          path: Path) -> list[tuple[str, str, Entry]]:
    rows: dict[str, tuple[str, str, Entry]] = {}
    for entry in entries:
        sources = entry.forms[source_lang].all_admitted()
        target = entry.forms[target_lang].preferred
        if not target and entry.dnt:
            target = entry.forms[source_lang].preferred
        if not target:
            continue
        for source in sources:
            for text in (source, target):
                if any(ch in text for ch in "\t\r\n"):
                    raise FormatError(
                        f"form {text!r} contains a tab or line break",
                        path=path,
                        hint="DeepL cannot hold it; fix the entry first",
                    )
            if source in rows:
                _, other, owner = rows[source]
                if other != target:
                    raise ConflictError(
                        f"{source_lang} form {source!r} maps to {other!r} (entry "
                        f"{owner.id or owner.term(source_lang)!r}) and to {target!r} (entry "
                        f"{entry.id or entry.term(source_lang)!r})",
                        path=path,
                        hint="DeepL allows one target per source; fix one of the entries",
                    )
                continue
            rows[source] = (source, target, entry)
    return list(rows.values())


def write_deepl(
    entries: Sequence[Entry],
    path: Path,
    *,
    source_lang: str | None = None,
    target_lang: str | None = None,
) -> Written:
    """Writes a DeepL glossary.

    Returns:
        The entries written, the rows (one per admitted source form) and the
        entries left out (no target form).

    Raises:
        FormatError: If a language is missing, a form cannot be written, or no
            entry has a target form (DeepL rejects an empty glossary).
        ConflictError: If one source form would map to two targets.
    """
    src, tgt = _langs(source_lang, target_lang, path)
    rows = _rows(entries, src, tgt, path)
    written = {id(entry) for _, _, entry in rows}
    left_out: Counter[str] = Counter()
    for entry in entries:
        if id(entry) in written:
            continue
        if not entry.forms[src].all_admitted():
            left_out[f"no {src} form"] += 1
        elif not (entry.forms[tgt].preferred or entry.dnt):
            left_out[f"no {tgt} form"] += 1
        else:
            left_out["the rows of another entry"] += 1
    if not rows:
        what = (f"no entry has both {src} and {tgt} forms ({len(entries)} entries given)"
                if entries else "no entries to export")
        raise FormatError(what, path=path, hint="DeepL rejects an empty glossary; export "
                                                "entries of another status or direction")
    with atomic_open(path, "w") as handle:
        for source, target, _ in rows:
            handle.write(f"{source}\t{target}\n")
    return Written(len(written), len(rows), dict(left_out))

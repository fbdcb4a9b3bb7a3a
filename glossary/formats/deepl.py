"""DeepL glossaries: two-column TSV, one direction per file.

Each line is ``source<TAB>target`` with no header. DeepL reads its TSV with the
CSV conventions (DeepL API guide "Managing glossaries", entry formats): a field
holding a double quote is enclosed in double quotes, the quote doubled
(``"the ""one-stop"" shop"``); the writer quotes only such fields and the reader unquotes
a field enclosed so. DeepL
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
import and export in the other direction works. DeepL limits each term to 1024
UTF-8 bytes and the glossary to 10 MiB: an entry with a longer form is left out
(and counted), a larger file is refused.
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

__all__ = ["DEEPL_MAX_FILE_BYTES", "DEEPL_MAX_TERM_BYTES", "deepl_rows", "pair_rows",
           "read_deepl", "write_deepl"]

#: DeepL: the longest source or target term, in UTF-8 bytes (DeepL API documentation,
#: "Manage glossaries").
DEEPL_MAX_TERM_BYTES = 1024
#: DeepL: the largest glossary, in bytes.
DEEPL_MAX_FILE_BYTES = 10 * 1024 * 1024

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
        fields = [_unquote(field) for field in raw.split("\t")]
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


def _quote(field: str) -> str:
    """Encloses a field holding a double quote in double quotes, doubling it (CSV)."""
    return '"' + field.replace('"', '""') + '"' if '"' in field else field


def _unquote(field: str) -> str:
    """Undoes :func:`_quote` on a field enclosed in double quotes whose inner quotes
    are all doubled; any other field is read as it stands."""
    inner = field[1:-1]
    if len(field) >= 2 and field[0] == field[-1] == '"' and '"' not in inner.replace('""', ""):
        return inner.replace('""', '"')
    return field


def deepl_rows(
    entries: Sequence[Entry], *, source_lang: str, target_lang: str, path: Path
) -> list[tuple[str, str]]:
    """Returns the ``(source, target)`` rows DeepL gets for ``entries``.

    Raises:
        ConflictError: If one source form would map to two targets.
        FormatError: If a form holds a tab or line break.
    """
    rows, _ = pair_rows(entries, source_lang, target_lang, path=path,
                        max_bytes=DEEPL_MAX_TERM_BYTES)
    return [(s, t) for s, t, _ in rows]


def pair_rows(entries: Sequence[Entry], source_lang: str, target_lang: str, *, path: Path,
              max_bytes: int | None = None) -> tuple[list[tuple[str, str, Entry]], Counter[str]]:
    """Returns the rows of a one-direction pair file (DeepL, Google's unidirectional
    glossary): one per admitted source form of an entry, mapped to its target's
    preferred form (a do-not-translate entry without one maps to its own source).

    Args:
        entries: The entries to write.
        source_lang: The language of the first column.
        target_lang: The language of the second column.
        path: The output file, for errors.
        max_bytes: The service's limit on a term, in UTF-8 bytes: an entry with
            a longer source form or target is left out whole.

    Returns:
        ``(source, target, entry)`` rows, and the entries left out per reason.

    Raises:
        ConflictError: If one source form would map to two targets.
        FormatError: If a form holds a tab or line break.
    """
    rows: dict[str, tuple[str, str, Entry]] = {}
    left_out: Counter[str] = Counter()
    for entry in entries:
        sources = entry.forms[source_lang].all_admitted()
        target = entry.forms[target_lang].preferred
        if not target and entry.dnt:
            target = entry.forms[source_lang].preferred
        if not sources:
            left_out[f"no {source_lang} form"] += 1
            continue
        if not target:
            left_out[f"no {target_lang} form"] += 1
            continue
        if max_bytes is not None and any(len(text.encode("utf-8")) > max_bytes
                                         for text in (*sources, target)):
            left_out[f"a form over {max_bytes} bytes"] += 1
            continue
        added = False
        for source in sources:
            for text in (source, target):
                if any(ch in text for ch in "\t\r\n"):
                    raise FormatError(
                        f"form {text!r} contains a tab or line break",
                        path=path,
                        hint="the file cannot hold it; fix the entry first",
                    )
            if source in rows:
                _, other, owner = rows[source]
                if other != target:
                    raise ConflictError(
                        f"{source_lang} form {source!r} maps to {other!r} (entry "
                        f"{owner.id or owner.term(source_lang)!r}) and to {target!r} (entry "
                        f"{entry.id or entry.term(source_lang)!r})",
                        path=path,
                        hint="one source maps to one target; fix one of the entries",
                    )
                continue
            rows[source] = (source, target, entry)
            added = True
        if not added:
            left_out["the rows of another entry"] += 1
    return list(rows.values()), left_out


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
        entries left out (no source or target form, a form over
        :data:`DEEPL_MAX_TERM_BYTES`).

    Raises:
        FormatError: If a language is missing, a form cannot be written, no
            entry can be written (DeepL rejects an empty glossary), or the file
            would be over :data:`DEEPL_MAX_FILE_BYTES`.
        ConflictError: If one source form would map to two targets.
    """
    src, tgt = _langs(source_lang, target_lang, path)
    rows, left_out = pair_rows(entries, src, tgt, path=path, max_bytes=DEEPL_MAX_TERM_BYTES)
    if not rows:
        reasons = "; ".join(f"{n} with {why}" for why, n in left_out.items())
        what = (f"no entry has both {src} and {tgt} forms DeepL can hold ({len(entries)} "
                f"entries: {reasons})" if entries else "no entries to export")
        raise FormatError(what, path=path, hint="DeepL rejects an empty glossary; export "
                                                "entries of another status or direction")
    text = "".join(f"{_quote(source)}\t{_quote(target)}\n" for source, target, _ in rows)
    size = len(text.encode("utf-8"))
    if size > DEEPL_MAX_FILE_BYTES:
        raise FormatError(f"the glossary would have {size} bytes, over DeepL's "
                          f"{DEEPL_MAX_FILE_BYTES}", path=path, hint="export fewer entries")
    with atomic_open(path, "w") as handle:
        handle.write(text)
    return Written(len({id(entry) for _, _, entry in rows}), len(rows), dict(left_out))

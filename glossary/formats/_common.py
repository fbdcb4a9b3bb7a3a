"""Helpers that every glossary format shares.

Readers return ``(line, entry)`` pairs so that the duplicate check and the
entry validation can name the line an entry came from.
"""

from __future__ import annotations

import codecs
import errno
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from glossary.checks import check_terms, conflicting_lang
from glossary.errors import FormatError, InputError, NotFoundError
from glossary.model import LANGS, Entry, Forms
from glossary.normalize import clean_form, match_key

__all__ = [
    "IMPORT_STATUS",
    "OPTIONAL_FIELDS",
    "FileEntry",
    "Located",
    "Written",
    "check_entry",
    "check_lang",
    "clean",
    "decode_text",
    "fold_pairs",
    "given_fields",
    "lang_of",
    "parse_bool",
    "read_bytes",
    "read_text",
    "resolve_duplicates",
]

#: Status given to imported entries when the file does not say (a glossary
#: that someone exports is taken to be vetted; DeepL and martif files carry no status).
IMPORT_STATUS = "approved"

#: An entry and the 1-based line (or sheet row) it starts on.
Located = tuple[int, Entry]

#: The fields besides forms, note and status that a file may give or leave out
#: (a table without a ``kind`` column, a TBX file without avet's notes).
OPTIONAL_FIELDS: tuple[str, ...] = ("kind", "dnt", "case_sensitive")


class FileEntry(Entry):
    """An entry read from a file, which tells which :data:`OPTIONAL_FIELDS` the
    file gave: the others hold their defaults (``term``, no, no), not the file's
    word, so an import must not let them replace stored values.

    Attributes:
        given: The fields of :data:`OPTIONAL_FIELDS` that the file gave.
    """

    given: frozenset[str] = frozenset()

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FileEntry:
        """As :meth:`Entry.from_dict`; ``given`` names the optional fields that ``data`` has.

        Raises:
            FormatError: If the dict does not have the shape of an entry.
        """
        entry = cast(FileEntry, super().from_dict(data))  # Entry.from_dict builds a cls
        entry.given = frozenset(name for name in OPTIONAL_FIELDS if name in data)
        return entry


def given_fields(entry: Entry) -> frozenset[str]:
    """Returns which of :data:`OPTIONAL_FIELDS` a file gave for ``entry``: those of a
    :class:`FileEntry`, none for any other entry (a DeepL row gives none).

    Args:
        entry: An entry, read from a file or not.

    Returns:
        The names of the optional fields given.
    """
    return entry.given if isinstance(entry, FileEntry) else frozenset()



@dataclass(frozen=True)
class Written:
    """What an export wrote.

    Attributes:
        entries: Entries written (each gave at least one row).
        rows: Data rows written: one per entry, except DeepL (one per source form).
        left_out: Entries given but not written, counted per reason
            (e.g. ``{"no en form": 3}``).
    """

    entries: int
    rows: int
    left_out: Mapping[str, int] = field(default_factory=dict)

    @classmethod
    def same(cls, entries: int) -> Written:
        """Returns the count of a format that writes one row per entry and leaves none out.

        Args:
            entries: The number of entries written.

        Returns:
            A count with ``rows`` equal to ``entries``.
        """
        return cls(entries, entries)


_TRUE = frozenset({"1", "true", "yes", "y"})
_FALSE = frozenset({"", "0", "false", "no", "n"})


def clean(text: str) -> str:
    """Returns ``text`` in NFC with surrounding whitespace removed."""
    return unicodedata.normalize("NFC", text).strip()


def lang_of(code: str) -> str | None:
    """Returns the avet language for a code like ``ar``, ``vi-VN`` or ``en_US``, else ``None``."""
    primary = code.strip().replace("_", "-").split("-")[0].lower()
    return primary if primary in LANGS else None


def check_lang(value: str | None, name: str) -> str:
    """Checks a ``source_lang``/``target_lang`` argument.

    Raises:
        FormatError: If it is missing or not a supported language.
    """
    lang = lang_of(value) if value else None
    if lang is None:
        raise FormatError(
            f"{name} {value!r} is not supported" if value else f"{name} is required",
            hint=f"pass {name} as one of: {', '.join(LANGS)}",
        )
    return lang


def parse_bool(value: str, *, path: Path, line: int, column: str) -> bool:
    """Parses a yes/no cell.

    Raises:
        FormatError: If the cell is neither.
    """
    text = value.strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise FormatError(
        f"column {column!r} has {value!r}, not a yes/no value",
        path=path,
        line=line,
        hint="write yes or no (also accepted: true/false, 1/0)",
    )


def read_bytes(path: Path) -> bytes:
    """Reads a whole file.

    Raises:
        NotFoundError: If the file does not exist.
        InputError: If it is a folder or cannot be read (permissions, a loop of
            symbolic links, an I/O error), with the system's reason.
    """
    if path.is_dir():
        raise InputError("is a folder, not a glossary file", path=path,
                         hint="give a CSV, TSV, TBX, XLSX or JSON glossary file")
    try:
        return path.read_bytes()
    except (FileNotFoundError, NotADirectoryError) as exc:
        raise NotFoundError(
            "no such glossary file", path=path, hint="check the path"
        ) from exc
    except PermissionError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=path,
                         hint="make the file readable (chmod +r)") from exc
    except OSError as exc:
        hint = ("a symbolic link on the path leads back to itself; give the file itself"
                if exc.errno == errno.ELOOP else "check the file and its disk, then rerun")
        raise InputError(f"cannot read: {exc.strerror or exc}", path=path, hint=hint) from exc


#: Byte order marks and the codec that reads past each.
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
_ENCODING_HINT = "save it as UTF-8, or as UTF-16 with a byte order mark (Excel's Unicode Text)"


def decode_text(data: bytes, path: Path) -> str:
    """Decodes a text file: UTF-8 with or without BOM, or UTF-16 with a BOM.

    Raises:
        FormatError: For other bytes (a legacy code page, UTF-16 without a BOM),
            naming the line of the first byte that does not decode.
    """
    encoding = next((codec for bom, codec in _BOMS if data.startswith(bom)), "utf-8")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].decode(encoding, errors="replace").count("\n") + 1
        name = "UTF-16" if encoding == "utf-16" else "UTF-8"
        raise FormatError(f"the file is not {name} text ({exc.reason})", path=path,
                          line=line, hint=_ENCODING_HINT) from exc
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise FormatError("the file is not UTF-8 text: it holds NUL bytes (UTF-16 without "
                          "a byte order mark?)", path=path, line=line, hint=_ENCODING_HINT)
    return text


def read_text(path: Path) -> str:
    """Reads a text file with :func:`decode_text`.

    Raises:
        NotFoundError: If the file does not exist.
        InputError: If it is a folder or cannot be read.
        FormatError: If it is neither UTF-8 nor UTF-16 with a BOM.
    """
    return decode_text(read_bytes(path), path)


def check_entry(entry: Entry, *, path: Path, line: int, where: str = "") -> None:
    """Cleans an imported entry's forms, then validates it.

    Every format's reader calls it on each entry it builds. Each form becomes
    what :func:`glossary.normalize.clean_form` makes of it (no bidi marks, no
    tatweel in Arabic, plain spaces; in place, so that no form reaches the store
    or a translation with them); forms left empty are dropped, and so are
    repeated ones and variants equal to the term. Then come form types and
    clashes, and the rules of :func:`glossary.checks.check_terms` that edits
    apply too (a term, variants beside a term, no form containing ``|``, kind,
    status, languages).

    Raises:
        FormatError: Naming ``path`` and ``line`` on the first problem.
    """
    prefix = f"{where}: " if where else ""
    try:
        for lang, forms in entry.forms.items():
            _check_types(lang, forms)
            _clean_forms(lang, forms)
            _check_forms(lang, forms)
        check_terms(entry)
    except FormatError as exc:
        raise FormatError(prefix + exc.message, path=path, line=line, hint=exc.hint) from exc


def _check_types(lang: str, forms: Forms) -> None:
    texts = [forms.preferred, *forms.variants, *forms.forbidden]
    if not all(isinstance(t, str) for t in texts):
        raise FormatError(f"a {lang} form is not a string", hint="write every form as text")


def _clean_forms(lang: str, forms: Forms) -> None:
    """Applies :func:`~glossary.normalize.clean_form` to every form of ``forms``."""
    forms.preferred = clean_form(forms.preferred, lang)
    variants = dict.fromkeys(clean_form(v, lang) for v in forms.variants)
    forms.variants = [v for v in variants if v and v != forms.preferred]
    forms.forbidden = [f for f in dict.fromkeys(clean_form(f, lang) for f in forms.forbidden)
                       if f]


def _check_forms(lang: str, forms: Forms) -> None:
    admitted = set(forms.all_admitted())
    for text in forms.forbidden:
        if text in admitted:
            raise FormatError(
                f"{lang} form {text!r} is both admitted and forbidden",
                hint="remove it from one of the two lists",
            )


def _identity(entry: Entry) -> tuple[str, str] | None:
    for lang in LANGS:
        if entry.forms[lang].preferred:
            return lang, match_key(entry.forms[lang].preferred, lang)
    return None


def _merge_into(first: Entry, other: Entry) -> None:
    for lang in LANGS:
        mine, theirs = first.forms[lang], other.forms[lang]
        if not mine.preferred:
            mine.preferred = theirs.preferred
        for text in theirs.all_admitted():
            if text not in mine.all_admitted():
                mine.variants.append(text)
        mine.forbidden.extend(t for t in theirs.forbidden if t not in mine.forbidden)


#: Arabic letters: a verbatim form has none.
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
#: A Latin letter (ASCII, Latin-1, Extended-A/B, Vietnamese).
_LATIN = re.compile("[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]")
#: The shape of a code or acronym: a digit, or a capital after another letter (VNeID, LGSP).
_CODE_SHAPE = re.compile(r"\d|[^\W\d_][A-ZĐ]")


def _verbatim(source: str, target: str, langs: tuple[str, str]) -> bool:
    """Whether a row keeps its source as its target: the same Latin text, which with
    Arabic on one side is always a code (VNeID in an Arabic column), and between
    Vietnamese and English only with the shape of a code or acronym (not Long An)."""
    if source != target or not _LATIN.search(source) or _ARABIC.search(source):
        return False
    return "ar" in langs or bool(_CODE_SHAPE.search(source))


def fold_pairs(located: Iterable[Located], source_lang: str, target_lang: str) -> list[Located]:
    """Folds the rows of a two-language file (DeepL, Google, Amazon) that share a target.

    Such a file holds one row per source form, so an entry with variants
    comes back as several rows with one target: they become one entry, the
    first row's source preferred and the others' its variants (a repeated
    source with another target stays apart, for :func:`resolve_duplicates`
    to refuse). A row whose source is its target, the same Latin text
    (``VNeID<TAB>VNeID``), makes the entry do-not-translate and
    case-sensitive, of kind ``code`` with a digit, else ``acronym`` (as
    ``avet extract`` and the starter termbase store verbatim forms).

    Args:
        located: ``(line, entry)`` pairs with the preferred forms of the two
            languages (rows with another note are not folded).
        source_lang: The language of the first column.
        target_lang: The language of the second column.

    Returns:
        One ``(line, entry)`` per target, at its first line, in file order.
    """
    folded: list[Located] = []
    by_target: dict[tuple[str, str], Entry] = {}
    for line, entry in located:
        source = entry.forms[source_lang].preferred
        target = entry.forms[target_lang].preferred
        if not (source and target):
            folded.append((line, entry))
            continue
        first = by_target.get((target, entry.status))
        if first is not None and first.note == entry.note:
            forms = first.forms[source_lang]
            if source not in forms.all_admitted():
                forms.variants.append(source)
            forms.forbidden += [t for t in entry.forms[source_lang].forbidden
                                if t not in forms.forbidden]
        else:
            by_target.setdefault((target, entry.status), entry)
            folded.append((line, entry))
            first = entry
        if _verbatim(source, target, (source_lang, target_lang)):
            first.dnt = first.case_sensitive = True
            first.kind = "code" if any(ch.isdigit() for ch in source) else "acronym"
            if isinstance(first, FileEntry):
                first.given = first.given | {"kind", "dnt", "case_sensitive"}
    return folded


def resolve_duplicates(
    located: Iterable[Located], *, path: Path, key_lang: str | None = None
) -> list[Entry]:
    """Merges repeated entries and rejects conflicting ones.

    Two entries are the same when they share the preferred form (under
    :func:`match_key`) of ``key_lang``, or by default of their first language
    among ``ar``, ``vi``, ``en``. The same entry with different preferred forms
    in another language is a conflict; otherwise the later one is merged into
    the first. A variant of one entry that is a form (term or variant) of
    another one that translates it differently is a conflict too when both are
    approved (see :func:`glossary.checks.check_conflicts`). Two entries may share a term of
    another language than ``key_lang``: a DeepL file maps several sources to one
    target.

    Raises:
        FormatError: Naming both lines of the first conflict.
    """
    seen: dict[tuple[str, str], Located] = {}
    result: list[Entry] = []
    form_lines: dict[tuple[int, str, str], int] = {}  # (id(entry), lang, key) -> line
    for line, entry in located:
        if key_lang is None:
            key = _identity(entry)
        elif entry.forms[key_lang].preferred:
            key = (key_lang, match_key(entry.forms[key_lang].preferred, key_lang))
        else:
            key = None
        if key is None or key not in seen:
            if key is not None:
                seen[key] = (line, entry)
            result.append(entry)
            _note_lines(form_lines, entry, entry, line)
            continue
        first_line, first = seen[key]
        lang = conflicting_lang(first, entry)
        if lang is not None:
            raise FormatError(
                f"{key[0]} term {first.term(key[0])!r} has conflicting {lang} targets: "
                f"{first.term(lang)!r} on line {first_line} and {entry.term(lang)!r} on line "
                f"{line}",
                path=path,
                line=line,
                hint="keep one of the two rows",
            )
        _merge_into(first, entry)
        _note_lines(form_lines, first, entry, line)
    _check_shared_variants(result, form_lines, path)
    return result


def _note_lines(lines: dict[tuple[int, str, str], int], owner: Entry, row: Entry,
                line: int) -> None:
    """Notes the line where each admitted form of ``row`` first came to ``owner``."""
    for lang in LANGS:
        for text in row.forms[lang].all_admitted():
            lines.setdefault((id(owner), lang, match_key(text, lang)), line)


def _check_shared_variants(entries: Sequence[Entry], lines: dict[tuple[int, str, str], int],
                           path: Path) -> None:
    """Refuses a variant of one entry that is a form of another with another translation.

    Only a clash between two approved entries is refused: matching uses approved
    entries only, so a candidate or rejected entry that shares a form with another
    entry makes no match ambiguous (extraction stores such candidates, and a full
    export must import again).

    Raises:
        FormatError: Naming the line of each of the two forms.
    """
    owners: dict[tuple[str, str], list[tuple[Entry, str]]] = {}
    for entry in entries:
        for lang in LANGS:
            forms = entry.forms[lang]
            for text in forms.all_admitted():
                key = match_key(text, lang)
                found = owners.setdefault((lang, key), [])
                clashes = [(other, other_text, clash) for other, other_text in found
                           if other is not entry
                           and entry.status == other.status == "approved"
                           and (text != forms.preferred
                                or other_text != other.forms[lang].preferred)
                           and (clash := conflicting_lang(other, entry, last=lang)) is not None]
                found.append((entry, text))
                if not clashes:
                    continue
                other, other_text, clash = clashes[0]
                role = "term" if text == forms.preferred else "variant"
                other_role = "term" if other_text == other.forms[lang].preferred else "variant"
                raise FormatError(
                    f"{lang} {role} {text!r} on line {lines[(id(entry), lang, key)]} is the "
                    f"{lang} {other_role} {other_text!r} of line "
                    f"{lines[(id(other), lang, key)]}, whose {clash} term is "
                    f"{other.term(clash)!r}, not {entry.term(clash)!r}",
                    path=path,
                    line=lines[(id(entry), lang, key)],
                    hint="give the form to one entry only, or merge the two rows",
                )

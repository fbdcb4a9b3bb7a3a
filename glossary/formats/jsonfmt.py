"""avet's own JSON glossary and JSON Lines.

``.json`` holds ``{"avet_glossary": 1, "entries": [...]}`` where every entry is
:meth:`glossary.model.Entry.to_dict` output: full fidelity (candidates,
contexts, scores, timestamps). ``.jsonl`` holds one such dict per line. Text is
kept exactly as written (no normalization). Errors name the line (and for
syntax errors the column) where the bad entry starts.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from glossary.errors import FormatError
from glossary.fileio import atomic_open
from glossary.formats._common import FileEntry, Located, check_entry, read_text
from glossary.model import Entry

__all__ = ["VERSION", "read_json", "read_jsonl", "write_json", "write_jsonl"]

#: The value of ``avet_glossary`` that this version writes and reads.
VERSION = 1

_WS = re.compile(r"[ \t\n\r]*")
_SHAPE = f'expected {{"avet_glossary": {VERSION}, "entries": [{{...}}, ...]}}'


def _line(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _load(text: str, path: Path, offset_line: int = 0) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise FormatError(
            f"invalid JSON: {exc.msg} at column {exc.colno}",
            path=path,
            line=exc.lineno + offset_line,
            hint="fix the JSON syntax there",
        ) from exc


def _entry_offsets(text: str) -> list[int]:
    """Returns where each element of the top-level ``entries`` array starts.

    ``text`` must already be valid JSON whose top level is an object.
    """
    decoder = json.JSONDecoder()

    def skip(pos: int) -> int:
        match = _WS.match(text, pos)
        return match.end() if match else pos

    offsets: list[int] = []
    pos = skip(0) + 1  # past "{"
    while True:
        pos = skip(pos)
        if text[pos] == "}":
            return offsets
        key, pos = decoder.raw_decode(text, pos)
        pos = skip(pos) + 1  # past ":"
        pos = skip(pos)
        if key == "entries" and text[pos] == "[":
            offsets = []
            pos = skip(pos + 1)
            while text[pos] != "]":
                offsets.append(pos)
                _, pos = decoder.raw_decode(text, pos)
                pos = skip(pos)
                if text[pos] == ",":
                    pos = skip(pos + 1)
            pos += 1
        else:
            _, pos = decoder.raw_decode(text, pos)
        pos = skip(pos)
        if text[pos] == ",":
            pos += 1


#: JSON types by what a field of an entry holds: (test, what the error says it must be).
_STR = (lambda v: isinstance(v, str), "a string")
_BOOL = (lambda v: isinstance(v, bool), "true or false")
_INT = (lambda v: isinstance(v, int) and not isinstance(v, bool), "a whole number")
_NUMBER = (lambda v: isinstance(v, int | float) and not isinstance(v, bool), "a number")
_ID = (lambda v: v is None or _INT[0](v), "a whole number or null")
_STR_LIST = (lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
             "a list of strings")
_OBJECT_LIST = (lambda v: isinstance(v, list) and all(isinstance(x, dict) for x in v),
                "a list of objects")
_OBJECT = (lambda v: isinstance(v, dict), "an object")
#: The fields of an entry (:meth:`glossary.model.Entry.to_dict`) and their types.
_FIELDS: dict[str, tuple[Callable[[Any], bool], str]] = {
    "id": _ID, "kind": _STR, "status": _STR, "dnt": _BOOL, "case_sensitive": _BOOL,
    "confidence": _NUMBER, "frequency": _INT, "score": _NUMBER, "note": _STR,
    "source": _STR, "created_at": _STR, "updated_at": _STR, "updated_by": _STR,
    "forms": _OBJECT, "contexts": _OBJECT_LIST,
}
#: The fields of one language's forms.
_FORM_FIELDS = {"preferred": _STR, "variants": _STR_LIST, "forbidden": _STR_LIST,
                "candidates": _OBJECT_LIST}
_CANDIDATE_FIELDS = {"text": _STR, "score": _NUMBER}
_CONTEXT_FIELDS = {"doc": _STR, "start": _INT, "end": _INT, "snippet": _STR, "form": _STR}


def _json_type(value: Any) -> str:
    """How JSON names the type of ``value``, with the value if it is short."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    name = {str: "the string", int: "the number", float: "the number",
            list: "a list", dict: "an object"}.get(type(value), type(value).__name__)
    shown = json.dumps(value, ensure_ascii=False)
    return f"{name} {shown}" if isinstance(value, str | int | float) and len(shown) <= 40 \
        else name


def _check_fields(data: dict[str, Any], fields: Mapping[str, tuple[Callable[[Any], bool], str]],
                  where: str) -> None:
    """Checks the type of each field of ``fields`` that ``data`` holds; ``where`` is the
    path of ``data`` in the entry (``"forms.en."``), as the error names the field.

    Raises:
        FormatError: Naming the first field (``where`` + its name) of a wrong type.
    """
    for name, (ok, what) in fields.items():
        if name in data and not ok(data[name]):
            raise FormatError(f"field '{where}{name}' is not {what} but "
                              f"{_json_type(data[name])}",
                              hint=f"write {what} there, as avet's JSON export does")


def _check_types(data: dict[str, Any]) -> None:
    """Checks the JSON type of every field of an entry, its forms, candidates and contexts.

    Raises:
        FormatError: Naming the first field of a wrong type.
    """
    _check_fields(data, _FIELDS, "")
    for lang, forms in (data.get("forms") or {}).items():
        if not isinstance(forms, dict):
            raise FormatError(f"field 'forms.{lang}' is not an object but "
                              f"{_json_type(forms)}",
                              hint='write it as {"preferred": ..., "variants": [...]}')
        _check_fields(forms, _FORM_FIELDS, f"forms.{lang}.")
        for n, candidate in enumerate(forms.get("candidates", [])):
            _check_fields(candidate, _CANDIDATE_FIELDS, f"forms.{lang}.candidates[{n}].")
    for n, context in enumerate(data.get("contexts", [])):
        _check_fields(context, _CONTEXT_FIELDS, f"contexts[{n}].")


def _entry(data: Any, *, path: Path, line: int, number: int = 0) -> Entry:
    """Builds the entry of one JSON object, checked and cleaned as import requires.

    ``number``: the entry's place in the file's ``entries`` list (1-based; 0: not
    said, as in JSON Lines, where its line names it).
    """
    where = f"entry {number}: " if number else ""
    if not isinstance(data, dict):
        raise FormatError(
            f"{where}an entry must be a JSON object, not {type(data).__name__}",
            path=path,
            line=line,
            hint="write each entry as {\"kind\": ..., \"forms\": {...}, ...}",
        )
    try:
        _check_types(data)
        entry = FileEntry.from_dict(data)
    except FormatError as exc:
        raise FormatError(where + exc.message, path=path, line=line, hint=exc.hint) from exc
    check_entry(entry, path=path, line=line, where=where.removesuffix(": "))
    return entry


def read_json(path: Path) -> list[Located]:
    """Reads an avet JSON glossary.

    Raises:
        FormatError: On invalid JSON (line and column), a wrong top-level shape,
            or naming the line where the first bad entry starts.
    """
    text = read_text(path)
    doc = _load(text, path)
    if not isinstance(doc, dict) or "avet_glossary" not in doc:
        raise FormatError("not an avet JSON glossary", path=path, line=1, hint=_SHAPE)
    if doc["avet_glossary"] != VERSION:
        raise FormatError(
            f"unsupported avet_glossary version {doc['avet_glossary']!r}",
            path=path,
            line=1,
            hint=f"this avet reads version {VERSION}",
        )
    entries = doc.get("entries")
    if not isinstance(entries, list):
        raise FormatError("'entries' is missing or not a list", path=path, line=1, hint=_SHAPE)
    offsets = _entry_offsets(text)
    return [
        (_line(text, pos), _entry(data, path=path, line=_line(text, pos), number=number))
        for number, (pos, data) in enumerate(zip(offsets, entries, strict=True), start=1)
    ]


def read_jsonl(path: Path) -> list[Located]:
    """Reads JSON Lines: one entry object per line; blank lines are skipped.

    Raises:
        FormatError: Naming the line (and column) of the first bad line or entry.
    """
    located: list[Located] = []
    for number, raw in enumerate(read_text(path).split("\n"), start=1):
        if not raw.strip():
            continue
        data = _load(raw, path, offset_line=number - 1)
        located.append((number, _entry(data, path=path, line=number)))
    return located


def write_json(entries: Sequence[Entry], path: Path) -> int:
    """Writes an avet JSON glossary. Returns the number of entries written."""
    doc = {"avet_glossary": VERSION, "entries": [entry.to_dict() for entry in entries]}
    with atomic_open(path, "w") as handle:
        json.dump(doc, handle, ensure_ascii=False, indent=2)
        handle.write("\n")
    return len(entries)


def write_jsonl(entries: Sequence[Entry], path: Path) -> int:
    """Writes JSON Lines, one entry per line. Returns the number of entries written."""
    with atomic_open(path, "w") as handle:
        for entry in entries:
            handle.write(json.dumps(entry.to_dict(), ensure_ascii=False) + "\n")
    return len(entries)

"""Text glossary files in UTF-8 (with or without BOM) and UTF-16 with a BOM read alike;
other encodings are refused in one line naming the file and line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from glossary.errors import FormatError
from glossary.formats import read_glossary, write_glossary
from tests.unit.formats_samples import content, sample_entries

_FORMATS = [
    ("csv", "g.csv", {}),
    ("tsv", "g.tsv", {}),
    ("deepl", "d.tsv", {"source_lang": "ar", "target_lang": "en"}),
    ("google", "g.csv", {}),
    ("amazon", "a.csv", {}),
    ("amazon", "a.tsv", {}),
    ("json", "g.json", {}),
    ("json", "g.jsonl", {}),
]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be-bom", "utf-16-le-bom"])
@pytest.mark.parametrize(("fmt", "name", "langs"), _FORMATS)
def test_utf16_and_bom_files_read_as_utf8(tmp_path: Path, fmt: str, name: str,
                                          langs: dict[str, Any], encoding: str) -> None:
    path = tmp_path / name
    write_glossary(sample_entries(), path, format=fmt, **langs)
    expected = [content(e) for e in read_glossary(path, format=fmt, **langs)]
    text = path.read_text(encoding="utf-8")
    if encoding.endswith("-bom"):  # an explicit byte order, as Excel's Unicode Text writes
        codec = encoding.removesuffix("-bom")
        path.write_bytes("\ufeff".encode(codec) + text.encode(codec))
    else:
        path.write_bytes(text.encode(encoding))
    assert expected and [content(e) for e in read_glossary(path, format=fmt, **langs)] == expected


@pytest.mark.parametrize(("data", "message", "line"), [
    ("ar,en\nمدينة,city\nهانوي,Hanoi\n".encode("cp1256"), "not UTF-8 text", 2),
    ("ar,en\nمدينة,city\n".encode("utf-16-le"), "holds NUL bytes", 1),   # no BOM
    ("ar,en\nهانوي,Hanoi\n".encode("utf-16")[:-1], "not UTF-16 text", 2),  # cut in a character
])
def test_other_encodings_are_refused_naming_the_line(tmp_path: Path, data: bytes,
                                                     message: str, line: int) -> None:
    path = tmp_path / "g.csv"
    path.write_bytes(data)
    with pytest.raises(FormatError, match=message) as info:
        read_glossary(path)
    assert info.value.line == line and "UTF-16 with a byte order mark" in (info.value.hint or "")
    assert str(info.value).count("\n") == 0

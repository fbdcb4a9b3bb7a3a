"""Tests of glossary import/export errors (glossary.formats): bad input names file and line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from glossary.errors import FormatError, NotFoundError
from glossary.formats import FORMATS, read_glossary, write_glossary
from glossary.model import Entry, Forms
from tests.unit.formats_samples import DATA, sample_entries, write_file

# ------------------------------------------------------------------ errors

MALFORMED = [
    # (file name, text, line, words in the message)
    ("rows.csv", "ar,vi,en\nهانوي,Hà Nội,Hanoi\nا,b\n", 3, "2 fields"),
    ("kind.csv", "en,kind\nHanoi,city\n", 2, "unknown kind 'city'"),
    ("status.csv", "en,status\n\nHanoi,done\n", 3, "unknown status 'done'"),
    ("dnt.csv", "en,dnt\nHanoi,maybe\n", 2, "yes/no"),
    ("quote.csv", 'en,vi\nHanoi,"Hà Nội\n', 2, "malformed CSV"),
    ("fr.csv", "ar,fr\n", 1, "unknown language code 'fr'"),
    ("xx.csv", "ar,vi,xx\n", 1, "unknown language code 'xx'"),
    ("lists.csv", "ar,variants_de\n", 1, "unknown language code 'de'"),
    ("column.csv", "ar,vi,definition\n", 1, "unknown column 'definition'"),
    ("nolang.csv", "kind,note\nterm,x\n", 1, "no language column"),
    ("rows.tsv", "ar\tvi\tkind\nهانوي\tHà Nội\n", 2, "2 fields"),
    ("fields.tsv", "a\tb\nc\td\te\n", 2, "3 fields"),
    ("empty.tsv", "a\tb\n\t d\n", 2, "source field is empty"),
    ("space.tsv", "a\tb\nc\td \n", 2, "whitespace"),
    ("xml.tbx", "<tbx>\n<text>\n<body>\n</text>\n</tbx>\n", 4, "malformed XML"),
    ("root.tbx", "<?xml version='1.0'?>\n<glossary/>\n", 2, "<glossary>"),
    (
        "deprecated.tbx",
        "<tbx>\n<text><body>\n<conceptEntry id='a'>\n<langSec xml:lang='en'><termSec>"
        "<term>x</term><termNote type='administrativeStatus'>deprecatedTerm-admn-sts"
        "</termNote></termSec></langSec></conceptEntry></body></text></tbx>\n",
        3,
        "no admitted term",
    ),
    (
        "status.tbx",
        "<tbx><text><body><conceptEntry id='a'><langSec xml:lang='en'>\n<termSec>"
        "<term>x</term>\n<termNote type='administrativeStatus'>great</termNote>"
        "</termSec></langSec></conceptEntry></body></text></tbx>\n",
        3,
        "unknown administrativeStatus",
    ),
    (
        "note.tbx",
        "<tbx><text><body><conceptEntry id='a'>\n<note>avet:kind=city</note><langSec xml:lang="
        "'en'><termSec><term>x</term></termSec></langSec></conceptEntry></body></text></tbx>",
        2,
        "unknown kind",
    ),
    ("syntax.json", '{"avet_glossary": 1,\n "entries": [\n {"kind": }\n]}\n', 3, "invalid JSON"),
    (
        "kind.json",
        '{"avet_glossary": 1, "entries": [\n'
        '  {"kind": "term", "forms": {"en": {"preferred": "a"}}},\n'
        '  {"kind": "city",\n   "forms": {"en": {"preferred": "b"}}}\n]}\n',
        3,
        "unknown kind 'city'",
    ),
    ("shape.json", '{"entries": []}\n', 1, "not an avet JSON glossary"),
    ("lang.json", '{"avet_glossary": 1, "entries": [{"forms": {"fr": {"preferred": "a"}}}]}', 1,
     "unknown language code 'fr'"),
    ("lines.jsonl", '{"forms": {"en": {"preferred": "a"}}}\n{"forms": \n', 2, "invalid JSON"),
    ("type.jsonl", '\n{"forms": {"en": {"preferred": 5}}}\n', 2, "not a string"),
    ("clash.csv", "en,forbidden_en\nHanoi,Hanoi\n", 2, "both admitted and forbidden"),
    ("multiline.csv", 'en,note\nHanoi,"capital\ncity"\nHue,x,y\n', 4, "3 fields"),
    ("latevariant.csv", "en,vi,variants_vi\nHanoi,,Hà Nội\n", 2, "no vi term"),
]


@pytest.mark.parametrize(
    ("name", "text", "line", "words"), MALFORMED, ids=[m[0] for m in MALFORMED]
)
def test_malformed_file_names_line(tmp_path: Path, name: str, text: str, line: int,
                                   words: str) -> None:
    path = write_file(tmp_path / name, text)
    langs = {"source_lang": "en", "target_lang": "vi"} if name.endswith(".tsv") else {}
    with pytest.raises(FormatError) as info:
        read_glossary(path, **langs)
    assert info.value.line == line
    assert info.value.path == str(path)
    assert words in info.value.message
    assert str(info.value).startswith(f"{path}:{line}: ")


@pytest.mark.parametrize(
    ("cells", "row", "words"),
    [
        ([["en", "kind"], ["Hanoi", "place"], ["Hue", "town"]], 3, "unknown kind 'town'"),
        ([["en", "fr"], ["Hanoi", "Hanoï"]], 1, "unknown language code 'fr'"),
        ([["en"], [None], ["Hanoi", "extra"]], 3, "beyond the last header column"),
    ],
)
def test_xlsx_errors_name_sheet_row(tmp_path: Path, cells: list, row: int, words: str) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "glossary"
    for values in cells:
        sheet.append(values)
    book.save(tmp_path / "bad.xlsx")
    with pytest.raises(FormatError) as info:
        read_glossary(tmp_path / "bad.xlsx")
    assert info.value.line == row
    assert f"sheet 'glossary' row {row}" in info.value.message
    assert words in info.value.message


def test_not_a_workbook(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="not a readable XLSX"):
        read_glossary(write_file(tmp_path / "fake.xlsx", "ar,vi\n"))


@pytest.mark.parametrize("name", ["xxe.tbx", "billion_laughs.tbx"])
def test_xml_entities_are_refused(name: str) -> None:
    with pytest.raises(FormatError, match="entity declarations are not allowed") as info:
        read_glossary(DATA / name)
    assert info.value.line == 3


def test_external_dtd_is_not_loaded(tmp_path: Path) -> None:
    dtd = tmp_path / "evil.dtd"
    dtd.write_text('<!ENTITY % leak SYSTEM "file:///etc/passwd">', encoding="utf-8")
    path = write_file(
        tmp_path / "dtd.tbx",
        f'<?xml version="1.0"?>\n<!DOCTYPE tbx SYSTEM "{dtd.as_uri()}">\n'
        "<tbx><text><body><conceptEntry id='a'><langSec xml:lang='en'><termSec>"
        "<term>ok</term></termSec></langSec></conceptEntry></body></text></tbx>",
    )
    (entry,) = read_glossary(path)
    assert entry.term("en") == "ok"


def test_unknown_language_lists_supported(tmp_path: Path) -> None:
    with pytest.raises(FormatError) as info:
        read_glossary(write_file(tmp_path / "l.csv", "ar,vi,zh\n"))
    assert "ar, vi, en" in (info.value.hint or "")


@pytest.mark.parametrize(
    ("name", "text", "lines"),
    [
        ("dup.csv", "ar,vi\nهانوي,Hà Nội\nبكين,Bắc Kinh\nهانوي,Hải Phòng\n", (2, 4)),
        ("dup.tsv", "ar\ten\nهانوي\tHanoi\n\nهانوي\tHaiphong\n", (2, 4)),
        (
            "dup.tbx",
            "<tbx><text><body>\n"
            "<conceptEntry id='a'><langSec xml:lang='ar'><termSec><term>هانوي</term></termSec>"
            "</langSec><langSec xml:lang='en'><termSec><term>Hanoi</term></termSec></langSec>"
            "</conceptEntry>\n<conceptEntry id='b'><langSec xml:lang='ar'><termSec><term>هانوي"
            "</term></termSec></langSec><langSec xml:lang='en'><termSec><term>Hue</term>"
            "</termSec></langSec></conceptEntry>\n</body></text></tbx>",
            (2, 3),
        ),
        (
            "dup.jsonl",
            json.dumps({"forms": {"ar": {"preferred": "هانوي"}, "en": {"preferred": "Hanoi"}}})
            + "\n"
            + json.dumps({"forms": {"ar": {"preferred": "هانوي"}, "en": {"preferred": "Hue"}}})
            + "\n",
            (1, 2),
        ),
    ],
)
def test_conflicting_targets_name_both_lines(tmp_path: Path, name: str, text: str,
                                             lines: tuple[int, int]) -> None:
    with pytest.raises(FormatError, match="conflicting") as info:
        read_glossary(write_file(tmp_path / name, text))
    assert f"line {lines[0]}" in info.value.message
    assert f"line {lines[1]}" in info.value.message
    assert info.value.line == lines[1]


def test_deepl_conflicting_duplicate_sources(tmp_path: Path) -> None:
    path = write_file(tmp_path / "d.tsv", "bank\tngân hàng\nriver\tsông\nbank\tbờ\n")
    with pytest.raises(FormatError, match=r"line 1 .*line 3"):
        read_glossary(path, format="deepl", source_lang="en", target_lang="vi")


def test_unknown_format_lists_supported(tmp_path: Path) -> None:
    with pytest.raises(FormatError) as info:
        read_glossary(tmp_path / "g.csv", format="sdltb")
    assert all(name in (info.value.hint or "") for name in FORMATS)
    with pytest.raises(FormatError, match="cannot tell the glossary format"):
        write_glossary(sample_entries(), tmp_path / "g.docx")


@pytest.mark.parametrize(("statuses", "count"), [(None, 4), (["approved"], 2)])
def test_write_filters_statuses(tmp_path: Path, statuses: list[str] | None, count: int) -> None:
    path = tmp_path / "g.csv"
    assert write_glossary(sample_entries(), path, statuses=statuses) == count
    assert len(read_glossary(path)) == count


def test_write_refuses_no_status(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="no status chosen: nothing to export"):
        write_glossary(sample_entries(), tmp_path / "g.csv", statuses=[])
    assert not (tmp_path / "g.csv").exists()


def test_write_rejects_unknown_status(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="unknown status 'final'"):
        write_glossary(sample_entries(), tmp_path / "g.csv", statuses=["final"])


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError):
        read_glossary(tmp_path / "none.csv")


def test_not_utf8_names_line(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes("en,vi\nHanoi,H\xe0 N\xf4i\n".encode("latin-1"))
    with pytest.raises(FormatError, match="not UTF-8") as info:
        read_glossary(path)
    assert info.value.line == 2


def test_table_cannot_hold_separator(tmp_path: Path) -> None:
    entry = Entry(status="approved")
    entry.forms["en"] = Forms("a", ["b|c"])
    with pytest.raises(FormatError, match="variants_en"):
        write_glossary([entry], tmp_path / "g.csv")
    assert not (tmp_path / "g.csv").exists()


def test_failed_write_leaves_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    write_glossary(sample_entries(), path)
    before = path.read_bytes()
    broken = sample_entries()
    broken[-1].note = object()  # type: ignore[assignment]  # json.dump fails half-way
    with pytest.raises(TypeError):
        write_glossary(broken, path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.json"]

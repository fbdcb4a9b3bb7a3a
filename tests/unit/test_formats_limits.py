"""What the services and spreadsheets cannot hold: control characters, long terms,
booleans in term cells; the variant rows of Amazon and Google pair glossaries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from glossary.checks import check_terms
from glossary.errors import FormatError
from glossary.formats import export_glossary, read_glossary
from glossary.formats.deepl import DEEPL_MAX_TERM_BYTES
from glossary.model import Entry, Forms
from tests.unit.formats_samples import nfc, sample_entries, write_file

ORG = (nfc("وِزَارَةُ المَالِيَّةِ"), nfc("Bộ Tài chính"), "Ministry of Finance")


def _tbx(term: str) -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<tbx xmlns="urn:iso:std:iso:30042:ed-2" '
            'type="TBX-Basic" style="dca"><text><body>\n<conceptEntry id="c1">'
            f'<langSec xml:lang="vi"><termSec><term>{term}</term></termSec></langSec>'
            '</conceptEntry></body></text></tbx>\n')


def _xlsx(path: Path, term: str) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["ar", "vi", "en"])
    sheet.append(["نص", term, "text"])
    book.save(path)
    return path


def _file(tmp_path: Path, fmt: str, term: str) -> tuple[Path, dict[str, str], int]:
    """A file of format ``fmt`` whose vi term is ``term``, its read options and the line."""
    if fmt == "xlsx":
        return _xlsx(tmp_path / "g.xlsx", term), {}, 2
    if fmt == "tbx":
        return write_file(tmp_path / "g.tbx", _tbx(term)), {}, 3
    if fmt == "json":
        data = {"avet_glossary": 1, "entries": [{"forms": {"vi": {"preferred": term},
                                                           "en": {"preferred": "text"}}}]}
        return write_file(tmp_path / "g.json", json.dumps(data)), {}, 1
    if fmt == "deepl":
        return (write_file(tmp_path / "g.tsv", f"text\t{term}\n"),
                {"source_lang": "en", "target_lang": "vi"}, 1)
    if fmt == "google-pairs":
        return (write_file(tmp_path / "g.csv", f"text,{term}\n"),
                {"format": "google", "source_lang": "en", "target_lang": "vi"}, 1)
    name = "g.tsv" if fmt == "tsv" else "g.csv"
    sep = "\t" if fmt == "tsv" else ","
    return (write_file(tmp_path / name, f"en{sep}vi\ntext{sep}{term}\n"),
            {"format": fmt} if fmt in ("google", "amazon") else {}, 2)


# XML and openpyxl cannot hold C0 controls at all: those files cannot be written.
@pytest.mark.parametrize(("fmt", "char"), [
    (fmt, char)
    for fmt in ("csv", "tsv", "deepl", "google", "google-pairs", "amazon", "json", "xlsx", "tbx")
    for char in ("\x0b", "\x1f", "\x85", "\u2028", "\u2029")
    if not (fmt in ("tbx", "xlsx") and char in "\x0b\x1f")])
def test_every_import_refuses_a_control_character_in_a_term(tmp_path: Path, fmt: str,
                                                            char: str) -> None:
    path, options, line = _file(tmp_path, fmt, f"văn{char}bản")
    if fmt == "tbx":  # a whitespace run in a TBX term is XML line wrapping: one space
        [entry] = read_glossary(path)
        assert entry.term("vi") == nfc("văn bản")
        return
    with pytest.raises(FormatError, match=f"has the control character U\\+{ord(char):04X}") \
            as info:
        read_glossary(path, **options)
    assert (info.value.path, info.value.line) == (str(path), line)


@pytest.mark.parametrize(("note", "refused"), [
    ("page\fbreak", True), ("unit\x1fsep", True), ("c1\x9d", True),
    ("two\nlines\twith a tab", False), ("line\u2028sep", False)])
def test_a_note_may_hold_tabs_and_line_breaks_only(note: str, refused: bool) -> None:
    entry = Entry(note=note, forms={"en": Forms("text")})
    if refused:
        with pytest.raises(FormatError, match=r"the note .* has the control character"):
            check_terms(entry)
    else:
        check_terms(entry)
        assert entry.note == note


def test_an_edit_does_not_fail_on_a_stored_form_it_left_alone() -> None:
    stored = Entry(forms={"en": Forms("text"), "vi": Forms("văn\x0bbản")})
    edited = Entry(forms={"en": Forms("text", ["texts"]), "vi": Forms("văn\x0bbản")})
    check_terms(edited, before=stored)  # the bad form was there before
    edited.forms["en"].variants.append("new\x0bone")
    with pytest.raises(FormatError, match=r"en variant 'new\\x0bone'"):
        check_terms(edited, before=stored)


def test_deepl_leaves_out_and_counts_an_entry_over_its_byte_limit(tmp_path: Path) -> None:
    long = "x" * (DEEPL_MAX_TERM_BYTES + 1)
    short = Entry(status="approved", forms={"en": Forms("text"), "vi": Forms(nfc("văn bản"))})
    too_long = Entry(status="approved", forms={"en": Forms("long", [long]), "vi": Forms("dài")})
    fits = Entry(status="approved",
                 forms={"en": Forms("y" * DEEPL_MAX_TERM_BYTES), "vi": Forms("vừa")})
    path = tmp_path / "d.tsv"
    written = export_glossary([short, too_long, fits], path, format="deepl", source_lang="en",
                              target_lang="vi")
    assert (written.entries, dict(written.left_out)) == (
        2, {f"a form over {DEEPL_MAX_TERM_BYTES} bytes": 1})
    assert path.read_text(encoding="utf-8").split("\n")[0] == nfc("text\tvăn bản")
    assert "long" not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("column", "refused"), [("en", True), ("note", True), ("dnt", False),
                                                 ("case_sensitive", False)])
def test_xlsx_reads_a_boolean_only_in_a_yes_no_column(tmp_path: Path, column: str,
                                                      refused: bool) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    header = ["ar", "vi"] + (["en"] if column == "en" else ["en", column])
    sheet.append(header)
    sheet.append(["خمسة", 1.5, True] if column == "en" else ["خمسة", 1.5, "five", True])
    sheet.title = "glossary"
    path = tmp_path / "n.xlsx"
    book.save(path)
    if refused:
        letter = "C" if column == "en" else "D"
        with pytest.raises(FormatError, match=f"row 2: column {letter} \\({column}\\) holds "
                                              "the boolean TRUE, not text") as info:
            read_glossary(path)
        assert info.value.line == 2
    else:
        [entry] = read_glossary(path)
        assert (entry.term("vi"), getattr(entry, column)) == ("1.5", True)


def test_amazon_writes_a_row_per_source_variant(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    written = export_glossary(sample_entries(), path, format="amazon", source_lang="ar",
                              target_lang="vi")
    assert path.read_text(encoding="utf-8").split("\n") == [
        "ar,vi", f"{ORG[0]},{ORG[1]}", nfc(f"وزارة المالية,{ORG[1]}"),
        nfc(f"بوزارة المالية,{ORG[1]}"), nfc("هانوي,Hà Nội"), nfc("بهانوي,Hà Nội"), ""]
    assert (written.entries, written.rows) == (2, 5)
    [org, place] = read_glossary(path, format="amazon")  # folds the rows back
    assert org.forms["ar"].variants == [nfc("وزارة المالية"), nfc("بوزارة المالية")]
    assert place.forms["ar"].variants == ["بهانوي"]


def test_google_pair_is_a_unidirectional_glossary_without_header(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    written = export_glossary(sample_entries(), path, format="google", source_lang="vi",
                              target_lang="ar")
    # Cloud Translation: a unidirectional glossary is a two-column file whose first row is
    # data; the variants get rows, as in DeepL.
    assert path.read_text(encoding="utf-8") == (
        f"{ORG[1]},{ORG[0]}\nBTC,{ORG[0]}\n" + nfc("Hà Nội,هانوي\n"))
    assert (written.entries, written.rows) == (2, 3)
    again = read_glossary(path, format="google", source_lang="vi", target_lang="ar")
    assert [(e.term("vi"), e.forms["vi"].variants, e.term("ar")) for e in again] == [
        (ORG[1], ["BTC"], ORG[0]), (nfc("Hà Nội"), [], "هانوي")]
    with pytest.raises(FormatError, match="header"):
        read_glossary(path, format="google")  # no header: it needs --from and --to


def test_amazon_variant_rows_of_three_languages_read_back_as_one_entry(tmp_path: Path) -> None:
    path = tmp_path / "a.tsv"
    org = sample_entries()[0]
    written = export_glossary([org], path, format="amazon", source_lang="ar")
    assert (written.entries, written.rows) == (1, 3)
    [back] = read_glossary(path, format="amazon")
    assert (back.term("ar"), back.forms["ar"].variants, back.term("vi"), back.term("en")) == (
        ORG[0], org.forms["ar"].variants, ORG[1], ORG[2])
    again = tmp_path / "b.tsv"
    export_glossary([back], again, format="amazon", source_lang="ar")
    assert again.read_bytes() == path.read_bytes()

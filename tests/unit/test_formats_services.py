"""Service glossaries: Google equivalent term sets, Amazon custom terminology, DeepL counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.errors import ConflictError, FormatError
from glossary.formats import export_glossary, read_glossary, write_glossary
from glossary.formats.services import AMAZON_MAX_TERM_BYTES
from glossary.model import STATUSES, Entry, Forms
from tests.unit.formats_samples import nfc, sample_entries, write_file

ORG = (nfc("وِزَارَةُ المَالِيَّةِ"), nfc("Bộ Tài chính"), "Ministry of Finance")


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


@pytest.mark.parametrize(("langs", "src", "tgt", "expected", "left_out"), [
    # approved entries only; the place has no English form but two terms
    (None, None, None, ["ar,vi,en", ",".join(ORG), nfc("هانوي,Hà Nội,"), ""], {}),
    (["en", "vi"], None, None, [f"en,vi\n{ORG[2]},{ORG[1]}\n"], {"fewer than two of en, vi": 1}),
    (None, "en", None, [f"en,ar,vi\n{ORG[2]},{ORG[0]},{ORG[1]}\n" + nfc(",هانوي,Hà Nội\n")],
     {}),
])
def test_google_writes_a_header_of_language_codes(
        tmp_path: Path, langs: list[str] | None, src: str | None, tgt: str | None,
        expected: list[str], left_out: dict[str, int]) -> None:
    path = tmp_path / "g.csv"
    written = export_glossary(sample_entries(), path, format="google", langs=langs,
                              source_lang=src, target_lang=tgt)
    assert path.read_text(encoding="utf-8") == "\n".join(expected)
    assert dict(written.left_out) == left_out
    assert written.entries == written.rows == path.read_text().count("\n") - 1


def test_google_file_with_pos_and_description_reads_back(tmp_path: Path) -> None:
    path = write_file(tmp_path / "g.csv", "en,vi,pos,description\n"
                      + nfc("public service,dịch vụ công,noun,\"services, public\"\n"))
    [entry] = read_glossary(path, format="google")
    assert (entry.term("en"), entry.term("vi"), entry.note) == (
        "public service", nfc("dịch vụ công"), "services, public")


@pytest.mark.parametrize(("name", "sep"), [("t.csv", ","), ("t.tsv", "\t")])
def test_amazon_fills_every_cell_and_puts_the_source_first(tmp_path: Path, name: str,
                                                           sep: str) -> None:
    path = tmp_path / name
    written = export_glossary(sample_entries(), path, format="amazon", source_lang="en")
    # The place has no English form: Amazon needs every cell, so it is left out.
    expected = sep.join(("en", "ar", "vi")) + "\n" + sep.join((ORG[2], ORG[0], ORG[1])) + "\n"
    assert path.read_text(encoding="utf-8") == expected
    assert (written.entries, written.rows, dict(written.left_out)) == (1, 1, {"no en form": 1})
    back = read_glossary(path, format="amazon")
    assert [(e.term("en"), e.term("ar"), e.term("vi")) for e in back] == [
        (ORG[2], ORG[0], ORG[1])]


def test_amazon_dnt_entry_fills_its_missing_languages(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    written = export_glossary(sample_entries(), path, format="amazon", statuses=["rejected"],
                              langs=["vi", "ar", "en"])
    person = nfc("Nguyễn Thị Hường")
    assert _lines(path) == ["vi,ar,en", f"{person},{person},Nguyen Thi Huong", ""]
    assert written.rows == 1


def test_amazon_leaves_out_terms_over_its_byte_limit(tmp_path: Path) -> None:
    long = Entry(status="approved", forms={"vi": Forms("x" * (AMAZON_MAX_TERM_BYTES + 1)),
                                           "en": Forms("long")})
    short = Entry(status="approved", forms={"vi": Forms("ngắn"), "en": Forms("short")})
    path = tmp_path / "t.csv"
    written = export_glossary([long, short], path, format="amazon", langs=["en", "vi"])
    assert _lines(path) == ["en,vi", nfc("short,ngắn"), ""]
    assert dict(written.left_out) == {f"a term over {AMAZON_MAX_TERM_BYTES} bytes": 1}


def test_amazon_source_term_maps_to_one_row(tmp_path: Path) -> None:
    one = Entry(id=1, status="approved", forms={"en": Forms("bank"), "vi": Forms("ngân hàng")})
    two = Entry(id=2, status="approved", forms={"en": Forms("bank"), "vi": Forms("bờ sông")})
    with pytest.raises(ConflictError, match="'bank' has two rows"):
        export_glossary([one, two], tmp_path / "t.csv", format="amazon", langs=["en", "vi"])
    assert not (tmp_path / "t.csv").exists()


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"format": "tbx", "langs": ["ar", "en"]}, "the tbx format has no choice of languages"),
    ({"format": "google", "langs": ["ar", "fr"]}, "language 'fr' is not supported"),
    ({"format": "amazon", "langs": ["en"]}, "at least two languages"),
    ({"format": "amazon", "langs": ["ar", "vi"], "source_lang": "en"},
     "source language 'en' is not among"),
])
def test_service_export_errors(tmp_path: Path, kwargs: dict, message: str) -> None:
    with pytest.raises(FormatError, match=message):
        export_glossary(sample_entries(), tmp_path / "x.tbx", **kwargs)
    assert not (tmp_path / "x.tbx").exists()


@pytest.mark.parametrize(("statuses", "entries", "rows", "left_out"), [
    (None, 2, 5, {}),  # the default: approved (org: 3 ar forms, place: 2)
    (["candidate"], 1, 2, {}),  # an explicit status is honoured
    (["approved", "candidate", "rejected"], 3, 7, {"no ar form": 1}),
])
def test_deepl_counts_entries_and_rows(tmp_path: Path, statuses: list[str] | None, entries: int,
                                       rows: int, left_out: dict[str, int]) -> None:
    path = tmp_path / "d.tsv"
    written = export_glossary(sample_entries(), path, format="deepl", source_lang="ar",
                              target_lang="vi", statuses=statuses)
    assert (written.entries, written.rows, dict(written.left_out)) == (entries, rows, left_out)
    assert len(_lines(path)) - 1 == rows
    assert write_glossary(sample_entries(), path, format="deepl", source_lang="ar",
                          target_lang="vi", statuses=statuses) == rows


@pytest.mark.parametrize("fmt", ["google", "amazon"])
def test_service_refuses_an_empty_glossary(tmp_path: Path, fmt: str) -> None:
    only_vi = Entry(status="approved", forms={"vi": Forms("chuyển đổi số")})
    with pytest.raises(FormatError, match=r"no entry fits \(1 entries: 1 with "):
        export_glossary([only_vi], tmp_path / "x.csv", format=fmt)
    assert not (tmp_path / "x.csv").exists()


@pytest.mark.parametrize(("fmt", "name", "langs"), [
    ("deepl", "d.tsv", ("ar", "vi")), ("google", "g.csv", (None, None)),
    ("amazon", "a.csv", (None, None)), ("tbx", "t.tbx", (None, None)),
    ("xlsx", "x.xlsx", (None, None)), ("csv", "c.csv", (None, None)),
    ("tsv", "c.tsv", (None, None)), ("json", "j.json", (None, None)),
    ("json", "j.jsonl", (None, None))])
def test_every_format_refuses_an_export_of_no_entry(tmp_path: Path, fmt: str, name: str,
                                                    langs: tuple[str | None, str | None]) -> None:
    candidate = Entry(status="candidate", forms={"vi": Forms("chuyển đổi số")})
    with pytest.raises(FormatError, match=r"no approved entries to export \(none of the 1 "
                                          r"entries given is approved\).*approve ID"):
        export_glossary([candidate], tmp_path / name, format=fmt, source_lang=langs[0],
                        target_lang=langs[1], statuses=("approved",))
    with pytest.raises(FormatError, match="no entries to export: the glossary is empty"):
        export_glossary([], tmp_path / name, format=fmt, source_lang=langs[0],
                        target_lang=langs[1], statuses=STATUSES)
    assert not (tmp_path / name).exists()

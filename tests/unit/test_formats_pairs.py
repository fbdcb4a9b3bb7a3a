"""Two-language files (DeepL, Google, Amazon): folding rows back into entries, and
which formats take a source and a target language."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from glossary.errors import FormatError, InputError
from glossary.formats import check_directions, read_glossary, write_glossary
from glossary.model import Entry, Forms

_VNEID_AR = "في إن إي آي دي"


def _vneid() -> Entry:
    entry = Entry(kind="acronym", status="approved", dnt=True, case_sensitive=True)
    entry.forms["ar"] = Forms(_VNEID_AR, ["VNeID"])
    entry.forms["en"] = Forms("VNeID")
    return entry


def _term() -> Entry:
    entry = Entry(status="approved")
    entry.forms["ar"] = Forms("التحول الرقمي", ["الرقمنة"])
    entry.forms["en"] = Forms("digital transformation")
    return entry


def test_deepl_round_trip_goes_back_the_other_way(tmp_path: Path) -> None:
    there = tmp_path / "ar-en.tsv"
    write_glossary([_term(), _vneid()], there, source_lang="ar", target_lang="en")
    entries = read_glossary(there, source_lang="ar", target_lang="en")
    assert [(e.forms["ar"].preferred, e.forms["ar"].variants) for e in entries] == [
        ("التحول الرقمي", ["الرقمنة"]), (_VNEID_AR, ["VNeID"])]
    code = entries[1]
    assert (code.kind, code.dnt, code.case_sensitive) == ("acronym", True, True)
    assert (entries[0].kind, entries[0].dnt) == ("term", False)
    back = tmp_path / "en-ar.tsv"
    assert write_glossary(entries, back, source_lang="en", target_lang="ar") == 2
    assert back.read_text(encoding="utf-8") == (
        f"digital transformation\tالتحول الرقمي\nVNeID\t{_VNEID_AR}\n")
    again = tmp_path / "again.tsv"
    write_glossary(entries, again, source_lang="ar", target_lang="en")
    assert again.read_text(encoding="utf-8") == there.read_text(encoding="utf-8")


@pytest.mark.parametrize(("rows", "langs", "kind", "dnt"), [
    ("749/QD-TTg\t749/QD-TTg\n", ("ar", "en"), "code", True),
    ("VNeID\tVNeID\nفي إن إي آي دي\tVNeID\n", ("ar", "vi"), "acronym", True),
    ("LGSP\tLGSP\n", ("vi", "en"), "acronym", True),
    ("Long An\tLong An\n", ("vi", "en"), "term", False),  # a place, not a code
    ("الخطة\tplan\n", ("ar", "en"), "term", False),
])
def test_a_row_kept_verbatim_is_a_case_sensitive_code(
        tmp_path: Path, rows: str, langs: tuple[str, str], kind: str, dnt: bool) -> None:
    path = tmp_path / "d.tsv"
    path.write_text(rows, encoding="utf-8")
    [entry] = read_glossary(path, format="deepl", source_lang=langs[0], target_lang=langs[1])
    assert (entry.kind, entry.dnt, entry.case_sensitive) == (kind, dnt, dnt)
    assert entry.forms[langs[0]].preferred == rows.split("\t")[0]


@pytest.mark.parametrize(("en", "line"), [
    ('the "one-stop" shop', '"the ""one-stop"" shop"'),
    ('"Digital Literacy for All"', '"""Digital Literacy for All"""'),
    ("plain, with a comma", "plain, with a comma"),  # a tab file: a comma needs no quotes
])
def test_deepl_quotes_a_field_holding_a_double_quote_as_csv_does(
        tmp_path: Path, en: str, line: str) -> None:
    entry = Entry(status="approved")
    entry.forms["ar"] = Forms("الشباك الواحد")
    entry.forms["en"] = Forms(en)
    path = tmp_path / "en-ar.tsv"
    write_glossary([entry], path, source_lang="en", target_lang="ar")
    assert path.read_text(encoding="utf-8") == f"{line}\tالشباك الواحد\n"
    [back] = read_glossary(path, source_lang="en", target_lang="ar")
    assert back.forms["en"].preferred == en


@pytest.mark.parametrize("field", ['say "yes"', '"open', 'a""b'])
def test_deepl_reads_a_field_not_enclosed_in_quotes_as_it_stands(
        tmp_path: Path, field: str) -> None:
    path = tmp_path / "d.tsv"
    path.write_text(f"{field}\tنعم\n", encoding="utf-8")
    [entry] = read_glossary(path, format="deepl", source_lang="en", target_lang="ar")
    assert entry.forms["en"].preferred == field


def test_a_repeated_source_with_another_target_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "d.tsv"
    path.write_text("بنك\tbank\nمصرف\tbank\nبنك\tshore\n", encoding="utf-8")
    with pytest.raises(FormatError, match="line 3"):
        read_glossary(path, format="deepl", source_lang="ar", target_lang="en")


def test_amazon_pair_rows_with_one_target_fold(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("ar,en\nبنك,bank\nمصرف,bank\nالخطة,plan\n", encoding="utf-8")
    entries = read_glossary(path)
    assert [(e.forms["ar"].preferred, e.forms["ar"].variants, e.term("en")) for e in entries] \
        == [("بنك", ["مصرف"], "bank"), ("الخطة", [], "plan")]


def test_avet_csv_rows_are_not_folded(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("ar,en,kind\nبنك,bank,term\nمصرف,bank,org\n", encoding="utf-8")
    assert len(read_glossary(path)) == 2


@pytest.mark.parametrize(("name", "src", "tgt", "message"), [
    ("tsv", "ar", None, "does not take source_lang"),
    ("tsv", None, "en", "does not take target_lang"),
    ("csv", "ar", "en", "does not take source_lang and target_lang"),
    ("json", None, "en", "does not take target_lang"),
    ("xlsx", "ar", None, "does not take source_lang"),
    ("tbx", "ar", "en", "does not take target_lang"),
    ("tbx", None, "en", "does not take target_lang"),
    ("google", None, "en", "does not take target_lang without source_lang"),
    ("amazon", None, "vi", "does not take target_lang without source_lang"),
    ("deepl", "ar", None, "target_lang missing"),
    ("deepl", None, "en", "source_lang missing"),
    ("deepl", None, None, "source_lang and target_lang missing"),
    ("deepl", "ar", "ar", "are both 'ar'"),
])
def test_export_refuses_languages_a_format_ignores(
        tmp_path: Path, name: str, src: str | None, tgt: str | None, message: str) -> None:
    path = tmp_path / "out.x"
    with pytest.raises(InputError, match=message) as info:
        write_glossary([_term()], path, format=name, source_lang=src, target_lang=tgt)
    assert not path.exists()
    if "does not take" in message:
        assert "deepl (both)" in (info.value.hint or "")


@pytest.mark.parametrize(("name", "src", "tgt"), [
    ("tbx", "ar", None), ("google", "ar", None), ("google", "ar", "en"), ("amazon", "en", "ar"),
    ("deepl", "ar", "en"), ("csv", None, None),
])
def test_languages_a_format_takes(name: str, src: str | None, tgt: str | None) -> None:
    check_directions(name, src, tgt)  # raises nothing
    with pytest.raises(InputError, match=r"^--from and --to are both"):
        check_directions("deepl", "en", "en", flags=("--from", "--to"))


_FORMULAS = ["=cmd|' /C calc'!A0", "+1", "-based", "@SUM(A1)", "'=already quoted", "''-x",
             "'plain", "a=b"]


@pytest.mark.parametrize("name", ["g.csv", "g.tsv"])
def test_csv_and_tsv_neutralise_formulas_and_round_trip(tmp_path: Path, name: str) -> None:
    entries = []
    for number, text in enumerate(_FORMULAS):
        entry = Entry(status="approved", note=text)
        entry.forms["en"] = Forms(text.replace("|", " "))  # "|" separates forms
        entry.forms["ar"] = Forms(f"كلمة {number}")
        entries.append(entry)
    path = tmp_path / name
    write_glossary(entries, path)
    cells = [cell for line in path.read_text(encoding="utf-8").splitlines()[1:]
             for cell in line.replace('"', "").split("," if name == "g.csv" else "\t")]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@")]
    back = read_glossary(path)
    assert [(e.term("en"), e.note) for e in back] == [(t.replace("|", " "), t)
                                                      for t in _FORMULAS]


def test_service_exports_keep_a_leading_minus(tmp_path: Path) -> None:
    entry = Entry(status="approved")
    entry.forms["en"], entry.forms["ar"] = Forms("-based"), Forms("قائم على")
    path = tmp_path / "d.tsv"
    write_glossary([entry], path, source_lang="en", target_lang="ar")
    assert path.read_text(encoding="utf-8") == "-based\tقائم على\n"


@pytest.mark.parametrize(("value", "shown"), [
    (datetime.datetime(2024, 1, 2), "2024-01-02"),
    (datetime.datetime(2024, 1, 2, 9, 30), "2024-01-02 09:30:00"),
    (datetime.time(9, 30), "09:30:00"),
])
def test_xlsx_date_cell_is_refused_with_its_row_and_column(
        tmp_path: Path, value: object, shown: str) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "glossary"
    sheet.append(["ar", "en", "note"])
    sheet.append(["الخطة", "plan", "fine"])
    sheet.append(["القرار", "decision", value])
    path = tmp_path / "d.xlsx"
    book.save(path)
    with pytest.raises(FormatError, match=rf"row 3: column C holds a date or time \({shown}\)") \
            as info:
        read_glossary(path)
    assert info.value.line == 3

"""`avet glossary export` to the DeepL, Google and Amazon layouts, through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.functional.cli_driver import avet
from toolkit.cli.main import main


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Read only by the tests: the starter termbase plus a candidate and a rejected entry.
    folder = tmp_path_factory.mktemp("export")
    path = folder / "g.db"
    partner = folder / "partner.csv"
    partner.write_text("ar,vi,en,status\nمنصة تجريبية,nền tảng thử,pilot platform,candidate\n"
                       "مشروع مرفوض,đề án bị bác,rejected scheme,rejected\n", encoding="utf-8")
    for args in (("--starter",), (str(partner),)):
        assert main(["glossary", "import", *args, "--db", str(path)]) == 0
    return path


@pytest.mark.parametrize(("status", "has"), [
    ("approved", {"approved"}),
    ("candidate", {"candidate"}),
    ("all", {"approved", "candidate", "rejected"}),
])
def test_deepl_export_honours_status_and_counts_entries_and_rows(
        db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], status: str,
        has: set[str]) -> None:
    out_file = tmp_path / "ar-en.tsv"
    code, out, _ = avet(capsys, "glossary", "export", str(out_file), "--db", str(db), "--from",
                        "ar", "--to", "en", "--status", status, "--json")
    summary = json.loads(out)
    rows = out_file.read_text(encoding="utf-8").splitlines()
    assert code == 0 and summary["rows"] == len(rows) >= summary["entries"] >= 1
    assert ("منصة تجريبية\tpilot platform" in rows) is ("candidate" in has)
    assert ("مشروع مرفوض\trejected scheme" in rows) is ("rejected" in has)
    if status == "candidate":
        assert rows == ["منصة تجريبية\tpilot platform"]


def test_deepl_export_message_names_entries_and_rows(
        db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "ar-en.tsv"
    code, out, _ = avet(capsys, "glossary", "export", str(out_file), "--db", str(db), "--from",
                        "ar", "--to", "en")
    rows = len(out_file.read_text(encoding="utf-8").splitlines())
    assert code == 0
    assert out.startswith("Exported ") and f" approved entries ({rows} rows) to " in out


@pytest.mark.parametrize("langs", [["--from", "ar"], ["--to", "en"], []])
def test_deepl_export_without_direction_names_the_options(
        db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], langs: list[str]) -> None:
    out_file = tmp_path / "d.tsv"
    code, _, err = avet(capsys, "glossary", "export", str(out_file), "--format", "deepl",
                        "--db", str(db), *langs)
    assert code == 2 and "--from and --to" in err and "source_lang" not in err
    assert len(err.strip().splitlines()) == 1 and not out_file.exists()


@pytest.mark.parametrize(("fmt", "args", "header"), [
    ("google", [], "ar,vi,en"),
    ("google", ["--langs", "en,vi"], "en,vi"),
    ("amazon", ["--from", "vi"], "vi,ar,en"),
    ("amazon", ["--from", "en", "--to", "ar"], "en,ar"),
])
def test_service_exports_write_a_header_of_language_codes(
        db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str,
        args: list[str], header: str) -> None:
    out_file = tmp_path / f"{fmt}.csv"
    code, out, _ = avet(capsys, "glossary", "export", str(out_file), "--format", fmt,
                        "--db", str(db), *args, "--json")
    lines = out_file.read_text(encoding="utf-8").splitlines()
    assert code == 0 and lines[0] == header
    assert json.loads(out)["rows"] == len(lines) - 1 > 300
    assert all(line.count(",") >= header.count(",") for line in lines)
    assert "pilot platform" not in out_file.read_text(encoding="utf-8")  # approved only

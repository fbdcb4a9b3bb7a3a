"""The README's main job: `avet demo` on the shipped samples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from glossary.formats import read_glossary
from glossary.store import Store
from toolkit.cli.main import main


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("demo")
    capture = out / "stdout.json"
    import contextlib
    import io

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        assert main(["demo", "--out", str(out), "--json"]) == 0
    capture.write_text(buffer.getvalue(), encoding="utf-8")
    return out, json.loads(buffer.getvalue())


def test_demo_writes_every_file(demo: tuple[Path, dict]) -> None:
    out, summary = demo
    assert summary["documents"] == 3
    assert sorted(Path(p).name for p in summary["files"].values()) == [
        "avet.db", "glossary.csv", "glossary.tbx", "quang_ninh.check.json",
        "quang_ninh.postedited.en.txt"]
    assert all((out / Path(p).name).is_file() for p in summary["files"].values())


def test_demo_extracts_names_with_vietnamese_and_approves_known_terms(
        demo: tuple[Path, dict]) -> None:
    out, summary = demo
    with Store(out / "avet.db") as store:
        quang_ninh = store.find_by_form("ar", "كوانغ نينه")
        digital = store.find_by_form("ar", "التحول الرقمي")
        person = store.find_by_form("ar", "نجوين فان ثانغ")
    assert quang_ninh[0].term("vi") == "Quảng Ninh" and quang_ninh[0].status == "approved"
    assert digital[0].term("en") == "digital transformation"
    assert digital[0].status == "approved"
    assert "digital conversion" in digital[0].forms["en"].forbidden
    assert digital[0].source.startswith("starter termbase")
    assert person and person[0].status == "candidate"
    assert "نغوين فان ثانغ" in person[0].forms["ar"].variants
    assert person[0].forms["vi"].candidates[0].text.startswith("Nguyễn Văn")
    assert summary["approved"] >= 10


def test_demo_exports_read_back(demo: tuple[Path, dict]) -> None:
    out, summary = demo
    tbx = read_glossary(out / "glossary.tbx")
    csv = read_glossary(out / "glossary.csv")
    assert len(tbx) == len(csv) == summary["approved"]


def test_demo_checks_and_postedits_the_sample_translation(demo: tuple[Path, dict]) -> None:
    out, summary = demo
    report = json.loads((out / "quang_ninh.check.json").read_text(encoding="utf-8"))
    issues = {f["issue"] for f in report["findings"]}
    assert "code_not_verbatim" in issues and "missing_term" in issues
    # The approved التحول الرقمي carries the starter entry's forbidden_en "digital conversion".
    forbidden = [f for f in report["findings"] if f["issue"] == "forbidden_term"]
    assert any(f["found"].lower() == "digital conversion"
               and f["expected"] == "digital transformation" for f in forbidden)
    edited = (out / "quang_ninh.postedited.en.txt").read_text(encoding="utf-8")
    assert "VNeID" in edited and "VNEID" not in edited
    assert summary["edits"] >= 1


def test_demo_keeps_plurals_of_approved_terms(demo: tuple[Path, dict]) -> None:
    # public services and cashless payments render الخدمات العامة and المدفوعات غير النقدية
    # in the plural: inflections of the preferred forms, neither replaced nor reported.
    out, _ = demo
    edited = (out / "quang_ninh.postedited.en.txt").read_text(encoding="utf-8").splitlines()
    assert edited[0].endswith("digital transformation in public services")
    assert edited[4].endswith("help older people use cashless payments.")
    report = json.loads((out / "quang_ninh.check.json").read_text(encoding="utf-8"))
    assert not [f for f in report["findings"]
                if f["found"].lower() in ("public services", "cashless payments")]

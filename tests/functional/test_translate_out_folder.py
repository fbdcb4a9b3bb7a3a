"""``avet translate DIR --out DIR/sub`` never reads what it wrote."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from toolkit.cli.main import main

FAST = ["--max-length", "8", "--beam", "1", "--no-glossary"]


@pytest.fixture()
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("AVET_MODELS_DIR", str(tmp_path / "models"))
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "no-hub"))
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "news.ar.txt").write_text("مدينة جديد.\n", encoding="utf-8")
    return tmp_path


def _files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_a_second_run_does_not_translate_its_own_output(
        work: Path, tiny_marian_ct2: Path) -> None:
    for _run in range(2):
        assert main(["translate", "in", "--from", "ar", "--to", "en", "--model",
                     str(tiny_marian_ct2), "--out", "in/en/", *FAST]) == 0
    assert _files(work / "in") == ["en/news.en.txt", "en/report.json", "news.ar.txt"]
    report = json.loads((work / "in" / "en" / "report.json").read_text(encoding="utf-8"))
    assert [d["input"] for d in report["documents"]] == [str(Path("in") / "news.ar.txt")]


def test_the_input_folder_as_out_is_refused_before_a_model_loads(
        work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["translate", "in", "--from", "ar", "--to", "en", "--model", "not/needed",
                 "--out", "in", *FAST]) == 2
    err = capsys.readouterr().err
    assert err.startswith("avet: error: in: --out is the input folder") and err.count("\n") == 1
    assert _files(work / "in") == ["news.ar.txt"]

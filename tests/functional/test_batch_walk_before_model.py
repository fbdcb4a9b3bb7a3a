"""``batch translate`` and ``avet translate`` walk and check the input folder before the
model loads (minutes and GPU memory for a real model): a folder of translations only,
a missing folder and (``avet translate``) an empty one are refused without loading it;
``batch translate`` over an empty folder is an empty job that still loads the model
(a wrong model is told on the first night). The folder is walked once."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.upper_engine import UpperEngine
from toolkit.batch import folders as batch_folders
from toolkit.cli.main import main

SOURCE = "يعد التحول الرقمي أولوية.\n"


class EngineLoads:
    """Stands in for ``load_engine_for`` and records each call (an UpperEngine)."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, *_args: Any, **_kw: Any) -> UpperEngine:
        self.calls += 1
        return UpperEngine()


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> EngineLoads:
    recorder = EngineLoads()
    monkeypatch.setattr("toolkit.cli.translate_cmd.load_engine_for", recorder)
    return recorder


def _folder(tmp: Path, files: dict[str, str] | None) -> Path:
    src = tmp / "in"
    if files is not None:  # None: no folder at all
        src.mkdir()
        for rel, text in files.items():
            (src / rel).write_text(text, encoding="utf-8")
    return src


def _command(job: str, src: Path, out: Path) -> list[str]:
    # --model names nothing: loading it would fail, and the stand-in records the load.
    given = ["batch", "translate", str(src)] if job == "batch" else ["translate", str(src)]
    return [*given, "--out", str(out), "--from", "ar", "--to", "en", "--no-glossary",
            "--model", str(src.parent / "no-model")]


@pytest.mark.parametrize("job", ["batch", "translate"])
@pytest.mark.parametrize(("files", "error"), [
    ({"a.en.txt": "one.\n", "b.vi.txt": "hai.\n"},
     "all 2 documents found are named as translations (*.en.*: 1, *.vi.*: 1), not --from ar "
     "sources"),
    (None, ": no such "),  # batch: "no such folder"; translate, a file or a folder: "file"
])
def test_a_refused_folder_loads_no_model(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], loads: EngineLoads, job: str,
        files: dict[str, str] | None, error: str) -> None:
    src, out = _folder(tmp_path, files), tmp_path / "out"
    assert main(_command(job, src, out)) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"avet: error: {src}") and error in err
    assert loads.calls == 0
    assert not out.exists()


def test_translate_of_an_empty_folder_loads_no_model(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], loads: EngineLoads) -> None:
    src = _folder(tmp_path, {})
    assert main(_command("translate", src, tmp_path / "out")) == 2
    assert "no documents found" in capsys.readouterr().err
    assert loads.calls == 0


def test_batch_translate_of_an_empty_folder_is_an_empty_job_that_checks_the_model(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], loads: EngineLoads) -> None:
    src, out = _folder(tmp_path, {}), tmp_path / "out"
    assert main([*_command("batch", src, out), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert summary["totals"]["documents"] == 0
    assert summary["signature"]["model"] == UpperEngine().signature()
    assert loads.calls == 1
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert (report["totals"]["documents"], report["interrupted"]) == (0, False)


def test_batch_translate_walks_once_and_loads_the_model_once(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], loads: EngineLoads,
        monkeypatch: pytest.MonkeyPatch) -> None:
    src, out = _folder(tmp_path, {"a.ar.txt": SOURCE, "a.en.txt": "one.\n"}), tmp_path / "out"
    walks: list[Path] = []
    real = batch_folders.walk_job

    def walk_job(input_dir: Path, *args: Any, **kwargs: Any) -> Any:
        walks.append(input_dir)
        return real(input_dir, *args, **kwargs)

    monkeypatch.setattr(batch_folders, "walk_job", walk_job)
    assert main([*_command("batch", src, out), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert (summary["totals"]["done"], summary["totals"]["skipped_paths"]) == (1, 1)
    assert summary["signature"]["model"] == UpperEngine().signature()
    assert (walks, loads.calls) == ([src], 1)
    assert (out / "a.en.txt").read_text(encoding="utf-8") == SOURCE.upper()

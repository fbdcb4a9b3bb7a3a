"""``avet models list`` and ``avet models convert`` end to end."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from toolkit.cli.main import main


@pytest.fixture()
def model_dirs(tmp_path: Path, tiny_marian: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    avet_dir = tmp_path / "avet-models"
    shutil.copytree(tiny_marian, avet_dir / "opus-mt-ar-en")
    pickled = avet_dir / "pickled"
    pickled.mkdir()
    (pickled / "config.json").write_text(json.dumps({"model_type": "marian"}), encoding="utf-8")
    (pickled / "pytorch_model.bin").write_bytes(b"\x80\x04")
    monkeypatch.setenv("AVET_MODELS_DIR", str(avet_dir))
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hub"))
    monkeypatch.chdir(tmp_path)
    return avet_dir


def test_list_json_shows_usable_and_refused(model_dirs: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["models", "list", "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    by_id = {r["id"]: r for r in rows}
    assert by_id["opus-mt-ar-en"]["status"] == "ok"
    assert by_id["opus-mt-ar-en"]["directions"] == ["ar-en"]
    assert by_id["opus-mt-ar-en"]["family"] == "marian"
    assert by_id["pickled"]["status"] == "refused"
    assert "safetensors" in by_id["pickled"]["error"]


def test_list_table(model_dirs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["models", "list"]) == 0
    out = capsys.readouterr().out
    assert "opus-mt-ar-en" in out and "ar→en" in out and "refused" in out


def test_list_with_nothing_found_explains(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("AVET_MODELS_DIR", str(tmp_path / "none"))
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hub"))
    monkeypatch.chdir(tmp_path)
    assert main(["models", "list"]) == 0
    out = capsys.readouterr().out
    assert "no models found" in out and "hf download" in out


def test_convert_then_list(model_dirs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_dir = model_dirs / "opus-mt-ar-en-ct2"
    assert main(["models", "convert", str(model_dirs / "opus-mt-ar-en"), str(out_dir),
                 "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["format"] == "ctranslate2" and result["quantization"] == "int8"
    assert (out_dir / "model.bin").is_file()
    assert main(["models", "list", "--json"]) == 0
    formats = {json.loads(line)["id"]: json.loads(line).get("format")
               for line in capsys.readouterr().out.splitlines()}
    assert formats["opus-mt-ar-en-ct2"] == "ctranslate2"


def test_convert_pickle_only_is_a_user_error(model_dirs: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["models", "convert", str(model_dirs / "pickled"), str(model_dirs / "out")])
    err = capsys.readouterr().err
    assert code == 2
    assert "convert it to safetensors on a trusted machine" in err
    assert err.count("\n") == 1
    assert not (model_dirs / "out").exists()


@pytest.mark.parametrize(("output", "message"), [
    ("opus-mt-ar-en", "OUT_DIR is the source directory"),
    (".", "OUT_DIR contains the source directory"),
    ("opus-mt-ar-en/ct2", "OUT_DIR lies inside the source directory"),
    ("pickled/config.json", "OUT_DIR exists and is not a directory"),
    ("pickled", "OUT_DIR is not a CTranslate2 model directory (it holds config.json, "
                "pytorch_model.bin)"),
])
def test_convert_refuses_to_replace_what_it_did_not_make(
        model_dirs: Path, capsys: pytest.CaptureFixture[str], output: str,
        message: str) -> None:
    before = sorted(str(p) for p in model_dirs.rglob("*"))
    code = main(["models", "convert", str(model_dirs / "opus-mt-ar-en"),
                 str(model_dirs / output), "--force"])
    err = capsys.readouterr().err
    assert code == 2 and message in err and err.count("\n") == 1, err
    assert sorted(str(p) for p in model_dirs.rglob("*")) == before


def test_convert_reports_the_id_list_shows_without_progress_bars(
        model_dirs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from transformers.utils import logging as hf_logging

    hf_logging.enable_progress_bar()
    assert main(["models", "convert", str(model_dirs / "opus-mt-ar-en"),
                 str(model_dirs / "org" / "fast"), "--json"]) == 0
    captured = capsys.readouterr()
    assert "Loading weights" not in captured.err and hf_logging.is_progress_bar_enabled()
    converted = json.loads(captured.out)
    assert main(["models", "list", "--json"]) == 0
    listed = {Path(row["path"]).resolve(): row["id"]
              for row in map(json.loads, capsys.readouterr().out.splitlines())}
    assert converted["id"] == listed[Path(converted["path"]).resolve()] == "org/fast"


@pytest.mark.parametrize("source", ["Helsinki-NLP/opus-mt-ar-en", "opus-mt-ar-en"])
def test_convert_takes_the_ids_models_list_prints(
        model_dirs: Path, tiny_marian: Path, tmp_path: Path, source: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    snapshot = tmp_path / "hub" / "models--Helsinki-NLP--opus-mt-ar-en" / "snapshots" / "0a1b"
    shutil.copytree(tiny_marian, snapshot)
    assert main(["models", "list", "--json"]) == 0
    listed = {json.loads(row)["id"] for row in capsys.readouterr().out.splitlines()}
    assert source in listed
    assert main(["models", "convert", source, "cv", "--json"]) == 0
    converted = json.loads(capsys.readouterr().out)
    assert (converted["format"], converted["directions"]) == ("ctranslate2", ["ar-en"])
    assert (tmp_path / "cv" / "model.bin").is_file()

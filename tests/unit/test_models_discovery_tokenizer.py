"""Discovery refuses a model without its tokenizer files; a model of unknown direction
is never picked by a search and is named in a notice when run by name."""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path
from typing import Any

import pytest

import models
from models.convert import convert_model
from models.discovery import direction_notice, find_models, inspect_dir, resolve
from models.errors import ModelError


def _copy_without(source: Path, dest: Path, *removed: str) -> Path:
    shutil.copytree(source, dest)
    for name in removed:
        (dest / name).unlink()
    return dest


@pytest.mark.parametrize(("fixture", "removed", "message", "hint"), [
    ("tiny_marian", ("source.spm", "target.spm"), "tokenizer files missing: source.spm, "
     "target.spm", "copy them from the model's download"),
    ("tiny_marian", ("vocab.json",), "tokenizer files missing: vocab.json",
     "download the model again"),
    ("tiny_m2m100", ("sentencepiece.bpe.model",),
     "tokenizer files missing: sentencepiece.bpe.model", "download the model again"),
    ("tiny_marian_ct2", ("target.spm",), "tokenizer files missing: target.spm",
     "re-convert the model with `avet models convert`"),
])
def test_a_model_missing_tokenizer_files_is_refused(
        request: pytest.FixtureRequest, tmp_path: Path, fixture: str,
        removed: tuple[str, ...], message: str, hint: str) -> None:
    path = _copy_without(request.getfixturevalue(fixture), tmp_path / "m", *removed)
    with pytest.raises(ModelError) as caught:
        inspect_dir(path)
    assert caught.value.message == message and str(caught.value.path) == str(path)
    assert hint in (caught.value.hint or "")


@pytest.mark.parametrize(("present", "refused"), [
    ((), True), (("tokenizer.json",), False), (("sentencepiece.bpe.model",), False)])
def test_nllb_needs_its_tokenizer_json_or_sentencepiece_model(
        tmp_path: Path, present: tuple[str, ...], refused: bool) -> None:
    path = tmp_path / "nllb-200-distilled-600M"
    path.mkdir()
    (path / "config.json").write_text(json.dumps({"model_type": "m2m_100"}), encoding="utf-8")
    (path / "model.safetensors").write_bytes(b"")
    for name in present:
        (path / name).write_bytes(b"")
    if refused:
        with pytest.raises(ModelError, match=r"missing: tokenizer\.json or sentencepiece"):
            inspect_dir(path)
    else:
        assert inspect_dir(path).family == "nllb"


@pytest.fixture()
def broken_first(tmp_path: Path, tiny_marian: Path) -> dict[str, str]:
    """A working opus-mt-ar-en and an ar→en copy without source.spm/target.spm whose id
    sorts before it."""
    root = tmp_path / "avet"
    shutil.copytree(tiny_marian, root / "opus-mt-ar-en")
    _copy_without(tiny_marian, root / "aa-ar-en", "source.spm", "target.spm")
    return {"AVET_MODELS_DIR": str(root), "HF_HUB_CACHE": str(tmp_path / "hub")}


def test_a_search_lists_the_broken_model_as_refused_and_picks_the_working_one(
        broken_first: dict[str, str]) -> None:
    usable, refused = find_models(broken_first)
    assert [i.model_id for i in usable] == ["opus-mt-ar-en"]
    assert [(mid, err.message) for mid, _path, err in refused] == [
        ("aa-ar-en", "tokenizer files missing: source.spm, target.spm")]
    assert resolve(None, "ar", "en", env=broken_first).model_id == "opus-mt-ar-en"


def test_converting_a_model_missing_tokenizer_files_is_a_model_error(
        broken_first: dict[str, str], tmp_path: Path) -> None:
    source = Path(broken_first["AVET_MODELS_DIR"]) / "aa-ar-en"
    with pytest.raises(ModelError, match=r"tokenizer files missing: source\.spm, target\.spm"):
        convert_model(source, tmp_path / "out")
    assert not (tmp_path / "out").exists()


@pytest.fixture()
def undeclared(tmp_path: Path, tiny_marian: Path) -> Path:
    """The tiny ar→en model under a plain name, its tokenizer config without languages."""
    path = shutil.copytree(tiny_marian, tmp_path / "avet" / "mymodel")
    config = json.loads((path / "tokenizer_config.json").read_text(encoding="utf-8"))
    config.pop("source_lang", None)
    config.pop("target_lang", None)
    (path / "tokenizer_config.json").write_text(json.dumps(config), encoding="utf-8")
    return path


def test_a_model_of_unknown_direction_is_never_picked_by_a_search(
        undeclared: Path, tmp_path: Path) -> None:
    env = {"AVET_MODELS_DIR": str(undeclared.parent), "HF_HUB_CACHE": str(tmp_path / "hub")}
    assert inspect_dir(undeclared).directions == frozenset()
    with pytest.raises(models.ModelNotFoundError, match="no local model translates en→vi"):
        resolve(None, "en", "vi", env=env)


@pytest.mark.parametrize(("src", "tgt"), [("en", "vi"), ("ar", "en")])
def test_running_a_model_of_unknown_direction_by_name_says_what_is_assumed(
        undeclared: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
        src: str, tgt: str) -> None:
    monkeypatch.setattr(models, "engine_for", lambda info, **_kw: info)
    with caplog.at_level(logging.WARNING, logger="avet.models"):
        info: Any = models.load_engine(str(undeclared), src, tgt, env={})
    assert info.path == undeclared
    [record] = [r for r in caplog.records if r.name == "avet.models"]
    text = record.getMessage()
    assert text == direction_notice(info, src, tgt)
    assert "model mymodel does not say which direction it translates" in text
    assert f"assuming {src}→{tgt} as asked" in text
    assert f'"source_lang": "{src}", "target_lang": "{tgt}" in ' \
           f"{undeclared / 'tokenizer_config.json'}" in text
    assert f"opus-mt-{src}-{tgt}" in text
    assert "avet " not in text  # models/ names no CLI command


def test_a_model_that_declares_its_direction_gets_no_notice(
        tiny_marian: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(models, "engine_for", lambda info, **_kw: info)
    with caplog.at_level(logging.WARNING, logger="avet.models"):
        info: Any = models.load_engine(str(tiny_marian), "ar", "en", env={})
    assert direction_notice(info, "ar", "en") is None
    assert not [r for r in caplog.records if r.name == "avet.models"]

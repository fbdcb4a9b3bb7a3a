"""``convert_model`` never writes into or over its source, nor over what it did not make."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from models.convert import convert_model
from models.discovery import model_id_for
from models.errors import ModelError


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture()
def source(tiny_marian: Path, tmp_path: Path) -> Path:
    """A copy of the tiny model at tmp_path/models/org/src, with a file beside it."""
    src = tmp_path / "models" / "org" / "src"
    shutil.copytree(tiny_marian, src)
    (tmp_path / "models" / "notes.txt").write_text("mine", encoding="utf-8")
    return src


@pytest.mark.parametrize(("output", "message"), [
    ("models/org/src", "is the source directory"),
    ("models/org/src/ct2", "lies inside the source directory"),
    ("models", "contains the source directory"),
    ("models/org", "contains the source directory"),
    ("link-to-src", "is the source directory"),
    ("link-to-org", "contains the source directory"),
])
def test_output_overlapping_the_source_is_refused(source: Path, tmp_path: Path, output: str,
                                                  message: str) -> None:
    (tmp_path / "link-to-src").symlink_to(source)
    (tmp_path / "link-to-org").symlink_to(source.parent)
    before = _snapshot(tmp_path / "models")
    with pytest.raises(ModelError, match=message) as caught:
        convert_model(source, tmp_path / output, force=True)
    assert "outside the source model" in (caught.value.hint or "")
    assert _snapshot(tmp_path / "models") == before
    assert not list((tmp_path / "models").glob(".*")) and not list(tmp_path.glob(".*"))


@pytest.mark.parametrize("force", [False, True])
def test_output_that_is_a_file_is_refused(source: Path, tmp_path: Path, force: bool) -> None:
    target = tmp_path / "some_file"
    target.write_text("keep", encoding="utf-8")
    with pytest.raises(ModelError, match="not a directory"):
        convert_model(source, target, force=force)
    with pytest.raises(ModelError, match="some_file is not a directory"):
        convert_model(source, target / "sub", force=force)
    assert target.read_text(encoding="utf-8") == "keep"


def test_force_replaces_only_a_model_or_an_empty_directory(source: Path,
                                                           tmp_path: Path) -> None:
    other = tmp_path / "work"
    other.mkdir()
    (other / "thesis.txt").write_text("keep", encoding="utf-8")
    with pytest.raises(ModelError, match=r"holds thesis\.txt"):
        convert_model(source, other, force=True)
    assert (other / "thesis.txt").read_text(encoding="utf-8") == "keep"

    empty = tmp_path / "empty"
    empty.mkdir()
    assert convert_model(source, empty, force=True).format == "ctranslate2"
    (empty / "model.bin").write_bytes(b"old")
    convert_model(source, empty, force=True, quantization="float32")
    assert (empty / "model.bin").read_bytes() != b"old"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_a_failed_conversion_leaves_the_old_output(source: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import models.convert

    out = tmp_path / "out"
    convert_model(source, out)
    before = _snapshot(out)

    class Broken:
        def convert(self, *args: Any, **kwargs: Any) -> None:
            raise ValueError("no converter for this checkpoint")

    monkeypatch.setattr(models.convert, "_converter", lambda _source: Broken())
    with pytest.raises(ModelError, match="conversion failed"):
        convert_model(source, out, force=True)
    assert _snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["models", "out"]


@pytest.mark.parametrize(("relative", "expected"), [
    ("m2m100-ct2", "m2m100-ct2"),
    ("org/fast", "org/fast"),
])
def test_converted_id_is_the_listed_id(source: Path, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch, relative: str,
                                       expected: str) -> None:
    monkeypatch.setenv("AVET_MODELS_DIR", str(tmp_path / "models"))
    info = convert_model(source, tmp_path / "models" / relative)
    assert info.model_id == expected == model_id_for(info.path)
    assert model_id_for(tmp_path / "elsewhere" / "name") == "name"

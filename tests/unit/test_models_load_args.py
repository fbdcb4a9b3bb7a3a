"""load_engine and engine_for: a Path model and the device, for both backends."""

from __future__ import annotations

from pathlib import Path

import pytest

import models
from models import DEVICES, ModelError, engine_for, inspect_dir, load_engine

BACKENDS = [("tiny_marian", "transformers"), ("tiny_marian_ct2", "ctranslate2")]


@pytest.mark.parametrize(("fixture", "engine"), BACKENDS)
def test_a_path_model_loads_like_its_string(request: pytest.FixtureRequest, fixture: str,
                                            engine: str) -> None:
    path: Path = request.getfixturevalue(fixture)
    assert isinstance(path, Path)
    by_path = load_engine(path, "ar", "en", engine=engine)
    by_str = load_engine(str(path), "ar", "en", engine=engine)
    assert by_path.name == engine
    assert by_path.signature() == by_str.signature()
    assert ("ar", "en") in by_path.directions()


def _no_backend(*args: object, **kwargs: object) -> None:
    raise AssertionError("a backend was called for an unsupported device")


@pytest.mark.parametrize("device", ["tpu", "CPU", "cuda:0", ""])
@pytest.mark.parametrize(("fixture", "engine"), BACKENDS)
def test_an_unsupported_device_is_refused_before_any_backend(
        request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, fixture: str,
        engine: str, device: str) -> None:
    path: Path = request.getfixturevalue(fixture)
    monkeypatch.setattr("models.hf_backend.HFEngine.__init__", _no_backend)
    monkeypatch.setattr("models.ct2_backend.CT2Engine.__init__", _no_backend)
    for load in (lambda: load_engine(path, "ar", "en", engine=engine, device=device),
                 lambda: load_engine(path / "absent", "ar", "en", engine=engine, device=device),
                 lambda: engine_for(inspect_dir(path), device=device)):
        with pytest.raises(ModelError) as caught:
            load()
        assert type(caught.value) is ModelError
        assert caught.value.message == f"unsupported device {device!r}"
        assert caught.value.hint == "use one of: cpu, cuda"
    assert DEVICES == ("cpu", "cuda")
    assert "DEVICES" in models.__all__


@pytest.mark.parametrize(("fixture", "engine", "target", "none"), [
    ("tiny_marian", "transformers", "torch.cuda.is_available", lambda: False),
    ("tiny_marian_ct2", "ctranslate2", "ctranslate2.get_cuda_device_count", lambda: 0),
])
def test_cuda_without_a_visible_gpu_is_a_model_error(
        request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, fixture: str,
        engine: str, target: str, none: object) -> None:
    path: Path = request.getfixturevalue(fixture)
    monkeypatch.setattr(target, none)
    with pytest.raises(ModelError, match="no CUDA device is visible") as caught:
        load_engine(path, "ar", "en", engine=engine, device="cuda")
    assert caught.value.hint == "use device 'cpu'"

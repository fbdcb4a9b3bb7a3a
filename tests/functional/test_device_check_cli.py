"""The device check is written once, in models: the CLI calls models.check_device with
the engine's own CUDA count and reads the devices and engines from models."""

from __future__ import annotations

import argparse
import sys
import types
from pathlib import Path

import pytest

import models
from glossary.errors import InputError
from models import DEVICES, ENGINES, ModelError, gpu_count
from toolkit.cli import translate_cmd
from toolkit.cli.main import build_parser, main
from toolkit.config import load_config


def _fake_libraries(monkeypatch: pytest.MonkeyPatch, torch_sees: bool, ct2_count: int) -> None:
    """torch and ctranslate2 as the machine would have them, whatever it has."""
    torch = types.SimpleNamespace(cuda=types.SimpleNamespace(is_available=lambda: torch_sees))
    ct2 = types.SimpleNamespace(get_cuda_device_count=lambda: ct2_count)
    monkeypatch.setitem(sys.modules, "torch", torch)
    monkeypatch.setitem(sys.modules, "ctranslate2", ct2)


@pytest.mark.parametrize(("torch_sees", "ct2_count", "expected"), [
    (False, 0, {"transformers": 0, "ctranslate2": 0}),
    (True, 2, {"transformers": 1, "ctranslate2": 2}),
])
def test_gpu_count_asks_the_engine_s_library(monkeypatch: pytest.MonkeyPatch,
                                             torch_sees: bool, ct2_count: int,
                                             expected: dict[str, int]) -> None:
    _fake_libraries(monkeypatch, torch_sees, ct2_count)
    assert {engine: gpu_count(engine) for engine in ENGINES} == expected


@pytest.mark.parametrize("engine", ENGINES)
def test_the_cli_check_is_models_check_device(monkeypatch: pytest.MonkeyPatch,
                                              engine: str) -> None:
    _fake_libraries(monkeypatch, torch_sees=False, ct2_count=3)
    seen: list[tuple[str, int]] = []

    def check(device: str, gpus: object = None) -> None:
        assert callable(gpus)
        seen.append((device, gpus()))

    monkeypatch.setattr(models, "check_device", check)
    translate_cmd.check_device("cuda", engine)
    assert seen == [("cuda", 0 if engine == "transformers" else 3)]


@pytest.mark.parametrize(("origin", "message"), [
    (None, "--device cuda: no CUDA device is visible (use --device cpu)"),
    ("avet.toml:4", "avet.toml:4: device = 'cuda': no CUDA device is visible (set device = "
                    "\"cpu\" there, or give --device cpu)"),
])
@pytest.mark.parametrize("engine", ENGINES)
def test_no_gpu_names_where_cuda_was_asked_for(monkeypatch: pytest.MonkeyPatch, engine: str,
                                              origin: str | None, message: str) -> None:
    _fake_libraries(monkeypatch, torch_sees=False, ct2_count=0)
    with pytest.raises(InputError) as caught:
        translate_cmd.check_device("cuda", engine, origin)
    assert str(caught.value) == message
    assert isinstance(caught.value.__cause__, ModelError)


def test_an_unknown_device_is_the_library_s_error() -> None:
    with pytest.raises(ModelError, match="unsupported device 'tpu'"):
        translate_cmd.check_device("tpu", "transformers")


def test_cuda_set_in_avet_toml_names_its_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    _fake_libraries(monkeypatch, torch_sees=False, ct2_count=0)
    config = tmp_path / "avet.toml"
    config.write_text('beam_size = 2\ndevice = "cuda"\n', encoding="utf-8")
    (tmp_path / "a.ar.txt").write_text("يعد التحول الرقمي أولوية.\n", encoding="utf-8")
    code = main(["translate", str(tmp_path / "a.ar.txt"), "--from", "ar", "--to", "en",
                 "--no-glossary", "--config", str(config)])
    assert code == 2
    assert capsys.readouterr().err == (
        f"avet: error: {config}:2: device = 'cuda': no CUDA device is visible (set device = "
        "\"cpu\" there, or give --device cpu)\n")


def test_devices_and_engines_come_from_models(tmp_path: Path) -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    translate = sub.choices["translate"]
    choices = {a.dest: a.choices for a in translate._actions if a.dest in ("device", "engine")}
    assert choices["device"] is DEVICES and choices["engine"] is ENGINES  # not copies
    config = tmp_path / "avet.toml"
    config.write_text('device = "tpu"\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_config(config)
    assert caught.value.hint == f"use one of: {', '.join(DEVICES)}"

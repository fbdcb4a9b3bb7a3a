"""avet never reaches for the network: it loads local models with ``local_files_only``,
and a model named by hub id without a local copy fails at once with ModelNotFoundError,
with no name lookup or connection attempted."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NoReturn

import pytest

from toolkit.cli.main import main


@pytest.fixture
def network_calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple]]:
    """Records every name lookup or connection attempt (and refuses it)."""
    calls: list[tuple] = []

    def refuse(name: str) -> Callable[..., NoReturn]:
        def record(*args: object, **kwargs: object) -> NoReturn:
            calls.append((name, args))
            raise OSError(f"network access attempted: {name}{args!r}")
        return record

    for name in ("getaddrinfo", "create_connection", "gethostbyname"):
        monkeypatch.setattr(socket, name, refuse(name))
    yield calls


@pytest.mark.parametrize("cls_name", ["AutoTokenizer", "AutoModelForSeq2SeqLM"])
def test_local_model_loads_with_local_files_only_and_no_network(
        tiny_marian: Path, monkeypatch: pytest.MonkeyPatch, network_calls: list[tuple],
        cls_name: str) -> None:
    """avet itself tells transformers to stay local: every ``from_pretrained`` of the
    transformers backend gets ``local_files_only=True`` (whatever HF_HUB_OFFLINE says)."""
    import transformers

    from models import load_engine

    cls = getattr(transformers, cls_name)
    original = cls.from_pretrained
    seen: list[dict[str, Any]] = []

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.append(kwargs)
        return original(*args, **kwargs)

    monkeypatch.setattr(cls, "from_pretrained", spy)
    engine = load_engine(str(tiny_marian), "ar", "en")
    [out] = engine.translate(["نص قصير"], "ar", "en", max_length=8)
    assert isinstance(out.text, str)
    assert seen and all(kw.get("local_files_only") is True for kw in seen)
    assert all(kw.get("trust_remote_code") is False for kw in seen)
    assert network_calls == []


def test_hub_id_without_local_copy_fails_without_network(
        tmp_path: Path, network_calls: list[tuple]) -> None:
    from models import ModelNotFoundError, load_engine

    env = {"HF_HOME": str(tmp_path / "hf"), "HF_HUB_CACHE": str(tmp_path / "hf" / "hub"),
           "AVET_MODELS_DIR": str(tmp_path / "models")}
    with pytest.raises(ModelNotFoundError, match="not found locally"):
        load_engine("Helsinki-NLP/opus-mt-ar-en", "ar", "en", env=env)
    assert network_calls == []


def test_cli_with_hub_id_gives_one_line_error_without_network(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, network_calls: list[tuple],
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hf" / "hub"))
    monkeypatch.setenv("AVET_MODELS_DIR", str(tmp_path / "models"))
    doc = tmp_path / "in" / "a.txt"
    doc.parent.mkdir()
    doc.write_text("نص قصير.\n", encoding="utf-8")
    out = tmp_path / "out"
    code = main(["batch", "translate", str(doc.parent), "--out", str(out), "--from", "ar",
                 "--to", "en", "--no-glossary", "--model", "Helsinki-NLP/opus-mt-ar-en"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert len(err) == 1 and err[0].startswith("avet: error:") and "not found locally" in err[0]
    assert network_calls == []
    assert not out.exists()

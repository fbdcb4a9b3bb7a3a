"""avet never reaches for the network: sockets are blocked in the suite, the Hub is off,
and a model named by hub id without a local copy fails at once with ModelNotFoundError."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_socket import SocketBlockedError

from toolkit.cli.main import main


@pytest.fixture
def network_calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple]]:
    """Records every name lookup or connection attempt (and refuses it)."""
    calls: list[tuple] = []

    def refuse(name: str):  # type: ignore[no-untyped-def]
        def record(*args, **kwargs):  # type: ignore[no-untyped-def]
            calls.append((name, args))
            raise OSError(f"network access attempted: {name}{args!r}")
        return record

    for name in ("getaddrinfo", "create_connection", "gethostbyname"):
        monkeypatch.setattr(socket, name, refuse(name))
    yield calls


def test_sockets_are_blocked() -> None:
    with pytest.raises(SocketBlockedError):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)


def test_hub_is_offline() -> None:
    assert os.environ.get("HF_HUB_OFFLINE") == "1"


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

"""``--ray ADDRESS`` is checked before a job loads anything: its form, the Ray Client
package that ``ray://`` needs, and an answer at the address within a few seconds.

Sockets are blocked in the suite: the connection is a monkeypatched
``socket.create_connection``.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from glossary.errors import InputError
from tests.functional.batch_fixtures import write_postedit_job
from toolkit.batch import ray_runner
from toolkit.batch.ray_runner import CONNECT_TIMEOUT_S, check_ray_address
from toolkit.cli.main import main


class _Answer:
    """A connection that opened (the probe closes it at once)."""

    def __enter__(self) -> _Answer:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


def _connect(calls: list[tuple[Any, ...]], error: OSError | None = None
             ) -> Callable[..., _Answer]:
    def connect(address: tuple[str, int], timeout: float | None = None) -> _Answer:
        calls.append((*address, timeout))
        if error is not None:
            raise error
        return _Answer()

    return connect


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    """Every address probed; each answers, and the Ray Client package is installed."""
    made: list[tuple[Any, ...]] = []
    monkeypatch.setattr(socket, "create_connection", _connect(made))
    monkeypatch.setattr(ray_runner, "_installed", lambda module: True)
    return made


@pytest.mark.parametrize("address", [
    "bogus", "10.0.0.5", "10.0.0.5:", ":6379", "10.0.0.5:0", "10.0.0.5:70000",
    "http://10.0.0.5:6379", "ray://", "ray://10.0.0.5", "a b:6379", "::1:6379", "LOCAL"])
def test_an_address_of_another_form_is_refused(calls: list[tuple[Any, ...]],
                                              address: str) -> None:
    with pytest.raises(InputError, match="not a Ray address") as info:
        check_ray_address(address)
    assert info.value.exit_code == 2
    for form in ("auto", "local", "HOST:PORT", "ray://HOST:PORT"):
        assert form in (info.value.hint or "")
    assert calls == []  # refused before any connection


@pytest.mark.parametrize(("address", "expected", "probed"), [
    ("local", None, None),
    ("auto", "auto", None),
    ("10.0.0.5:6379", "10.0.0.5:6379", ("10.0.0.5", 6379)),
    ("head-1.example.org:6379", "head-1.example.org:6379", ("head-1.example.org", 6379)),
    ("ray://10.0.0.5:10001", "ray://10.0.0.5:10001", ("10.0.0.5", 10001)),
    ("[::1]:6379", "[::1]:6379", ("::1", 6379)),
])
def test_accepted_forms(calls: list[tuple[Any, ...]], address: str, expected: str | None,
                        probed: tuple[str, int] | None) -> None:
    assert check_ray_address(address) == expected
    assert calls == ([(*probed, CONNECT_TIMEOUT_S)] if probed else [])


@pytest.mark.parametrize(("error", "why"), [
    (ConnectionRefusedError(111, "Connection refused"), "Connection refused"),
    (TimeoutError("timed out"), "no answer"),
    (socket.gaierror(-2, "Name or service not known"), "Name or service not known"),
])
@pytest.mark.parametrize("address", ["127.0.0.1:1", "ray://127.0.0.1:1"])
def test_nothing_answering_is_a_user_error_within_the_timeout(
        monkeypatch: pytest.MonkeyPatch, error: OSError, why: str, address: str) -> None:
    made: list[tuple[Any, ...]] = []
    monkeypatch.setattr(socket, "create_connection", _connect(made, error))
    monkeypatch.setattr(ray_runner, "_installed", lambda module: True)
    with pytest.raises(InputError) as info:
        check_ray_address(address, timeout=2.5)
    assert made == [("127.0.0.1", 1, 2.5)]  # one bounded try, not Ray's minutes of retries
    assert f"nothing answers at 127.0.0.1:1 within 2.5 s: {why}" in str(info.value)
    assert "ray start --head" in (info.value.hint or "")


def test_ray_client_address_without_the_client_package_names_the_fix(
        calls: list[tuple[Any, ...]], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ray_runner, "_installed", lambda module: module != "grpc")
    with pytest.raises(InputError, match="needs the Ray Client") as info:
        check_ray_address("ray://10.0.0.5:10001")
    assert info.value.hint == "pip install -c constraints.txt 'ray[client]'"
    assert calls == []
    assert check_ray_address("10.0.0.5:6379") == "10.0.0.5:6379"  # the GCS form needs no client


def test_without_ray_installed_the_extra_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ray_runner, "_installed", lambda module: module != "ray")
    with pytest.raises(InputError, match="--ray needs Ray") as info:
        check_ray_address("local")
    assert "[distributed]" in (info.value.hint or "")


@pytest.mark.parametrize(("address", "refused", "message"), [
    ("bogus", False, "--ray bogus: not a Ray address"),
    ("127.0.0.1:1", True, "--ray 127.0.0.1:1: nothing answers at 127.0.0.1:1 within 5 s"),
])
def test_cli_refuses_the_address_in_one_line_before_starting(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        address: str, refused: bool, message: str) -> None:
    error = ConnectionRefusedError(111, "Connection refused") if refused else None
    monkeypatch.setattr(socket, "create_connection", _connect([], error))
    src, tgt, glossary = write_postedit_job(tmp_path, 2)
    out = tmp_path / "out"
    code = main(["batch", "postedit", str(src), "--targets", str(tgt), "--from", "ar", "--to",
                 "en", "--glossary", str(glossary), "--out", str(out), "--ray", address])
    assert code == 2
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith(f"avet: error: {message}")
    assert not out.exists()  # nothing started

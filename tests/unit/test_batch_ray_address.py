"""``--ray ADDRESS`` is checked before a job loads anything: its form, the Ray Client
package that ``ray://`` needs, and an answer at the address within a few seconds,
in gRPC as Ray speaks it.

Sockets are blocked in the suite: the connection is a monkeypatched
``socket.create_connection`` and the gRPC handshake a monkeypatched ``_speaks_grpc``,
but for one test that opens a loopback server that is not Ray. The same refusals
through the CLI: tests/functional/test_batch_ray_address_cli.py.
"""

from __future__ import annotations

import socket
import sys
import threading
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from glossary.errors import InputError
from toolkit.batch import ray_runner
from toolkit.batch.ray_runner import CONNECT_TIMEOUT_S, check_ray_address
from toolkit.batch.tasks import DocTask


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
    monkeypatch.setattr(ray_runner, "_speaks_grpc", lambda host, port, timeout: True)
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


def test_an_address_that_answers_but_not_in_grpc_is_refused_with_the_ports(
        calls: list[tuple[Any, ...]], monkeypatch: pytest.MonkeyPatch) -> None:
    probed: list[tuple[str, int, float]] = []

    def no_handshake(host: str, port: int, timeout: float) -> bool:
        probed.append((host, port, timeout))
        return False

    monkeypatch.setattr(ray_runner, "_speaks_grpc", no_handshake)
    with pytest.raises(InputError) as info:
        check_ray_address("ray://10.0.0.5:8265", timeout=1.5)
    assert probed == [("10.0.0.5", 8265, 1.5)]
    assert "10.0.0.5:8265 answers, but not as Ray" in str(info.value)
    assert all(port in (info.value.hint or "") for port in ("6379", "10001", "8265"))


@pytest.fixture
def http_server() -> Iterator[int]:
    """A loopback server that answers every connection in HTTP/1.1, as a dashboard would."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    done = threading.Event()

    def serve() -> None:
        server.settimeout(0.2)
        while not done.is_set():
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            with conn:
                conn.recv(1024)
                conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    done.set()
    thread.join()
    server.close()


@pytest.mark.enable_socket
def test_a_server_that_is_not_ray_fails_the_grpc_handshake(http_server: int) -> None:
    pytest.importorskip("grpc")
    assert ray_runner._speaks_grpc("127.0.0.1", http_server, 0.5) is False


@pytest.mark.parametrize(("address", "message", "hint"), [
    ("auto", "--ray auto: no Ray instance is running on this machine", "ray start --head"),
    ("ray://10.0.0.5:10001", "--ray ray://10.0.0.5:10001: Ray did not connect: timed out",
     "RAY_AUTH_MODE=token"),
    ("10.0.0.5:6379", "--ray 10.0.0.5:6379: Ray did not connect: timed out", "6379"),
])
def test_ray_refusing_the_connection_is_a_user_error(
        monkeypatch: pytest.MonkeyPatch, address: str, message: str, hint: str) -> None:
    def init(**kwargs: Any) -> None:
        raise ConnectionError("timed out")

    fake = types.SimpleNamespace(is_initialized=lambda: False, init=init)
    monkeypatch.setitem(sys.modules, "ray", fake)
    with pytest.raises(InputError) as info:
        ray_runner._init_ray(address)
    assert str(info.value).startswith(message)
    assert hint in (info.value.hint or "")


def test_tasks_sent_to_actors_carry_absolute_paths(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    task = DocTask(rel="a.txt", path="in/a.txt", order=0, job_key="k", target="tr/a.txt")
    sent = ray_runner._absolute(task)
    assert (sent.path, sent.target) == (str(tmp_path / "in" / "a.txt"),
                                        str(tmp_path / "tr" / "a.txt"))
    assert (sent.rel, sent.order, sent.job_key) == ("a.txt", 0, "k")
    assert ray_runner._absolute(DocTask("b", "/x/b", 1, "k")).target is None


@pytest.mark.parametrize(("given", "shipped"), [
    ("models/m", "{tmp}/models/m"),  # a directory here: made absolute for the actors
    ("Helsinki-NLP/opus-mt-ar-en", "Helsinki-NLP/opus-mt-ar-en"),  # an id: left as it is
    (None, None),
])
def test_a_relative_model_directory_is_shipped_absolute(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, given: str | None,
        shipped: str | None) -> None:
    from toolkit.batch.jobs import TranslateSpec
    from toolkit.translate import TranslateOptions

    (tmp_path / "models" / "m").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    spec = TranslateSpec(TranslateOptions(src="ar", tgt="en"), given)
    sent = ray_runner._with_absolute_model(spec)
    assert isinstance(sent, TranslateSpec)
    assert sent.model == (shipped.format(tmp=tmp_path) if shipped else None)

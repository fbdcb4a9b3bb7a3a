"""``avet batch … --ray ADDRESS`` through the CLI: a bad or silent address is refused
in one line before the job starts, and a rerun after Ray refused the connection takes
the folder. Sockets are blocked in the suite: the connection is a monkeypatched
``socket.create_connection`` (the checks themselves: tests/unit/test_batch_ray_address.py)."""

from __future__ import annotations

import json
import socket
from collections.abc import Callable
from pathlib import Path

import pytest

from glossary.errors import InputError
from tests.functional.batch_fixtures import write_postedit_job
from toolkit.batch import ray_runner
from toolkit.cli.main import main


class _Answer:
    """A connection that opened (the probe closes it at once)."""

    def __enter__(self) -> _Answer:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


def _connect(error: OSError | None) -> Callable[..., _Answer]:
    def connect(address: tuple[str, int], timeout: float | None = None) -> _Answer:
        if error is not None:
            raise error
        return _Answer()

    return connect


def _job_args(kind: str, root: Path, out: Path) -> list[str]:
    """The command line of a small job of each kind (translate's model is never loaded)."""
    src, tgt, glossary = write_postedit_job(root, 2)
    tail = ["--out", str(out), "--db", str(root / "g.db")]
    if kind == "translate":
        return ["batch", "translate", str(src), "--from", "ar", "--to", "en", "--model",
                str(root / "no-model"), *tail]
    if kind == "extract":
        return ["batch", "extract", str(src), *tail]
    return ["batch", "postedit", str(src), "--targets", str(tgt), "--from", "ar", "--to", "en",
            "--glossary", str(glossary), *tail]


@pytest.mark.parametrize("kind", ["translate", "postedit", "extract"])
@pytest.mark.parametrize(("address", "refused", "message"), [
    ("bogus", False, "--ray bogus: not a Ray address"),
    ("127.0.0.1:1", True, "--ray 127.0.0.1:1: nothing answers at 127.0.0.1:1 within 5 s"),
])
def test_cli_refuses_the_address_in_one_line_before_starting(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        address: str, refused: bool, message: str, kind: str) -> None:
    error = ConnectionRefusedError(111, "Connection refused") if refused else None
    monkeypatch.setattr(socket, "create_connection", _connect(error))
    out = tmp_path / "out"
    assert main([*_job_args(kind, tmp_path, out), "--ray", address]) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith(f"avet: error: {message}")
    assert not out.exists()  # nothing started, no model loaded


@pytest.mark.parametrize("earlier_run", [False, True])
def test_a_rerun_after_ray_refused_the_connection_takes_the_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        earlier_run: bool) -> None:
    """The address passed the check, then ``ray.init`` refused it: a new folder is left
    bound to no job; a folder of an earlier run keeps its manifest. Either way the same
    job goes on there, without --ray (or with a corrected address), with the same keys."""
    from toolkit.batch.folders import check_job_folder

    out = tmp_path / "out"
    args = [*_job_args("postedit", tmp_path, out), "--json"]
    if earlier_run:
        assert main(args) == 0
        changed = tmp_path / "tgt" / "d0" / "doc001.txt"
        changed.write_text(changed.read_text(encoding="utf-8").replace("schools", "villages"),
                           encoding="utf-8")

    def refuse(address: str | None) -> None:
        raise InputError(f"--ray {address}: Ray did not connect: timed out")

    monkeypatch.setattr(ray_runner, "check_ray_address", lambda address: address)
    monkeypatch.setattr(ray_runner, "_init_ray", refuse)
    capsys.readouterr()
    assert main([*args, "--ray", "10.0.0.5:6379"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "avet: error: --ray 10.0.0.5:6379: Ray did not connect: timed out"]
    assert (out / "manifest.sqlite").exists() == earlier_run
    if not earlier_run:
        check_job_folder(out, "extract", None)  # bound to no job: another may take it
    assert main(args) == 0
    run = json.loads(capsys.readouterr().out.splitlines()[-1])["run"]
    assert (run["done"], run["skipped"]) == ((1, 1) if earlier_run else (2, 0))

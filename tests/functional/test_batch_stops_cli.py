"""How ``avet batch`` reports a job that cannot go on, in one line with exit 2: a full
disk, a read-only output folder. The writes are stand-ins (no real tmpfs); the
library side of the same stops is in tests/unit/test_batch_stops.py."""

from __future__ import annotations

import errno
import os
import types
from pathlib import Path
from typing import Any

import pytest

from glossary.fileio import atomic_open
from tests.functional.batch_fixtures import write_postedit_job
from toolkit.batch import local as batch_local
from toolkit.batch import manifest as batch_manifest
from toolkit.cli.main import main


def _write_on_a_full_disk(path: Path) -> None:
    """A write through ``atomic_open`` that finds the disk full, as ``write`` would."""
    with atomic_open(path):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_full_disk_on_the_cli_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    src, tgt, glossary = write_postedit_job(tmp_path, 2)
    out = tmp_path / "out"

    def full(path: Path, text: str, **kwargs: Any) -> None:
        _write_on_a_full_disk(path)

    monkeypatch.setattr(batch_local, "atomic_write_text", full)
    assert main(["batch", "postedit", str(src), "--targets", str(tgt), "--from", "ar", "--to",
                 "en", "--glossary", str(glossary), "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"avet: error: {out / 'd0' / 'doc000.en.txt'}: no space left on device "
                   "(free space and rerun)"]


@pytest.mark.parametrize(("read_only_fs", "says"), [
    (True, "is on a read-only file system"),
    (False, "is read-only: no permission to write"),
])
def test_a_read_only_job_folder_says_so_and_never_says_remove(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        read_only_fs: bool, says: str) -> None:
    src, tgt, glossary = write_postedit_job(tmp_path, 2)
    out = tmp_path / "out"
    args = ["batch", "postedit", str(src), "--targets", str(tgt), "--from", "ar", "--to", "en",
            "--glossary", str(glossary), "--out", str(out)]
    assert main(args) == 0
    before = (out / "manifest.sqlite").read_bytes()
    real_statvfs = os.statvfs

    def access(path: Any, mode: int, **kwargs: Any) -> bool:
        return not (mode & os.W_OK and Path(path).resolve().is_relative_to(out.resolve()))

    def statvfs(path: Any) -> Any:
        info = real_statvfs(path)
        flags = info.f_flag | os.ST_RDONLY if read_only_fs else info.f_flag & ~os.ST_RDONLY
        return types.SimpleNamespace(f_flag=flags)

    monkeypatch.setattr(batch_manifest.os, "access", access)
    monkeypatch.setattr(batch_manifest.os, "statvfs", statvfs)
    capsys.readouterr()
    assert main(args) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(
        f"avet: error: {out / 'manifest.sqlite'}: the job manifest {says}")
    assert "make the folder writable" in err[0] and "remove" not in err[0]
    assert (out / "manifest.sqlite").read_bytes() == before

"""``glossary.fileio``: atomic writes keep modes, follow links, write FIFOs in place.

No test touches a real device in /dev: FIFOs made in ``tmp_path`` stand for
every file that cannot be renamed over.
"""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from glossary.errors import InputError
from glossary.fileio import (
    atomic_open,
    atomic_write_bytes,
    atomic_write_text,
    current_umask,
    is_stream,
    make_folder,
)

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes, links and FIFOs")


@pytest.fixture()
def umask() -> Iterator[None]:
    """Restores the process umask after a test that sets it."""
    saved = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(saved)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("mask", [0o022, 0o002, 0o077, 0o027], ids=oct)
def test_a_new_file_gets_0666_less_the_umask(tmp_path: Path, umask: None, mask: int) -> None:
    os.umask(mask)
    assert current_umask() == mask
    assert os.umask(mask) == mask  # reading it left it as it was
    target = tmp_path / "new.txt"
    atomic_write_text(target, "x")
    assert _mode(target) == 0o666 & ~mask


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o600, 0o755, 0o664], ids=oct)
def test_an_existing_file_keeps_its_mode(tmp_path: Path, umask: None, mode: int) -> None:
    os.umask(0o077)
    target = tmp_path / "old.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(mode)
    atomic_write_text(target, "new")
    assert target.read_text(encoding="utf-8") == "new" and _mode(target) == mode


@pytest.mark.parametrize("relative", [True, False])
def test_a_symlink_is_written_through(tmp_path: Path, relative: bool) -> None:
    (tmp_path / "real").mkdir()
    real = tmp_path / "real" / "glossary.csv"
    real.write_text("old", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "link.csv"
    link.symlink_to(Path("real") / "glossary.csv" if relative else real)
    before = os.readlink(link)
    atomic_write_text(link, "new")
    assert link.is_symlink() and os.readlink(link) == before
    assert real.read_text(encoding="utf-8") == "new" and _mode(real) == 0o640
    assert sorted(p.name for p in (tmp_path / "real").iterdir()) == ["glossary.csv"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.csv", "real"]


def test_a_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "target.txt")
    atomic_write_text(link, "made")
    assert link.is_symlink() and (tmp_path / "target.txt").read_text(encoding="utf-8") == "made"


@pytest.mark.parametrize("binary", [False, True])
def test_a_fifo_is_written_in_place(tmp_path: Path, binary: bool) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    if binary:
        atomic_write_bytes(fifo, "ترجمة\n".encode())
    else:
        atomic_write_text(fifo, "ترجمة\n")
    reader.join(timeout=10)
    assert received == ["ترجمة\n".encode()]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


def test_a_failed_write_leaves_the_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("before", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_open(target) as handle:
        handle.write("half")
        raise RuntimeError("boom")
    assert target.read_text(encoding="utf-8") == "before"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_a_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "emptydir"
    folder.mkdir()
    with pytest.raises(InputError) as caught:
        atomic_write_text(folder, "x")
    assert str(caught.value) == f"{folder}: is a folder (give a file path, not a folder)"
    assert list(folder.iterdir()) == [] and sorted(tmp_path.iterdir()) == [folder]


@pytest.mark.parametrize("rel", ["empty.txt/g.tbx", "empty.txt/sub/g.tbx"])
def test_a_parent_that_is_a_file_is_refused(tmp_path: Path, rel: str) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        atomic_write_text(tmp_path / rel, "x")
    message = str(caught.value)
    assert message.startswith(f"{tmp_path / rel}: cannot create its folder: ")
    assert f"{tmp_path / 'empty.txt'} is a file, not a folder" in message


def test_a_folder_that_cannot_be_written_is_refused(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(InputError) as caught:
        atomic_write_text(tmp_path / "g.tbx", "x")
    assert str(caught.value).startswith(f"{tmp_path / 'g.tbx'}: cannot write in its folder")
    assert "Permission denied" in str(caught.value)


def _full(*args: object, **kwargs: object) -> object:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("where", ["folder", "mkstemp", "write", "fsync", "replace"])
def test_a_full_disk_is_one_error_naming_the_file(tmp_path: Path, where: str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "sub" / "g.tbx"
    if where == "folder":
        monkeypatch.setattr(Path, "mkdir", _full)
    elif where == "mkstemp":
        monkeypatch.setattr(tempfile, "mkstemp", _full)
    elif where in ("fsync", "replace"):
        target.parent.mkdir()
        monkeypatch.setattr(os, where, _full)
    with pytest.raises(InputError) as caught, atomic_open(target) as handle:
        if where == "write":
            _full()
        handle.write("x")
    assert str(caught.value) == f"{target}: no space left on device (free space and rerun)"
    assert not target.parent.is_dir() or list(target.parent.iterdir()) == []


def test_make_folder_on_a_full_disk_names_the_fix(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Path, "mkdir", _full)
    with pytest.raises(InputError) as caught:
        make_folder(tmp_path / "a")
    assert str(caught.value) == f"{tmp_path / 'a'}: no space left on device (free space and rerun)"


def test_make_folder_refuses_a_file(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("", encoding="utf-8")
    with pytest.raises(InputError, match="is a file, not a folder"):
        make_folder(tmp_path / "f")
    assert make_folder(tmp_path / "a" / "b").is_dir()


# A process that prints a line, writes a translation to PATH through atomic_write_text,
# then prints another line: what a shell's `(echo BEFORE; avet ... --out PATH; echo AFTER)`
# does with its stdout.
_WRITER = (
    "import os, sys\n"
    "from glossary.fileio import atomic_write_text\n"
    "os.write(1, b'BEFORE\\n')\n"
    "print('python line', flush=False)\n"
    "atomic_write_text(sys.argv[1], 'ترجمة\\n')\n"
    "print('AFTER')\n"
)
_STDOUT_NAMES = ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"]


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="Linux /proc")
@pytest.mark.parametrize("name", _STDOUT_NAMES)
@pytest.mark.parametrize("into", ["file", "pipe"])
def test_stdout_by_path_is_written_where_it_stands(tmp_path: Path, name: str,
                                                   into: str) -> None:
    log = tmp_path / "log.txt"
    command = [sys.executable, "-c", _WRITER, name]
    root = Path(__file__).resolve().parents[2]
    if into == "file":
        with log.open("wb") as handle:
            done = subprocess.run(command, stdout=handle, cwd=root, check=False, timeout=60)
        out = log.read_bytes()
    else:
        done = subprocess.run(command, stdout=subprocess.PIPE, cwd=root, check=False,
                              timeout=60)
        out = done.stdout
    assert done.returncode == 0
    assert out.decode() == "BEFORE\npython line\nترجمة\nAFTER\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == (["log.txt"] if into == "file" else [])


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="Linux /proc")
def test_a_descriptor_open_on_a_file_is_appended_to_not_replaced(tmp_path: Path) -> None:
    log = tmp_path / "log.txt"
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    try:
        os.write(fd, b"kept\n")
        before = log.stat().st_ino
        atomic_write_text(f"/proc/self/fd/{fd}", "new\n")
    finally:
        os.close(fd)
    assert log.read_text(encoding="utf-8") == "kept\nnew\n"
    assert log.stat().st_ino == before


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="Linux /proc")
def test_a_descriptor_open_for_reading_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "in.txt"
    source.write_text("x\n", encoding="utf-8")
    fd = os.open(source, os.O_RDONLY)
    try:
        with pytest.raises(InputError, match="reading only"):
            atomic_write_text(f"/dev/fd/{fd}", "y\n")
    finally:
        os.close(fd)
    assert source.read_text(encoding="utf-8") == "x\n"


@pytest.mark.parametrize(("make", "expected"), [
    ("fifo", True), ("file", False), ("missing", False), ("folder", False),
    ("link-to-file", False),
])
def test_is_stream(tmp_path: Path, make: str, expected: bool) -> None:
    path = tmp_path / "x"
    if make == "fifo":
        os.mkfifo(path)
    elif make == "file":
        path.write_text("", encoding="utf-8")
    elif make == "folder":
        path.mkdir()
    elif make == "link-to-file":
        (tmp_path / "real").write_text("", encoding="utf-8")
        path.symlink_to(tmp_path / "real")
    assert is_stream(path) is expected


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="Linux /proc")
@pytest.mark.parametrize("name", _STDOUT_NAMES)
def test_stdout_by_path_is_a_stream_whatever_it_is_open_on(name: str) -> None:
    assert is_stream(name)

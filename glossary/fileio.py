"""Atomic file writes: write to a temporary file beside the target, then rename.

What a write does depends on what the target is:

* a regular file, or a path that does not exist yet: the text goes to a
  temporary file in the same folder, renamed over the target once complete, so
  nothing half-written is ever seen. An existing file keeps its permission bits
  (and, when avet runs as root, its owner); a new file gets ``0o666`` less the
  umask, as ``open`` would give it;
* a symbolic link: written through. The temporary file goes beside the link's
  resolved target, which is replaced; the link stays a link;
* a FIFO or a character device (a named pipe, a terminal): opened and written
  directly, since such a file cannot be renamed over;
* an open file descriptor of this process named by path (``/dev/stdout``,
  ``/dev/fd/N``, ``/proc/self/fd/N``), whatever it is open on (a terminal, a
  pipe, a file the shell redirected to): written through that descriptor, where
  it stands, never replaced (a redirected log keeps what is in it);
* a folder, or a path whose folder cannot be made: :class:`InputError`.

A write that finds the disk (or the user's quota) full, wherever it does
(creating the folder or the temporary file, writing, flushing, renaming), is one
:class:`InputError` naming the target: ``PATH: no space left on device (free
space and rerun)``.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from glossary.errors import InputError

__all__ = [
    "NO_SPACE",
    "NO_SPACE_HINT",
    "atomic_open",
    "atomic_write_bytes",
    "atomic_write_text",
    "current_umask",
    "is_disk_full",
    "is_stream",
    "make_folder",
]

_FOLDER_HINT = "give a file path, not a folder"
#: ``/proc/PID/fd/N`` (``/dev/fd`` and ``/dev/stdout`` lead there on Linux).
_FD_LINK = re.compile(r"/proc/(?:self|thread-self|(\d+))(?:/task/\d+)?/fd/(\d+)")
_MAX_HOPS = 40
#: What a write that found the disk full says, and what to do about it.
NO_SPACE = "no space left on device"
NO_SPACE_HINT = "free space and rerun"
_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})


def is_disk_full(exc: BaseException) -> bool:
    """Whether ``exc`` is an ``OSError`` saying that the disk (or the user's quota) is full.

    Args:
        exc: An exception out of a write (``ENOSPC``, ``EDQUOT``).
    """
    return isinstance(exc, OSError) and exc.errno in _FULL_ERRNOS


@contextlib.contextmanager
def _space_for(target: Path) -> Iterator[None]:
    """Turns a write that finds the disk full into one error naming ``target``."""
    try:
        yield
    except OSError as exc:
        if is_disk_full(exc):
            raise InputError(NO_SPACE, path=target, hint=NO_SPACE_HINT) from exc
        raise


def current_umask() -> int:
    """Returns the process umask without changing it.

    Linux reports it in ``/proc/self/status``; elsewhere it is read by setting
    it and restoring it at once (the umask is process-wide, so the window is
    kept to two system calls).
    """
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as handle:
            status = handle.read()
    except OSError:  # Not Linux: read it the portable way below.
        status = ""
    for line in status.splitlines():
        if line.startswith("Umask:"):
            return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _stat(path: Path) -> os.stat_result | None:
    """``os.stat`` (following links) or ``None`` when nothing is there."""
    try:
        return os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise InputError(f"cannot be used as an output file: {exc.strerror or exc}",
                         path=path, hint="check the path") from exc


def make_folder(folder: str | Path, *, for_path: str | Path | None = None) -> Path:
    """Creates a folder and its missing parents (nothing happens if it exists).

    Args:
        folder: The folder.
        for_path: The file that is to go in ``folder``: the error names it.

    Returns:
        ``folder`` as a path.

    Raises:
        InputError: If ``folder`` or one of its parents is a file, or it cannot
            be created (no permission, read-only file system, a full disk).
    """
    folder = Path(folder)
    try:
        with _space_for(folder if for_path is None else Path(for_path)):
            folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        blocker = next((p for p in (folder, *folder.parents) if p.exists()), None)
        where = "its folder" if for_path is not None else "the folder"
        hint = "give a path in a folder you can write to"
        if blocker is not None and not blocker.is_dir():
            message = f"cannot create {where}: {blocker} is a file, not a folder"
            if for_path is None and blocker == folder:
                message, hint = "is a file, not a folder", "give a folder path"
        else:
            message = f"cannot create {where} {folder}: {exc.strerror or exc}"
        raise InputError(message, path=folder if for_path is None else for_path,
                         hint=hint) from exc
    return folder


def _descriptor(target: Path) -> int | None:
    """The descriptor of this process that ``target`` names, or ``None``.

    The chain of links is followed hop by hop: ``/dev/stdout`` leads to
    ``/proc/self/fd/1``, which leads to whatever descriptor 1 is open on (a
    file the shell redirected to looks like a plain file once resolved).
    """
    path = Path(os.path.abspath(target))
    for _hop in range(_MAX_HOPS):
        here = Path(os.path.realpath(path.parent)) / path.name
        match = _FD_LINK.fullmatch(here.as_posix())
        if match is not None:
            pid = match.group(1)
            return int(match.group(2)) if pid is None or int(pid) == os.getpid() else None
        if not here.is_symlink():
            return None
        path = here.parent / os.readlink(here)
    return None


def is_stream(path: str | Path) -> bool:
    """Returns whether writing ``path`` writes to a stream rather than a file.

    A stream is written in place, never replaced: a descriptor named by path
    (``/dev/stdout``, ``/dev/fd/N``, ``/proc/self/fd/N``), a FIFO or a
    character device. Nothing belongs beside one (a report ``PATH.report.json``
    next to ``/dev/stdout`` would land in ``/dev``).

    Args:
        path: The output path.

    Returns:
        ``True`` for a stream; ``False`` for a regular file, a folder or a path
        that does not exist.
    """
    target = Path(path)
    if _descriptor(target) is not None:
        return True
    info = _stat(target)
    return info is not None and (stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode))


@contextlib.contextmanager
def _through_descriptor(fd: int, target: Path, mode: str,
                        encoding: str | None) -> Iterator[IO]:
    """Writes to this process's descriptor ``fd`` (a copy of it) where it stands."""
    import fcntl  # POSIX only, as the /proc paths that lead here.

    try:
        flags = fcntl.fcntl(fd, fcntl.F_GETFL)
    except OSError as exc:
        raise InputError(f"descriptor {fd} is not open", path=target,
                         hint="give a file path") from exc
    if flags & os.O_ACCMODE == os.O_RDONLY:
        raise InputError(f"descriptor {fd} is open for reading only", path=target,
                         hint="give a file path")
    for stream in (sys.stdout, sys.stderr):  # What Python holds for it goes first.
        if stream is not None:
            stream.flush()
    with _open(os.dup(fd), mode, encoding) as handle:
        yield handle


def _resolved(target: Path, info: os.stat_result | None) -> Path | None:
    """Where the temporary file and the rename go: the file a symlink points to.

    Returns ``None`` for a link whose file has no path to rename over (a
    ``/proc/self/fd/N`` link to a deleted file): that one is written directly.
    """
    if not target.is_symlink():
        return target
    real = Path(os.path.realpath(target))
    if info is not None:
        again = _stat(real)
        if again is None or (again.st_dev, again.st_ino) != (info.st_dev, info.st_ino):
            return None
    return real


def _open(file: str | Path | int, mode: str, encoding: str | None) -> IO:
    if "b" in mode:
        return open(file, mode)
    return open(file, mode, encoding=encoding, newline="")


@contextlib.contextmanager
def atomic_open(path: str | Path, mode: str = "w", encoding: str | None = "utf-8", *,
                fsync: bool = True) -> Iterator[IO]:
    """Opens a temporary file next to ``path`` and renames it over ``path`` on success.

    On an exception the temporary file is removed and ``path`` is left as it was.
    A new file gets the permission bits ``open`` would give it (``0o666`` less
    the umask); an existing file keeps its own. A symbolic link is written
    through (its target is replaced); a FIFO, a character device or a
    descriptor named by path (``/dev/stdout``) is written directly, without the
    rename (see the module docstring and :func:`is_stream`).

    Args:
        path: The final file.
        mode: ``"w"`` for text or ``"wb"`` for bytes.
        encoding: Text encoding (ignored for bytes).
        fsync: Flush the file to disk before the rename. Callers that write many
            files may pass ``False`` and make them durable together (``os.sync``)
            before they record them as done.

    Yields:
        The open temporary file (the FIFO or device itself for those).

    Raises:
        InputError: If ``path`` is a folder, a block device or a socket, or its
            folder cannot be created or written to; if the disk is full.
    """
    target = Path(path)
    with _space_for(target):
        yield from _written(target, mode, encoding, fsync)


def _written(target: Path, mode: str, encoding: str | None, fsync: bool) -> Iterator[IO]:
    """The body of :func:`atomic_open` (a full disk aside): yields the open handle once."""
    fd = _descriptor(target)
    if fd is not None:
        with _through_descriptor(fd, target, mode, encoding) as handle:
            yield handle
        return
    info = _stat(target)
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise InputError("is a folder", path=target, hint=_FOLDER_HINT)
    if info is not None and not (stat.S_ISREG(info.st_mode) or stat.S_ISFIFO(info.st_mode)
                                 or stat.S_ISCHR(info.st_mode)):
        raise InputError("is not a regular file, a FIFO or a character device", path=target,
                         hint="give a file path")
    final = None if info is not None and not stat.S_ISREG(info.st_mode) \
        else _resolved(target, info)
    if final is None:  # Nothing to rename over: write in place.
        with _open(target, mode, encoding) as direct:
            yield direct
        return
    make_folder(final.parent, for_path=target)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".tmp", dir=final.parent)
    except OSError as exc:
        if is_disk_full(exc):
            raise
        raise InputError(f"cannot write in its folder {final.parent}: {exc.strerror or exc}",
                         path=target, hint="give a path in a folder you can write to") from exc
    try:
        handle = _open(fd, mode, encoding)
    except BaseException:
        os.close(fd)
        os.unlink(tmp)
        raise
    try:
        with handle:
            if info is None:
                os.chmod(tmp, 0o666 & ~current_umask())
            else:
                os.chmod(tmp, stat.S_IMODE(info.st_mode))
                if hasattr(os, "geteuid") and os.geteuid() == 0 \
                        and (info.st_uid, info.st_gid) != (os.getuid(), os.getgid()):
                    os.chown(tmp, info.st_uid, info.st_gid)
            yield handle
            handle.flush()
            if fsync:
                os.fsync(handle.fileno())
        os.replace(tmp, final)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def atomic_write_text(path: str | Path, text: str, encoding: str = "utf-8", *,
                      fsync: bool = True) -> None:
    """Writes ``text`` to ``path`` atomically (see :func:`atomic_open`)."""
    with atomic_open(path, "w", encoding=encoding, fsync=fsync) as handle:
        handle.write(text)


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Writes ``data`` to ``path`` atomically."""
    with atomic_open(path, "wb", encoding=None) as handle:
        handle.write(data)

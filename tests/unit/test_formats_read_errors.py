"""A glossary file that cannot be read (a folder, a symbolic link loop, no permission,
an I/O error) is one user error naming the file, the reason and the fix."""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path

import pytest

from glossary.errors import InputError, NotFoundError
from glossary.formats import read_glossary
from glossary.formats._common import read_bytes


@pytest.mark.parametrize("name", ["g.csv", "g.tbx", "g.xlsx", "g.json"])
def test_a_folder_is_named_a_folder(tmp_path: Path, name: str) -> None:
    (tmp_path / name).mkdir()
    with pytest.raises(InputError, match="is a folder, not a glossary file") as info:
        read_glossary(tmp_path / name)
    assert not isinstance(info.value, NotFoundError)
    assert info.value.path == str(tmp_path / name) and "CSV" in (info.value.hint or "")


def test_a_symbolic_link_loop_is_a_user_error(tmp_path: Path) -> None:
    loop = tmp_path / "loop.csv"
    os.symlink(loop.name, loop)
    with pytest.raises(InputError, match=f"cannot read: {re.escape(os.strerror(errno.ELOOP))}"
                       ) as info:
        read_glossary(loop)
    assert info.value.exit_code == 2 and "symbolic link" in (info.value.hint or "")


@pytest.mark.parametrize(("error", "words", "hint"), [
    (PermissionError(errno.EACCES, "Permission denied"), "cannot read: Permission denied",
     "chmod"),
    (OSError(errno.EIO, "Input/output error"), "cannot read: Input/output error", "disk"),
])
def test_an_unreadable_file_is_a_user_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            error: OSError, words: str, hint: str) -> None:
    path = tmp_path / "g.csv"
    path.write_text("ar,en\nهانوي,Hanoi\n", encoding="utf-8")

    def fail(self: Path) -> bytes:
        raise error

    monkeypatch.setattr(Path, "read_bytes", fail)
    with pytest.raises(InputError, match=words) as info:
        read_bytes(path)
    assert info.value.path == str(path) and hint in (info.value.hint or "")
    assert info.value.__cause__ is error


def test_a_missing_file_is_still_not_found(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="no such glossary file"):
        read_bytes(tmp_path / "none.csv")

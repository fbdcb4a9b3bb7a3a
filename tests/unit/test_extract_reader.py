"""Reading documents in the supported encodings, and reporting bad files."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

from glossary.errors import InputError, NotFoundError
from toolkit.extract import reader
from toolkit.extract.reader import (
    arabic_share,
    decode_document,
    iter_document_paths,
    passed_over,
    read_document,
)

SAMPLE = "أطلقت البلدية منصة رقمية جديدة لخدمة المواطنين."


@pytest.mark.parametrize(("data", "encoding"), [
    (SAMPLE.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8-sig"),
    (codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"), "utf-16"),
    (codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), "utf-16"),
])
def test_unicode_encodings(tmp_path: Path, data: bytes, encoding: str) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    doc = read_document(path)
    assert doc.text == SAMPLE
    assert doc.encoding == encoding


def test_windows_1256_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(SAMPLE.encode("cp1256"))
    doc = read_document(path)
    assert doc.text == SAMPLE
    assert doc.encoding == "cp1256"


def test_binary_file_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InputError) as info:
        read_document(path)
    assert str(path) in str(info.value)
    assert "binary" in str(info.value)


def test_undecodable_bytes_are_rejected(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(b"\x01\x02\xc3\x28\x05\x1b[" * 20)  # not UTF-8, control bytes
    with pytest.raises(InputError, match="supported"):
        read_document(path)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError):
        read_document(tmp_path / "absent.txt")
    with pytest.raises(InputError, match="directory"):
        read_document(tmp_path)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="file permissions do not bind root")
def test_permission_denied(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    path.chmod(0)
    try:
        with pytest.raises(InputError, match="permission denied"):
            read_document(path)
    finally:
        path.chmod(0o644)


def test_folders_are_walked_sorted_for_text_and_markdown(tmp_path: Path) -> None:
    for name in ("b.txt", "a.md", "c.pdf", "sub/d.txt", "sub/e.TXT"):
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(SAMPLE, encoding="utf-8")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_document_paths([tmp_path])]
    assert found == ["a.md", "b.txt", "sub/d.txt", "sub/e.TXT"]
    single = tmp_path / "c.pdf"
    assert list(iter_document_paths([single])) == [single]


def test_the_walk_leaves_out_hidden_paths_and_names_what_it_passes_over(
        tmp_path: Path) -> None:
    for name in ("a.txt", ".draft.txt", ".git/b.txt", "sub/.hidden/c.md", "sub/d.md"):
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(SAMPLE, encoding="utf-8")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / ".old.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "folder.md").mkdir()
    found = [p.relative_to(tmp_path).as_posix() for p in iter_document_paths([tmp_path])]
    assert found == ["a.txt", "sub/d.md"]
    assert passed_over(tmp_path) == [(tmp_path / "folder.md", "a folder, not a document"),
                                     (tmp_path / "gone.txt", "a broken link")]
    assert passed_over(tmp_path / "a.txt") == []


@pytest.mark.parametrize(("text", "share"), [
    (SAMPLE, 1.0),
    ("The People of Hanoi met the ministry.", 0.0),
    ("Người dân Hà Nội", 0.0),
    ("منصة VNeID", 4 / 9),
    ("ﻻ ab", 1 / 3),  # presentation forms count as Arabic
    ("123 - 456", None),
    ("", None),
])
def test_arabic_share_of_the_letters(text: str, share: float | None) -> None:
    assert arabic_share(text) == (pytest.approx(share) if share is not None else None)


# Windows-1256 text in which a letter stands before the Arabic comma or question mark:
# such byte pairs are valid UTF-8 by chance, and must not make the file "damaged UTF-8".
LEGACY = "هل أطلقت البلدية منصة رقمية؟ نعم، وخدمة جديدة للمواطنين، وبيانات مفتوحة؟\n" * 3


@pytest.mark.parametrize("text", [SAMPLE, LEGACY])
def test_genuine_windows_1256_is_decoded_with_its_accidental_utf8_pairs(text: str) -> None:
    data = text.encode("cp1256")
    assert data.decode("utf-8", "surrogateescape") != data.decode("utf-8", "replace")
    doc = decode_document(data, "legacy.txt")
    assert (doc.text, doc.encoding) == (text, "cp1256")


@pytest.mark.parametrize(("data", "line", "byte"), [
    ("وزارة ".encode() + b"\xd9 " + "رقمي ".encode() + b"\x81\x82 " + "خدمة.\n".encode(),
     1, "0xD9"),
    (SAMPLE.encode() + b"\n" + SAMPLE.encode()[:7] + b"\xff" + SAMPLE.encode()[7:], 2, "0xD9"),
    ((SAMPLE + "\n").encode() * 3 + "Thái Nguyên\xa0".encode("cp1252"), 4, "0xE1"),
], ids=["stray-bytes", "byte-inside-a-letter", "cp1252-line-appended"])
def test_utf8_with_a_few_bad_bytes_is_refused_naming_the_line(
        tmp_path: Path, data: bytes, line: int, byte: str) -> None:
    path = tmp_path / "damaged.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        read_document(path)
    message = str(info.value)
    assert message.startswith(f"{path}:{line}: not valid UTF-8: byte {byte}")
    assert "save it as UTF-8" in message and "\n" not in message


@pytest.mark.parametrize(("text", "share"), [
    ("حوسبة abcd efgh ijkl " * 80_000, 5 / 17),  # 1.6 M characters: read in slices
    ("abcd " * 100_000 + "حوسبة سحابية " * 100_000, 11 / 15),  # an English head, then Arabic
])
def test_arabic_share_of_a_long_text_is_estimated_from_slices(text: str, share: float) -> None:
    assert len(text) > reader.SHARE_SLICES * reader.SHARE_SLICE
    estimate = arabic_share(text)
    assert estimate is not None and abs(estimate - share) < 0.02

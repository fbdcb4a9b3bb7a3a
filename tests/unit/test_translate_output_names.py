"""Names of translations, and the documents of an input folder that holds --out."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.errors import InputError
from toolkit.translate import output_name
from toolkit.translate.document import folder_documents


@pytest.mark.parametrize(("rel", "tgt", "expected"), [
    ("h.ar", "en", "h.en"),
    ("news.ar.txt", "en", "news.en.txt"),
    ("sub/bao.vi.md", "ar", "sub/bao.ar.md"),
    ("NEWS.AR.TXT", "vi", "NEWS.vi.TXT"),
    ("a.vi.txt", "vi", "a.vi.vi.txt"),  # a tag that already is the target stays
    ("h.vi", "vi", "h.vi.vi"),
    ("doc.md", "en", "doc.en.md"),
    ("README", "en", "README.en.txt"),
    ("ar.txt", "en", "ar.en.txt"),  # a name, not a tag
    ("report.fr.txt", "en", "report.fr.en.txt"),  # not one of avet's languages
])
def test_a_language_tag_is_replaced_by_the_targets(rel: str, tgt: str, expected: str) -> None:
    assert output_name(rel, tgt).as_posix() == expected


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    """in/a.txt, in/sub/b.md, and an earlier run's output in/en/a.en.txt."""
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / "en").mkdir()
    for name in ("a.txt", "sub/b.md", "en/a.en.txt"):
        (root / name).write_text("text\n", encoding="utf-8")
    return root


@pytest.mark.parametrize(("out", "expected"), [
    (None, ["a.txt", "en/a.en.txt", "sub/b.md"]),
    ("in/en", ["a.txt", "sub/b.md"]),
    ("in/en/", ["a.txt", "sub/b.md"]),
    ("in/sub", ["a.txt", "en/a.en.txt"]),
    ("elsewhere", ["a.txt", "en/a.en.txt", "sub/b.md"]),
])
def test_the_walk_leaves_out_the_output_folder(folder: Path, out: str | None,
                                               expected: list[str]) -> None:
    where = None if out is None else str(folder.parent / out)
    found = folder_documents(folder, where)
    assert [p.relative_to(folder).as_posix() for p in found] == expected


def test_the_input_folder_itself_is_refused_as_output(folder: Path) -> None:
    with pytest.raises(InputError, match="the output folder is the input folder") as caught:
        folder_documents(folder, str(folder) + "/")
    assert caught.value.path == str(folder) + "/"
    assert str(folder / "out") in (caught.value.hint or "")
    assert "--out" not in str(caught.value)  # the library names no CLI flag

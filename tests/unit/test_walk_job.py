"""One walk gives a batch job its documents and what it passes over; the notices group
the documents named as translations by their tag, not by the wording of the reason."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

import toolkit.extract.reader as reader
from toolkit.batch.folders import Skipped, discover, skipped_notices, skipped_paths, walk_job

TAGGED = ["a.ar.txt", "a.en.txt", "sub/b.vi.md", "c.txt"]


def _docs(root: Path, rels: list[str]) -> Path:
    for rel in rels:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(f"{Path(rel).stem} one.\n", encoding="utf-8")
    return root


@pytest.mark.parametrize("src", ["ar", "en", None])
def test_walk_job_is_discover_and_skipped_paths_in_one_walk(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, src: str | None) -> None:
    root = _docs(tmp_path / "in", TAGGED)
    (root / "gone.txt").symlink_to("nowhere.txt")
    expected = (discover(root, tmp_path / "out", src=src),
                skipped_paths(root, tmp_path / "out", src))
    walks = []
    real = reader.iter_document_paths

    def counted(paths: Iterable[str | Path]) -> Iterator[Path]:
        walks.append(paths)
        return real(paths)

    monkeypatch.setattr(reader, "iter_document_paths", counted)
    walk = walk_job(root, tmp_path / "out", src=src)
    assert (walk.documents, walk.skipped) == expected
    assert len(walks) == 1
    tagged = {s.rel: s.tag for s in walk.skipped if s.tag is not None}
    assert tagged == {"ar": {"a.en.txt": "en", "sub/b.vi.md": "vi"},
                      "en": {"a.ar.txt": "ar", "sub/b.vi.md": "vi"}, None: {}}[src]


def test_notices_group_on_the_tag_not_on_the_reason_text(tmp_path: Path) -> None:
    reason = "named as a translation (*.en.*), not a --from ar source"
    skipped = [Skipped("a.en.txt", reason, "en"),
               Skipped("b.en.txt", reason),  # the same words, but not left out for its tag
               Skipped("c.vi.txt", "worded in any other way", "vi")]
    assert skipped_notices(tmp_path, skipped, "ar") == [
        f"{tmp_path / 'b.en.txt'}: {reason}, skipped",
        f"{tmp_path}: 2 documents left out: their names carry the tag of another language "
        "than --from ar (*.en.*: 1, *.vi.*: 1), as translations do; rename a file to have "
        "it read; report.json lists them"]


def test_skipped_paths_of_a_missing_folder_is_empty(tmp_path: Path) -> None:
    assert skipped_paths(tmp_path / "absent", tmp_path / "out", "ar") == []

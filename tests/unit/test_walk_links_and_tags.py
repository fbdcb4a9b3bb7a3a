"""The walk of an input folder: linked folders are followed (a loop is named, not
entered); ``batch extract`` counts a file reached by two paths once; translations
beside their sources (``a.en.txt`` for ``--from ar``) are left out of a folder's walk."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from tests.upper_engine import UpperEngine
from toolkit.batch import TranslateSpec, run_batch, with_engine_signature
from toolkit.batch.folders import Skipped, discover, skipped_notices, skipped_paths
from toolkit.extract.reader import iter_document_paths, passed_over, unique_documents
from toolkit.translate import TranslateOptions
from toolkit.translate.document import folder_documents, language_tag

LOOP = "a link to a folder that holds it (a loop)"


def _docs(root: Path, rels: Sequence[str]) -> Path:
    for rel in rels:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(f"{Path(rel).stem} one.\n", encoding="utf-8")
    return root


def _rels(root: Path, paths: Sequence[Path]) -> list[str]:
    return [p.relative_to(root).as_posix() for p in paths]


def test_a_linked_folder_is_walked(tmp_path: Path) -> None:
    root = _docs(tmp_path / "in", ["d1/a.txt", "d1/sub/b.md"])
    (root / "linkdir").symlink_to("d1", target_is_directory=True)
    assert _rels(root, list(iter_document_paths([root]))) == [
        "d1/a.txt", "d1/sub/b.md", "linkdir/a.txt", "linkdir/sub/b.md"]
    assert passed_over(root) == []


@pytest.mark.parametrize(("link", "target"), [
    ("d1/up", ".."),  # to the walked folder
    ("d1/self", "."),  # to its own folder
    ("d1/sub/top", "../.."),  # two levels up
    ("d1/abs", "ABS"),  # an absolute path to the walked folder
])
def test_a_link_loop_is_named_and_not_entered(tmp_path: Path, link: str, target: str) -> None:
    root = _docs(tmp_path / "in", ["d1/a.txt", "d1/sub/b.txt"])
    (root / link).symlink_to(root if target == "ABS" else target, target_is_directory=True)
    assert _rels(root, list(iter_document_paths([root]))) == ["d1/a.txt", "d1/sub/b.txt"]
    assert passed_over(root) == [(root / link, LOOP)]


@pytest.mark.parametrize(("link", "target"), [
    ("loop", ".."),  # to the parent of the walked folder (it holds it)
    ("loop", "../.."),  # two levels above it
    ("d/up", "../.."),  # from deeper down, to the parent of the walked folder
    ("loop", "ABS"),  # an absolute path to the parent
    ("loop", "../sub"),  # the walked folder itself, by a path through its parent
])
def test_a_link_above_the_walked_folder_is_a_loop(tmp_path: Path, link: str,
                                                  target: str) -> None:
    # Walking tr/sub: a link to tr (which holds tr/sub) would read tr, then tr/sub, again.
    tr = _docs(tmp_path / "tr", ["x.txt", "sub/y.txt", "sub/d/z.txt"])
    root = tr / "sub"
    (root / link).symlink_to(tr if target == "ABS" else target, target_is_directory=True)
    assert _rels(root, list(iter_document_paths([root]))) == ["d/z.txt", "y.txt"]
    assert passed_over(root) == [(root / link, LOOP)]


@pytest.mark.parametrize(("target", "expected"), [
    ("../other", ["d/z.txt", "link/o.txt", "y.txt"]),  # a sibling of the walked folder
    ("OUTSIDE", ["d/z.txt", "link/w.txt", "y.txt"]),  # a folder elsewhere
    ("d", ["d/z.txt", "link/z.txt", "y.txt"]),  # a folder below it
])
def test_a_link_to_a_folder_not_holding_the_walk_is_followed(
        tmp_path: Path, target: str, expected: list[str]) -> None:
    tr = _docs(tmp_path / "tr", ["x.txt", "sub/y.txt", "sub/d/z.txt", "other/o.txt"])
    outside = _docs(tmp_path / "elsewhere", ["w.txt"])
    root = tr / "sub"
    (root / "link").symlink_to(outside if target == "OUTSIDE" else target,
                               target_is_directory=True)
    assert _rels(root, list(iter_document_paths([root]))) == expected
    assert passed_over(root) == []


def test_two_links_into_each_other_end(tmp_path: Path) -> None:
    root = _docs(tmp_path / "in", ["x/a.txt", "y/b.txt"])
    (root / "x" / "to_y").symlink_to("../y", target_is_directory=True)
    (root / "y" / "to_x").symlink_to("../x", target_is_directory=True)
    assert _rels(root, list(iter_document_paths([root]))) == [
        "x/a.txt", "x/to_y/b.txt", "y/b.txt", "y/to_x/a.txt"]
    assert [(p.relative_to(root).as_posix(), why) for p, why in passed_over(root)] == [
        ("x/to_y/to_x", LOOP), ("y/to_x/to_y", LOOP)]


def test_hidden_folders_stay_out_and_a_folder_named_txt_is_passed_over(tmp_path: Path) -> None:
    root = _docs(tmp_path / "in", [".git/x.txt", "dir.txt/inner.txt", "a.txt"])
    (root / "hidden_link").symlink_to(".git", target_is_directory=True)
    assert _rels(root, list(iter_document_paths([root]))) == [
        "a.txt", "dir.txt/inner.txt", "hidden_link/x.txt"]
    assert passed_over(root) == [(root / "dir.txt", "a folder, not a document")]


def test_unique_documents_keeps_the_path_with_fewest_links(tmp_path: Path) -> None:
    root = _docs(tmp_path / "in", ["d1/a.txt", "z.txt"])
    (root / "0link.txt").symlink_to("d1/a.txt")  # sorts before its target
    (root / "b_dir").symlink_to("d1", target_is_directory=True)
    paths = list(iter_document_paths([root]))
    assert _rels(root, paths) == ["0link.txt", "b_dir/a.txt", "d1/a.txt", "z.txt"]
    assert _rels(root, unique_documents(paths)) == ["d1/a.txt", "z.txt"]


def test_discover_counts_a_file_once_only_when_asked(tmp_path: Path) -> None:
    root = _docs(tmp_path / "in", ["a.txt", "d/c.txt"])
    (root / "b.txt").symlink_to("a.txt")
    (root / "linkdir").symlink_to("d", target_is_directory=True)
    every = [rel for rel, _path, _target in discover(root, tmp_path / "out")]
    once = [rel for rel, _path, _target in discover(root, tmp_path / "out", unique=True)]
    assert every == ["a.txt", "b.txt", "d/c.txt", "linkdir/c.txt"]  # translate: every path
    assert once == ["a.txt", "d/c.txt"]  # extract


@pytest.mark.parametrize(("name", "tag"), [
    ("x.en.txt", "en"), ("x.vi.md", "vi"), ("x.AR.TXT", "ar"), ("x.en", "en"),
    ("sub.en/x.txt", None), ("x.txt", None), ("x.fr.txt", None), (".en.txt", None),
    ("en.txt", None), ("x.en.ar", "ar"),
])
def test_language_tag_reads_names_as_output_name_writes_them(name: str, tag: str | None
                                                            ) -> None:
    assert language_tag(name) == tag


TAGGED = ["a.ar.txt", "a.en.txt", "sub/b.vi.md", "c.txt", "d.ar.md"]


@pytest.mark.parametrize(("src", "kept"), [
    ("ar", ["a.ar.txt", "c.txt", "d.ar.md"]),
    ("en", ["a.en.txt", "c.txt"]),
    (None, sorted(TAGGED)),
])
def test_a_folder_walk_leaves_out_translations_beside_the_sources(
        tmp_path: Path, caplog: pytest.LogCaptureFixture, src: str | None,
        kept: list[str]) -> None:
    root = _docs(tmp_path / "in", TAGGED)
    with caplog.at_level("WARNING", logger="avet.translate"):
        found = folder_documents(root, None, src)
    assert _rels(root, found) == kept
    assert [rel for rel, _p, _t in discover(root, tmp_path / "out", src=src)] == kept
    notices = [r.getMessage() for r in caplog.records]
    left = len(TAGGED) - len(kept)
    assert len(notices) == (1 if left else 0)
    if left:
        assert notices[0].startswith(f"warning: {root}: {left} documents left out: their "
                                     f"names carry the tag of another language than --from "
                                     f"{src} (")


def test_skipped_paths_list_translations_and_notices_name_them_in_one_line(
        tmp_path: Path) -> None:
    root = _docs(tmp_path / "in", TAGGED)
    (root / "gone.txt").symlink_to("nowhere.txt")
    skipped = skipped_paths(root, tmp_path / "out", "ar")
    assert skipped == [
        Skipped("a.en.txt", "named as a translation (*.en.*), not a --from ar source", "en"),
        Skipped("gone.txt", "a broken link"),
        Skipped("sub/b.vi.md", "named as a translation (*.vi.*), not a --from ar source", "vi")]
    assert skipped_paths(root, tmp_path / "out") == [Skipped("gone.txt", "a broken link")]
    assert skipped_notices(root, skipped, "ar") == [
        f"{root / 'gone.txt'}: a broken link, skipped",
        f"{root}: 2 documents left out: their names carry the tag of another language than "
        "--from ar (*.en.*: 1, *.vi.*: 1), as translations do; rename a file to have it "
        "read; report.json lists them"]


def test_batch_translate_leaves_translations_out_without_failing(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    # en→vi over a folder holding a.en.txt beside its translation a.vi.txt (and an
    # Arabic b.ar.txt): only the English sources are read; nothing fails.
    root = _docs(tmp_path / "in", ["a.en.txt", "a.vi.txt", "b.ar.txt", "c.txt"])
    engine = UpperEngine()
    spec = with_engine_signature(TranslateSpec(TranslateOptions("en", "vi", beam_size=1),
                                               "fake"), engine)
    with caplog.at_level("WARNING", logger="avet.batch"):
        result = run_batch(spec, root, tmp_path / "out", worker=spec.open(engine))
    assert result.exit_code == 0
    totals = result.report["totals"]
    assert (totals["documents"], totals["done"], totals["failed"]) == (2, 2, 0)
    assert [d["input"] for d in result.report["documents"]] == ["a.en.txt", "c.txt"]
    assert [p["path"] for p in result.report["skipped_paths"]] == ["a.vi.txt", "b.ar.txt"]
    assert sorted(p.name for p in (tmp_path / "out").glob("*.txt")) == ["a.vi.txt", "c.vi.txt"]
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert warnings == [f"warning: {root}: 2 documents left out: their names carry the tag "
                        "of another language than --from en (*.ar.*: 1, *.vi.*: 1), as "
                        "translations do; rename a file to have it read; report.json lists "
                        "them"]

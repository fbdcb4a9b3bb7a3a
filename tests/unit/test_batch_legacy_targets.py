"""``batch postedit --targets``: translations named as earlier avet versions named them."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.batch import PostEditSpec, discover, run_batch


def _docs(root: Path, texts: dict[str, str]) -> Path:
    for rel, text in texts.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize(("rel", "named", "found"), [
    # The current name first, then the earlier versions' one, then the source's own.
    ("a.ar.txt", ["a.en.txt", "a.ar.en.txt", "a.ar.txt"], "a.en.txt"),
    ("a.ar.txt", ["a.ar.en.txt", "a.ar.txt"], "a.ar.en.txt"),
    ("a.ar.txt", ["a.ar.txt"], "a.ar.txt"),
    ("sub/b.ar.md", ["sub/b.ar.en.md"], "sub/b.ar.en.md"),
    ("a.ar.txt", [], "a.en.txt"),  # none: the current name, which the worker reports
])
def test_postedit_finds_the_current_then_the_earlier_name(
        tmp_path: Path, rel: str, named: list[str], found: str) -> None:
    src = _docs(tmp_path / "in", {rel: "one.\n"})
    (tmp_path / "mt").mkdir()
    _docs(tmp_path / "mt", dict.fromkeys(named, "ONE.\n"))
    [(got_rel, _, target)] = discover(src, tmp_path / "out", tmp_path / "mt", "en")
    assert (got_rel, target) == (rel, str(tmp_path / "mt" / found))


def test_postedit_of_an_earlier_versions_folder_fails_no_document(tmp_path: Path) -> None:
    src = _docs(tmp_path / "in", {"a.ar.txt": "one.\n", "sub/b.ar.txt": "two.\n",
                                  "c.txt": "three.\n"})
    _docs(tmp_path / "mt", {"a.ar.en.txt": "ONE.\n", "sub/b.ar.en.txt": "TWO.\n",
                            "c.en.txt": "THREE.\n"})
    result = run_batch(PostEditSpec("ar", "en", (), "h", "none"), src, tmp_path / "out",
                       targets=tmp_path / "mt")
    assert result.exit_code == 0 and result.report["totals"]["done"] == 3
    assert [d["output"] for d in result.report["documents"]] == [
        "a.en.txt", "c.en.txt", "sub/b.en.txt"]
    assert (tmp_path / "out" / "sub" / "b.en.txt").read_text(encoding="utf-8") == "TWO.\n"

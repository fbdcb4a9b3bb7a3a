"""``avet translate DIR`` names what the folder's walk passes over (a broken link, a link to
a folder holding the walk: a loop), one warning per path as ``extract`` and ``batch``
do, and translates the rest (exit code 0)."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.cli.main import main

TEXT = "يعد التحول الرقمي أولوية.\n"
LOOP = "a link to a folder that holds it (a loop)"


def _tree(root: Path) -> None:
    """tr/x.ar.txt, tr/sub/y.txt; tr/broken.txt -> nowhere; tr/sub/loop -> tr;
    tr/out/gone.txt -> nowhere (inside --out: not the walk's)."""
    for rel in ("x.ar.txt", "sub/y.txt"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(TEXT, encoding="utf-8")
    (root / "broken.txt").symlink_to("nowhere.txt")
    (root / "sub" / "loop").symlink_to("..", target_is_directory=True)
    (root / "out").mkdir()
    (root / "out" / "gone.txt").symlink_to("nowhere.txt")


@pytest.mark.parametrize(("given", "warned", "outputs"), [
    ("tr", [("broken.txt", "a broken link"), ("sub/loop", LOOP)],
     ["sub/y.en.txt", "x.en.txt"]),
    ("tr/sub", [("sub/loop", LOOP)], ["y.en.txt"]),  # the loop leads above the walked folder
    ("tr/sub/y.txt", [], ["y.en.txt"]),  # a file given by name: no walk, nothing to warn of
])
def test_translate_warns_of_each_path_passed_over(
        tmp_path: Path, tiny_marian: Path, caplog: pytest.LogCaptureFixture, given: str,
        warned: list[tuple[str, str]], outputs: list[str]) -> None:
    tr = tmp_path / "tr"
    _tree(tr)
    out = tr / "out"
    code = main(["translate", str(tmp_path / given), "--from", "ar", "--to", "en",
                 "--no-glossary", "--model", str(tiny_marian), "--max-length", "12",
                 "--beam", "2", "--out", f"{out}/"])
    assert code == 0
    # The CLI prints each warning as one line on stderr ("avet: warning: ...").
    assert [r.getMessage() for r in caplog.records if r.levelname == "WARNING"] == [
        f"warning: {tr / rel}: {why}, skipped" for rel, why in warned]
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.txt")
                  if p.is_file()) == outputs

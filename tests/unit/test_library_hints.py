"""Library errors say what to do, and name no CLI flag (batch options, gold files)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from glossary.errors import AvetError, InputError
from toolkit.batch.jobs import ExtractSpec
from toolkit.batch.local import run_batch
from toolkit.translit.evaluate import read_gold


@pytest.mark.parametrize(("option", "value"), [("chunk_docs", 0), ("max_attempts", -1)])
def test_run_batch_names_its_own_parameter(tmp_path: Path, option: str, value: int) -> None:
    kwargs: dict[str, Any] = {option: value}
    with pytest.raises(InputError) as caught:
        run_batch(ExtractSpec(), tmp_path / "in", tmp_path / "out", **kwargs)
    error = caught.value
    assert option in error.message and error.hint and option in error.hint
    assert "--" not in str(error)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("text", "line"), [
    (None, None),                         # no such file
    ("# gold\nname\tvi\n", 2),            # header without ar
    ("ar\tvi\nهانوي\t\n", 2),             # row without vi
])
def test_gold_file_errors_have_hints(tmp_path: Path, text: str | None, line: int | None) -> None:
    path = tmp_path / "gold.tsv"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(AvetError) as caught:
        read_gold(path)
    assert caught.value.line == line
    assert caught.value.hint

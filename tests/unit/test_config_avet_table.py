"""avet.toml: the optional ``[avet]`` table, and a hint on every mistake."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.errors import InputError
from toolkit.config import Config, load_config


def _load(tmp_path: Path, text: str) -> Config:
    path = tmp_path / "avet.toml"
    path.write_text(text, encoding="utf-8")
    return load_config(path)


def _error(tmp_path: Path, text: str) -> InputError:
    with pytest.raises(InputError) as caught:
        _load(tmp_path, text)
    return caught.value


@pytest.mark.parametrize(("text", "line"), [
    ("avet = 1\n", 1),
    ('# settings\navet = "x"\n', 2),
    ("avet = [1, 2]\n", 1),
])
def test_avet_that_is_not_a_table_is_one_line_naming_its_line(
        tmp_path: Path, text: str, line: int) -> None:
    error = _error(tmp_path, text)
    assert error.line == line
    assert error.path is not None and Path(error.path).name == "avet.toml"
    assert "[avet]" in error.message and error.hint
    assert "\n" not in str(error)


@pytest.mark.parametrize(("text", "key", "line", "fix"), [
    ('[avet]\ndb = "a.db"\n[models]\nar-en = "x"\n', "models", 3, "[avet.models]"),
    ('db = "a.db"\n\n[avet]\nbeam_size = 2\n', "db", 1, "under [avet]"),
    ("avet.beam_size = 2\nparallel = 3\n", "parallel", 2, "under [avet]"),
    ('[avet]\nbeam_size = 2\n[ruff]\nx = 1\n\n[db]\npath = "a"\n', "db", 6, "[avet.db]"),
    ('beamsize = 2\n[avet]\nparallel = 2\n', "beamsize", 1, "under [avet]"),
    ('[ruff]\nx = 1\n[avet]\ndb = "a.db"\n[models]\nar-en = "m"\n', "models", 5,
     "[avet.models]"),
])
def test_settings_outside_an_avet_table_are_refused_not_ignored(
        tmp_path: Path, text: str, key: str, line: int, fix: str) -> None:
    error = _error(tmp_path, text)
    assert key in error.message and "outside [avet]" in error.message
    assert error.line == line
    assert error.hint is not None and fix in error.hint and "drop the [avet] header" in error.hint


@pytest.mark.parametrize("text", [
    '[avet]\ndb = "g.db"\nbeam_size = 2\n[avet.models]\nar-en = "m"\n',
    'avet.db = "g.db"\navet.beam_size = 2\navet.models.ar-en = "m"\n',
    'db = "g.db"\nbeam_size = 2\n[models]\nar-en = "m"\n',
])
def test_settings_inside_avet_or_at_the_top_are_read(tmp_path: Path, text: str) -> None:
    config = _load(tmp_path, text)
    assert (config.db, config.beam_size, dict(config.models)) == (
        tmp_path / "g.db", 2, {"ar-en": "m"})


@pytest.mark.parametrize(("text", "db_line"), [
    ('[avet]\ndb = "t.db"\n\n[ruff]\nline-length = 100\n', 2),
    ('[tool.black]\nline-length = 100\n[avet]\ndb = "t.db"\n[avet.models]\nar-en = "m"\n', 4),
    ('ruff.line-length = 100\n[avet]\ndb = "t.db"\n[other]\nmodels = 1\ndb = 2\n', 3),
])
def test_other_tools_tables_beside_avet_are_ignored(
        tmp_path: Path, text: str, db_line: int) -> None:
    config = _load(tmp_path, text)
    assert config.db == tmp_path / "t.db"
    assert config.origin("db") == f"{tmp_path / 'avet.toml'}:{db_line}"
    assert dict(config.models) == ({"ar-en": "m"} if "avet.models" in text else {})
    assert set(config.origins) <= {"db", "models.ar-en"}


def test_a_setting_under_avet_is_named_by_its_own_line(tmp_path: Path) -> None:
    error = _error(tmp_path, "# top\n[avet]\nactor = 'x'\nbeam_size = 0\n")
    assert error.line == 4 and "beam_size" in error.message


@pytest.mark.parametrize(("text", "needle"), [
    ("beam_size = '4'\n", "without quotes"),
    ("engine = 3\n", "in quotes"),
    ("[models]\nar-en = 3\n", 'ar-en = "'),
    ("beam_size = \n", "strings need quotes"),
])
def test_every_config_mistake_has_a_hint(tmp_path: Path, text: str, needle: str) -> None:
    error = _error(tmp_path, text)
    assert error.hint is not None and needle in error.hint


@pytest.mark.parametrize("name", ["missing.toml", "folder"])
def test_config_path_errors_name_no_cli_flag(tmp_path: Path, name: str) -> None:
    (tmp_path / "folder").mkdir()
    with pytest.raises(InputError) as caught:
        load_config(tmp_path / name)
    assert caught.value.hint and "--" not in caught.value.hint


def test_a_config_file_that_is_not_utf8_has_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "avet.toml"
    path.write_bytes('actor = "é"\n'.encode("latin-1"))
    with pytest.raises(InputError) as caught:
        load_config(path)
    assert caught.value.hint is not None and "UTF-8" in caught.value.hint

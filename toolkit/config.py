"""Typed configuration, validated once at the edge and passed down.

Values come from, in rising priority: built-in defaults, the TOML config file
(``./avet.toml`` or the file named by ``--config``), and CLI flags.

The settings sit at the top of the file, or all of them under one ``[avet]``
table (``[avet]`` then ``db = …``, and ``[avet.models]`` for the models), so that
the file can also hold other tools' tables. With ``[avet]``, a key at the top of the
file or a table named like an avet setting (``[models]``) is refused rather than
ignored; any other table (``[ruff]``) belongs to another tool and is ignored.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from glossary.errors import InputError
from models import DEVICES, ENGINES

__all__ = ["Config", "load_config"]

DEFAULT_CONFIG_FILE = "avet.toml"


@dataclass(frozen=True)
class Config:
    """Settings shared by every command.

    Attributes:
        db: The glossary database (SQLite).
        model: Default MT model id or path.
        engine: Default MT engine (``transformers`` or ``ctranslate2``).
        device: ``cpu`` or ``cuda``.
        batch_size: Segments per batch.
        beam_size: Beam width for decoding.
        parallel: Batches decoded side by side (CTranslate2 replicas).
        actor: Name recorded in the journal for changes made by this user.
        models: The model of each direction (``{"ar-en": "opus-mt-ar-en"}``), from
            the config file's ``[models]`` table.
        origins: Where each setting came from (``"avet.toml:3"``), keyed by its
            name (``"model"``, ``"models.ar-en"``); a default has none.
    """

    db: Path = Path("avet.db")
    model: str | None = None
    engine: str = "transformers"
    device: str = "cpu"
    batch_size: int = 16
    beam_size: int = 4
    parallel: int = 1
    actor: str = "cli"
    models: Mapping[str, str] = field(default_factory=dict)
    origins: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)

    def origin(self, key: str) -> str | None:
        """Returns ``PATH:LINE`` of the config file's setting ``key``, or ``None``."""
        return self.origins.get(key)

    def model_for(self, src: str, tgt: str) -> tuple[str | None, str | None]:
        """The model the config file sets for ``src`` → ``tgt``, and the setting's name.

        ``[models] SRC-TGT`` first; else ``[models] SRC-en`` and/or ``en-TGT`` as a
        pivot (``FIRST+SECOND``, a leg that is not set left empty: any local model
        for it); else the single ``model`` (which the caller uses only if it
        translates the direction).

        Args:
            src: Source language.
            tgt: Target language.

        Returns:
            ``(model, key)``: ``key`` is ``"models.SRC-TGT"``, the first set leg's
            ``"models.SRC-en"`` or ``"models.en-TGT"`` for a pivot (see
            :meth:`pivot_legs`), or ``"model"``; ``(None, None)`` if nothing is set.
        """
        direct = f"{src}-{tgt}"
        if direct in self.models:
            return self.models[direct], f"models.{direct}"
        legs = self.pivot_legs(src, tgt)
        if legs is not None:
            key = next(k for m, k in legs if m is not None)
            return "+".join(m or "" for m, _k in legs), key
        if self.model is not None:
            return self.model, "model"
        return None, None

    def pivot_legs(self, src: str, tgt: str) -> tuple[tuple[str | None, str], ...] | None:
        """The ``[models]`` legs through en for ``src`` → ``tgt``, if one or both are set.

        Args:
            src: Source language.
            tgt: Target language.

        Returns:
            ``((model, "models.SRC-en"), (model, "models.en-TGT"))``, ``None`` for a
            leg that is not set; ``None`` if neither is, if either language is en,
            or if ``[models] SRC-TGT`` is set (it wins).
        """
        if "en" in (src, tgt) or f"{src}-{tgt}" in self.models:
            return None
        keys = (f"{src}-en", f"en-{tgt}")
        if not any(k in self.models for k in keys):
            return None
        return tuple((self.models.get(k), f"models.{k}") for k in keys)

    def with_overrides(self, **values: Any) -> Config:
        """Returns a copy with every non-``None`` value of ``values`` applied."""
        given = {k: v for k, v in values.items() if v is not None}
        if "db" in given:
            given["db"] = Path(given["db"])
        return replace(self, **given)


_TYPES: dict[str, type] = {"db": str, "model": str, "engine": str, "device": str,
                           "batch_size": int, "beam_size": int, "parallel": int, "actor": str}
_AT_LEAST_ONE = ("batch_size", "beam_size", "parallel")
_LANG_CODES = ("ar", "en", "vi")
_EXAMPLES = {int: "as a whole number without quotes, e.g. beam_size = 4",
             str: 'in quotes, e.g. engine = "ctranslate2"'}
_TABLE = re.compile(r"\s*\[\s*([^\]]*?)\s*\]")
_PART = r"""(?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+)"""
_KEY = re.compile(rf"\s*({_PART}(?:\s*\.\s*{_PART})*)\s*=")


def _key_lines(text: str) -> dict[str, int]:
    """The 1-based line of each setting, keyed ``name`` or ``models.NAME``."""
    lines: dict[str, int] = {}
    table: list[str] = []
    for number, line in enumerate(text.splitlines(), 1):
        if (header := _TABLE.match(line)) is not None and not line.lstrip().startswith("[["):
            table = [p.strip().strip("\"'") for p in header.group(1).split(".")]
            name = table[1:] if table[:1] == ["avet"] else table
            if name:  # A table's line is its header's.
                lines.setdefault(".".join(name), number)
            continue
        if (key := _KEY.match(line)) is not None:
            parts = table + [p.strip().strip("\"'") for p in key.group(1).split(".")]
            if parts[:1] == ["avet"]:
                parts = parts[1:]
            lines.setdefault(".".join(parts), number)
    return lines


def _top_lines(text: str) -> dict[str, int]:
    """The 1-based line of each top-level name: a key above the first table, or
    the first part of a table header (``[avet.models]`` gives ``avet``)."""
    lines: dict[str, int] = {}
    in_table = False
    for number, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith("["):
            name = line.lstrip().lstrip("[").split("]")[0].split(".")[0]
            lines.setdefault(name.strip().strip("\"'"), number)
            in_table = True
        elif not in_table and (key := _KEY.match(line)) is not None:
            lines.setdefault(key.group(1).split(".")[0].strip().strip("\"'"), number)
    return lines


def _avet_section(raw: dict[str, Any], text: str, path: Path) -> dict[str, Any]:
    """The settings: the ``[avet]`` table if there is one, else the whole file.

    Other tables beside ``[avet]`` belong to other tools and are ignored.

    Raises:
        InputError: If ``avet`` is not a table, or if, beside ``[avet]``, a key
            sits at the top of the file or a table is named like an avet setting
            (``[models]``, ``[db]``): avet would have read it without ``[avet]``.
    """
    if "avet" not in raw:
        return raw
    top = _top_lines(text)
    section = raw["avet"]
    if not isinstance(section, dict):
        raise InputError("'avet' must be the [avet] table that holds the settings",
                         path=path, line=top.get("avet"),
                         hint="write [avet] on a line of its own above the settings, or put "
                              "the settings at the top of the file without it")
    ours = {*_TYPES, "models"}
    stray = (k for k, v in raw.items() if k != "avet" and (k in ours or not isinstance(v, dict)))
    outside = sorted(stray, key=lambda k: top.get(k, 1 << 30))
    if outside:
        key = outside[0]
        table = isinstance(raw[key], dict)
        raise InputError(f"{'table [' + key + ']' if table else 'setting ' + repr(key)} is "
                         "outside [avet] and would be ignored", path=path, line=top.get(key),
                         hint=f"move it under [avet]{f' as [avet.{key}]' if table else ''}, "
                              "or drop the [avet] header")
    return section


def _did_you_mean(key: str, value: Any, known: set[str]) -> str:
    """``"did you mean [models]? "`` for a misspelt setting or table, else ``""``."""
    close = difflib.get_close_matches(key, sorted(known - {key}), n=1, cutoff=0.7)
    if not close:
        return ""
    name = close[0]
    return f"did you mean [{name}]? " if isinstance(value, dict) and name == "models" else (
        f"did you mean {name!r}? ")


def _models_table(value: Any, path: Path, lines: Mapping[str, int]) -> dict[str, str]:
    """Checks the ``[models]`` table: ``SRC-TGT = "model id or folder"``."""
    if not isinstance(value, dict):
        raise InputError("setting 'models' must be a table of directions", path=path,
                         line=lines.get("models"),
                         hint='write [models] then lines such as ar-en = "opus-mt-ar-en"')
    directions = [f"{s}-{t}" for s in _LANG_CODES for t in _LANG_CODES if s != t]
    for key, model in value.items():
        line = lines.get(f"models.{key}")
        if key not in directions:
            raise InputError(f"[models] has an unknown direction {key!r}", path=path, line=line,
                             hint=f"known directions: {', '.join(directions)}")
        if not isinstance(model, str) or not model:
            raise InputError(f"[models] {key} must be a model id or folder (a string)",
                             path=path, line=line,
                             hint=f'write it in quotes, e.g. {key} = "opus-mt-{key}"')
    return dict(value)


def load_config(path: str | Path | None = None) -> Config:
    """Reads and validates a TOML config file.

    Args:
        path: The file to read. ``None`` reads ``./avet.toml`` if it exists.

    Returns:
        The validated configuration (defaults where the file is silent).

    Raises:
        InputError: If the file is named but missing, is a folder or unreadable,
            is not TOML, or holds an unknown key, engine or device, or a value of
            the wrong type.
    """
    if path is None:
        candidate = Path(DEFAULT_CONFIG_FILE)
        if not candidate.is_file():
            return Config()
        path = candidate
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        raw = tomllib.loads(text)
    except FileNotFoundError:
        raise InputError("config file not found", path=path,
                         hint="check the config file's path") from None
    except IsADirectoryError:
        raise InputError("is a folder, not a config file", path=path,
                         hint="give the path of a TOML file such as avet.toml") from None
    except OSError as exc:
        raise InputError(f"cannot read the config file: {exc.strerror or exc}", path=path,
                         hint="check the config file's path and permissions") from exc
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        raise InputError(f"not valid TOML: {exc.msg if hasattr(exc, 'msg') else exc}",
                         path=path, line=line,
                         hint='fix that line; strings need quotes, e.g. db = "avet.db"') from None
    except UnicodeDecodeError:
        raise InputError("config file is not UTF-8", path=path,
                         hint="save it with UTF-8 encoding") from None
    section = _avet_section(raw, text, path)
    lines = _key_lines(text)
    known = {*_TYPES, "models"}
    values: dict[str, Any] = {}
    for key, value in section.items():
        line = lines.get(key)
        if key not in known:
            raise InputError(f"unknown {'table' if isinstance(value, dict) else 'setting'} "
                             f"{key!r}", path=path, line=line,
                             hint=_did_you_mean(key, value, known)
                             + f"known settings: {', '.join(sorted(known))}")
        if key == "models":
            values[key] = _models_table(value, path, lines)
            continue
        if isinstance(value, dict):
            raise InputError(f"[{key}] is a table, but setting {key!r} must be "
                             f"{_TYPES[key].__name__}", path=path, line=line,
                             hint=_did_you_mean(key, value, known)
                             + f'or write {key} = VALUE above the first [table]')
        if not isinstance(value, _TYPES[key]) or isinstance(value, bool):
            raise InputError(f"setting {key!r} must be {_TYPES[key].__name__}", path=path,
                             line=line, hint=f"write it {_EXAMPLES[_TYPES[key]]}")
        if key in _AT_LEAST_ONE and isinstance(value, int) and value < 1:
            raise InputError(f"{key} = {value}: must be at least 1", path=path, line=line,
                             hint=f"set {key} to 1 or more, or remove it for the default")
        values[key] = value
    if values.get("engine", "transformers") not in ENGINES:
        raise InputError(f"unknown engine {values['engine']!r}", path=path,
                         line=lines.get("engine"), hint=f"use one of: {', '.join(ENGINES)}")
    if values.get("device", "cpu") not in DEVICES:
        raise InputError(f"unknown device {values['device']!r}", path=path,
                         line=lines.get("device"), hint=f"use one of: {', '.join(DEVICES)}")
    names = [key for key in values if key != "models"]
    names += [f"models.{key}" for key in values.get("models", {})]
    values["origins"] = {key: f"{path}:{lines[key]}" if key in lines else str(path)
                         for key in names}
    if "db" in values:
        db = Path(values["db"])
        values["db"] = db if db.is_absolute() else path.parent / db
    return Config(**values)

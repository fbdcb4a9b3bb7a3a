"""Typed configuration, validated once at the edge and passed down.

Values come from, in rising priority: built-in defaults, the TOML config file
(``./avet.toml`` or the file named by ``--config``), and CLI flags.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from glossary.errors import InputError

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
    """

    db: Path = Path("avet.db")
    model: str | None = None
    engine: str = "transformers"
    device: str = "cpu"
    batch_size: int = 16
    beam_size: int = 4
    parallel: int = 1
    actor: str = "cli"

    def with_overrides(self, **values: Any) -> Config:
        """Returns a copy with every non-``None`` value of ``values`` applied."""
        given = {k: v for k, v in values.items() if v is not None}
        if "db" in given:
            given["db"] = Path(given["db"])
        return replace(self, **given)


_TYPES: dict[str, type] = {"db": str, "model": str, "engine": str, "device": str,
                           "batch_size": int, "beam_size": int, "parallel": int, "actor": str}
_ENGINES = ("transformers", "ctranslate2")
_DEVICES = ("cpu", "cuda")


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
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError("config file not found", path=path,
                         hint="check the --config path") from None
    except IsADirectoryError:
        raise InputError("is a folder, not a config file", path=path,
                         hint="give the path of a TOML file such as avet.toml") from None
    except OSError as exc:
        raise InputError(f"cannot read the config file: {exc.strerror or exc}", path=path,
                         hint="check the --config path") from exc
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        raise InputError(f"not valid TOML: {exc.msg if hasattr(exc, 'msg') else exc}",
                         path=path, line=line) from None
    except UnicodeDecodeError:
        raise InputError("config file is not UTF-8", path=path) from None
    section = raw.get("avet", raw)
    known = {f.name for f in fields(Config)}
    values: dict[str, Any] = {}
    for key, value in section.items():
        if key not in known:
            raise InputError(f"unknown setting {key!r}", path=path,
                             hint=f"known settings: {', '.join(sorted(known))}")
        if not isinstance(value, _TYPES[key]) or isinstance(value, bool):
            raise InputError(f"setting {key!r} must be {_TYPES[key].__name__}", path=path)
        values[key] = value
    if values.get("engine", "transformers") not in _ENGINES:
        raise InputError(f"unknown engine {values['engine']!r}", path=path,
                         hint=f"use one of: {', '.join(_ENGINES)}")
    if values.get("device", "cpu") not in _DEVICES:
        raise InputError(f"unknown device {values['device']!r}", path=path,
                         hint=f"use one of: {', '.join(_DEVICES)}")
    if "db" in values:
        db = Path(values["db"])
        values["db"] = db if db.is_absolute() else path.parent / db
    return Config(**values)

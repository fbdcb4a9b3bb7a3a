"""The toolkit's public API: the workflow entry points, importable from ``toolkit``
without loading torch, textual or the workflows a script does not use."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import pytest

import toolkit

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("torch", "textual", "transformers", "ctranslate2", "ray")


@pytest.mark.parametrize("name", sorted(set(toolkit.__all__) - {"__version__"}))
def test_each_public_name_is_the_workflow_object(name: str) -> None:
    value = getattr(toolkit, name)
    module = importlib.import_module(toolkit._EXPORTS[name])
    assert value is getattr(module, name)
    assert name in module.__all__
    assert callable(value) and value.__doc__
    assert name in dir(toolkit)


def test_the_api_covers_every_workflow() -> None:
    modules = {m.split(".")[1] for m in toolkit._EXPORTS.values()}
    assert modules == {"glossary_source", "extract", "translit", "translate", "postedit", "qa",
                       "batch"}
    assert set(toolkit._EXPORTS) | {"__version__"} == set(toolkit.__all__)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'translate_everything'"):
        toolkit.translate_everything  # noqa: B018
    with pytest.raises(ImportError):
        from toolkit import no_such_name  # noqa: F401


@pytest.mark.parametrize(("statement", "loaded"), [
    ("import toolkit", ()),
    ("from toolkit import *", ("toolkit.translate", "toolkit.batch", "toolkit.extract")),
])
def test_import_loads_no_heavy_library_and_only_what_is_used(
        statement: str, loaded: tuple[str, ...]) -> None:
    code = (f"import sys\n{statement}\n"
            f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
            "print(sorted(m for m in ('toolkit.translate', 'toolkit.batch', 'toolkit.extract') "
            "if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT).stdout.splitlines()
    assert out == ["[]", str(sorted(loaded))]

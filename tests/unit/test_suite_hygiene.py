"""Rules the test suite and the benchmarks keep (checked on their source): SQLite
connections closed, the CLI run only by functional tests, no program outside the dev
extras, mypy over tests and benchmarks, and benchmarks that print ratios of one run."""

from __future__ import annotations

import ast
import functools
import tomllib
from pathlib import Path
from typing import TypeGuard

import pytest

ROOT = Path(__file__).resolve().parents[2]
TESTS = sorted(p for p in (ROOT / "tests").rglob("*.py"))
UNIT = sorted((ROOT / "tests" / "unit").glob("*.py"))
BENCHMARKS = sorted((ROOT / "benchmarks").glob("bench_*.py"))


@functools.cache
def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _name(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _is_call_of(node: ast.AST, module: str, function: str) -> TypeGuard[ast.Call]:
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == function and isinstance(node.func.value, ast.Name)
            and node.func.value.id == module)


def _unclosed_connections(tree: ast.Module) -> list[int]:
    """Lines of ``sqlite3.connect(...)`` calls not wrapped in ``closing(...)``: a ``with``
    on the connection itself only commits, and a chained ``.execute`` leaves it open.
    A bare call in a ``try`` body is one made for the error it raises: it opens nothing;
    one in a ``return`` hands the connection to the caller (a store), which closes it."""
    wrapped = {id(arg) for node in ast.walk(tree) if isinstance(node, ast.Call)
               and (getattr(node.func, "id", None) == "closing"
                    or getattr(node.func, "attr", None) == "closing")
               for arg in node.args}
    wrapped |= {id(statement.value) for node in ast.walk(tree) if isinstance(node, ast.Try)
                for statement in node.body if isinstance(statement, ast.Expr)}
    wrapped |= {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Return)}
    return [node.lineno for node in ast.walk(tree)
            if _is_call_of(node, "sqlite3", "connect") and id(node) not in wrapped]


@pytest.mark.parametrize("path", TESTS + BENCHMARKS, ids=_name)
def test_sqlite_connections_are_closed(path: Path) -> None:
    assert _unclosed_connections(_tree(path)) == [], "wrap them in contextlib.closing(...)"


@pytest.mark.parametrize(("source", "unclosed"), [
    ("import sqlite3\nsqlite3.connect('m').execute('SELECT 1')\n", [2]),
    ("import sqlite3\nwith sqlite3.connect('m') as con:\n    pass\n", [2]),
    ("import sqlite3\nfrom contextlib import closing\n"
     "with closing(sqlite3.connect('m')) as con, con:\n    pass\n", []),
    ("import sqlite3\ntry:\n    sqlite3.connect('file:/x?mode=ro', uri=True)\n"
     "except sqlite3.OperationalError:\n    pass\n", []),
    ("import sqlite3\ndef opener(p):\n    return sqlite3.connect(p)\n", []),
    ("import sqlite3\ndef opener(p):\n    return sqlite3.connect(p).execute('SELECT 1')\n", [3]),
    ("import sqlite3\ntry:\n    con = sqlite3.connect('m')\nfinally:\n    pass\n", [3]),
])
def test_the_connection_rule_sees_the_leaks(source: str, unclosed: list[int]) -> None:
    assert _unclosed_connections(ast.parse(source)) == unclosed


@pytest.mark.parametrize("path", UNIT, ids=_name)
def test_unit_tests_do_not_run_the_cli(path: Path) -> None:
    """The whole CLI (``toolkit.cli.main``) runs in tests/functional only."""
    imports = [node.lineno for node in ast.walk(_tree(path))
               if isinstance(node, ast.ImportFrom | ast.Import)
               and "toolkit.cli.main" in ([node.module] if isinstance(node, ast.ImportFrom)
                                          else [a.name for a in node.names])]
    assert imports == [], "move the test to tests/functional"
    as_module = [node.lineno for node in ast.walk(_tree(path))
                 if isinstance(node, ast.List | ast.Tuple)
                 and any(isinstance(a, ast.Constant) and a.value == "-m"
                         and isinstance(b, ast.Constant) and b.value == "toolkit.cli.main"
                         for a, b in zip(node.elts, node.elts[1:], strict=False))]
    assert as_module == [], "move the test to tests/functional"


@pytest.mark.parametrize("path", TESTS, ids=_name)
def test_no_test_needs_a_program_outside_the_dev_extras(path: Path) -> None:
    """A program found on PATH (tmux, a shell tool) depends on the machine."""
    calls = [node.lineno for node in ast.walk(_tree(path)) if _is_call_of(node, "shutil", "which")]
    assert calls == []


def test_mypy_checks_the_tests_and_the_benchmarks() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert {"glossary", "models", "toolkit", "tui", "tests", "benchmarks"} <= set(config["files"])


@pytest.mark.parametrize("path", BENCHMARKS, ids=_name)
def test_every_benchmark_prints_a_ratio(path: Path) -> None:
    """Each benchmark compares what it measured with a baseline measured in the same run:
    at least one formatted value divides one time (or rate) by another."""
    ratios = [node for node in ast.walk(_tree(path)) if isinstance(node, ast.FormattedValue)
              and any(isinstance(n, ast.BinOp) and isinstance(n.op, ast.Div)
                      for n in ast.walk(node.value))]
    assert ratios

"""Public functions and methods carry a docstring (house rule), checked on the
glossary and tui packages and on the toolkit and models modules listed here."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHECKED = sorted([*(ROOT / "glossary").rglob("*.py"), *(ROOT / "tui").rglob("*.py"),
                  *(ROOT / p for p in ("toolkit/__init__.py", "toolkit/evaluate.py",
                                       "toolkit/glossary_source.py", "toolkit/batch/local.py",
                                       "models/constrained.py"))])
#: Textual calls these by name; their meaning is the framework's.
FRAMEWORK = ("action_", "on_", "compose")


def _undocumented(tree: ast.Module) -> list[str]:
    missing = []

    def visit(body: list[ast.stmt], prefix: str, in_class: bool) -> None:
        for node in body:
            if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
                visit(node.body, f"{prefix}{node.name}.", True)
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                exempt = node.name.startswith("_") or (
                    in_class and node.name.startswith(FRAMEWORK))
                if not exempt and ast.get_docstring(node) is None:
                    missing.append(f"{prefix}{node.name} (line {node.lineno})")

    visit(tree.body, "", False)
    return missing


@pytest.mark.parametrize("path", CHECKED, ids=lambda p: str(p.relative_to(ROOT)))
def test_public_functions_have_docstrings(path: Path) -> None:
    assert _undocumented(ast.parse(path.read_text(encoding="utf-8"))) == []

"""Public classes, functions and methods carry a docstring (house rule), checked on
every module of the glossary, models, toolkit and tui packages.

Public means: a name in the module's ``__all__``, any other module-level class or
function whose name has no leading underscore (CLI ``run`` and ``register``
included), and the methods and properties of such classes without a leading
underscore (Textual's ``action_*``, ``on_*`` and ``compose`` left out).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("glossary", "models", "toolkit", "tui")
CHECKED = sorted(path for package in PACKAGES for path in (ROOT / package).rglob("*.py"))
#: Textual calls these by name; their meaning is the framework's.
FRAMEWORK = ("action_", "on_", "compose")


def _exported(tree: ast.Module) -> set[str]:
    """The names listed in the module's ``__all__`` (empty if it has none)."""
    for node in tree.body:
        targets: list[ast.expr] = []
        value: ast.expr | None = None
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign):
            targets, value = [node.target], node.value
        if any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets) and isinstance(
                value, ast.List | ast.Tuple):
            return {e.value for e in value.elts
                    if isinstance(e, ast.Constant) and isinstance(e.value, str)}
    return set()


def _undocumented(tree: ast.Module) -> list[str]:
    """Public classes, functions and methods of ``tree`` without a docstring."""
    exported = _exported(tree)
    missing = []

    def visit(body: list[ast.stmt], prefix: str, in_class: bool) -> None:
        for node in body:
            if not isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            public = not node.name.startswith("_") or (not prefix and node.name in exported)
            if in_class and node.name.startswith(FRAMEWORK):
                public = False
            if not public:
                continue
            if ast.get_docstring(node) is None:
                missing.append(f"{prefix}{node.name} (line {node.lineno})")
            if isinstance(node, ast.ClassDef):
                visit(node.body, f"{prefix}{node.name}.", True)

    visit(tree.body, "", False)
    return missing


def test_every_package_is_checked() -> None:
    checked = {p.relative_to(ROOT).parts[0] for p in CHECKED}
    assert checked == set(PACKAGES)
    assert ROOT / "toolkit" / "cli" / "translate_cmd.py" in CHECKED


@pytest.mark.parametrize(("source", "missing"), [
    ("def run(args, config):\n    return 0\n", ["run (line 1)"]),
    ("class Spec:\n    '''Doc.'''\n    @property\n    def open(self):\n        return 1\n",
     ["Spec.open (line 4)"]),
    ("class Spec:\n    def signature(self):\n        '''Doc.'''\n", ["Spec (line 1)"]),
    ("__all__ = ['_hidden']\ndef _hidden():\n    pass\n", ["_hidden (line 2)"]),
    ("def _helper():\n    pass\nclass _Private:\n    def method(self):\n        pass\n", []),
    ("class App:\n    '''Doc.'''\n    def on_key(self):\n        pass\n"
     "    def compose(self):\n        pass\n", []),
])
def test_checker_finds_what_is_missing(source: str, missing: list[str]) -> None:
    assert _undocumented(ast.parse(source)) == missing


@pytest.mark.parametrize("path", CHECKED, ids=lambda p: str(p.relative_to(ROOT)))
def test_public_functions_have_docstrings(path: Path) -> None:
    assert _undocumented(ast.parse(path.read_text(encoding="utf-8"))) == []

"""The package rules: dependencies point one way, and light imports stay light."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OURS = ("glossary", "models", "toolkit", "tui")
#: What each package may import of ours (toolkit may import tui only in the review command).
ALLOWED = {
    "glossary": set(),
    "models": set(),
    "tui": {"glossary"},
    "toolkit": {"glossary", "models"},
}


def imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names & set(OURS)


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_dependencies_point_one_way(package: str) -> None:
    offenders = []
    for path in sorted((ROOT / package).rglob("*.py")):
        extra = imported_packages(path) - ALLOWED[package] - {package}
        if package == "toolkit" and path.name == "review_cmd.py":
            extra -= {"tui"}
        if extra:
            offenders.append(f"{path.relative_to(ROOT)} imports {sorted(extra)}")
    assert offenders == []


def imported_modules(path: Path) -> set[str]:
    """Every module ``path`` imports (at the top or inside functions), by absolute name."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_only_the_cli_imports_the_cli(package: str) -> None:
    cli = ROOT / "toolkit" / "cli"
    offenders = [
        f"{path.relative_to(ROOT)} imports {sorted(bad)}"
        for path in sorted((ROOT / package).rglob("*.py")) if not path.is_relative_to(cli)
        if (bad := {m for m in imported_modules(path)
                    if m == "toolkit.cli" or m.startswith("toolkit.cli.")})
    ]
    assert offenders == []


@pytest.mark.parametrize("module", ["glossary", "toolkit", "toolkit.cli.main", "models"])
def test_light_imports_load_neither_torch_nor_textual(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        "from toolkit.cli.main import build_parser\n"
        "build_parser()\n"
        "heavy = sorted(m for m in ('torch', 'textual', 'transformers', 'ctranslate2', 'ray')"
        " if m in sys.modules)\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    assert out.stdout.strip() == ""


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_modules_stay_small(package: str) -> None:
    long = [f"{p.relative_to(ROOT)}: {n}" for p in sorted((ROOT / package).rglob("*.py"))
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 500]
    assert long == []


def constant_homes(value: object) -> list[str]:
    """``module:NAME`` of every module-level constant of toolkit/ whose value is ``value``."""
    homes = []
    for path in sorted((ROOT / "toolkit").rglob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if not (isinstance(node, ast.Assign) and len(node.targets) == 1
                    and isinstance(node.targets[0], ast.Name)):
                continue
            try:
                found = ast.literal_eval(node.value)
            except ValueError:
                continue
            if found == value:
                homes.append(f"{path.relative_to(ROOT)}:{node.targets[0].id}")
    return homes


@pytest.mark.parametrize(("value", "home"), [
    ("\u0627\u0644", "toolkit/extract/tokenize.py:ARTICLE"),
    (("\u064a", "\u064a\u0647"), "toolkit/extract/termhood.py:NISBA"),
])
def test_shared_constants_are_defined_once(value: object, home: str) -> None:
    assert constant_homes(value) == [home]

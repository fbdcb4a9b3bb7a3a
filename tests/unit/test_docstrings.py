"""Public classes, functions and methods carry a docstring (house rule), checked on
every module of the glossary, models, toolkit and tui packages.

Public means: a name in the module's ``__all__``, any other module-level class or
function whose name has no leading underscore (CLI ``run`` and ``register``
included), and the methods and properties of such classes without a leading
underscore (Textual's ``action_*``, ``on_*`` and ``compose`` left out).

The exported API (every name in a package ``__init__``'s ``__all__``, and the public
methods of exported classes) is held to Google style: an ``Args:`` entry for every
parameter, ``Returns:`` (or ``Yields:``) when it returns something (unless the
summary line starts with "Returns" or "Yields", as Google style allows), and ``Raises:``
naming each avet error class it raises itself.
"""

from __future__ import annotations

import ast
import functools
import importlib
import inspect
import re
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from glossary.errors import AvetError
from models.errors import ModelError

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


# ------------------------------------------------- Google style on the exported API

#: Every package ``__init__`` of ours; their ``__all__`` is the exported API.
API_PACKAGES = sorted(".".join(p.relative_to(ROOT).parent.parts)
                      for package in PACKAGES for p in (ROOT / package).rglob("__init__.py"))
_SECTION = re.compile(r"^(Args|Returns|Yields|Raises|Attributes|Examples?|Notes?):\s*$")


def _error_names(base: type) -> set[str]:
    """The names of ``base`` and of all its subclasses."""
    names = {base.__name__}
    subclasses: list[type] = base.__subclasses__()
    for sub in subclasses:
        names |= _error_names(sub)
    return names


AVET_ERRORS = frozenset(_error_names(AvetError) | _error_names(ModelError))


def _ours(function: Any) -> bool:
    code = getattr(function, "__code__", None)
    return code is not None and Path(code.co_filename).is_relative_to(ROOT)


def _api() -> Iterator[tuple[str, Callable[..., Any], str]]:
    """``(qualified name, function, docstring)`` of every exported function and of the
    public methods of exported classes (``__init__``'s docstring and its class's
    together, since Google style documents a constructor on either)."""
    seen: set[int] = set()
    for package in API_PACKAGES:
        module = importlib.import_module(package)
        for name in getattr(module, "__all__", []):
            obj = getattr(module, name)
            members: list[tuple[str, Any]] = [(name, obj)]
            if inspect.isclass(obj):
                members = [(f"{name}.{attr}", value) for attr, value in vars(obj).items()
                           if (not attr.startswith("_") or attr == "__init__")
                           and not attr.startswith(FRAMEWORK)]
            for qualname, member in members:
                function = member
                if isinstance(function, staticmethod | classmethod):
                    function = function.__func__
                if isinstance(function, property | functools.cached_property):
                    continue  # documented as attributes
                function = inspect.unwrap(function) if callable(function) else function
                if not inspect.isfunction(function) or not _ours(function) or \
                        id(function) in seen:
                    continue
                seen.add(id(function))
                doc = inspect.cleandoc(function.__doc__ or "")
                if function.__name__ == "__init__":
                    doc += "\n" + inspect.cleandoc(obj.__doc__ or "")
                yield f"{package}.{qualname}", function, doc


def _sections(doc: str) -> dict[str, str]:
    """The Google-style sections of a cleaned docstring, by header."""
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in doc.splitlines():
        header = _SECTION.match(line)
        if header:
            current = found.setdefault(header.group(1), [])
        elif line and not line[0].isspace():
            current = None
        elif current is not None:
            current.append(line)
    return {name: "\n".join(lines) for name, lines in found.items()}


def _raised(function: Callable[..., Any]) -> set[str]:
    """The avet error classes ``function`` raises itself (``raise XError(...)``)."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            called = node.exc.func
            name = called.id if isinstance(called, ast.Name) else getattr(called, "attr", None)
            if name in AVET_ERRORS:
                names.add(name)
    return names


def _style_problems(function: Callable[..., Any], doc: str) -> list[str]:
    """What the Google-style docstring ``doc`` of ``function`` lacks."""
    problems = []
    sections = _sections(doc)
    signature = inspect.signature(function)
    args = sections.get("Args", "")
    for param in signature.parameters.values():
        if param.name in ("self", "cls"):
            continue
        if not re.search(rf"^\s+\**{re.escape(param.name)}\b[^:\n]*:", args, re.M):
            problems.append(f"Args: {param.name}")
    returned = signature.return_annotation
    # Google style lets a docstring that starts with "Returns"/"Yields" omit the section.
    if (function.__name__ != "__init__"
            and returned not in (inspect.Signature.empty, None, "None", "NoReturn")
            and not doc.startswith(("Returns", "Yields"))
            and "Returns" not in sections and "Yields" not in sections):
        problems.append("Returns")
    for error in sorted(_raised(function)):
        if not re.search(rf"^\s+{error}\b", sections.get("Raises", ""), re.M):
            problems.append(f"Raises: {error}")
    return problems


API = sorted(_api(), key=lambda item: item[0])


def test_api_is_collected() -> None:
    names = {name for name, _, _ in API}
    assert {"glossary.write_glossary", "glossary.fold_key", "toolkit.postedit_lines",
            "toolkit.ar_to_vi", "models.Engine.translate", "toolkit.batch.Manifest.start",
            "glossary.AvetError.__init__"} <= names
    assert {"toolkit.batch", "toolkit.extract", "toolkit.translit", "glossary.formats",
            "tui"} <= set(API_PACKAGES)


def _sample(source: str) -> Callable[..., Any]:
    namespace: dict[str, Any] = {}
    exec(compile(textwrap.dedent(source), "<sample>", "exec"), namespace)
    return namespace["f"]


@pytest.mark.parametrize(("source", "problems"), [
    ('def f(a, *, b=1) -> int:\n    """Sums.\n\n    Args:\n        a: One.\n'
     '        b: Two.\n\n    Returns:\n        The sum.\n    """\n', []),
    ('def f(a, b) -> int:\n    """Sums.\n\n    Args:\n        a: One.\n\n'
     '    Returns:\n        The sum.\n    """\n', ["Args: b"]),
    ('def f(a) -> int:\n    """Sums a and b.\n\n    Returns:\n        a.\n    """\n',
     ["Args: a"]),
    ('def f(*items, **extra) -> None:\n    """Logs.\n\n    Args:\n'
     '        *items: What.\n        **extra: More.\n    """\n', []),
    ('def f() -> str:\n    """A name."""\n', ["Returns"]),
    ('def f() -> str:\n    """Returns a name."""\n', []),
    ('def f() -> None:\n    """Fails.\n    """\n    raise InputError("no")\n',
     ["Raises: InputError"]),
    ('def f() -> None:\n    """Fails.\n\n    Raises:\n        InputError: Always.\n    """\n'
     '    raise InputError("no")\n', []),
    ('def f() -> None:\n    """Fails.\n\n    Raises:\n        InputError: Always.\n    """\n'
     '    raise errors.ModelNotFoundError("no")\n', ["Raises: ModelNotFoundError"]),
    ('def f() -> None:\n    """Fails.\n    """\n    raise ValueError("not ours")\n', []),
])
def test_style_checker(source: str, problems: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    function = _sample(source)
    monkeypatch.setattr(inspect, "getsource", lambda _: textwrap.dedent(source))
    assert _style_problems(function, inspect.cleandoc(function.__doc__ or "")) == problems


@pytest.mark.parametrize(("name", "function", "doc"), [
    pytest.param(*item, id=item[0]) for item in API
])
def test_exported_api_is_google_style(name: str, function: Callable[..., Any], doc: str) -> None:
    assert doc.strip(), f"{name} has no docstring"
    assert _style_problems(function, doc) == [], name

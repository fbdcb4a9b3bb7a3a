"""A JSON glossary field of the wrong JSON type is refused, naming the file, the line,
the entry and the field, as the CSV and TBX readers refuse a bad value; it is never
stored as it is (``"dnt": "no"`` would be truthy) nor a traceback."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from glossary.errors import FormatError
from glossary.formats import read_glossary

GOOD: dict[str, Any] = {"forms": {"en": {"preferred": "digital economy"},
                                  "vi": {"preferred": "kinh tế số"}}}


def _with(field: str, value: Any) -> dict[str, Any]:
    """``GOOD`` with ``field`` (a dotted path) set to ``value``."""
    entry = json.loads(json.dumps(GOOD))
    *parents, name = field.split(".")
    node = entry
    for part in parents:
        node = node.setdefault(part, {})
    node[name] = value
    return entry


@pytest.mark.parametrize(("field", "value", "says"), [
    ("dnt", "no", "field 'dnt' is not true or false but the string \"no\""),
    ("case_sensitive", "false", "field 'case_sensitive' is not true or false"),
    ("dnt", 1, "field 'dnt' is not true or false but the number 1"),
    ("frequency", "many", "field 'frequency' is not a whole number"),
    ("frequency", 2.5, "field 'frequency' is not a whole number"),
    ("confidence", "hi", "field 'confidence' is not a number"),
    ("score", True, "field 'score' is not a number but true"),
    ("id", "abc", "field 'id' is not a whole number or null"),
    ("note", 5, "field 'note' is not a string but the number 5"),
    ("source", None, "field 'source' is not a string but null"),
    ("kind", ["term"], "field 'kind' is not a string but a list"),
    ("forms.en.variants", "datacentre", "field 'forms.en.variants' is not a list of strings"),
    ("forms.en.forbidden", ["ok", 3], "field 'forms.en.forbidden' is not a list of strings"),
    ("forms.en.candidates", [{"text": "x", "score": "high"}],
     "field 'forms.en.candidates[0].score' is not a number"),
    ("forms.vi", "kinh tế số", "field 'forms.vi' is not an object"),
    ("forms", [], "field 'forms' is not an object"),
    ("contexts", [{"doc": "a.txt", "start": "0", "end": 5, "snippet": "x"}],
     "field 'contexts[0].start' is not a whole number"),
    ("contexts", "a.txt", "field 'contexts' is not a list of objects"),
])
@pytest.mark.parametrize("suffix", [".json", ".jsonl"])
def test_a_field_of_the_wrong_type_is_refused(tmp_path: Path, field: str, value: Any,
                                              says: str, suffix: str) -> None:
    path = tmp_path / f"g{suffix}"
    bad = _with(field, value)
    if suffix == ".json":
        path.write_text(f'{{"avet_glossary": 1, "entries": [\n{json.dumps(GOOD)},\n'
                        f'{json.dumps(bad)}\n]}}\n', encoding="utf-8")
        line, where = 3, "entry 2: "
    else:
        path.write_text(f"{json.dumps(GOOD)}\n{json.dumps(bad)}\n", encoding="utf-8")
        line, where = 2, ""
    with pytest.raises(FormatError) as info:
        read_glossary(path)
    assert info.value.path == str(path) and info.value.line == line
    assert info.value.message.startswith(where + says), info.value.message
    assert str(info.value).count("\n") == 0


@pytest.mark.parametrize(("field", "value"), [
    ("dnt", True), ("case_sensitive", False), ("frequency", 3), ("confidence", 0.5),
    ("confidence", 1), ("id", None), ("id", 7), ("note", "checked"),
    ("forms.en.variants", ["digital economies"]),
    ("forms.en.candidates", [{"text": "digital economy", "score": 1}]),
    ("contexts", [{"doc": "a.txt", "start": 0, "end": 5, "snippet": "x", "form": "y"}]),
])
def test_fields_of_the_right_type_are_read(tmp_path: Path, field: str, value: Any) -> None:
    path = tmp_path / "g.json"
    path.write_text(json.dumps({"avet_glossary": 1, "entries": [_with(field, value)]}),
                    encoding="utf-8")
    entry = read_glossary(path)[0]
    node: Any = entry
    for part in field.split("."):
        node = node[part] if isinstance(node, dict) else getattr(node, part)
    if field == "forms.en.candidates":
        assert [(c.text, c.score) for c in node] == [("digital economy", 1)]
    elif field == "contexts":
        assert [(c.doc, c.start, c.form) for c in node] == [("a.txt", 0, "y")]
    else:
        assert node == value and type(node) is type(value)

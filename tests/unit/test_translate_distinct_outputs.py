"""Two documents whose outputs would share one name are refused before anything is written."""

from __future__ import annotations

import pytest

from glossary.errors import InputError
from toolkit.translate import check_distinct_outputs, output_name


def test_a_shared_output_names_both_documents() -> None:
    pairs = [(doc, output_name(doc, "en")) for doc in ("in/a.ar.txt", "in/a.txt")]
    with pytest.raises(InputError) as caught:
        check_distinct_outputs(pairs)
    assert str(caught.value.path) == "in/a.txt"
    assert "in/a.en.txt is also the output of in/a.ar.txt" in str(caught.value)

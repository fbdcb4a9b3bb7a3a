"""Translation reports and the signature of what produced them.

Like sacrebleu's signatures, a report names everything that determines its
output: avet's version, the model and engine, the glossary's hash and the
options, so that two runs can be compared or reproduced.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from glossary.fileio import atomic_write_text
from toolkit import __version__
from toolkit.translate.pipeline import COUNT_KEYS, DocumentResult, TranslateOptions

__all__ = ["build_signature", "signature_string", "translation_report", "write_report"]


def build_signature(engine_signature: Mapping[str, Any], glossary_hash: str | None,
                    glossary_origin: str | None, options: TranslateOptions) -> dict[str, Any]:
    """Returns what produced a translation: avet, model, glossary and options.

    Args:
        engine_signature: The engine's :meth:`~models.Engine.signature`.
        glossary_hash: :func:`glossary.glossary_hash` of the entries used, or ``None``.
        glossary_origin: Where the glossary came from (a path), or ``None``.
        options: The translation options.

    Returns:
        A JSON-ready dict with ``avet``, ``model``, ``glossary`` and ``options``.
    """
    return {
        "avet": __version__,
        "model": dict(engine_signature),
        "glossary": {"origin": glossary_origin, "hash": glossary_hash},
        "options": asdict(options),
    }


def signature_string(signature: Mapping[str, Any]) -> str:
    """Returns a one-line signature, e.g. ``avet:0.1.0|model:…|glossary:1a2b3c4d|beam:4``.

    Args:
        signature: A dict as :func:`build_signature` returns it.

    Returns:
        The fields joined by ``|``.
    """
    model = signature["model"]
    opts = signature["options"]
    ghash = signature["glossary"]["hash"]
    parts = [
        f"avet:{signature['avet']}",
        f"model:{model.get('model_id', model.get('model', '?'))}",
        f"engine:{model.get('engine', model.get('name', '?'))}",
        f"glossary:{ghash[:12] if ghash else 'none'}",
        f"{opts['src']}-{opts['tgt']}",
        f"beam:{opts['beam_size']}",
        f"constrain:{'yes' if opts['constrain'] else 'no'}",
        f"repair:{'yes' if opts['repair'] else 'no'}",
    ]
    return "|".join(parts)


def translation_report(signature: Mapping[str, Any],
                       documents: Sequence[tuple[str, str, DocumentResult]]) -> dict[str, Any]:
    """Builds the JSON report of a run.

    Args:
        signature: From :func:`build_signature`.
        documents: ``(input path, output path, result)`` per document.

    Returns:
        The report: the signature, per document its segments and term
        outcomes, and totals.
    """
    totals = {"documents": len(documents), "segments": 0, **dict.fromkeys(COUNT_KEYS.values(), 0)}
    docs = []
    for source, output, result in documents:
        counts = result.counts()
        for key in ("segments", *COUNT_KEYS.values()):
            totals[key] += counts[key]
        docs.append({"input": source, "output": output, "counts": counts,
                     "segments": [s.to_dict() for s in result.segments]})
    return {"signature": dict(signature), "signature_string": signature_string(signature),
            "totals": totals, "documents": docs}


def write_report(report: Mapping[str, Any], path: str | Path) -> None:
    """Writes a report as JSON, atomically.

    Args:
        report: A JSON-ready report.
        path: The output file, replaced atomically.

    Raises:
        InputError: If ``path`` cannot be written (see :func:`glossary.fileio.atomic_open`).
    """
    import json

    atomic_write_text(path, json.dumps(report, ensure_ascii=False, indent=1) + "\n")

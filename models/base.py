"""The engine Protocol and the data it exchanges."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

__all__ = ["DEVICES", "Engine", "TermConstraint", "Translation", "check_counts",
           "check_device", "constraint_text", "glues", "gpu_count"]

#: Devices both engines run on.
DEVICES = ("cpu", "cuda")


@dataclass
class Translation:
    """One translated segment.

    Attributes:
        text: The detokenized translation.
        tokens: The target subword tokens (without special tokens).
        score: The hypothesis score (sum or length-normalized mean of log-probabilities,
            as the engine reports it), or ``None`` if the engine gives none.
        alignment: ``(source_token_index, target_token_index)`` pairs, indices into the
            source subword tokens and :attr:`tokens`, when requested and available.
        source_tokens: The source subword tokens the alignment indexes (without
            special tokens), when an alignment is returned.
    """

    text: str
    tokens: list[str]
    score: float | None = None
    alignment: list[tuple[int, int]] | None = None
    source_tokens: list[str] | None = None


@dataclass(frozen=True)
class TermConstraint:
    """A target phrase that must appear in a segment's translation.

    Engines take constraints as plain strings or as these records
    (``translate(constraints=[[...], ...])``); a record also tells where the term comes
    from, and its ``source`` lets the CTranslate2 backend place the term by attention.

    Attributes:
        target: The target-language phrase that must appear verbatim.
        source: The source phrase it renders, if known.
        entry_id: The glossary entry it comes from, if any.
    """

    target: str
    source: str | None = None
    entry_id: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)


def constraint_text(constraint: str | TermConstraint) -> str:
    """Returns a constraint's target phrase."""
    return constraint.target if isinstance(constraint, TermConstraint) else constraint


def glues(before: str, after: str) -> bool:
    """Whether SentencePiece piece ``after`` would glue onto ``before`` inside one word.

    A piece continues a word when it does not start with ``▁`` and starts with a
    letter or digit; it glues when the piece before ends with one. Engines use it
    so that a constrained term stays a word of its own: "service" then "s" would
    print "services", "ministry" then "public" would print "ministrypublic".

    Args:
        before: The piece already generated.
        after: The next piece.

    Returns:
        True if the two pieces join into one word.
    """
    return bool(before and after) and before[-1].isalnum() and after[0].isalnum()


@runtime_checkable
class Engine(Protocol):
    """What every MT engine offers.

    Attributes:
        name: The engine kind (``transformers``, ``ctranslate2``, ``pivot``).
        model_id: The model's id or path.
    """

    name: str
    model_id: str

    def directions(self) -> set[tuple[str, str]]:
        """Returns the ``(src, tgt)`` ISO 639-1 pairs the engine can translate.

        Returns:
            The translation directions, as language-code pairs.
        """
        ...

    def translate(
        self,
        segments: Sequence[str],
        src: str,
        tgt: str,
        *,
        constraints: Sequence[Sequence[str | TermConstraint]] | None = None,
        prefixes: Sequence[str] | None = None,
        beam_size: int = 4,
        max_length: int = 256,
        return_alignment: bool = False,
    ) -> list[Translation]:
        """Translates segments.

        Args:
            segments: Source segments (one sentence each, ideally).
            src: Source language (``ar``, ``vi``, ``en``).
            tgt: Target language.
            constraints: Per segment, target phrases that must appear in the output.
            prefixes: Per segment, a target prefix to continue from (``""`` for none).
            beam_size: Beam width.
            max_length: Maximum number of target tokens.
            return_alignment: Whether to fill :attr:`Translation.alignment`.

        Returns:
            One :class:`Translation` per segment, in order.

        Raises:
            UnsupportedDirectionError: If the engine cannot translate ``src`` to ``tgt``.
            ModelError: If ``beam_size`` or ``max_length`` is below 1, or a
                per-segment list has not one item per segment.
        """
        ...

    def signature(self) -> dict[str, Any]:
        """Returns what identifies the output: model id, engine, weights hash, options.

        Returns:
            A JSON-ready dict; equal signatures give equal translations.
        """
        ...


def check_per_segment(n: int, **per_segment: Sequence[Any] | None) -> None:
    """Checks that each given per-segment list has one item per segment.

    Raises:
        ModelError: If a list's length differs from ``n``.
    """
    from models.errors import ModelError

    for name, given in per_segment.items():
        if given is not None and len(given) != n:
            raise ModelError(f"got {len(given)} {name} for {n} segments",
                             hint=f"pass one list of {name} per segment")


def check_device(device: str, gpus: Callable[[], int] | None = None) -> None:
    """Checks a device before an engine loads anything on it.

    Args:
        device: The device asked for.
        gpus: Counts the CUDA devices this process can use (the backend's own
            count); ``None``: not checked.

    Raises:
        ModelError: If ``device`` is not one of :data:`DEVICES`, or is ``cuda``
            and ``gpus`` finds none.
    """
    from models.errors import ModelError

    if device not in DEVICES:
        raise ModelError(f"unsupported device {device!r}",
                         hint=f"use one of: {', '.join(DEVICES)}")
    if device == "cuda" and gpus is not None and gpus() < 1:
        raise ModelError("device 'cuda': no CUDA device is visible", hint="use device 'cpu'")


def gpu_count(engine: str) -> int:
    """Counts the CUDA devices an engine can use, as its backend counts them before it
    loads a model: ctranslate2's device count, or 1 if torch sees CUDA (transformers).

    The engine's library (ctranslate2 or torch) is imported here, and only here.

    Args:
        engine: ``transformers`` or ``ctranslate2``.

    Returns:
        The number of CUDA devices (0: none).
    """
    if engine == "ctranslate2":
        import ctranslate2

        return int(ctranslate2.get_cuda_device_count())
    import torch

    return int(torch.cuda.is_available())


def check_counts(**counts: Any) -> None:
    """Checks decoding sizes (``beam_size``, ``max_length``, ``batch_size``…): each a
    whole number of at least 1, so a bad value is named here rather than failing
    inside torch or CTranslate2.

    Args:
        counts: The values, keyed by their parameter names.

    Raises:
        ModelError: If a value is not an ``int`` or is below 1.
    """
    from models.errors import ModelError

    for name, value in counts.items():
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ModelError(f"{name}={value!r}: must be a whole number of at least 1",
                             hint=f"pass {name} as an int of 1 or more")

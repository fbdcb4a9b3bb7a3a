"""The transformers backend: MarianMT (OPUS-MT), M2M100 and NLLB on PyTorch.

Models load offline from a local directory, from safetensors only, never with
remote code. Decoding is transformers' beam search, or avet's lexically
constrained beam search (:mod:`models.constrained`) when constraints are given.
Scores and alignments come from one teacher-forced pass over the chosen output:
the score is the mean log-probability of its tokens, and each target token is
aligned with the source token that receives the most last-layer cross-attention
(averaged over heads).
"""

from __future__ import annotations

import copy
import hashlib
import logging
import re
import weakref
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from models.base import (
    TermConstraint,
    Translation,
    check_counts,
    check_device,
    check_per_segment,
    constraint_text,
    gpu_count,
)
from models.constrained import WordPieces
from models.discovery import ModelInfo
from models.errors import DamagedModelError, ModelError, UnsupportedDirectionError
from models.langcodes import lang_token, normalize_lang
from models.notices import RepeatedWarnings
from models.split import fit_pieces, translate_in_pieces
from models.tokenizer import load_tokenizer, quiet_loading

log = logging.getLogger("avet.models")

__all__ = ["HFEngine", "constraint_variants", "language_token_ids", "weights_hash"]

_LANG_TOKEN = re.compile(r"^(__[a-z]{2,3}__|[a-z]{3}_[A-Z][a-z]{3}|madeupword\d+)$")


def language_token_ids(tokenizer: Any) -> list[int]:
    """Returns the ids of language tokens (``__vi__``, ``vie_Latn``) and filler words.

    A translation never contains them except the forced first token, so decoding
    bans them (the forced first token is set after the ban).
    """
    vocab = dict(tokenizer.get_vocab())
    vocab.update(getattr(tokenizer, "lang_token_to_id", {}) or {})
    return sorted({i for token, i in vocab.items() if _LANG_TOKEN.match(token)})


def weights_hash(path: Path, pattern: str = "*.safetensors") -> str:
    """Returns a short SHA-256 of a model's weight files (name, size and first MiB)."""
    digest = hashlib.sha256()
    for file in sorted(path.glob(pattern)):
        digest.update(file.name.encode())
        digest.update(str(file.stat().st_size).encode())
        with file.open("rb") as handle:
            digest.update(handle.read(1 << 20))
    return digest.hexdigest()[:16]


#: Logs a warning: a message with %-style arguments (``log.warning`` or an engine's
#: :meth:`models.notices.RepeatedWarnings.warn`).
Warn = Callable[..., None]


def constraint_variants(tokenizer: Any, phrase: str, warn: Warn | None = None
                        ) -> list[list[int]]:
    """Returns the target token-id spellings of a constraint phrase.

    SentencePiece marks a word start with ``▁``; a term glued to punctuation or a
    clitic is spelled without it, so both spellings are returned where they exist.

    Args:
        tokenizer: The model's tokenizer (target side is used).
        phrase: The target phrase.
        warn: Where the "cannot be spelled" warning goes (default: the log).

    Returns:
        One or two token-id sequences, without special tokens; none if the
        phrase cannot be spelled with the model's vocabulary (engines then skip
        the constraint, and the caller's verification reports the term).
    """
    ids = list(tokenizer(text_target=phrase, add_special_tokens=False)["input_ids"])
    unk = tokenizer.unk_token_id
    variants: list[list[int]] = []
    if ids and unk not in ids:
        variants.append(ids)
        pieces = tokenizer.convert_ids_to_tokens(ids)
        first = pieces[0]
        if first == "▁" and len(ids) > 1:
            variants.append(ids[1:])
        elif first.startswith("▁"):
            bare = tokenizer.convert_tokens_to_ids(first[1:])
            if bare is not None and bare != unk:
                variants.append([bare, *ids[1:]])
    if not variants:
        (warn or log.warning)("constraint %r cannot be spelled with this model's vocabulary; "
                              "decoding without it", phrase)
    return variants


def _fitting(phrase: str, variants: list[list[int]], room: int,
             warn: Warn | None = None) -> list[list[int]]:
    """Keeps the spellings of a constraint that fit in ``room`` target tokens.

    A constraint with no spelling that fits is left out, with a warning (the
    caller's verification reports the term), rather than decoding past ``max_length``.
    """
    fits = [v for v in variants if len(v) <= room]
    if variants and not fits:
        (warn or log.warning)("constraint %r does not fit within max_length (%d tokens); "
                              "decoding without it", phrase, room)
    return fits


def _load_model(path: Path, model_class: Any, dtype: Any) -> Any:
    """Loads a seq2seq model from safetensors, offline, without remote code.

    Raises:
        DamagedModelError: If a safetensors file is truncated or corrupt.
    """
    from safetensors import SafetensorError

    with quiet_loading():
        try:
            # float32 whatever the checkpoint was saved in: transformers 5 would load a
            # float16/bfloat16 checkpoint in that precision (dtype="auto"), slow or
            # unsupported on CPU and giving other outputs than the float32 model.
            return model_class.from_pretrained(path, local_files_only=True,
                                               trust_remote_code=False,
                                               use_safetensors=True, dtype=dtype)
        except SafetensorError as exc:
            weights = sorted(path.glob("*.safetensors"))
            raise DamagedModelError(weights[0] if len(weights) == 1 else path) from exc


class HFEngine:
    """Translates with a transformers seq2seq model.

    Args:
        info: The model, as found by :mod:`models.discovery`.
        device: ``cpu`` or ``cuda``.
        batch_size: Segments per forward pass.

    Raises:
        ModelError: If ``batch_size`` is below 1 or the directory is not a
            transformers model.
    """

    name = "transformers"

    def __init__(self, info: ModelInfo, device: str = "cpu", batch_size: int = 16) -> None:
        import torch
        from transformers import AutoModelForSeq2SeqLM

        if info.format != "transformers":
            raise ModelError("not a transformers model", path=info.path,
                             hint="run a CTranslate2 directory with the ctranslate2 engine")
        check_counts(batch_size=batch_size)
        check_device(device, lambda: gpu_count("transformers"))
        self.info = info
        self.model_id = info.model_id
        self.device = device
        self.batch_size = batch_size
        self._tokenizer = load_tokenizer(
            info.path, hint="download the model again with its tokenizer files")
        self._model = _load_model(info.path, AutoModelForSeq2SeqLM, torch.float32)
        self._default_attention = str(self._model.config._attn_implementation)
        self._model.to(torch.device(device)).eval()
        # Lengths are set per call (max_new_tokens); a stored max_length only adds a warning.
        self._model.generation_config.max_length = None
        #: Tokens the model encodes at most (source, and target with its prefix).
        self.max_positions = int(getattr(self._model.config, "max_position_embeddings", 0)
                                 or 512)
        self._hash = weights_hash(info.path)
        # Language tokens, and ids the tokenizer cannot spell (M2M100's filler words).
        vocab = dict(self._tokenizer.get_vocab())
        vocab.update(getattr(self._tokenizer, "lang_token_to_id", {}) or {})
        known = set(vocab.values())
        unspellable = [i for i in range(int(self._model.config.vocab_size)) if i not in known]
        self._banned = [[i] for i in sorted({*language_token_ids(self._tokenizer),
                                             *unspellable})]
        pieces = [""] * int(self._model.config.vocab_size)
        for piece, i in vocab.items():
            if 0 <= i < len(pieces):
                pieces[i] = piece
        self._pieces = WordPieces.from_pieces(pieces)
        # Constraint warnings repeat per sentence: once each, counted, totals at the end.
        self._warnings = RepeatedWarnings(log)
        weakref.finalize(self, self._warnings.flush)

    def directions(self) -> set[tuple[str, str]]:
        """Returns the ``(src, tgt)`` pairs the model translates."""
        return set(self.info.directions)

    def signature(self) -> dict[str, Any]:
        """Returns the model id, engine, weights hash and options for reports."""
        return {"model": self.model_id, "engine": self.name, "family": self.info.family,
                "revision": self.info.revision, "weights_sha256": self._hash,
                "device": self.device,
                "dtype": str(self._model.dtype).removeprefix("torch.")}

    # -- helpers ------------------------------------------------------------------------
    def _setup(self, src: str, tgt: str) -> tuple[str, int | None]:
        """Returns the source text prefix and the forced first target token for a pair."""
        if self.info.directions and (src, tgt) not in self.info.directions:
            have = ", ".join(sorted(f"{s}→{t}" for s, t in self.info.directions))
            raise UnsupportedDirectionError(
                f"model {self.model_id} does not translate {src}→{tgt} (it covers {have})",
                path=self.info.path, hint="pick another model, or pivot through en")
        tok = self._tokenizer
        if self.info.family == "marian":
            token = self.info.target_tokens.get(tgt)
            return (f"{token} " if token else ""), None
        code = lang_token(self.info.family, src)
        tok.src_lang = src if self.info.family == "m2m100" else code
        tgt_id = tok.convert_tokens_to_ids(lang_token(self.info.family, tgt))
        if self.info.family == "m2m100" and hasattr(tok, "get_lang_id"):
            tgt_id = tok.get_lang_id(tgt)
        return "", int(tgt_id)

    def _target_tokens(self, ids: list[int]) -> list[int]:
        """Strips the decoder start, the language token, EOS and padding."""
        cfg = self._model.generation_config
        start = cfg.decoder_start_token_id
        eos = {cfg.eos_token_id} if isinstance(cfg.eos_token_id, int) else set(
            cfg.eos_token_id or [])
        out = ids[1:] if ids and ids[0] == start else ids
        if self.info.family != "marian" and out:
            out = out[1:]
        clean: list[int] = []
        for token in out:
            if token in eos:
                break
            if token != cfg.pad_token_id:
                clean.append(token)
        return clean

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
        """Translates segments; see :meth:`models.base.Engine.translate`.

        A segment longer than the model's positions is translated in pieces that
        fit (:mod:`models.split`). ``max_length`` bounds every decode: a constraint
        longer than it is left out, with a warning.
        """
        check_counts(beam_size=beam_size, max_length=max_length)
        src, tgt = normalize_lang(src), normalize_lang(tgt)
        text_prefix, forced_bos = self._setup(src, tgt)
        check_per_segment(len(segments), constraints=constraints, prefixes=prefixes)

        def measure(text: str) -> int:
            # Measuring a long sentence on purpose: no "sequence length is longer" warning.
            return len(self._tokenizer(text_prefix + text, verbose=False)["input_ids"])

        def run(texts: list[str], cons: list[list[str | TermConstraint]] | None,
                pres: list[str] | None) -> list[Translation]:
            return self._translate(texts, text_prefix, forced_bos, cons, pres, beam_size,
                                   max_length, return_alignment)

        return translate_in_pieces(segments, constraints, prefixes,
                                   lambda s: fit_pieces(s, measure, self.max_positions), run)

    def _translate(self, segments: list[str], text_prefix: str, forced_bos: int | None,
                   constraints: list[list[str | TermConstraint]] | None,
                   prefixes: list[str] | None, beam_size: int, max_length: int,
                   return_alignment: bool) -> list[Translation]:
        n = len(segments)
        results: list[Translation] = []
        # Segments with a target prefix run alone: prefixes differ in length.
        groups: list[list[int]] = []
        for i in range(n):
            if prefixes and prefixes[i]:
                groups.append([i])
            elif groups and len(groups[-1]) < self.batch_size and not (
                    prefixes and prefixes[groups[-1][0]]):
                groups[-1].append(i)
            else:
                groups.append([i])
        for group in groups:
            results += self._translate_group(
                [text_prefix + segments[i] for i in group],
                [[constraint_text(c) for c in constraints[i]] for i in group]
                if constraints else None,
                prefixes[group[0]] if prefixes else "",
                forced_bos, beam_size, max_length, return_alignment)
        return results

    def _translate_group(self, texts: list[str], constraints: list[list[str]] | None,
                         prefix: str, forced_bos: int | None, beam_size: int,
                         max_length: int, return_alignment: bool) -> list[Translation]:
        import torch

        from models.constrained import constrained_beam_search

        tok, model = self._tokenizer, self._model
        # Both sides are bounded by the model's position embeddings; translate()
        # cut longer segments into pieces that fit.
        limit = self.max_positions
        enc = tok(texts, return_tensors="pt", padding=True, verbose=False).to(model.device)
        config = copy.deepcopy(model.generation_config)
        # max_length counts output tokens: add the forced language token and final EOS.
        extra = (forced_bos is not None) + (config.forced_eos_token_id is not None)
        config.max_length = None
        prefix_ids = (list(tok(text_target=prefix, add_special_tokens=False)["input_ids"])
                      if prefix else [])
        config.max_new_tokens = max(1, min(max_length + extra, limit - 2 - len(prefix_ids)))
        room = config.max_new_tokens - extra
        config.num_beams, config.num_return_sequences = beam_size, 1
        if self._banned:
            config.bad_words_ids = [*(config.bad_words_ids or []), *self._banned]
        kwargs: dict[str, Any] = {"generation_config": config}
        if forced_bos is not None:
            config.forced_bos_token_id = forced_bos
        start = model.generation_config.decoder_start_token_id
        if prefix:
            head = [start] + ([forced_bos] if forced_bos is not None else [])
            kwargs["decoder_input_ids"] = torch.tensor([head + prefix_ids],
                                                       device=model.device)
        if constraints and any(constraints):
            kwargs["custom_generate"] = constrained_beam_search
            kwargs["avet_constraints"] = [
                [v for c in cs
                 if (v := _fitting(c, constraint_variants(tok, c, self._warnings.warn), room,
                                   self._warnings.warn))]
                for cs in constraints]
            kwargs["avet_word_pieces"] = self._pieces
        with torch.inference_mode():
            out = model.generate(**enc, **kwargs)
            sequences = out if isinstance(out, torch.Tensor) else out.sequences
            # Attention weights need the eager implementation (SDPA does not return them).
            if return_alignment:
                model.set_attn_implementation("eager")
            try:
                forced = model(**enc, decoder_input_ids=sequences[:, :-1],
                               output_attentions=return_alignment, return_dict=True)
            finally:
                if return_alignment:
                    model.set_attn_implementation(self._default_attention)
        log_probs = torch.log_softmax(forced.logits.float(), dim=-1)
        results = []
        for row in range(sequences.shape[0]):
            ids = sequences[row].tolist()
            target = self._target_tokens(ids)
            offset = 1 + (0 if self.info.family == "marian" else 1)
            steps = len(target) + (1 if len(ids) > offset + len(target) else 0)
            gathered = [float(log_probs[row, offset - 1 + j, ids[offset + j]])
                        for j in range(min(steps, len(ids) - offset))]
            score = sum(gathered) / len(gathered) if gathered else None
            alignment, source_tokens = None, None
            if return_alignment:
                alignment, source_tokens = self._alignment(
                    forced.cross_attentions[-1][row], enc, row, offset, len(target))
            results.append(Translation(
                text=str(tok.decode(target, skip_special_tokens=True)),
                tokens=list(tok.convert_ids_to_tokens(target)), score=score, alignment=alignment,
                source_tokens=source_tokens))
        return results

    def _alignment(self, attention: Any, enc: Any, row: int, offset: int,
                   n_target: int) -> tuple[list[tuple[int, int]], list[str]]:
        """Aligns each target token with its most attended source token.

        Returns:
            The ``(source, target)`` index pairs and the source tokens they index
            (special and language tokens left out).
        """
        special = set(self._tokenizer.all_special_ids) | {b[0] for b in self._banned}
        src_ids = enc["input_ids"][row].tolist()
        mask = enc["attention_mask"][row].tolist()
        src_positions = [i for i, (t, m) in enumerate(zip(src_ids, mask, strict=True))
                         if m and t not in special]
        source_tokens = list(self._tokenizer.convert_ids_to_tokens(
            [src_ids[i] for i in src_positions]))
        if not src_positions:
            return [], source_tokens
        weights = attention.mean(dim=0)  # (target positions, source positions)
        pairs = []
        for j in range(n_target):
            scores = weights[offset - 1 + j, src_positions]
            pairs.append((int(scores.argmax()), j))
        return pairs, source_tokens

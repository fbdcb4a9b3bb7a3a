"""Lexically constrained beam search for transformers models.

A hypothesis tracks its progress through each constraint's token sequence (a
constraint may have several spellings, e.g. with and without SentencePiece's
word-start piece ``▁``). At every step the candidates are the usual top-k
continuations plus, for every live hypothesis, the tokens that start or continue
an unmet constraint. Candidates are grouped into *banks* by the number of
constraint tokens they have met, and the beam is shared out across the banks
round-robin from the fullest bank down (dynamic beam allocation, Post & Vilar
2018, after the grid beam search of Hokamp & Liu 2017). A hypothesis may emit EOS
only when all its constraints are met, unless ``max_length`` forces the end; the
result is the best finished hypothesis meeting every constraint when there is one.

transformers 5 moved its own constrained search (``force_words_ids``,
``constraints=``) to Hub repositories, which cannot be fetched offline, so avet
plugs this search in through ``model.generate(..., custom_generate=callable)``:
``generate`` prepares the encoder outputs, the expanded decoder inputs, the cache
and the logits processors, then calls :func:`constrained_beam_search` in place of
its own decoding loop. Extra keyword arguments whose names are not arguments of
transformers' own ``_sample`` (here ``avet_constraints``) reach the callable.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from models.errors import ModelError

__all__ = ["ConstraintState", "TokenConstraint", "WordPieces", "constrained_beam_search"]

#: One constraint: its alternative token-id spellings.
TokenConstraint = Sequence[Sequence[int]]

_NEG_INF = float("-inf")


@dataclass(frozen=True)
class WordPieces:
    """Which target tokens continue a word and which end with a letter or digit.

    A constraint stays a word of its own: it may not start with a continuing
    piece right after a piece that ends with a letter or digit ("ministry" +
    "public"), and a continuing piece may not follow its last piece when that
    ends with one ("service" + "s"). See :func:`models.base.glues`.

    Attributes:
        continuing: Tokens whose piece starts with a letter or digit (no ``▁``).
        word_final: Tokens whose piece ends with a letter or digit.
    """

    continuing: frozenset[int]
    word_final: frozenset[int]

    @classmethod
    def from_pieces(cls, pieces: Sequence[str]) -> WordPieces:
        """Classifies a vocabulary given as the piece of each token id."""
        return cls(frozenset(i for i, p in enumerate(pieces) if p and p[0].isalnum()),
                   frozenset(i for i, p in enumerate(pieces) if p and p[-1].isalnum()))


@dataclass(frozen=True)
class ConstraintState:
    """How far a hypothesis has got through its constraints.

    Attributes:
        done: Per constraint, whether it has been generated in full.
        current: The constraint being generated, or -1.
        alternatives: The spellings of ``current`` still consistent with the output.
        position: How many tokens of ``current`` have been generated.
        just_met: The last token completed a constraint.
    """

    done: tuple[bool, ...]
    current: int = -1
    alternatives: tuple[int, ...] = ()
    position: int = 0
    just_met: bool = False

    @classmethod
    def start(cls, n: int) -> ConstraintState:
        """Returns the state of a hypothesis that has met none of ``n`` constraints."""
        return cls(done=(False,) * n)

    def all_met(self) -> bool:
        """Returns whether every constraint has been generated."""
        return all(self.done)

    def met(self, constraints: Sequence[TokenConstraint]) -> int:
        """Returns the number of constraint tokens met (the bank of the hypothesis)."""
        full = sum(min(len(a) for a in c) for c, d in zip(constraints, self.done, strict=True)
                   if d)
        return full + self.position

    def next_tokens(self, constraints: Sequence[TokenConstraint],
                    no_start: Collection[int] = ()) -> set[int]:
        """Returns the tokens that continue the current constraint or start an unmet one.

        Args:
            constraints: The hypothesis's constraints.
            no_start: Tokens that may not start a constraint here (a subword that
                would glue onto the word before).
        """
        tokens = {constraints[i][a][0] for i, d in enumerate(self.done) if not d
                  for a in range(len(constraints[i]))}
        tokens = {t for t in tokens if t not in no_start}
        if self.current >= 0:
            alts = constraints[self.current]
            tokens |= {alts[a][self.position] for a in self.alternatives}
        return tokens

    def advance(self, token: int, constraints: Sequence[TokenConstraint],
                no_start: Collection[int] = ()) -> ConstraintState:
        """Returns the state after generating ``token`` (``no_start``: see :meth:`next_tokens`)."""
        if self.just_met:
            return ConstraintState(self.done).advance(token, constraints, no_start)
        if self.current >= 0:
            alts = constraints[self.current]
            still = tuple(a for a in self.alternatives if alts[a][self.position] == token)
            if still:
                position = self.position + 1
                if any(len(alts[a]) == position for a in still):
                    return self._with_done(self.current)
                return ConstraintState(self.done, self.current, still, position)
        for i, is_done in enumerate(self.done):
            if is_done or token in no_start:
                continue
            starting = tuple(a for a, alt in enumerate(constraints[i]) if alt[0] == token)
            if starting:
                if any(len(constraints[i][a]) == 1 for a in starting):
                    return self._with_done(i)
                return ConstraintState(self.done, i, starting, 1)
        return ConstraintState(self.done) if self.current >= 0 else self

    def _with_done(self, index: int) -> ConstraintState:
        done = list(self.done)
        done[index] = True
        return ConstraintState(tuple(done), just_met=True)


@dataclass
class _Hyp:
    tokens: list[int]
    score: float
    state: ConstraintState


def _allocate(candidates: list[tuple[float, int, int, ConstraintState, int]],
              beams: int) -> list[tuple[float, int, int, ConstraintState, int]]:
    """Shares ``beams`` slots across banks, round-robin from the fullest bank down."""
    banks: dict[int, list[tuple[float, int, int, ConstraintState, int]]] = {}
    for cand in sorted(candidates, key=lambda c: -c[0]):
        banks.setdefault(cand[4], []).append(cand)
    order = sorted(banks, reverse=True)
    chosen: list[tuple[float, int, int, ConstraintState, int]] = []
    depth = 0
    while len(chosen) < beams and any(depth < len(banks[b]) for b in order):
        for bank in order:
            if depth < len(banks[bank]) and len(chosen) < beams:
                chosen.append(banks[bank][depth])
        depth += 1
    return chosen


def constrained_beam_search(
    model: Any,
    input_ids: Any,
    logits_processor: Any,
    stopping_criteria: Any,
    generation_config: Any,
    synced_gpus: bool = False,
    avet_constraints: Sequence[Sequence[TokenConstraint]] | None = None,
    avet_word_pieces: WordPieces | None = None,
    **model_kwargs: Any,
) -> Any:
    """Runs lexically constrained beam search; called by ``model.generate``.

    Args:
        model: The encoder-decoder model (``generate`` passes itself).
        input_ids: Decoder inputs, ``(batch * num_beams, prompt_length)``.
        logits_processor: The processors ``generate`` prepared (forced BOS, bad words...).
        stopping_criteria: Unused (``generation_config.max_length`` bounds the search).
        generation_config: The prepared generation config.
        synced_gpus: Unsupported; must be false.
        avet_constraints: Per batch item, its constraints, each a list of alternative
            token-id sequences.
        avet_word_pieces: The target vocabulary's word pieces; with them, constraints
            are kept from gluing onto the words around them.
        **model_kwargs: Encoder outputs, attention mask and cache from ``generate``.

    Returns:
        A ``(batch, length)`` tensor of token ids, padded with the pad token.

    Raises:
        ModelError: If ``avet_constraints`` has not one item per segment.
    """
    import torch
    from transformers.generation.utils import ALL_CACHE_NAMES

    del stopping_criteria, synced_gpus
    num_beams = int(generation_config.num_beams or 1)
    batch = input_ids.shape[0] // num_beams
    constraints: list[list[list[list[int]]]] = [
        [[list(alt) for alt in c] for c in item]
        for item in (avet_constraints or [[] for _ in range(batch)])]
    if len(constraints) != batch:
        raise ModelError(f"avet_constraints has {len(constraints)} items for {batch} segments",
                         hint="pass one list of constraints per segment (an empty list for none)")
    eos = generation_config._eos_token_tensor
    eos_ids = set() if eos is None else {int(t) for t in eos.reshape(-1).tolist()}
    pad = generation_config._pad_token_tensor
    pad_id = int(pad) if pad is not None else (min(eos_ids) if eos_ids else 0)
    max_length = int(generation_config.max_length)
    length_penalty = float(generation_config.length_penalty or 1.0)
    prompt_len = input_ids.shape[1]

    hyps: list[list[_Hyp]] = []
    for b in range(batch):
        row: list[_Hyp] = []
        for k in range(num_beams):
            state = ConstraintState.start(len(constraints[b]))
            prompt = input_ids[b * num_beams + k].tolist()
            for token in prompt[1:]:
                state = state.advance(token, constraints[b])
            row.append(_Hyp(prompt, 0.0 if k == 0 else _NEG_INF, state))
        hyps.append(row)
    # (normalized score, all constraints met, no constraint cut off, tokens)
    finished: list[list[tuple[float, bool, bool, list[int]]]] = [[] for _ in range(batch)]
    done = [False] * batch

    continuing = None  # the continuing pieces as a tensor, to mask them at once
    if avet_word_pieces is not None and avet_word_pieces.continuing:
        continuing = torch.tensor(sorted(avet_word_pieces.continuing), device=input_ids.device)
    cur_len = prompt_len
    outputs = model._prefill(input_ids, generation_config, model_kwargs)
    while True:
        model_kwargs = model._update_model_kwargs_for_generation(
            outputs, model_kwargs, is_encoder_decoder=model.config.is_encoder_decoder)
        logits = outputs.logits[:, -1, :].to(dtype=torch.float32)
        del outputs
        flat = torch.tensor([h.tokens for row in hyps for h in row], device=input_ids.device)
        log_probs = logits_processor(flat, torch.log_softmax(logits, dim=-1))
        last_step = cur_len + 1 >= max_length
        beam_idx: list[int] = []
        new_hyps: list[list[_Hyp]] = []
        for b in range(batch):
            rows = log_probs[b * num_beams:(b + 1) * num_beams]
            row_hyps = hyps[b]
            cands = _candidates(rows, row_hyps, constraints[b], eos_ids, last_step, num_beams,
                                avet_word_pieces, continuing, max_length - cur_len)
            running: list[tuple[float, int, int, ConstraintState, int]] = []
            for cand in cands:
                score, k, token, state, _ = cand
                if token in eos_ids or last_step:
                    if not done[b] and (state.all_met() or last_step):
                        tokens = [*row_hyps[k].tokens, token]
                        norm = score / ((len(tokens) - prompt_len) ** length_penalty)
                        finished[b].append((norm, state.all_met(), state.current < 0,
                                            tokens))
                else:
                    running.append(cand)
            chosen = _allocate(running, num_beams)
            row_new: list[_Hyp] = []
            for score, k, token, state, _ in chosen:
                row_new.append(_Hyp([*row_hyps[k].tokens, token], score, state))
                beam_idx.append(b * num_beams + k)
            while len(row_new) < num_beams:
                row_new.append(_Hyp([*row_hyps[0].tokens, pad_id], _NEG_INF, row_hyps[0].state))
                beam_idx.append(b * num_beams)
            new_hyps.append(row_new)
            if len(finished[b]) >= num_beams or all(h.score == _NEG_INF for h in row_new):
                done[b] = True
        hyps = new_hyps
        cur_len += 1
        if all(done) or cur_len >= max_length:
            break
        cache_key = next((key for key in ALL_CACHE_NAMES if key in model_kwargs), None)
        if cache_key is not None and model_kwargs[cache_key] is not None:
            index = torch.tensor(beam_idx, device=input_ids.device)
            if hasattr(model, "_reorder_cache"):
                model_kwargs[cache_key] = model._reorder_cache(model_kwargs[cache_key], index)
            else:
                model_kwargs[cache_key].reorder_cache(index)
        flat = torch.tensor([h.tokens for row in hyps for h in row], device=input_ids.device)
        inputs = model.prepare_inputs_for_generation(
            flat, next_sequence_length=1 if model_kwargs.get("use_cache") else None,
            **model_kwargs)
        outputs = model(**inputs, return_dict=True)

    best: list[list[int]] = []
    for b in range(batch):
        pool = finished[b] or [
            (h.score / max(1, len(h.tokens) - prompt_len) ** length_penalty, h.state.all_met(),
             h.state.current < 0, h.tokens) for h in hyps[b] if h.score > _NEG_INF]
        # Every constraint met first; then one where max_length cut no constraint in two.
        pool.sort(key=lambda f: (f[1], f[2], f[0]), reverse=True)
        best.append(pool[0][3])
    width = max(len(t) for t in best)
    return torch.tensor([t + [pad_id] * (width - len(t)) for t in best], device=input_ids.device)


def _candidates(rows: Any, row_hyps: list[_Hyp], constraints: list[list[list[int]]],
                eos_ids: set[int], last_step: bool, num_beams: int,
                pieces: WordPieces | None = None, continuing: Any = None,
                steps_left: int | None = None
                ) -> list[tuple[float, int, int, ConstraintState, int]]:
    """Returns ``(score, beam, token, state, bank)`` candidates for one batch item.

    ``steps_left`` (this step included) keeps a constraint from starting where
    ``max_length`` would cut it before its last token and the final EOS.
    """
    import torch

    scores = torch.tensor([h.score for h in row_hyps], device=rows.device)
    total = rows + scores[:, None]
    if not last_step:
        for k, hyp in enumerate(row_hyps):
            if not hyp.state.all_met():
                for eos in eos_ids:
                    total[k, eos] = _NEG_INF
    # Per hypothesis, the tokens that may not start a constraint: a continuing piece
    # after a word character, and the start of a spelling too long for what is left.
    no_start: list[Collection[int]] = [() for _ in row_hyps]
    if pieces is not None and continuing is not None:
        for k, hyp in enumerate(row_hyps):
            if hyp.tokens[-1] in pieces.word_final:
                no_start[k] = pieces.continuing
                if hyp.state.just_met:  # "service" + "s": the term would not be a word
                    total[k, continuing] = _NEG_INF
    if steps_left is not None:
        for k, hyp in enumerate(row_hyps):
            late = _late_starts(constraints, hyp.state, steps_left)
            if late:
                no_start[k] = late.union(no_start[k])
    vocab = total.shape[1]
    picks: set[tuple[int, int]] = set()
    top = torch.topk(total.reshape(-1), k=min(2 * num_beams, total.numel()))
    picks |= {(int(i) // vocab, int(i) % vocab) for i in top.indices.tolist()}
    picks |= {(k, int(t)) for k, t in enumerate(total.argmax(dim=-1).tolist())}
    for k, hyp in enumerate(row_hyps):
        if hyp.score > _NEG_INF:
            picks |= {(k, t) for t in hyp.state.next_tokens(constraints, no_start[k])}
    out = []
    for k, token in picks:
        score = float(total[k, token])
        if math.isinf(score):
            continue
        state = row_hyps[k].state.advance(token, constraints, no_start[k])
        out.append((score, k, token, state, state.met(constraints)))
    return out


def _late_starts(constraints: Sequence[TokenConstraint], state: ConstraintState,
                 steps_left: int) -> set[int]:
    """First tokens of unmet constraints none of whose spellings starting with them
    would end before the last step (kept for EOS)."""
    fits: set[int] = set()
    late: set[int] = set()
    for constraint, done in zip(constraints, state.done, strict=True):
        if not done:
            for alt in constraint:
                (fits if len(alt) < steps_left else late).add(alt[0])
    return late - fits

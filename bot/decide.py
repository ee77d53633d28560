"""Deciding whether the article answers: the refusal model reads the ranking and what the verifier
finds in the best sentences; hand rules refuse a question about a name the article never uses, a
follow-up no best sentence answers, or one whose best sentence says the opposite of a word it asks
about, lacks its 'not' or its number, and answer one whose best sentence defines what is asked or
that names a section which answers it. The decision carries its reason."""
from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import numpy as np

from . import config, rules
from .checks import opposite
from .features import Ranked, answerable_features
from .index import Index
from .models import Models
from .retrieve import verify


@dataclass(frozen=True)
class Decision:
    answer: bool
    reason: str = ""        # why not: "model", "unknown name", "follow-up doubt" or "opposite"
    p_answer: float = 1.0   # the refusal model's probability that the article answers
    opposite: tuple[str, str] = ()  # for "opposite": the question's word and the one the sentence has
                                    # instead ("" when it lacks the question's 'not' or number)


def decide(index: Index, question: str, unknown: tuple[str, ...], followup: bool, ranked: Ranked,
           models: Models) -> Decision:
    """Answer or refuse, and why. `followup`: the question continues earlier ones."""
    verified = verify(index, question, ranked.sentences[: config.TRAINED.verify_top], models.verifier)
    p = models.answerable.on_named(answerable_features(ranked, verified))
    # The refusal model learnt from SQuAD, which has no follow-ups: their ranking leans on the
    # earlier questions, so the best sentence can look right for "When was he born?" after
    # "Who elaborated the theory?". The verifier reads the follow-up itself; when it is all but
    # sure neither sentence answers it, that wins.
    doubted = rules.FOLLOWUP_DOUBT.on and followup and float(verified.max(initial=0.0)) < config.FOLLOWUP_VERIFIED_MIN
    # The verifier reads one sentence at a time and can be sure of a sentence the ranker all but
    # rules out ("print the prepaid label" for a phone number). Answered SQuAD questions almost never
    # rank that low, so the refusal model learnt nothing there; the ranker's word stands.
    unsupported = rules.RANKER_FLOOR.on and float(ranked.scores.max(initial=0.0)) < config.RANKER_FLOOR
    model_refuses = (p < models.threshold or unsupported) and not (rules.DEFINED_ANSWERS.on and ranked.defined)
    # SQuAD's crowd wrote many unanswerable questions by turning one word of a sentence into its
    # opposite, adding a 'not' or changing a number; every other word still matches, so neither
    # model sees it.
    quoted = [index.text(index.sentences[int(i)]) for i in ranked.sentences[: config.MAX_CITATIONS]]
    turned = opposite(question, quoted, index.lexicon.mentioned,
                      partial(index.lexicon.written_in_few, most=config.SWAPPED_NUMBER_MOST_WRITTEN))
    reason = ("unknown name" if unknown else "follow-up doubt" if doubted else "opposite" if turned
              else "model" if model_refuses else "")
    if reason and reason != "unknown name" and ranked.named:
        reason = "" if _answered_in_named_section(index, question, ranked, verified, models) else reason
    return Decision(not reason, reason, p, (turned or ()) if reason == "opposite" else ())


def _answered_in_named_section(index: Index, question: str, ranked: Ranked, verified: np.ndarray,
                               models: Models) -> bool:
    """A question that points at a section ("what is listed under See also?") is answered from
    it when the verifier, reading it with each of the section's sentences to be quoted, finds
    one that answers: list items and references share too few words with any question for the
    refusal model, which weighs shared words most."""
    top = ranked.sentences[: config.MAX_CITATIONS]
    inside = [index.sentences[int(i)].para in ranked.named for i in top]
    if not inside or not inside[0]:
        return False
    more = verify(index, question, top[len(verified):], models.verifier)
    return any(p >= config.NAMED_SECTION_VERIFIED and here for p, here in zip([*verified, *more], inside))

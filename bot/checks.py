"""What of a question a candidate sentence lacks, read by the refusal model (and the ranker) beside
the features of features.py: the rarest question word missing from the sentence, its neighbours or
its paragraph, a number, a negation. Also the candidates' term sets, which coverage reads too."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .index import Index
from .lexical import negated, word_set, words
from .sentence_store import Lookup

_negated = lru_cache(maxsize=1 << 16)(negated)  # the same sentences are candidates for many questions


@dataclass(frozen=True)
class TermSets:
    """Per candidate, the term ids it holds with its section's heading: its own, with its
    neighbours' (its context), and its paragraph's. What coverage and missing words are read from."""
    sentence: list[frozenset[int]]
    context: list[frozenset[int]]
    paragraph: list[frozenset[int]]


def term_sets(index: Index, found: Lookup, ids: np.ndarray, paras: np.ndarray, around: list[range]) -> TermSets:
    """`around`: each candidate's sentence ids with its neighbours (Index.around)."""
    heads = [index.lexicon.heading_terms(p) for p in paras]
    own, para = found.terms(j for a in around for j in a), index.lexicon.paragraphs.terms_of(paras)
    return TermSets([own[i] | h for i, h in zip(ids, heads)], [h.union(*(own[j] for j in a)) for a, h in zip(around, heads)],
                    [para[p] | h for p, h in zip(paras, heads)])


def check_columns(index: Index, ids: np.ndarray, paras: np.ndarray, question: str, qterms: dict[int, float],
                  sets: TermSets, unknown: float) -> dict:
    """What of the question a candidate lacks: the rarest question word missing from it, its
    neighbours and its paragraph (relative to a word no sentence has), a number of the question its
    paragraph does not write, and negation in question and sentence. SQuAD's unanswerable questions
    are the article's sentences with one thing changed: another name, a number, a 'not'.
    `unknown`: the idf of a word no sentence has."""
    lex = index.lexicon.sentences  # paragraph sets share its term ids (one vocabulary per index), weighed by its idf
    numbers = {w for w in words(question) if any(ch.isdigit() for ch in w)}
    para_words = [word_set(index.paragraph_text(p))[0] if numbers else frozenset() for p in paras]
    return {
        "miss_s": lex.missing(sets.sentence, qterms) / unknown,
        "miss_ctx": lex.missing(sets.context, qterms) / unknown,
        "miss_p": lex.missing(sets.paragraph, qterms) / unknown,
        "number_miss": [float(bool(numbers - pw)) for pw in para_words],
        "neg_q": np.full(len(ids), float(negated(question))),
        "neg_s": [float(_negated(index.text(index.sentences[i]))) for i in ids],
    }

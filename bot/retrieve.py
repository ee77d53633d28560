"""Finding the sentences that answer a question: dense and BM25 candidates, scored by a small
learned ranker over features of the sentence, its neighbours and its paragraph."""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from . import config
from .index import Index
from .lexical import terms, words
from .questions import answer_kind, candidate_spans

FEATURES = ("dense_s", "dense_p", "dense_s_rel", "bm25_s_rel", "bm25_p_rel", "cov_s", "cov_ctx", "cov_p",
            "kind_s", "kind_ctx", "novel", "log_len")


@dataclass
class Query:
    """A question, and what earlier turns of the conversation add to it."""
    text: str
    context: str = ""                         # earlier questions, for follow-ups
    focus: frozenset[int] = frozenset()       # paragraphs the previous answer quoted

    @property
    def embed_text(self) -> str:
        return f"{self.context} {self.text}".strip()


@dataclass
class Ranked:
    sentences: np.ndarray      # sentence ids, best first
    scores: np.ndarray         # ranker probability per sentence
    features: np.ndarray       # rows aligned with sentences
    kind: str                  # the answer type the question asks for
    missing: float             # share of the question's weight that no passage mentions
    question_terms: dict[int, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Linear:
    """A logistic model stored as JSON: standardise, dot, sigmoid."""
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    @classmethod
    def from_json(cls, d: dict) -> "Linear":
        return cls(*(np.asarray(d[k], dtype=np.float32) for k in ("mean", "scale", "coef")), float(d["intercept"]))

    def __call__(self, x: np.ndarray) -> np.ndarray:
        z = ((x - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-z))


@lru_cache(maxsize=4)
def load_models(path: Path = config.RANKER_PATH) -> dict:
    """The trained ranker and answerability models (scripts/train_ranker.py writes them)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data["ranker"]["features"]) != FEATURES:
        raise RuntimeError(f"{path} was trained on other features; retrain: python scripts/train_ranker.py")
    return {"ranker": Linear.from_json(data["ranker"]), "answerable": Linear.from_json(data["answerable"]),
            "threshold": float(data["answerable"]["threshold"])}


def _question_terms(index: Index, query: Query) -> tuple[dict[int, float], float, float]:
    """{term id: weight} of the question (earlier turns count less), total weight, unknown weight."""
    lex = index.sentence_lexicon
    unknown_idf = math.log(1 + (len(index.sentences) + 0.5) / 0.5)
    weights: dict[int, float] = {}
    total = missing = 0.0
    for text, w in ((query.text, 1.0), (query.context, config.FOLLOWUP_WEIGHT)):
        for t in dict.fromkeys(terms(text)):
            hit = lex.lookup(t)
            idf = float(lex.idf[hit[0]]) if hit else unknown_idf
            total += w * idf
            if hit is None:
                missing += w * idf
                continue
            j, confidence = hit
            weights[j] = max(weights.get(j, 0.0), w * confidence)
    return weights, total, missing


def _coverage(term_sets: list[frozenset[int]], weights: dict[int, float], idf: np.ndarray, total: float) -> np.ndarray:
    if not total:
        return np.zeros(len(term_sets), dtype=np.float32)
    return np.array([sum(w * idf[j] for j, w in weights.items() if j in ts) / total for ts in term_sets],
                    dtype=np.float32)


def _has_kind(text: str, kind: str, question_words: set[str]) -> float:
    """1 if the text holds a piece of the asked type that the question does not already name."""
    if kind == "other":
        return 0.0
    for a, b in candidate_spans(text, kind):
        if set(words(text[a:b])) - question_words:
            return 1.0
    return 0.0


def featurize(index: Index, query: Query, qvec: np.ndarray) -> Ranked:
    """The candidate sentences for a question and their features, not yet scored."""
    lex, plex = index.sentence_lexicon, index.paragraph_lexicon
    qterms, total, missing = _question_terms(index, query)
    kind = answer_kind(query.text)
    qwords = set(words(query.text)) | set(words(query.context))

    # Candidates: the dense and lexical neighbours, and every sentence of the best paragraphs.
    k = min(config.DENSE_CANDIDATES, len(index.sentences))
    _, dense_ids = index.sentence_vectors.search(qvec[None, :], k)
    bm25_s = lex.query(qterms)
    dense_p = index.paragraph_vectors @ qvec
    bm25_p = plex.query(qterms)
    para_score = dense_p + 0.3 * bm25_p / max(float(bm25_p.max()), 1e-6)
    top_paras = np.argsort(-para_score)[: config.PARAGRAPH_CANDIDATES]
    cand = set(int(i) for i in dense_ids[0] if i >= 0)
    cand |= set(int(i) for i in np.argsort(-bm25_s)[: config.LEXICAL_CANDIDATES] if bm25_s[i] > 0)
    for p in list(top_paras) + list(query.focus):
        cand |= set(index.sentences_of[int(p)])
    ids = np.array(sorted(cand), dtype=np.int64)

    vecs = np.vstack([index.sentence_vectors.reconstruct(int(i)) for i in ids])
    dense_s = vecs @ qvec
    paras = np.array([index.sentences[i].para for i in ids])
    texts = [index.text(index.sentences[i]) for i in ids]
    ctx_sets, ctx_texts = [], []
    for i in ids:
        s = index.sentences[i]
        siblings = index.sentences_of[s.para]
        pos = siblings.index(int(i))
        around = siblings[max(0, pos - 1): pos + 2]
        ctx_sets.append(frozenset().union(*(lex.doc_terms[j] for j in around)))
        ctx_texts.append(" ".join(index.text(index.sentences[j]) for j in around))
    x = np.column_stack([
        dense_s,
        dense_p[paras],
        dense_s - float(dense_s.max()),
        bm25_s[ids] / max(float(bm25_s.max()), 1e-6),
        bm25_p[paras] / max(float(bm25_p.max()), 1e-6),
        _coverage([lex.doc_terms[i] for i in ids], qterms, lex.idf, total),
        _coverage(ctx_sets, qterms, lex.idf, total),
        _coverage([plex.doc_terms[p] for p in paras], qterms, lex.idf, total),
        [_has_kind(t, kind, qwords) for t in texts],
        [_has_kind(t, kind, qwords) for t in ctx_texts],
        [len(set(words(t)) - qwords) / max(1, len(words(t))) for t in texts],
        [math.log1p(len(t.split())) for t in texts],
    ]).astype(np.float32)
    return Ranked(ids, np.zeros(len(ids), dtype=np.float32), x, kind, missing / total if total else 1.0, qterms)


def rank(index: Index, query: Query, qvec: np.ndarray) -> Ranked:
    """Score candidate sentences for the question; best first."""
    r = featurize(index, query, qvec)
    scores = load_models()["ranker"](r.features)
    if query.focus:  # a follow-up most likely asks about what the previous answer quoted
        in_focus = np.array([index.sentences[i].para in query.focus for i in r.sentences])
        scores = np.where(in_focus, scores ** (1 / config.FOCUS_BOOST), scores)
    order = np.argsort(-scores, kind="stable")
    r.sentences, r.scores, r.features = r.sentences[order], scores[order], r.features[order]
    return r


def answerable_features(r: Ranked) -> np.ndarray:
    """What the refusal model looks at: how good the best sentence is, and how clear its lead is."""
    top = r.features[0]
    second = r.scores[1] if len(r.scores) > 1 else 0.0
    names = {n: i for i, n in enumerate(FEATURES)}
    return np.array([r.scores[0], r.scores[0] - second, top[names["dense_s"]], top[names["dense_p"]],
                     top[names["cov_s"]], top[names["cov_ctx"]], top[names["kind_s"]], top[names["kind_ctx"]],
                     float(r.kind == "other"), r.missing], dtype=np.float32)


ANSWERABLE_FEATURES = ("score", "lead", "dense_s", "dense_p", "cov_s", "cov_ctx", "kind_s", "kind_ctx",
                       "kind_other", "missing")

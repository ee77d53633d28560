"""Gathering candidate sentences for a question and describing each by named features (the
ranker's input): how close it is to the question in meaning (MiniLM) and in words (BM25, coverage,
near-synonyms), what its neighbours and paragraph say, and whether it holds a piece of the type
asked for. Also what the refusal model reads of a ranking (answerable_features)."""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from . import config, embed, rules
from .bm25 import Bm25
from .checks import TermSets, check_columns, measure_word, term_sets
from .closeness import Closeness
from .index import Index
from .lexical import content_words, stem, term_pairs, terms, word_set, words
from .pieces import candidate_spans
from .questions import answer_kind
from .sentence_store import Lookup, top
from .sources import LEAD

FEATURES = ("dense_s", "dense_w", "dense_p", "dense_s_rel", "bm25_s_rel", "bm25_p_rel", "cov_s", "cov_ctx", "cov_p",
            "kind_s", "kind_ctx", "novel", "log_len", "lead", "first_para", "sent_pos",
            "bigram", "soft_s", "soft_ctx", "soft_min", "rest_s", "rest_w", "rest_share", "gain_s", "gain_w",
            "miss_s", "miss_ctx", "miss_p", "number_miss", "neg_q", "neg_s")
KINDS = ("date", "number", "person", "place", "title", "entity", "other")
ANSWERABLE_FEATURES = ("score", "score2", "score3", "verified", "verified_max", "dense_s", "dense_w", "dense_p",
                       "bm25_s_rel", "cov_s", "cov_ctx", "cov_p", "kind_s", "kind_ctx", "bigram", "soft_s",
                       "soft_ctx", "soft_min", "rest_s", "rest_w", "rest_share", "gain_s", "gain_w", "miss_s", "miss_ctx",
                       "miss_p", "number_miss", "neg_q", "neg_s", "dense_max", "dense_w_max", "absent",
                       "weakest") + tuple(f"is_{k}" for k in KINDS)


@dataclass(frozen=True)
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
    features: np.ndarray       # rows aligned with sentences, columns named by FEATURES
    kind: str                  # the answer type the question asks for
    support: tuple[float, float]  # share of question words the article never mentions, even by a
                                  # near-synonym; and the weakest word's best match anywhere
    raw: np.ndarray | None = None  # the ranker's own probabilities, before conversation and section
                                   # boosts (what the refusal model was trained on); None: = scores
    named: frozenset[int] = frozenset()  # paragraphs of the sections the question names
    defined: bool = False      # the best sentence says what the question asks to be defined


@dataclass(frozen=True)
class _Scores:
    """How the question scores every sentence and paragraph, before candidates are chosen."""
    found: Lookup             # the sentences' searches (BM25 among them) and what is read of each
    bm25_p: np.ndarray        # BM25, per paragraph
    dense_p: Closeness        # cosine, per paragraph
    qterms: dict[int, float]  # the question's term ids and weights
    total: float              # their total weight


@dataclass(frozen=True)
class _QuestionVectors:
    """The question embedded whole, and its parts: the words the article lacks (what is asked
    beyond the topic) and those it has (the topic alone)."""
    whole: np.ndarray
    rest: np.ndarray
    anchors: np.ndarray
    rest_share: float
    soft: _SoftCoverage


def _unknown_idf(index: Index) -> float:
    """The idf of a word no sentence has: rarer than any word that is there."""
    return math.log(1 + (len(index.sentences) + 0.5) / 0.5)


def _question_terms(index: Index, query: Query) -> tuple[dict[int, float], float]:
    """{term id: weight} of the question (earlier turns count less), and its total weight."""
    lex = index.lexicon.sentences
    unknown_idf = _unknown_idf(index)
    weights: dict[int, float] = {}
    total = 0.0
    for text, w in ((query.text, 1.0), (query.context, config.TRAINED.followup_weight)):
        for t in dict.fromkeys(terms(text)):
            hit = lex.lookup(t)
            total += w * (unknown_idf if hit is None else lex.weight(hit[0]))
            if hit is None:
                continue
            j, confidence = hit
            weights[j] = max(weights.get(j, 0.0), w * confidence)
    return weights, total


# Per-text pieces of the features below, cached: the same sentences are candidates for many questions.
@rules.depends_on_rules
@lru_cache(maxsize=1 << 16)
def _kind_pieces(text: str, kind: str) -> tuple[str, ...]:
    """The pieces of the given answer type in the text (dates, numbers, names...)."""
    return tuple(text[a:b] for a, b in candidate_spans(text, kind))


def _has_kind(text: str, kind: str, question_words: set[str]) -> float:
    """1 if the text holds a piece of the asked type that the question does not already name."""
    if kind == "other":
        return 0.0
    # the first piece usually says something new: the rest are never split into words
    return float(any(not question_words.issuperset(words(piece)) for piece in _kind_pieces(text, kind)))


def _novel(text: str, question_words: set[str]) -> float:
    """Share of the text's words that the question does not use."""
    ws, n = word_set(text)
    return len(ws - question_words) / max(1, n)


def _bigram_shares(lex: Bm25, question: str, texts: list[str], term_sets: list[frozenset[int]]) -> list[float]:
    """Per text, the share of the question's adjacent word pairs that it has as a phrase too. A
    text whose terms (`term_sets`: its term ids, or more) lack both of every pair is not read."""
    qbigrams = term_pairs(question)
    if not qbigrams:
        return [0.0] * len(texts)
    pairs = [(lex.term_id(a), lex.term_id(b)) for a, b in qbigrams]
    pairs = [(a, b) for a, b in pairs if a is not None and b is not None]
    return [len(qbigrams & term_pairs(t)) / len(qbigrams) if any(a in s and b in s for a, b in pairs) else 0.0
            for t, s in zip(texts, term_sets)]


class _SoftCoverage:
    """Scores word sets by the idf-weighted share of the question's words they hold, or hold a
    near-synonym of (cosine of the words' own embeddings: "venue" meets "stadium")."""

    def __init__(self, index: Index, qwords: list[str], new_vecs: dict[str, np.ndarray], measure: str = ""):
        self.index = index
        self.support = (0.0, 1.0)
        if not qwords:
            self.qv = None
            return
        unknown_idf = _unknown_idf(index)
        self.idf = np.array([index.lexicon.sentences.term_idf(stem(w), unknown_idf) for w in qwords], dtype=np.float32)
        self.qv = np.vstack([index.word_vectors[index.words[w]] if w in index.words else new_vecs[w]
                             for w in qwords])
        # A word the article has meets itself; only the others are looked for among all its words
        # (a product with every word vector: 3 ms an answer at a million sentences).
        new = np.array([w not in index.words for w in qwords])
        anywhere = np.einsum("ij,ij->i", self.qv, self.qv)
        if new.any():
            anywhere[new] = (self.qv[new] @ index.word_vectors.T).max(axis=1) if len(index.words) else 0.0
        anywhere[[w == measure for w in qwords]] = 1.0  # "how long": the article need not say 'long'
        self.support = (float(np.mean(anywhere < config.TRAINED.synonym_min_cosine)), float(anywhere.min()))

    def best(self, sets: list[np.ndarray]) -> np.ndarray:
        """Each question word's best match (rows) in each set of word ids (columns); 0 in an empty
        set. A union's is the most of its parts': what contexts are scored from."""
        out = np.zeros((0 if self.qv is None else len(self.qv), len(sets)), dtype=np.float32)
        filled = [n for n, ids in enumerate(sets) if len(ids)]
        if self.qv is None or not filled:
            return out
        # One product for the distinct words of all sets, then each set's best match per question word.
        distinct, back = np.unique(np.concatenate([sets[n] for n in filled]), return_inverse=True)
        sims = (self.qv @ self.index.word_vectors[distinct].T)[:, back]
        starts = np.cumsum([0] + [len(sets[n]) for n in filled[:-1]])
        out[:, filled] = np.clip(np.maximum.reduceat(sims, starts, axis=1), 0.0, 1.0)
        return out

    def scores(self, best: np.ndarray) -> np.ndarray:
        """Per set (a column of `best`): weighted share of the question's words met, and the
        least-met word's match."""
        out = np.zeros((best.shape[1], 2), dtype=np.float32)
        if self.qv is not None and best.shape[1]:
            out[:, 0] = (self.idf @ best) / float(self.idf.sum())
            out[:, 1] = best.min(axis=0)
        return out


def _question_vectors(index: Index, query: Query) -> _QuestionVectors:
    """What the question asks beyond the words it shares with the article ("where was ... born?"):
    a sentence that answers should still be close to it; one that merely names the same things is
    not. And the words it shares alone: if the whole question is no closer to a sentence than these
    are, the sentence matches the topic but not what is asked about it. One batch of embeddings."""
    qw = words(query.text)
    rest = [w for w in qw if w not in index.words]
    qwords = list(dict.fromkeys(content_words(query.text)))
    new = [w for w in qwords if w not in index.words]
    anchors = [w for w in qwords if w in index.words]
    vectors = embed.encode_queries([query.embed_text, " ".join(rest) or "?", " ".join(anchors) or "?", *new])
    whole = vectors[0]
    return _QuestionVectors(whole, vectors[1] if rest else np.zeros_like(whole),
                            vectors[2] if anchors else np.zeros_like(whole), len(rest) / max(1, len(qw)),
                            _SoftCoverage(index, qwords, dict(zip(new, vectors[3:])),
                                          measure_word(query.text)))


def _candidates(index: Index, query: Query, scores: _Scores, leads: list[int]) -> np.ndarray:
    """Every sentence of a short article; else the dense and lexical neighbours, every sentence of
    the best paragraphs, of the paragraphs last quoted and of the leads asked about."""
    t = config.TRAINED
    if len(index.sentences) <= t.score_all_below:
        return np.arange(len(index.sentences), dtype=np.int64)
    bm25_p = scores.bm25_p
    para_score = scores.dense_p.values + t.paragraph_bm25_weight * bm25_p / max(float(bm25_p.max()), 1e-6)
    cand = set(scores.found.searched.tolist())
    for p in list(top(para_score, t.paragraph_candidates)) + list(query.focus) + leads:
        cand |= set(index.sentences_in(int(p)))
    return np.array(sorted(cand), dtype=np.int64)


def featurize(index: Index, query: Query, leads: list[int] = ()) -> Ranked:
    """The candidate sentences for a question and their features, not yet scored. `leads`: first
    paragraphs to take whole (the question asks what their document's subject is)."""
    qv = _question_vectors(index, query)
    t = config.TRAINED
    qterms, total = _question_terms(index, query)
    bm25_p = index.lexicon.paragraphs.query(qterms)
    found = index.sentence_store.lookup(qv.whole, qterms, t.dense_candidates, t.lexical_candidates)
    scores = _Scores(found, bm25_p, Closeness(index, qv.whole, bm25_p), qterms, total)
    ids = _candidates(index, query, scores, list(leads))
    paras = index.sentences.para[ids].astype(np.int64)
    kind = answer_kind(query.text)
    around = [index.around(i) for i in ids]  # each candidate with its neighbours: its context
    sets = term_sets(index, found, ids, paras, around)
    columns = {**_dense_columns(index, ids, paras, around, qv, scores),
               **_word_columns(index, ids, paras, around, query, kind, scores, sets),
               **check_columns(index, ids, paras, query.text, scores.qterms, sets, _unknown_idf(index))}
    x = np.column_stack([columns[name] for name in FEATURES]).astype(np.float32)
    return Ranked(ids, np.zeros(len(ids), dtype=np.float32), x, kind, qv.soft.support)


def _dense_columns(index: Index, ids: np.ndarray, paras: np.ndarray, around: list[range], qv: _QuestionVectors,
                   scores: _Scores) -> dict:
    vecs = scores.found.vectors(ids)
    dense_s = vecs @ qv.whole
    windows = scores.found.windows(ids)
    sentence_words = index.lexicon.sentence_words.read(j for a in around for j in a)
    column = {j: n for n, j in enumerate(sentence_words)}
    best = qv.soft.best(list(sentence_words.values()))
    # a context's best match per word is the best of its sentences'
    at = [column[j] for a in around for j in a]
    starts = np.cumsum([0] + [len(a) for a in around[:-1]])
    soft_ctx = qv.soft.scores(np.maximum.reduceat(best[:, at], starts, axis=1) if at else best[:, :0])
    return {"dense_s": dense_s, "dense_w": windows @ qv.whole, "dense_p": scores.dense_p.of(paras),
            "dense_s_rel": dense_s - float(dense_s.max()),
            "soft_s": qv.soft.scores(best[:, [column[int(i)] for i in ids]])[:, 0],
            "soft_ctx": soft_ctx[:, 0], "soft_min": soft_ctx[:, 1],
            "rest_s": vecs @ qv.rest, "rest_w": windows @ qv.rest, "rest_share": np.full(len(ids), qv.rest_share),
            "gain_s": dense_s - vecs @ qv.anchors, "gain_w": windows @ (qv.whole - qv.anchors)}


def _word_columns(index: Index, ids: np.ndarray, paras: np.ndarray, around: list[range], query: Query, kind: str,
                  scores: _Scores, sets: TermSets) -> dict:
    lex = index.lexicon.sentences
    qterms, total, found, bm25_p = scores.qterms, scores.total, scores.found, scores.bm25_p
    # every candidate with its neighbours (a candidate is in its own context): each text cut once
    text_of = {j: index.text(index.sentences[j]) for a in around for j in a}
    texts = [text_of[int(i)] for i in ids]
    asked = set(words(query.text)) | set(words(query.context))
    has = {j: _has_kind(t, kind, asked) for j, t in text_of.items()}
    return {
        "bm25_s_rel": found.bm25(ids) / max(found.bm25_max, 1e-6),
        "bm25_p_rel": bm25_p[paras] / max(float(bm25_p.max()), 1e-6),
        "cov_s": lex.coverage(sets.sentence, qterms, total),
        "cov_ctx": lex.coverage(sets.context, qterms, total),
        "cov_p": lex.coverage(sets.paragraph, qterms, total),
        "kind_s": [has[int(i)] for i in ids],
        # of a sentence or a neighbour: each read once, as the candidates' contexts overlap
        "kind_ctx": [max(has[j] for j in a) for a in around],
        "novel": [_novel(t, asked) for t in texts],
        "log_len": [math.log1p(len(t.split())) for t in texts],
        "lead": [float(index.paragraphs[p].section == LEAD) for p in paras],
        "first_para": [float(p in index.first_paragraphs) for p in paras],
        "sent_pos": np.minimum(index.position[ids], 5) / 5,
        "bigram": _bigram_shares(lex, query.text, texts, sets.sentence),
    }


def answerable_features(r: Ranked, verified: np.ndarray) -> dict[str, float]:
    """What the refusal model reads, by name: how good the best sentences are, what the verifier
    reads in them (`verified`: its probabilities for the top sentences), and what was asked."""
    own = r.scores if r.raw is None else r.raw
    scores = list(own[:3]) + [0.0] * (3 - min(3, len(own)))
    out = dict(zip(("score", "score2", "score3"), map(float, scores)))
    out["verified"] = float(verified[0]) if len(verified) else 0.0
    out["verified_max"] = float(verified.max()) if len(verified) else 0.0
    out |= {name: float(r.features[0, FEATURES.index(name)]) for name in ANSWERABLE_FEATURES if name in FEATURES}
    # the closest any candidate comes in meaning, whichever the ranker put first
    out["dense_max"] = float(r.features[:, FEATURES.index("dense_s")].max())
    out["dense_w_max"] = float(r.features[:, FEATURES.index("dense_w")].max())
    out["absent"], out["weakest"] = map(float, r.support)
    out |= {f"is_{k}": float(r.kind == k) for k in KINDS}
    return out

"""Finding the sentences that answer a question: dense and BM25 candidates, scored by a small
learned ranker over features of the sentence, its neighbours and its paragraph."""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import faiss
import numpy as np
from threadpoolctl import threadpool_limits

from . import config, embed
from .index import Index
from .lexical import content_words, stem, term_pairs, terms, words
from .sources import LEAD
from .questions import answer_kind, candidate_spans, definition, definition_subject, without_article

FEATURES = ("dense_s", "dense_w", "dense_p", "dense_s_rel", "bm25_s_rel", "bm25_p_rel", "cov_s", "cov_ctx", "cov_p",
            "kind_s", "kind_ctx", "novel", "log_len", "lead", "first_para", "sent_pos",
            "bigram", "soft_s", "soft_ctx", "soft_min", "rest_s", "rest_w", "rest_share", "gain_s", "gain_w")


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
    support: tuple[float, float]  # share of question words the article never mentions, even by a
                                  # near-synonym; and the weakest word's best match anywhere
    raw: np.ndarray | None = None  # the ranker's own probabilities, before conversation and section
                                   # boosts (what the refusal model was trained on); None: = scores
    named: frozenset[int] = frozenset()  # paragraphs of the sections the question names
    defined: bool = False      # the best sentence says what the question asks to be defined


@dataclass(frozen=True)
class Model:
    """A small feed-forward classifier stored as JSON: standardise, ReLU layers, sigmoid."""
    mean: np.ndarray
    scale: np.ndarray
    layers: tuple[tuple[np.ndarray, np.ndarray], ...]

    @classmethod
    def from_json(cls, d: dict) -> "Model":
        layers = tuple((np.asarray(l["w"], dtype=np.float32), np.asarray(l["b"], dtype=np.float32))
                       for l in d["layers"])
        return cls(np.asarray(d["mean"], dtype=np.float32), np.asarray(d["scale"], dtype=np.float32), layers)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        h = (x - self.mean) / self.scale
        for n, (w, b) in enumerate(self.layers):
            h = h @ w + b
            if n < len(self.layers) - 1:
                h = np.maximum(h, 0.0)
        return 1.0 / (1.0 + np.exp(-h[..., 0]))


def limit_threads() -> None:
    """Answer-time numpy and faiss work in one thread each (process-wide): see config.ANSWER_THREADS."""
    threadpool_limits(config.ANSWER_THREADS, user_api="blas")
    faiss.omp_set_num_threads(config.ANSWER_THREADS)


@lru_cache(maxsize=4)
def load_models(path: Path = config.RANKER_PATH) -> dict:
    """The trained ranker and answerability models (scripts/train_ranker.py writes them);
    RuntimeError, naming the fix, if the file is missing, unreadable or for other features."""
    retrain = "restore it from git, or retrain: python scripts/train_ranker.py"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if tuple(data["ranker"]["features"]) != FEATURES:
            raise RuntimeError(f"the trained models in {path} are for other features; {retrain}")
        return {"ranker": Model.from_json(data["ranker"]), "answerable": Model.from_json(data["answerable"]),
                "verifier": Model.from_json(data["verifier"]), "threshold": float(data["answerable"]["threshold"])}
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise RuntimeError(f"the trained models in {path} are missing or unreadable ({e!r}); {retrain}") from e


def _unknown_idf(index: Index) -> float:
    """The idf of a word no sentence has: rarer than any word that is there."""
    return math.log(1 + (len(index.sentences) + 0.5) / 0.5)


def _question_terms(index: Index, query: Query) -> tuple[dict[int, float], float]:
    """{term id: weight} of the question (earlier turns count less), and its total weight."""
    lex = index.sentence_lexicon
    unknown_idf = _unknown_idf(index)
    weights: dict[int, float] = {}
    total = 0.0
    for text, w in ((query.text, 1.0), (query.context, config.FOLLOWUP_WEIGHT)):
        for t in dict.fromkeys(terms(text)):
            hit = lex.lookup(t)
            idf = float(lex.idf[hit[0]]) if hit else unknown_idf
            total += w * idf
            if hit is None:
                continue
            j, confidence = hit
            weights[j] = max(weights.get(j, 0.0), w * confidence)
    return weights, total


def _coverage(term_sets: list[frozenset[int]], weights: dict[int, float], idf: np.ndarray, total: float) -> np.ndarray:
    if not total:
        return np.zeros(len(term_sets), dtype=np.float32)
    return np.array([sum(w * idf[j] for j, w in weights.items() if j in ts) / total for ts in term_sets],
                    dtype=np.float32)


# Per-text pieces of the features below, cached: the same sentences are candidates for many questions.
@lru_cache(maxsize=1 << 16)
def _kind_pieces(text: str, kind: str) -> tuple[frozenset[str], ...]:
    """The words of each piece of the given answer type in the text (dates, numbers, names...)."""
    return tuple(frozenset(words(text[a:b])) for a, b in candidate_spans(text, kind))


@lru_cache(maxsize=1 << 16)
def _word_set(text: str) -> tuple[frozenset[str], int]:
    ws = words(text)
    return frozenset(ws), len(ws)


def _has_kind(text: str, kind: str, question_words: set[str]) -> float:
    """1 if the text holds a piece of the asked type that the question does not already name."""
    if kind == "other":
        return 0.0
    return float(any(piece - question_words for piece in _kind_pieces(text, kind)))


def _novel(text: str, question_words: set[str]) -> float:
    """Share of the text's words that the question does not use."""
    ws, n = _word_set(text)
    return len(ws - question_words) / max(1, n)


def _bigram_share(qbigrams: frozenset[tuple[str, str]], text: str) -> float:
    """Share of the question's adjacent word pairs that the text has as a phrase too."""
    return len(qbigrams & term_pairs(text)) / len(qbigrams) if qbigrams else 0.0


class _SoftCoverage:
    """Scores word sets by the idf-weighted share of the question's words they hold, or hold a
    near-synonym of (cosine of the words' own embeddings: "venue" meets "stadium")."""

    def __init__(self, index: Index, qwords: list[str], new_vecs: dict[str, np.ndarray]):
        self.index = index
        self.support = (0.0, 1.0)
        if not qwords:
            self.qv = None
            return
        lex = index.sentence_lexicon
        unknown_idf = _unknown_idf(index)
        self.idf = np.array([lex.idf[lex.vocab[stem(w)]] if stem(w) in lex.vocab else unknown_idf
                             for w in qwords], dtype=np.float32)
        self.qv = np.vstack([index.word_vectors[index.words[w]] if w in index.words else new_vecs[w]
                             for w in qwords])
        anywhere = (self.qv @ index.word_vectors.T).max(axis=1) if len(index.words) else np.zeros(len(qwords))
        self.support = (float(np.mean(anywhere < config.SYNONYM_MIN_COSINE)), float(anywhere.min()))

    def __call__(self, sets: list[np.ndarray]) -> np.ndarray:
        """Per set: weighted share of the question's words met, and the least-met word's match."""
        out = np.zeros((len(sets), 2), dtype=np.float32)
        filled = [n for n, ids in enumerate(sets) if len(ids)]
        if self.qv is None or not filled:
            return out
        # One product for all sets, then each set's best match per question word.
        sims = self.qv @ self.index.word_vectors[np.concatenate([sets[n] for n in filled])].T
        starts = np.cumsum([0] + [len(sets[n]) for n in filled[:-1]])
        best = np.clip(np.maximum.reduceat(sims, starts, axis=1), 0.0, 1.0)
        out[filled, 0] = (self.idf @ best) / float(self.idf.sum())
        out[filled, 1] = best.min(axis=0)
        return out


def _top(scores: np.ndarray, k: int) -> np.ndarray:
    """Ids of the k highest scores, in no order (a partition: a full sort costs ~100 ms at a million)."""
    return np.argpartition(-scores, k)[:k] if len(scores) > k else np.arange(len(scores))


def featurize(index: Index, query: Query) -> Ranked:
    """The candidate sentences for a question and their features, not yet scored."""
    # What the question asks beyond the words it shares with the article ("where was ... born?"):
    # a sentence that answers should still be close to it; one that merely names the same things is not.
    qw = words(query.text)
    rest = [w for w in qw if w not in index.words]
    rest_share = len(rest) / max(1, len(qw))
    qwords = list(dict.fromkeys(content_words(query.text)))
    new = [w for w in qwords if w not in index.words]
    # ...and the words it shares with the article alone: if the whole question is no closer to a
    # sentence than these are, the sentence matches the topic but not what is asked about it.
    anchors = [w for w in qwords if w in index.words]
    vectors = embed.encode_queries([query.embed_text, " ".join(rest) or "?", " ".join(anchors) or "?", *new])
    qvec = vectors[0]
    rest_vec = vectors[1] if rest else np.zeros_like(qvec)
    anchor_vec = vectors[2] if anchors else np.zeros_like(qvec)
    soft = _SoftCoverage(index, qwords, dict(zip(new, vectors[3:])))
    lex, plex = index.sentence_lexicon, index.paragraph_lexicon
    qterms, total = _question_terms(index, query)
    kind = answer_kind(query.text)
    asked = set(words(query.text)) | set(words(query.context))
    qbigrams = term_pairs(query.text)

    bm25_s = lex.query(qterms)
    dense_p = index.paragraph_vectors @ qvec
    bm25_p = plex.query(qterms)
    if len(index.sentences) <= config.SCORE_ALL_BELOW:  # a short article: every sentence is a candidate
        cand = set(range(len(index.sentences)))
    else:  # the dense and lexical neighbours, and every sentence of the best paragraphs
        _, dense_ids = index.sentence_vectors.search(qvec[None, :], config.DENSE_CANDIDATES)
        para_score = dense_p + 0.3 * bm25_p / max(float(bm25_p.max()), 1e-6)
        top_paras = _top(para_score, config.PARAGRAPH_CANDIDATES)
        cand = set(int(i) for i in dense_ids[0] if i >= 0)
        cand |= set(int(i) for i in _top(bm25_s, config.LEXICAL_CANDIDATES) if bm25_s[i] > 0)
        for p in list(top_paras) + list(query.focus) + _leads_asked_about(index, query.text):
            cand |= set(index.sentences_of[int(p)])
    ids = np.array(sorted(cand), dtype=np.int64)

    vecs = index.sentence_vectors.reconstruct_batch(ids)
    dense_s = vecs @ qvec
    paras = np.array([index.sentences[i].para for i in ids])
    heads = [index.heading_terms[p] for p in paras]
    texts = [index.text(index.sentences[i]) for i in ids]
    around = [index.neighbours[i] for i in ids]
    ctx_sets = [h.union(*(lex.doc_terms[j] for j in a)) for h, a in zip(heads, around)]
    ctx_texts = [" ".join(index.text(index.sentences[j]) for j in a) for a in around]
    ctx_words = [np.unique(np.concatenate([index.sentence_words[j] for j in a])) for a in around]
    x = np.column_stack([
        dense_s,
        index.window_vectors[ids] @ qvec,
        dense_p[paras],
        dense_s - float(dense_s.max()),
        bm25_s[ids] / max(float(bm25_s.max()), 1e-6),
        bm25_p[paras] / max(float(bm25_p.max()), 1e-6),
        _coverage([lex.doc_terms[i] | h for i, h in zip(ids, heads)], qterms, lex.idf, total),
        _coverage(ctx_sets, qterms, lex.idf, total),
        _coverage([plex.doc_terms[p] | h for p, h in zip(paras, heads)], qterms, lex.idf, total),
        [_has_kind(t, kind, asked) for t in texts],
        [_has_kind(t, kind, asked) for t in ctx_texts],
        [_novel(t, asked) for t in texts],
        [math.log1p(len(t.split())) for t in texts],
        [float(index.paragraphs[p].section == LEAD) for p in paras],
        [float(p in index.first_paragraphs) for p in paras],
        np.minimum(index.position[ids], 5) / 5,
        [_bigram_share(qbigrams, t) for t in texts],
        soft([index.sentence_words[i] for i in ids])[:, 0],
        *soft(ctx_words).T,
        vecs @ rest_vec,
        index.window_vectors[ids] @ rest_vec,
        np.full(len(ids), rest_share),
        dense_s - vecs @ anchor_vec,
        index.window_vectors[ids] @ (qvec - anchor_vec),
    ]).astype(np.float32)
    return Ranked(ids, np.zeros(len(ids), dtype=np.float32), x, kind, soft.support)


def named_sections(index: Index, question: str) -> frozenset[int]:
    """Paragraphs of the sections whose heading the question names: the heading's words in a row
    ("listed under Further reading", "the See also section"); a one-word heading only together
    with the word "section", so that "what was his background?" names nothing."""
    asked = " " + " ".join(words(question)) + " "
    return frozenset(i for i, heading in enumerate(index.section_words)
                     if heading and f" {' '.join(heading)} " in asked and (len(heading) > 1 or " section " in asked))


def _leads_asked_about(index: Index, question: str) -> list[int]:
    """The first paragraphs of the documents the question asks to be defined, by title or as "this
    article" ("What is Super Bowl 50?"): where an article says what its subject is."""
    if definition_subject(question, "") is None:
        return []
    out = []
    for p in sorted(index.first_paragraphs):
        title = without_article(index.docs[index.paragraphs[p].doc].title)
        if definition_subject(question, title).lower() == title.lower():
            out.append(p)
    return out[: config.PARAGRAPH_CANDIDATES]


def _defining(index: Index, question: str, sentence_ids: np.ndarray) -> np.ndarray:
    """For each sentence: does it define what the question asks to be defined?"""
    out = np.zeros(len(sentence_ids), dtype=bool)
    if definition_subject(question, "") is None:  # no definition asked for
        return out
    subjects: dict[int, str] = {}  # per document: "this article" stands for its title
    for k, i in enumerate(sentence_ids):
        s = index.sentences[i]
        doc = index.paragraphs[s.para].doc
        if doc not in subjects:
            subjects[doc] = definition_subject(question, index.docs[doc].title)
        out[k] = definition(subjects[doc], index.text(s)) is not None
    return out


def rank(index: Index, query: Query) -> Ranked:
    """Score candidate sentences for the question; best first."""
    r = featurize(index, query)
    raw = scores = load_models()["ranker"](r.features)
    if query.focus:  # a follow-up most likely asks about what the previous answer quoted
        in_focus = np.array([index.sentences[i].para in query.focus for i in r.sentences])
        scores = np.where(in_focus, scores ** (1 / config.FOCUS_BOOST), scores)
    defined = _defining(index, query.text, r.sentences)
    if defined.any():  # "What was X?" asks first for the sentence that says what X was ("X was a theory..."),
        # and of several, for the first the article has: the definition, not what is said of X later
        scores = np.where(defined, scores + 1.0, scores) + (r.sentences == r.sentences[defined].min())
    named = named_sections(index, query.text)
    if named:  # a question that names a section ("listed under Further reading") asks about it
        scores = scores + np.array([index.sentences[i].para in named for i in r.sentences], dtype=np.float32)
    order = np.argsort(-scores, kind="stable")
    r.raw = raw[order]
    r.sentences, r.scores, r.features = r.sentences[order], np.minimum(scores[order], 1.0), r.features[order]
    r.named = named
    r.defined = bool(defined[order[0]])  # an index always has sentences to rank
    return r


def verify(index: Index, question: str, sentence_ids, verifier: Model | None = None) -> np.ndarray:
    """Probability that each sentence holds the answer, reading it together with the question."""
    if len(sentence_ids) == 0:
        return np.zeros(0, dtype=np.float32)
    verifier = verifier or load_models()["verifier"]
    texts = [index.text(index.sentences[int(i)]) for i in sentence_ids]
    return verifier(embed.encode_pairs(question, texts)).astype(np.float32)


KINDS = ("date", "number", "person", "place", "title", "entity", "other")
ANSWERABLE_FEATURES = ("score", "score2", "score3", "verified", "verified_max", "dense_s", "dense_w", "dense_p",
                       "bm25_s_rel", "cov_s", "cov_ctx", "cov_p", "kind_s", "kind_ctx", "bigram", "soft_s",
                       "soft_ctx", "soft_min", "rest_s", "rest_w", "rest_share", "gain_s", "gain_w", "absent",
                       "weakest") + tuple(f"is_{k}" for k in KINDS)


def answerable_features(r: Ranked, verified: np.ndarray) -> np.ndarray:
    """What the refusal model looks at: how good the best sentences are, what the verifier reads in
    them (`verified`: its probabilities for the top sentences), and what was asked."""
    top = r.features[0]
    names = {n: i for i, n in enumerate(FEATURES)}
    own = r.scores if r.raw is None else r.raw
    scores = list(own[:3]) + [0.0] * (3 - min(3, len(own)))
    v = list(verified[:1]) + [float(verified.max())] if len(verified) else [0.0, 0.0]
    return np.array(scores + v + [top[names[n]] for n in ANSWERABLE_FEATURES[5:-len(KINDS) - 2]]
                    + list(r.support) + [float(r.kind == k) for k in KINDS], dtype=np.float32)

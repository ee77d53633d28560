"""BM25 over a fixed list of texts (sentences or paragraphs), behind a small interface: look a term
up (repairing misspellings), score every text for a weighted query, and ask a term's idf, a text's
terms and the texts a term is in. Nothing outside reads its matrices."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
from scipy import sparse

from .lexical import terms, typos


@dataclass
class Bm25:
    vocab: dict[str, int]
    idf: np.ndarray             # per term
    weights: sparse.csc_matrix  # texts x terms: BM25 term-frequency part, idf not applied
    doc_terms: list[frozenset[int]]  # per text, its term ids

    @classmethod
    def build(cls, texts: list[str], like: Bm25 | None = None, k1: float = 1.2, b: float = 0.75) -> Bm25:
        """Index `texts`; `like`: another Bm25 whose term ids these share (and add to)."""
        vocab = {} if like is None else like.vocab
        rows, cols, tfs, doc_terms, lengths = [], [], [], [], []
        for i, text in enumerate(texts):
            counts: dict[int, int] = {}
            toks = terms(text)
            for t in toks:
                j = vocab.setdefault(t, len(vocab))
                counts[j] = counts.get(j, 0) + 1
            rows += [i] * len(counts)
            cols += list(counts)
            tfs += list(counts.values())
            doc_terms.append(frozenset(counts))
            lengths.append(len(toks))
        return cls(vocab, *_weigh(rows, cols, tfs, lengths, len(vocab), k1, b), doc_terms)

    @cached_property
    def _vocab_list(self) -> list[str]:
        return list(self.vocab)

    def term_id(self, term: str) -> int | None:
        """The id of a term spelt exactly so, or None."""
        return self.vocab.get(term)

    def term_idf(self, term: str, unknown: float) -> float:
        """The idf of a term spelt exactly so; `unknown` for one no text has."""
        j = self.vocab.get(term)
        return unknown if j is None else float(self.idf[j])

    def weight(self, term_id: int) -> float:
        """A term's idf."""
        return float(self.idf[term_id])

    def coverage(self, term_sets: list[frozenset[int]], weights: dict[int, float], total: float) -> np.ndarray:
        """Per set of term ids: the idf-weighted share of a query's terms ({id: weight}, of total
        weight `total`) that it holds."""
        if not total:
            return np.zeros(len(term_sets), dtype=np.float32)
        return np.array([sum(w * self.idf[j] for j, w in weights.items() if j in ts) / total for ts in term_sets],
                        dtype=np.float32)

    def missing(self, term_sets: list[frozenset[int]], weights: dict[int, float]) -> np.ndarray:
        """Per set of term ids: the largest weighted idf of a query term ({id: weight}) it lacks;
        one missing rare word ("Which king ...?" of a sentence about another) weighs more than a
        share of common ones."""
        heaviest = sorted(((w * float(self.idf[j]), j) for j, w in weights.items()), reverse=True)
        return np.array([next((v for v, j in heaviest if j not in ts), 0.0) for ts in term_sets], dtype=np.float32)

    def texts_with(self, term_id: int) -> np.ndarray:
        """The texts a term is in."""
        return self.weights[:, term_id].indices

    def lookup(self, term: str) -> tuple[int, float] | None:
        """The vocabulary id for a query term, repairing misspellings; (id, confidence)."""
        j = self.vocab.get(term)
        if j is not None:
            return j, 1.0
        if len(term) < 4 or not term.isalpha():
            return None
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        hit = process.extractOne(term, self._vocab_list, scorer=OSA.distance, score_cutoff=typos(term))
        return (self.vocab[hit[0]], 1.0 - hit[1] / (len(term) + 1)) if hit else None

    def query(self, weighted_terms: dict[int, float]) -> np.ndarray:
        """BM25 score of every text for {term id: query weight}."""
        if not weighted_terms:
            return np.zeros(self.weights.shape[0], dtype=np.float32)
        ids = np.fromiter(weighted_terms, dtype=np.int64)
        q = self.idf[ids] * np.fromiter(weighted_terms.values(), dtype=np.float32)
        return np.asarray(self.weights[:, ids] @ q, dtype=np.float32).ravel()


def _weigh(rows: list[int], cols: list[int], tfs: list[int], lengths: list[int], n_terms: int,
           k1: float, b: float) -> tuple[np.ndarray, sparse.csc_matrix]:
    """The idf of each term and the texts x terms matrix of BM25's term-frequency part."""
    n = len(lengths)
    lengths_a = np.asarray(lengths, dtype=np.float32)
    avg = float(lengths_a.mean()) if n else 1.0
    tf = np.asarray(tfs, dtype=np.float32)
    norm = k1 * (1 - b + b * lengths_a[np.asarray(rows, dtype=np.int64)] / max(avg, 1e-6)) if n else tf
    w = tf * (k1 + 1) / (tf + norm)
    weights = sparse.csc_matrix((w, (rows, cols)), shape=(n, n_terms), dtype=np.float32)
    df = np.bincount(np.asarray(cols, dtype=np.int64), minlength=n_terms).astype(np.float32)
    idf = np.log(1 + (n - df + 0.5) / (df + 0.5)).astype(np.float32)
    return idf, weights

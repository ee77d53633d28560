"""Where a question searches the sentences and reads what the ranker needs of each candidate: its
vector, its window's vector and its terms. Two stores sit behind this one interface: the index
directory itself (faiss, BM25 postings and window vectors on disk; the default) and a Milvus
collection (milvus_store.py) for corpora that outgrow one machine. Nothing else in the bot knows
which one an index has: features.py asks `lookup` once a question and reads the Lookup it gets."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Protocol

import faiss
import numpy as np

from .bm25 import Bm25
from .rows import OnDisk


class Lookup(Protocol):
    """What one question found: the sentences its searches returned, and fields of any sentence."""

    @property
    def searched(self) -> np.ndarray:
        """The dense search's top sentences and BM25's (score above 0), ascending ids."""

    @property
    def bm25_max(self) -> float:
        """The highest BM25 score of any sentence."""

    def bm25(self, ids: np.ndarray) -> np.ndarray:
        """BM25 scores of these sentences."""

    def vectors(self, ids: np.ndarray) -> np.ndarray:
        """The sentences' own vectors."""

    def windows(self, ids: np.ndarray) -> np.ndarray:
        """The vectors of the sentences read with their neighbours."""

    def terms(self, ids) -> dict[int, frozenset[int]]:
        """The term ids of each sentence."""


class SentenceStore(Protocol):
    def __len__(self) -> int:
        """How many sentences it holds."""

    def lookup(self, qvec: np.ndarray, qterms: dict[int, float], dense_k: int, lexical_k: int) -> Lookup:
        """A question's searches: `qvec` its vector, `qterms` {term id: weight} (BM25 multiplies by idf)."""

    def texts_with(self, term_id: int, limit: int) -> np.ndarray | None:
        """The sentences a term is in; None if there are more than `limit`."""

    def holds(self, sentences: int, dimension: int) -> bool:
        """Whether every part of the store has this many sentences, with vectors of this dimension."""


def top(scores: np.ndarray, k: int) -> np.ndarray:
    """Ids of the k highest scores, in no order (a partition: a full sort costs ~100 ms at a million)."""
    return np.argpartition(-scores, k)[:k] if len(scores) > k else np.arange(len(scores))


@dataclass
class LocalSentences:
    """The index directory's own: faiss for the vectors, BM25 postings and window vectors on disk."""
    vectors: faiss.Index
    windows: OnDisk
    bm25: Bm25

    def __len__(self) -> int:
        return self.vectors.ntotal

    def lookup(self, qvec: np.ndarray, qterms: dict[int, float], dense_k: int, lexical_k: int) -> Lookup:
        return _LocalLookup(self, qvec, self.bm25.query(qterms), dense_k, lexical_k)

    def texts_with(self, term_id: int, limit: int) -> np.ndarray | None:
        ids = self.bm25.texts_with(term_id)
        return ids if len(ids) <= limit else None

    def holds(self, sentences: int, dimension: int) -> bool:
        return (self.vectors.ntotal == len(self.windows) == len(self.bm25.text_terms) == sentences
                and self.vectors.d == dimension)


@dataclass
class _LocalLookup:
    store: LocalSentences
    qvec: np.ndarray
    scores: np.ndarray          # BM25 of every sentence: the postings of a question's terms added up
    dense_k: int
    lexical_k: int
    _max: float = field(init=False)

    def __post_init__(self):
        self._max = float(self.scores.max()) if len(self.scores) else 0.0

    @cached_property
    def searched(self) -> np.ndarray:  # not asked of an article short enough to score whole
        _, dense = self.store.vectors.search(self.qvec[None, :], self.dense_k)
        lexical = np.flatnonzero(self.scores > 0)  # a partition of these alone: most of a million score 0
        found = set(dense[0][dense[0] >= 0].tolist()) | set(lexical[top(self.scores[lexical], self.lexical_k)].tolist())
        return np.array(sorted(found), dtype=np.int64)

    @property
    def bm25_max(self) -> float:
        return self._max

    def bm25(self, ids: np.ndarray) -> np.ndarray:
        return self.scores[ids]

    def vectors(self, ids: np.ndarray) -> np.ndarray:
        return self.store.vectors.reconstruct_batch(ids)

    def windows(self, ids: np.ndarray) -> np.ndarray:
        return self.store.windows[ids]

    def terms(self, ids) -> dict[int, frozenset[int]]:
        return self.store.bm25.terms_of(ids)

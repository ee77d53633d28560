"""How close the question comes in meaning to each paragraph (cosine of MiniLM vectors), which
chooses the paragraphs whose sentences become candidates and is a feature of each candidate.

An index with few paragraphs gets them all in one product, exactly. A larger one (a quarter of a
million paragraphs is a 384 MB product, 35 ms a question) asks its paragraph index for the nearest
and reads exact vectors only for those, the BM25 best and the candidates' own: a paragraph nobody
read is given the least cosine read, so it can rise only by its BM25."""
from __future__ import annotations

import numpy as np

from . import config
from .index import Index


class Closeness:
    def __init__(self, index: Index, qvec: np.ndarray, bm25_p: np.ndarray):
        self._index, self._qvec = index, qvec
        n = len(index.paragraphs)
        self.exact = n <= config.FLAT_MAX_VECTORS
        if self.exact:
            self.values = index.paragraph_vectors @ qvec
            return
        k = min(n, config.PARAGRAPH_SEARCH)
        _, near = index.paragraph_index.search(qvec[None, :], k)
        likely = np.argpartition(-bm25_p, k - 1)[:k] if k < n else np.arange(n)
        ids = np.union1d(near[0][near[0] >= 0], likely)
        read = np.asarray(index.paragraph_vectors[ids]) @ qvec
        self.values = np.full(n, read.min(), dtype=np.float32)
        self.values[ids] = read
        self._read = np.zeros(n, dtype=bool)
        self._read[ids] = True

    def of(self, paragraphs: np.ndarray) -> np.ndarray:
        """Exact cosines of these paragraphs."""
        if not self.exact:
            unread = np.unique(paragraphs[~self._read[paragraphs]])
            if len(unread):
                self.values[unread] = np.asarray(self._index.paragraph_vectors[unread]) @ self._qvec
                self._read[unread] = True
        return self.values[paragraphs]

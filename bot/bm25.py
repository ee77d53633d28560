"""BM25 over a fixed list of texts (sentences or paragraphs), behind a small interface: look a term
up (repairing misspellings), score every text for a weighted query, and ask a term's idf, a text's
terms and the texts a term is in. Built when an index is written; its postings and term lists stay on disk when it is read.
Nothing outside reads its arrays."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np
from tqdm import tqdm

from .lexical import terms, typos
from .rows import OnDisk, Rows

CHUNK = 50_000  # texts tokenised at a time while building, so memory holds ids, not Python objects


@dataclass
class Bm25:
    vocab: dict[str, int]
    idf: np.ndarray             # per term
    postings: Rows | None       # per term, the texts it is in (ascending)
    weights: np.ndarray | OnDisk | None  # beside postings.values: BM25's term-frequency part, idf not applied
    text_terms: Rows | None     # per text, its term ids

    @classmethod
    def build(cls, texts: Iterable[str], vocab: dict[str, int], k1: float = 1.2, b: float = 0.75,
              progress: str = "") -> Bm25:
        """Index `texts`, adding their terms to `vocab` (shared by the Bm25s of one index)."""
        ids, tfs, lengths, starts = [], [], [], [0]
        chunk_ids: list[int] = []
        chunk_tfs: list[int] = []
        for i, text in enumerate(tqdm(texts, desc=progress, unit="text", disable=not progress, mininterval=2)):
            toks = terms(text)
            counts: dict[int, int] = {}
            for t in toks:
                j = vocab.setdefault(t, len(vocab))
                counts[j] = counts.get(j, 0) + 1
            chunk_ids += counts
            chunk_tfs += counts.values()
            starts.append(starts[-1] + len(counts))
            lengths.append(len(toks))
            if (i + 1) % CHUNK == 0:
                ids.append(np.array(chunk_ids, dtype=np.int32))
                tfs.append(np.array(chunk_tfs, dtype=np.float32))
                chunk_ids, chunk_tfs = [], []
        ids.append(np.array(chunk_ids, dtype=np.int32))
        tfs.append(np.array(chunk_tfs, dtype=np.float32))
        text_terms = Rows(np.array(starts, dtype=np.int64), np.concatenate(ids))
        return cls(vocab, *_weigh(text_terms, np.concatenate(tfs), np.array(lengths, dtype=np.float32),
                                  len(vocab), k1, b), text_terms)

    def save(self, directory: Path, name: str) -> None:
        """Its arrays as .npy files named after `name` (the vocabulary is the index's to save)."""
        np.save(directory / f"{name}.idf.npy", self.idf)
        np.save(directory / f"{name}.weights.npy", self.weights)
        self.postings.save(directory, f"{name}.postings")
        self.text_terms.save(directory, f"{name}.terms")

    @staticmethod
    def files(name: str) -> tuple[str, ...]:
        return (f"{name}.idf.npy", f"{name}.weights.npy", *Rows.files(f"{name}.postings"),
                *Rows.files(f"{name}.terms"))

    @classmethod
    def load(cls, directory: Path, name: str, vocab: dict[str, int]) -> Bm25:
        """Postings and term lists stay on disk: a question reads those of its own terms and candidates.
        Without them (a Milvus collection serves the sentences: milvus_store.py), the idf alone."""
        if not (directory / Rows.files(f"{name}.postings")[0]).exists():
            return cls(vocab, np.load(directory / f"{name}.idf.npy"), None, None, None)
        return cls(vocab, np.load(directory / f"{name}.idf.npy"), Rows.load(directory, f"{name}.postings"),
                   OnDisk(directory / f"{name}.weights.npy"), Rows.load(directory, f"{name}.terms"))

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
        return self.postings[term_id]

    def terms_of(self, text_ids) -> dict[int, frozenset[int]]:
        """The term ids of each of these texts."""
        return {i: frozenset(t.tolist()) for i, t in self.text_terms.read(text_ids).items()}

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
        """BM25 score of every text for {term id: query weight}: each term's postings added in."""
        out = np.zeros(len(self.text_terms), dtype=np.float32)
        if not weighted_terms:
            return out
        ids = np.fromiter(weighted_terms, dtype=np.int64)
        q = self.idf[ids] * np.fromiter(weighted_terms.values(), dtype=np.float32)
        for j, w in zip(ids, q):  # in float32, term by term, as a sparse product would add them
            at = self.postings.span(j)
            out[self.postings.values[at]] += self.weights[at] * w
        return out


def _weigh(text_terms: Rows, tfs: np.ndarray, lengths: np.ndarray, n_terms: int, k1: float,
           b: float) -> tuple[np.ndarray, Rows, np.ndarray]:
    """The idf of each term, each term's postings and their BM25 term-frequency weights."""
    n = len(lengths)
    rows = np.repeat(np.arange(n, dtype=np.int32), np.diff(text_terms.starts))
    cols = text_terms.values
    avg = float(lengths.mean()) if n else 1.0
    norm = k1 * (1 - b + b * lengths[rows] / max(avg, 1e-6)) if n else tfs
    w = tfs * (k1 + 1) / (tfs + norm)
    order = np.lexsort((rows, cols))  # by term, then text
    starts = np.zeros(n_terms + 1, dtype=np.int64)
    np.cumsum(np.bincount(cols, minlength=n_terms), out=starts[1:])
    df = np.diff(starts).astype(np.float32)
    idf = np.log(1 + (n - df + 0.5) / (df + 0.5)).astype(np.float32)
    return idf, Rows(starts, rows[order]), w[order].astype(np.float32)

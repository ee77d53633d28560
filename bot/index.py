"""An index in memory: the sources, their paragraphs and sentences, their vectors, and how to move
around in them (a sentence's paragraph, neighbours and section). store.py writes and loads it;
its language views (BM25, names, word sets) are Index.lexicon."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import faiss
import numpy as np

from .lexicon import Lexicon
from .sources import Document, Paragraph, Sentence


class IndexProblem(RuntimeError):
    """An index that is missing, broken or out of date; the message says what to do."""


@dataclass(frozen=True)
class Window:
    """A stretch of one section of a document around a sentence: where a quotation it is in may
    open and close."""
    text: str                 # the document's whole text
    start: int                # where the stretch starts and ends in it
    end: int


@dataclass
class Index:
    directory: Path
    manifest: dict
    docs: list[Document]
    paragraphs: list[Paragraph]
    sentences: list[Sentence]
    sentence_vectors: faiss.Index
    window_vectors: np.ndarray
    paragraph_vectors: np.ndarray
    words: dict[str, int]       # content word -> row of word_vectors
    word_vectors: np.ndarray

    @cached_property
    def lexicon(self) -> Lexicon:
        return Lexicon(self)

    def text(self, s: Sentence) -> str:
        p = self.paragraphs[s.para]
        return self.docs[p.doc].text[s.start:s.end]

    def paragraph_text(self, i: int) -> str:
        p = self.paragraphs[i]
        return self.docs[p.doc].text[p.start:p.end]

    def title_of(self, name: str) -> str:
        """The title of the document with this file name."""
        return next(d.title for d in self.docs if d.name == name)

    def same_section(self, a: int, b: int) -> bool:
        """Whether two paragraphs are in the same section of the same document."""
        p, q = self.paragraphs[a], self.paragraphs[b]
        return p.doc == q.doc and p.section == q.section

    @cached_property
    def sentences_of(self) -> list[list[int]]:
        """Sentence ids of each paragraph, in order."""
        out: list[list[int]] = [[] for _ in self.paragraphs]
        for i, s in enumerate(self.sentences):
            out[s.para].append(i)
        return out

    @cached_property
    def neighbours(self) -> list[list[int]]:
        """Each sentence with the ones before and after it in its paragraph."""
        out = []
        for i, s in enumerate(self.sentences):
            siblings = self.sentences_of[s.para]
            pos = siblings.index(i)
            out.append(siblings[max(0, pos - 1): pos + 2])
        return out

    @cached_property
    def position(self) -> np.ndarray:
        """Each sentence's place in its paragraph (0 = first)."""
        return np.array([self.sentences_of[s.para].index(i) for i, s in enumerate(self.sentences)])

    @cached_property
    def first_paragraphs(self) -> frozenset[int]:
        """The first paragraph of each document."""
        return frozenset(min(i for i, p in enumerate(self.paragraphs) if p.doc == d) for d in
                         {p.doc for p in self.paragraphs})

    def section_window(self, sentence_id: int, back: int) -> Window:
        """The paragraphs of the sentence's section near it: up to `back` before its own, and on
        until the stretch spans 2 * `back`."""
        own = first = last = self.sentences[sentence_id].para
        while first > 0 and last - first < back and self.same_section(first - 1, own):
            first -= 1
        while last + 1 < len(self.paragraphs) and last - first < 2 * back and self.same_section(last + 1, own):
            last += 1
        doc = self.docs[self.paragraphs[own].doc]
        return Window(doc.text, self.paragraphs[first].start, self.paragraphs[last].end)

    def paragraphs_quoted(self, cited: list[tuple[str, int, int]]) -> frozenset[int]:
        """The paragraphs that quotes (file name, start, end) come from."""
        names = {d.name: i for i, d in enumerate(self.docs)}
        return frozenset(i for i, p in enumerate(self.paragraphs)
                         for name, a, b in cited if names.get(name) == p.doc and p.start < b and a < p.end)

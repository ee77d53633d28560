"""An index as answering sees it: the sources, where their paragraphs and sentences lie (layout),
their vectors, and how to move around in them (a sentence's paragraph, neighbours and section).
store.py writes and loads it; its language views (BM25, names, word sets) are Index.lexicon, and
where its sentences are searched is Index.sentence_store."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import faiss
import numpy as np

from .bm25 import Bm25
from .layout import Layout, Paragraphs, Sentences
from .lexicon import Lexicon
from .rows import OnDisk
from .sentence_store import SentenceStore
from .sources import Document, Sentence


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
    layout: Layout
    # the sentences' searches and per-sentence fields, opened once the lexicon's BM25 (its
    # vocabulary and idf) is: the directory's own (sentence_store.py) or a Milvus collection
    open_sentences: Callable[[Bm25], SentenceStore]
    paragraph_vectors: np.ndarray | OnDisk  # in memory for a small index, else left on disk
    paragraph_index: faiss.Index            # the same, searchable (closeness.py)
    words: dict[str, int]          # content word -> row of word_vectors
    word_vectors: np.ndarray
    lexicon: Lexicon = field(init=False)
    sentence_store: SentenceStore = field(init=False)

    def __post_init__(self):
        self.lexicon = Lexicon.load(self.directory, self)
        self.sentence_store = self.open_sentences(self.lexicon.sentences)

    @property
    def paragraphs(self) -> Paragraphs:
        return self.layout.paragraphs

    @property
    def sentences(self) -> Sentences:
        return self.layout.sentences

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
        return bool(self.layout.heading[a] == self.layout.heading[b])

    def sentences_in(self, p: int) -> range:
        """Sentence ids of a paragraph, in order."""
        return self.layout.sentences_in(p)

    def around(self, i: int) -> range:
        """A sentence with the ones before and after it in its paragraph."""
        return self.layout.around(i)

    @property
    def position(self) -> np.ndarray:
        """Each sentence's place in its paragraph (0 = first)."""
        return self.layout.position

    @property
    def first_paragraphs(self) -> frozenset[int]:
        """The first paragraph of each document."""
        return self.layout.first_paragraphs

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
        p = self.paragraphs
        out: set[int] = set()
        for name, a, b in cited:
            if name in names:
                out.update(np.flatnonzero((p.doc == names[name]) & (p.start < b) & (a < p.end)).tolist())
        return frozenset(out)

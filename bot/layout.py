"""Where every paragraph and sentence of an index lies, as arrays rather than a Python object each
(a million sentences would take seconds to load and gigabytes to hold): a table is indexed like a
list and hands out sources.Paragraph / sources.Sentence. Sentences are stored in reading order, so
a paragraph's sentences are a contiguous run and a sentence's neighbours are the ids beside it."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from .sources import Paragraph, Sentence

FILES = ("layout.npz",)


@dataclass(frozen=True)
class Paragraphs:
    doc: np.ndarray        # per paragraph: its document
    section: np.ndarray    # per paragraph: its heading, as a row of `sections`
    start: np.ndarray      # offsets into the document's text
    end: np.ndarray
    sections: list[str]    # every heading once

    def __len__(self) -> int:
        return len(self.doc)

    def __getitem__(self, p) -> Paragraph:
        return Paragraph(int(self.doc[p]), self.sections[self.section[p]], int(self.start[p]), int(self.end[p]))

    def __iter__(self) -> Iterator[Paragraph]:
        return (self[p] for p in range(len(self)))


@dataclass(frozen=True)
class Sentences:
    para: np.ndarray       # per sentence: its paragraph
    start: np.ndarray      # offsets into its document's text
    end: np.ndarray

    def __len__(self) -> int:
        return len(self.para)

    def __getitem__(self, i) -> Sentence:
        return Sentence(int(self.para[i]), int(self.start[i]), int(self.end[i]))

    def __iter__(self) -> Iterator[Sentence]:
        return (self[i] for i in range(len(self)))


@dataclass(frozen=True)
class Layout:
    paragraphs: Paragraphs
    sentences: Sentences

    @classmethod
    def of(cls, paragraphs: list[Paragraph], sentences: list[Sentence]) -> Layout:
        sections = list(dict.fromkeys(p.section for p in paragraphs))
        row = {s: k for k, s in enumerate(sections)}
        p = Paragraphs(np.array([x.doc for x in paragraphs], dtype=np.int32),
                       np.array([row[x.section] for x in paragraphs], dtype=np.int32),
                       np.array([x.start for x in paragraphs], dtype=np.int64),
                       np.array([x.end for x in paragraphs], dtype=np.int64), sections)
        s = Sentences(np.array([x.para for x in sentences], dtype=np.int32),
                      np.array([x.start for x in sentences], dtype=np.int64),
                      np.array([x.end for x in sentences], dtype=np.int64))
        return cls(p, s)

    def save(self, directory: Path) -> None:
        p, s = self.paragraphs, self.sentences
        np.savez(directory / FILES[0], para_doc=p.doc, para_section=p.section, para_start=p.start, para_end=p.end,
                 sections=np.array(p.sections, dtype=str), sent_para=s.para, sent_start=s.start, sent_end=s.end)

    @classmethod
    def load(cls, directory: Path) -> Layout:
        with np.load(directory / FILES[0], allow_pickle=False) as z:
            return cls(Paragraphs(z["para_doc"], z["para_section"], z["para_start"], z["para_end"],
                                  z["sections"].tolist()),
                       Sentences(z["sent_para"], z["sent_start"], z["sent_end"]))

    @cached_property
    def first_sentence(self) -> np.ndarray:
        """Per paragraph, its first sentence's id; one more entry, the number of sentences."""
        return np.searchsorted(self.sentences.para, np.arange(len(self.paragraphs) + 1)).astype(np.int64)

    def sentences_in(self, p: int) -> range:
        """Sentence ids of a paragraph, in order."""
        return range(int(self.first_sentence[p]), int(self.first_sentence[p + 1]))

    def around(self, i: int) -> range:
        """The sentence with the ones before and after it in its paragraph."""
        own = self.sentences_in(int(self.sentences.para[i]))
        return range(max(own.start, i - 1), min(own.stop, i + 2))

    @cached_property
    def position(self) -> np.ndarray:
        """Each sentence's place in its paragraph (0 = first)."""
        return np.arange(len(self.sentences)) - self.first_sentence[self.sentences.para]

    @cached_property
    def first_paragraphs(self) -> frozenset[int]:
        """The first paragraph of each document."""
        doc = self.paragraphs.doc
        return frozenset(np.flatnonzero(np.r_[True, doc[1:] != doc[:-1]]).tolist()) if len(doc) else frozenset()

    @cached_property
    def _headings(self) -> tuple[np.ndarray, list[tuple[int, str]]]:
        width = len(self.paragraphs.sections) + 1
        keys, rows = np.unique(self.paragraphs.doc.astype(np.int64) * width + self.paragraphs.section,
                               return_inverse=True)
        return rows.astype(np.int32), [(int(k // width), self.paragraphs.sections[int(k % width)]) for k in keys]

    @property
    def heading(self) -> np.ndarray:
        """Per paragraph, the (document, section) it is under, as a row of `headings`."""
        return self._headings[0]

    @property
    def headings(self) -> list[tuple[int, str]]:
        """Every (document, section) once."""
        return self._headings[1]

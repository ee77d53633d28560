"""What the words of an index say, worked out when the index is written (write) and read back,
the large arrays left on disk (Lexicon): BM25 over its sentences and paragraphs, each sentence's content words,
which words it capitalises (names), every word it uses, which words it writes side by side, and
the words of its headings. Nothing is built from the text at answer time but what one question
reads, so an index of a million sentences answers its first question in seconds."""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from tqdm import tqdm

from . import config
from .bm25 import Bm25
from .lexical import content_words, fold, near, term_pairs, terms, words
from .rows import Rows
from .sources import LEAD, Document

if TYPE_CHECKING:
    from .index import Index
    from .layout import Layout

_WORD_RE = re.compile(r"\w+")
META = "lexicon.json"
FILES = (META, *Bm25.files("bm25.sentences"), *Bm25.files("bm25.paragraphs"), *Rows.files("sentence_words"))


def _texts(docs: list[Document], layout: Layout, kind: str) -> Iterator[str]:
    table = layout.sentences if kind == "sentences" else layout.paragraphs
    doc_of = layout.paragraphs.doc[table.para] if kind == "sentences" else table.doc
    return (docs[d].text[a:b] for d, a, b in zip(doc_of.tolist(), table.start.tolist(), table.end.tolist()))


def write(directory: Path, docs: list[Document], layout: Layout, words_index: dict[str, int],
          progress: bool = False) -> None:
    """Work out the index's word views from its text and save them in `directory`.
    `words_index`: the row of each content word in the index's word vectors."""
    vocab: dict[str, int] = {}
    Bm25.build(_texts(docs, layout, "sentences"), vocab, progress="BM25 sentences" * progress).save(
        directory, "bm25.sentences")
    Bm25.build(_texts(docs, layout, "paragraphs"), vocab, progress="BM25 paragraphs" * progress).save(
        directory, "bm25.paragraphs")
    texts = tqdm(_texts(docs, layout, "sentences"), desc="sentence words", unit="text", total=len(layout.sentences),
                 disable=not progress, mininterval=2)
    Rows.of(sorted({words_index[w] for w in content_words(t) if w in words_index}) for t in texts).save(
        directory, "sentence_words")
    counts: dict[str, list[int]] = {}  # every word, lower-cased: how often in lower case, how often capitalised
    for doc in docs:
        for m in _WORD_RE.finditer(doc.text):
            w = m.group()
            counts.setdefault(w.lower(), [0, 0])[w[0].isupper()] += 1
    (directory / META).write_text(json.dumps({"terms": list(vocab), "word_cases": counts}, ensure_ascii=False),
                                  encoding="utf-8")


class Lexicon:
    """The language views of one index (Index.lexicon)."""

    def __init__(self, index: Index, sentences: Bm25, paragraphs: Bm25, sentence_words: Rows,
                 word_cases: dict[str, list[int]]):
        self._index = index
        self.sentences = sentences
        self.paragraphs = paragraphs  # shares the sentences' term ids, weighed by its own idf
        self.sentence_words = sentence_words  # per sentence, the rows of its content words' vectors
        self.word_cases = word_cases  # every word of the sources, lower-cased: [in lower case, capitalised]

    @classmethod
    def load(cls, directory: Path, index: Index) -> Lexicon:
        meta = json.loads((directory / META).read_text(encoding="utf-8"))
        vocab = {t: j for j, t in enumerate(meta["terms"])}
        return cls(index, Bm25.load(directory, "bm25.sentences", vocab), Bm25.load(directory, "bm25.paragraphs", vocab),
                   Rows.load(directory, "sentence_words"), meta["word_cases"])

    @cached_property
    def names(self) -> dict[str, int]:
        """Lower-cased words the article mostly writes with a capital: names, roughly."""
        return {w: n for w, (low, cap) in self.word_cases.items() if (n := cap) > low and w.isalpha()}

    @cached_property
    def mentioned(self) -> frozenset[str]:
        """Every word of the sources, folded (lexical.fold): what the article ever says."""
        return frozenset(fold(w) for w in self.word_cases)

    def written_in_few(self, word: str, most: int) -> bool:
        """Whether the article writes the word in at most `most` sentences (asked of the sentence
        store, which holds the postings: the index directory or a Milvus collection)."""
        found = terms(word)
        j = self.sentences.term_id(found[0]) if len(found) == 1 else None
        return j is None or self._index.sentence_store.texts_with(j, most) is not None

    @cached_property
    def _heading_pairs(self) -> frozenset[tuple[str, str]]:
        ix = self._index
        heads = {section for _, section in ix.layout.headings} | {d.title for d in ix.docs}
        return frozenset().union(*(term_pairs(h) for h in heads))

    def written_together(self, first: str, second: str) -> bool:
        """Whether the sources ever write these two words in a row (stop words aside), in a
        sentence, a heading or a title: 'Second Period' yes, 'Third Period' no. Either order will
        do (references write 'Engels, Frederick'), and one may be misspelt ('George Sandy' for
        'George Sand'), as lexical.near allows."""
        pair = tuple(terms(f"{first} {second}"))
        ids = [self.sentences.term_id(t) for t in pair]
        if len(pair) != 2 or None in ids:
            return True  # not two words, or one spelt another way (accents): cannot tell

        def said(pairs) -> bool:
            return any(x[k] == pair[k] and near(x[1 - k], pair[1 - k])
                       for p in pairs for x in (p, p[::-1]) for k in (0, 1))

        if said(self._heading_pairs):
            return True
        # Each word's sentences hold every pair it is in, so the rarer word's alone tell whether the
        # two are ever side by side; a word in too many is not read (bounded time at a million).
        ix = self._index
        rows = [ix.sentence_store.texts_with(j, config.PAIR_CHECK_SENTENCES) for j in ids]
        readable = [r for r in rows if r is not None]
        if not readable:
            return True  # both words too common to read every sentence: cannot tell
        return any(said(term_pairs(ix.text(ix.sentences[i]))) for r in readable for i in r)

    @cached_property
    def section_words(self) -> list[tuple[str, ...]]:
        """Per heading (Layout.headings), the lower-cased words of its section (none for the lead)."""
        return [tuple(words(section)) if section != LEAD else () for _, section in self._index.layout.headings]

    def under(self, headings: list[int]) -> frozenset[int]:
        """The paragraphs under these headings (rows of Layout.headings)."""
        return frozenset(np.flatnonzero(np.isin(self._index.layout.heading, headings)).tolist())

    @cached_property
    def _heading_terms(self) -> list[frozenset[int]]:
        ix = self._index
        return [frozenset(j for t in terms(f"{ix.docs[doc].title} {section if section != LEAD else ''}")
                          if (j := self.sentences.term_id(t)) is not None) for doc, section in ix.layout.headings]

    def heading_terms(self, p: int) -> frozenset[int]:
        """The term ids of a paragraph's document title and section heading: words that are
        implicitly part of every sentence under them."""
        return self._heading_terms[self._index.layout.heading[p]]
